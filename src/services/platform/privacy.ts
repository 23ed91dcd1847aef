import type { PlatformPrivacy } from './types'

/** H5: no WeChat privacy guide applies; the app asks nothing before its (non-privacy) calls. */
export const platformPrivacy: PlatformPrivacy = {
  needsAuthorization: async () => false,
  openContract: async () => undefined,
  onRequest: () => () => undefined,
  agreed: () => undefined,
  declined: () => undefined,
}
