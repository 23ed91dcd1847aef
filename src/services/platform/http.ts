import type { TaroRequestApi } from '@/services/request'

type Fetch = (url: string, init: RequestInit) => Promise<Response>

const contentTypeOf = (header: Record<string, string>) =>
  Object.keys(header).find((name) => name.toLowerCase() === 'content-type')

/** GET data as a query string, the way wx.request sends it (objects as JSON). */
function withQuery(url: string, data: unknown): string {
  if (data === undefined || data === null) return url
  const query =
    typeof data === 'object'
      ? Object.entries(data as Record<string, unknown>)
          .map(
            ([key, value]) =>
              `${encodeURIComponent(key)}=${encodeURIComponent(typeof value === 'object' ? JSON.stringify(value) : String(value))}`,
          )
          .join('&')
      : String(data)
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url
}

/** A body for the other methods: objects as JSON (or a form when the header says so), text as is. */
function bodyOf(header: Record<string, string>, data: unknown): string | undefined {
  if (data === undefined || data === null) return undefined
  if (typeof data !== 'object') return String(data)
  const key = contentTypeOf(header) ?? 'Content-Type'
  if (!header[key]) header[key] = 'application/json'
  return header[key].includes('application/x-www-form-urlencoded')
    ? new URLSearchParams(data as Record<string, string>).toString()
    : JSON.stringify(data)
}

/** `json`: the parsed body, or its text when it is not JSON (as WeChat hands it back); null when empty. */
function decode(text: string, dataType: string): unknown {
  if (dataType !== 'json') return text
  if (text === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * H5: the request layer's HTTP calls on the browser's own fetch, with an AbortController for the timeout
 * (the whole exchange, body included). Taro.request on H5 brought ~60 KB of polyfills and JSONP into the
 * app's entry (whatwg-fetch, abortcontroller-polyfill, jsonp-retry) that the browsers the build targets
 * (it ships `?.`) do not need. Same contract as Taro.request: every HTTP status resolves with statusCode and
 * the body; no response (network failure, timeout: errMsg "request:fail timeout") rejects, and the outbox
 * keeps its entry. The mini-program keeps Taro.request (http.weapp.ts).
 */
export function fetchRequestApi(getFetch: () => Fetch = () => fetch): TaroRequestApi {
  return {
    async request(option) {
      const method = option.method.toUpperCase()
      const header = { ...option.header }
      const bodyless = method === 'GET' || method === 'HEAD'
      const url = bodyless ? withQuery(option.url, option.data) : option.url
      const body = bodyless ? undefined : bodyOf(header, option.data)
      const controller = new AbortController()
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        controller.abort()
      }, option.timeout)
      try {
        const res = await getFetch()(url, { method, headers: header, body, signal: controller.signal })
        const text = await res.text()
        const headers: Record<string, string> = {}
        res.headers.forEach((value, name) => (headers[name] = value))
        return { statusCode: res.status, data: decode(text, option.dataType), header: headers }
      } catch (err) {
        throw timedOut ? new Error('request:fail timeout') : err
      } finally {
        clearTimeout(timer)
      }
    },
  }
}

export const platformRequestApi: TaroRequestApi = fetchRequestApi()
