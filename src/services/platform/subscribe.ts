import type { PlatformSubscribe } from './types'

/** H5: browsers have no WeChat subscribe messages; 任务 shows a digest there instead. */
export const platformSubscribe: PlatformSubscribe = {
  supported: false,
  request: async () => ({ kind: 'unsupported' }),
}
