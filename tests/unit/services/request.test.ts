import { z } from 'zod'
import {
  ApiError,
  apiErrorFromResponse,
  buildUrl,
  configureRequest,
  request,
  requestRaw,
  toApiError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@/services/request'

const errorBody = (code: string, message: string, fields: { path: string; message: string }[] = []) => ({
  error: { code, message, fields },
})

function setup(handler: (req: TransportRequest) => TransportResponse | Promise<TransportResponse>) {
  const calls: TransportRequest[] = []
  let token: string | null = 'old'
  const relogin = jest.fn(async (): Promise<string | null> => {
    await Promise.resolve()
    token = 'new'
    return token
  })
  const transport: Transport = async (req) => {
    calls.push(req)
    return handler(req)
  }
  configureRequest({ baseUrl: 'https://api.test/', transport, getToken: () => token, relogin })
  return {
    calls,
    relogin,
    setToken: (t: string | null) => {
      token = t
    },
  }
}

describe('request', () => {
  it('sends the bearer token, JSON body and query, and returns the body', async () => {
    const { calls } = setup(() => ({ status: 200, data: { ok: true } }))
    await expect(
      request({
        method: 'POST',
        path: '/orgs',
        query: { q: '清廉', page: 2, skip: undefined },
        body: { a: 1 },
      }),
    ).resolves.toEqual({ ok: true })
    expect(calls).toHaveLength(1)
    expect(calls[0].url).toBe('https://api.test/orgs?q=%E6%B8%85%E5%BB%89&page=2')
    expect(calls[0].method).toBe('POST')
    expect(calls[0].headers.Authorization).toBe('Bearer old')
    expect(calls[0].headers['Content-Type']).toBe('application/json')
    expect(calls[0].data).toEqual({ a: 1 })
  })

  it('sends no Authorization header when auth is false', async () => {
    const { calls } = setup(() => ({ status: 200, data: {} }))
    await request({ path: '/health', auth: false })
    expect(calls.map((c) => c.headers.Authorization)).toEqual([undefined])
    expect(calls[0].headers['Content-Type']).toBeUndefined()
  })

  it('with no token, logs in again before sending, and sends nothing when that is impossible', async () => {
    const { calls, relogin, setToken } = setup(() => ({ status: 200, data: {} }))
    setToken(null)
    await request({ path: '/me' })
    expect(relogin).toHaveBeenCalledTimes(1)
    expect(calls.map((c) => c.headers.Authorization)).toEqual(['Bearer new'])
    // signed out for good (退出登录): the call is not sent at all, and fails as unauthenticated
    setToken(null)
    relogin.mockResolvedValueOnce(null)
    const err = (await request({ path: '/me' }).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(401)
    expect(calls).toHaveLength(1)
  })

  it('turns a server error body into an ApiError with code, message and fields', async () => {
    setup(() => ({
      status: 400,
      data: errorBody('VALIDATION_FAILED', '提交的内容有误，请检查后重试', [
        { path: 'name', message: '必填' },
      ]),
    }))
    const err = await request({ method: 'POST', path: '/orgs', body: {} }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请检查后重试',
      fields: [{ path: 'name', message: '必填' }],
      isNetwork: false,
      isRetryable: false,
    })
  })

  it('maps a malformed error body to BAD_RESPONSE and keeps 5xx retryable', async () => {
    setup(() => ({ status: 502, data: '<html>Bad Gateway</html>' }))
    const err = (await request({ path: '/x' }).catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('BAD_RESPONSE')
    expect(err.status).toBe(502)
    expect(err.isRetryable).toBe(true)
    expect(err.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('parses a JSON error body delivered as text', () => {
    const err = apiErrorFromResponse(404, JSON.stringify(errorBody('NOT_FOUND', '记录不存在')))
    expect(err.code).toBe('NOT_FOUND')
  })

  it('reports a network failure as status 0 NETWORK_ERROR, retryable, in Chinese', async () => {
    setup(() => Promise.reject(new Error('request:fail')))
    const err = (await request({ path: '/x' }).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 0, code: 'NETWORK_ERROR', isNetwork: true, isRetryable: true })
    expect(err.message).toBe('网络连接失败，请检查网络后重试')
    expect(toApiError({ errMsg: 'request:fail timeout' }).code).toBe('TIMEOUT')
  })

  it('classifies retryable statuses', () => {
    const retryable = (status: number, code = 'X') => new ApiError(status, code, 'm').isRetryable
    expect(retryable(408)).toBe(true)
    expect(retryable(429)).toBe(true)
    expect(retryable(500)).toBe(true)
    expect(retryable(503)).toBe(true)
    expect(retryable(409, 'IDEMPOTENCY_IN_PROGRESS')).toBe(true)
    expect(retryable(409, 'CONFLICT')).toBe(false)
    expect(retryable(422)).toBe(false)
    expect(retryable(401)).toBe(false)
    expect(retryable(404)).toBe(false)
  })

  it('sends a file through the file transport with the token, re-logging in once on 401', async () => {
    let token = 'old'
    const relogin = jest.fn(async () => (token = 'new'))
    const jsonTransport = jest.fn<ReturnType<Transport>, Parameters<Transport>>()
    const uploads: { url: string; file: unknown; headers: Record<string, string> }[] = []
    configureRequest({
      baseUrl: 'https://api.test/',
      transport: jsonTransport,
      getToken: () => token,
      relogin,
      fileTransport: async (req) => {
        uploads.push(req)
        return req.headers.Authorization === 'Bearer new'
          ? { status: 201, data: '{"id":5}' }
          : { status: 401, data: errorBody('TOKEN_EXPIRED', '登录已过期') }
      },
    })
    const res = await request({
      method: 'POST',
      path: '/evidence',
      query: { itemCode: 'T01-04' },
      file: { filePath: 'wxfile://a.jpg' },
      headers: { 'Idempotency-Key': 'k-1' },
      schema: z.object({ id: z.number() }),
    })
    expect(res).toEqual({ id: 5 })
    expect(jsonTransport).not.toHaveBeenCalled()
    expect(relogin).toHaveBeenCalledTimes(1)
    expect(uploads.map((u) => u.headers.Authorization)).toEqual(['Bearer old', 'Bearer new'])
    expect(uploads[1]).toMatchObject({
      url: 'https://api.test/evidence?itemCode=T01-04',
      file: { filePath: 'wxfile://a.jpg' },
    })
    expect(uploads[1].headers['Idempotency-Key']).toBe('k-1')
    expect(Object.keys(uploads[1].headers).map((h) => h.toLowerCase())).not.toContain('content-type')
  })

  it('re-logs in once for 5 concurrent 401s and retries each request once with the new token', async () => {
    const gate: (() => void)[] = []
    const { calls, relogin } = setup(
      (req) =>
        new Promise((resolve) => {
          const respond = () =>
            resolve(
              req.headers.Authorization === 'Bearer new'
                ? { status: 200, data: { url: req.url } }
                : { status: 401, data: errorBody('TOKEN_EXPIRED', '登录已过期，请重新登录') },
            )
          // Hold the first responses so that all five requests are sent with the old token.
          if (req.headers.Authorization === 'Bearer old') gate.push(respond)
          else respond()
        }),
    )
    const all = Promise.all([1, 2, 3, 4, 5].map((n) => request<{ url: string }>({ path: `/r${n}` })))
    await new Promise((r) => setImmediate(r))
    expect(gate).toHaveLength(5)
    gate.forEach((respond) => respond())
    const results = await all
    expect(results.map((r) => r.url)).toEqual([1, 2, 3, 4, 5].map((n) => `https://api.test/r${n}`))
    expect(relogin).toHaveBeenCalledTimes(1)
    expect(calls).toHaveLength(10)
    for (const n of [1, 2, 3, 4, 5]) {
      const forPath = calls.filter((c) => c.url.endsWith(`/r${n}`)).map((c) => c.headers.Authorization)
      expect(forPath).toEqual(['Bearer old', 'Bearer new'])
    }
  })

  it('does not re-login when a late 401 arrives after another caller already renewed the token', async () => {
    const expired = { status: 401, data: errorBody('TOKEN_EXPIRED', '登录已过期，请重新登录') }
    let releaseB = () => {}
    const { relogin } = setup((req) => {
      if (req.headers.Authorization === 'Bearer new') return { status: 200, data: req.url }
      if (req.url.endsWith('/b')) return new Promise((resolve) => (releaseB = () => resolve(expired)))
      return expired
    })
    const b = request({ path: '/b' }) // sent with the old token; its 401 is held back
    await expect(request({ path: '/a' })).resolves.toBe('https://api.test/a')
    releaseB()
    await expect(b).resolves.toBe('https://api.test/b')
    expect(relogin).toHaveBeenCalledTimes(1)
  })

  it('throws the 401 ApiError when relogin yields null, without retrying', async () => {
    const { calls, relogin } = setup(() => ({ status: 401, data: errorBody('UNAUTHENTICATED', '请先登录') }))
    relogin.mockImplementation(async () => null)
    const err = (await request({ path: '/me' }).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: '请先登录' })
    expect(relogin).toHaveBeenCalledTimes(1)
    expect(calls).toHaveLength(1)
  })

  it('gives up after one retry when the new token is refused too', async () => {
    const { calls, relogin } = setup(() => ({
      status: 401,
      data: errorBody('TOKEN_INVALID', '登录凭证无效'),
    }))
    const err = (await request({ path: '/me' }).catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('TOKEN_INVALID')
    expect(relogin).toHaveBeenCalledTimes(1)
    expect(calls).toHaveLength(2)
  })

  it('does not re-login for auth: false requests', async () => {
    const { relogin } = setup(() => ({
      status: 401,
      data: errorBody('WECHAT_CODE_INVALID', '微信登录凭证无效'),
    }))
    await expect(request({ method: 'POST', path: '/auth/login', auth: false })).rejects.toMatchObject({
      code: 'WECHAT_CODE_INVALID',
    })
    expect(relogin).not.toHaveBeenCalled()
  })

  it('validates a 2xx body with the schema: mismatch → BAD_RESPONSE', async () => {
    const schema = z.object({ id: z.string() })
    setup((req) => ({ status: 200, data: req.url.endsWith('/good') ? { id: 'a' } : { id: 1 } }))
    await expect(request({ path: '/good', schema })).resolves.toEqual({ id: 'a' })
    const err = (await request({ path: '/bad', schema }).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 200, code: 'BAD_RESPONSE', isRetryable: false })
    expect(err.fields[0].path).toBe('id')
  })

  it('requestRaw returns non-2xx responses instead of throwing', async () => {
    setup(() => ({ status: 422, data: errorBody('IDEMPOTENCY_KEY_REUSED', '幂等键已用于不同的请求内容') }))
    await expect(requestRaw({ method: 'POST', path: '/x', body: {} })).resolves.toMatchObject({ status: 422 })
  })

  it('builds URLs with repeated array query values and absolute paths', () => {
    expect(buildUrl('https://a', '/x', { t: ['1', '2'], n: null })).toBe('https://a/x?t=1&t=2')
    expect(buildUrl('https://a', 'https://b/y?z=1', { q: 'a b' })).toBe('https://b/y?z=1&q=a%20b')
  })
})
