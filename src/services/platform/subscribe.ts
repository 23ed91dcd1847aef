import type { PlatformSubscribe } from './types'

/** H5: browsers have no WeChat subscribe messages; reminders are the 任务 tab only. */
export const platformSubscribe: PlatformSubscribe = {
  request: async () => ({ kind: 'unsupported' }),
}
