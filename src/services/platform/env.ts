/**
 * Build-time settings (inlined by Taro from .env.<mode>). H5: the API is on the same origin as the
 * page (the server serves dist/h5 and /api), so the base is usually ''.
 */
export const apiBase: string = process.env.TARO_APP_API_BASE ?? ''
export const demoMode: boolean = process.env.TARO_APP_DEMO === 'true'

/** Where the H5 pages are served (the big-screen link opens there): this page's own origin. */
export function webOrigin(): string {
  return typeof window !== 'undefined' && window.location ? window.location.origin : ''
}
