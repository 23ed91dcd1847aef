/** wx.request / uploadFile / downloadFile: real HTTP to the test server, answered as WeChat answers. */
import http from 'node:http'
import type { Answer, Callbacks, Device, Host } from './wx'

export type HttpOptions = Callbacks & {
  url: string
  method?: string
  data?: unknown
  header?: Record<string, string>
}

export function httpCall(
  device: Device,
  host: Host,
  answer: Answer,
  options: HttpOptions,
  name: 'request' | 'uploadFile' | 'downloadFile',
) {
  let aborted = false
  let request: http.ClientRequest | null = null
  const task = {
    abort() {
      aborted = true
      request?.destroy()
    },
    onHeadersReceived() {},
    offHeadersReceived() {},
    onProgressUpdate() {},
    offProgressUpdate() {},
    onChunkReceived() {},
    offChunkReceived() {},
  }
  if (!device.online) {
    answer(options, name, 'network error (offline)', true)
    return task
  }
  const target = new URL(options.url, device.serverOrigin)
  const origin = new URL(device.serverOrigin)
  target.protocol = origin.protocol
  target.host = origin.host
  const method = (options.method ?? 'GET').toUpperCase()
  let body: Buffer | undefined
  const headers: Record<string, string> = { ...(options.header ?? {}) }
  if (Buffer.isBuffer(options.data)) body = options.data
  else if (options.data !== undefined && options.data !== null) {
    if (method === 'GET') {
      for (const [k, v] of Object.entries(options.data as object)) target.searchParams.set(k, String(v))
    } else if (typeof options.data === 'string') body = Buffer.from(options.data)
    else {
      body = Buffer.from(JSON.stringify(options.data))
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json'
    }
  }
  const done = new Promise<void>((resolve) => {
    request = http.request(target, { method, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (c: Buffer) => chunks.push(c))
      response.on('end', () => {
        const raw = Buffer.concat(chunks)
        const header = response.headers as Record<string, string>
        device.exchanges.push({
          method,
          path: target.pathname,
          status: response.statusCode ?? 0,
          authorised: Object.keys(headers).some((h) => h.toLowerCase() === 'authorization'),
        })
        let result: object
        if (name === 'downloadFile') {
          const type = String(header['content-type'] ?? '')
          const ext = type.includes('spreadsheet')
            ? 'xlsx'
            : type.includes('wordprocessing')
              ? 'docx'
              : type.includes('png')
                ? 'png'
                : 'bin'
          result = { tempFilePath: device.newFile(raw, ext), statusCode: response.statusCode }
        } else {
          let data: unknown = raw.toString('utf8')
          const wantsJson =
            name === 'request' &&
            (options.dataType ?? 'json') === 'json' &&
            options.responseType !== 'arraybuffer'
          if (options.responseType === 'arraybuffer')
            data = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)
          else if (wantsJson) {
            try {
              data = JSON.parse(data as string)
            } catch {
              /* WeChat hands over the text when it is not JSON */
            }
          }
          result = { data, statusCode: response.statusCode, header }
        }
        if (!aborted) answer(options, name, result)
        resolve()
      })
    })
    request.on('error', (error) => {
      answer(options, name, aborted ? 'abort' : error.message, true)
      resolve()
    })
    request.end(body)
  })
  void host.track(done)
  return task
}
