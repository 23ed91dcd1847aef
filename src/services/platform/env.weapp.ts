/**
 * Build-time settings (inlined by Taro from .env.<mode>). The mini-program has no origin of its own:
 * it needs the API's full https URL, registered as a 合法域名 in the mini-program admin.
 */
export const apiBase: string = process.env.TARO_APP_WEAPP_API_BASE ?? ''
/** The mini-program always logs in with WeChat; the demo picker exists only in H5. */
export const demoMode: boolean = false

/** Where the H5 pages are served (the big-screen link opens there): the API server serves them too. */
export function webOrigin(): string {
  return process.env.TARO_APP_WEB_BASE || apiBase
}
