import type { PlatformScan } from './types'

/** H5: no camera scanner (Taro has no scanCode here): the sign-in page offers a field to paste the code. */
export const platformScan: PlatformScan = {
  canScan: false,
  scan: async () => null,
}
