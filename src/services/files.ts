import { apiBase } from './platform/env'

/**
 * An evidence link from the API ('/api/v1/files/…?expires=…&sig=…', signed because an <Image> sends no
 * bearer token) as this platform can load it: same origin on H5, the API's https origin in the mini-program.
 */
export function fileUrl(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${apiBase.replace(/\/+$/, '')}${url}`
}
