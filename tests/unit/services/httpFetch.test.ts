import { fetchRequestApi } from '@/services/platform/http'
import { ApiError, taroTransport } from '@/services/request'

type Call = { url: string; init: RequestInit }

/** A fetch answering with `respond`, recording each call; it rejects like a browser's when aborted. */
function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = []
  const fetchImpl = (url: string, init: RequestInit) => {
    const call = { url, init }
    calls.push(call)
    return new Promise<Response>((resolve, reject) => {
      init.signal?.addEventListener('abort', () =>
        reject(Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' })),
      )
      Promise.resolve(respond(call)).then(resolve, reject)
    })
  }
  return { calls, api: fetchRequestApi(() => fetchImpl) }
}

const option = (over: Partial<Parameters<ReturnType<typeof fetchRequestApi>['request']>[0]> = {}) => ({
  url: 'https://api.test/x',
  method: 'POST',
  header: { Accept: 'application/json' },
  data: undefined as unknown,
  timeout: 15_000,
  dataType: 'json',
  ...over,
})

describe('H5 request API on fetch (platform/http.ts)', () => {
  it('sends an object as JSON and resolves with the status and the parsed body', async () => {
    const date = 'Fri, 04 Dec 2026 06:02:00 GMT'
    const { calls, api } = fakeFetch(
      () =>
        new Response('{"id":7}', {
          status: 201,
          headers: { 'Content-Type': 'application/json', Date: date },
        }),
    )
    const header = { Accept: 'application/json' }
    const res = await api.request(option({ header, data: { name: '张三' } }))
    // The headers as wx.request gives them (a 竞赛 paper's countdown reads Date).
    expect(res).toEqual({
      statusCode: 201,
      data: { id: 7 },
      header: { 'content-type': 'application/json', date },
    })
    expect(calls[0].url).toBe('https://api.test/x')
    expect(calls[0].init.method).toBe('POST')
    expect(calls[0].init.body).toBe('{"name":"张三"}')
    expect(calls[0].init.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' })
    expect(header).toEqual({ Accept: 'application/json' })
  })

  it('keeps a Content-Type given in any case and sends a form when it says so', async () => {
    const { calls, api } = fakeFetch(() => new Response('{}'))
    await api.request(
      option({ header: { 'content-type': 'application/x-www-form-urlencoded' }, data: { a: '1', b: 'x y' } }),
    )
    expect(calls[0].init.body).toBe('a=1&b=x+y')
    expect(calls[0].init.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' })
  })

  it('resolves every HTTP status, with the text when the body is not JSON', async () => {
    const { api } = fakeFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 }))
    await expect(api.request(option())).resolves.toMatchObject({
      statusCode: 502,
      data: '<html>Bad Gateway</html>',
    })
  })

  it('gives null for an empty JSON body and the text for dataType text', async () => {
    const empty = fakeFetch(() => new Response(null, { status: 204 }))
    await expect(empty.api.request(option({ method: 'DELETE' }))).resolves.toEqual({
      statusCode: 204,
      data: null,
      header: {},
    })
    const text = fakeFetch(() => new Response('{"a":1}'))
    await expect(text.api.request(option({ dataType: 'text' }))).resolves.toMatchObject({
      statusCode: 200,
      data: '{"a":1}',
    })
  })

  it('puts GET data in the query string and sends no body', async () => {
    const { calls, api } = fakeFetch(() => new Response('[]'))
    await api.request(option({ method: 'get', url: 'https://api.test/x?page=1', data: { q: '清 廉', n: 2 } }))
    expect(calls[0].url).toBe('https://api.test/x?page=1&q=%E6%B8%85%20%E5%BB%89&n=2')
    expect(calls[0].init.method).toBe('GET')
    expect(calls[0].init.body).toBeUndefined()
  })

  it('rejects when no response arrives: a network error (status 0, retryable) through the transport', async () => {
    const { api } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')))
    const err = await taroTransport(api)({
      url: 'https://api.test/x',
      method: 'POST',
      headers: {},
      timeoutMs: 1000,
    }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 0, code: 'NETWORK_ERROR', isRetryable: true })
  })

  it('aborts at the timeout, headers or body still missing, and the transport reports TIMEOUT', async () => {
    const never = fakeFetch(() => new Promise<Response>(() => {}))
    await expect(never.api.request(option({ timeout: 5 }))).rejects.toThrow('request:fail timeout')
    expect(never.calls[0].init.signal?.aborted).toBe(true)

    // Headers arrived, the body stalls: the timeout still ends the request.
    const stalled = fakeFetch(
      (call) =>
        new Response(
          new ReadableStream({
            start(controller) {
              call.init.signal?.addEventListener('abort', () => controller.error(new Error('aborted')))
            },
          }),
        ),
    )
    const err = await taroTransport(stalled.api)({
      url: 'https://api.test/x',
      method: 'GET',
      headers: {},
      timeoutMs: 5,
    }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toMatchObject({ status: 0, code: 'TIMEOUT' })
  })
})
