import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  contractProblem,
  operationsOf,
  requestsFor,
  seededRandom,
  type FuzzRequest,
  unguardedTexts,
} from './support/fuzz'
import { startFakeWechat, type FakeWechat } from './support/fakeWechat'
import { createTestApp, FORGED_SUBS, forgedToken, loginAs, TEST_DB, type TestApp } from './support/testApp'

/**
 * Bad requests for every operation of the OpenAPI document, sent as several demo users and anonymously:
 * none may answer 5xx, and every error must keep `{ error: { code, message, fields? } }`. CI sends a
 * bounded number; `npm run fuzz` sets FUZZ_REQUESTS for a long run. FUZZ_SEED picks another sequence.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1200)
const SEED = Number(process.env.FUZZ_SEED ?? 14)

const ROLES = {
  office: 'demo-office',
  supervisor: 'demo-supervisor-finance',
  liaison: 'demo-liaison-private',
  secretary: 'demo-secretary-private',
  employee: 'demo-employee-private',
} as const

/** Requests no operation describes: the router's and the static files' own answers. */
const FIXED: FuzzRequest[] = [
  ['GET', `/api/v1/pledges/verify/${'A'.repeat(150)}`],
  ['GET', `/api/v1/enterprises/${'1'.repeat(120)}`],
  ['GET', '/..%2f..%2f..%2fetc%2fpasswd'],
  ['GET', '/%2e%2e/%2e%2e/etc/passwd'],
  ['GET', '/assets/..%5c..%5cpackage.json'],
  ['GET', '/index.html%00.js'],
  ['GET', '/api/v1/%00'],
  ['GET', '/api/v1/enterprises/%E0%A4%A'],
  ['DELETE', '/api/v1/me'],
].map(([method, url]) => ({ operation: 'fixed', mutation: url, method, url, headers: {} }))

describe(`fuzz: bad requests from the OpenAPI document [${TEST_DB}]`, () => {
  let t: TestApp
  let h5: string
  let wechat: FakeWechat
  const tokens: [string, string | null][] = []

  beforeAll(async () => {
    // A built H5 app, so the static files' answers (traversal) are fuzzed too.
    h5 = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-fuzz-h5-'))
    fs.writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>h5</title>')
    // WeChat answers a code it does not know with 40029, as the real one does.
    wechat = await startFakeWechat()
    t = await createTestApp({
      H5_DIST: h5,
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_APPID: 'wx-fuzz',
      WECHAT_SECRET: 'fuzz-secret',
    })
    for (const [role, openid] of Object.entries(ROLES)) tokens.push([role, await loginAs(t.app, openid)])
    tokens.push(['anonymous', null])
    FORGED_SUBS.forEach((sub, i) => tokens.push([`forged#${i}`, forgedToken(t.env.TOKEN_SECRET, sub)]))
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
    fs.rmSync(h5, { recursive: true, force: true })
  })

  it('refuses control characters in every text a request carries (each has a pattern in the document)', () => {
    expect(unguardedTexts(t.app.swagger() as never)).toEqual([])
  })

  it(
    'answers every generated request below 500 and every error in the error shape',
    async () => {
      const random = seededRandom(SEED)
      const operations = operationsOf(t.app.swagger() as Parameters<typeof operationsOf>[0])
      const roles = tokens.filter(([role]) => !role.startsWith('forged')).length
      const perCall = Math.max(1, Math.round(REQUESTS / (operations.length * roles)))
      const failures: string[] = []
      let sent = 0
      const send = async (request: FuzzRequest, role: string, token: string | null) => {
        const response = await t.app.inject({
          method: request.method as 'GET',
          url: request.url,
          headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
          payload: request.payload,
          // Many addresses, so the public routes' rate limits do not hide what is behind them.
          remoteAddress: `10.14.${(sent >> 8) & 255}.${sent & 255}`,
        })
        sent += 1
        const problem = contractProblem(response.statusCode, response.body, request.mustRefuse)
        if (problem)
          failures.push(
            `${problem} — as ${role}: ${request.method} ${request.url.slice(0, 160)} [${request.mutation.slice(0, 120)}]` +
              ` → ${response.body.slice(0, 200)}`,
          )
      }

      for (const request of FIXED) await send(request, 'anonymous', null)
      for (const op of operations) {
        for (const [role, token] of tokens) {
          const count = role.startsWith('forged') ? 1 : perCall
          for (const request of requestsFor(t.app.swagger() as never, op, random, count))
            await send(request, role, token)
        }
      }

      const distinct = [
        ...new Set(failures.map((f) => f.split(' — ')[0] + ' — ' + f.split(': ')[1]?.split(' [')[0])),
      ]
      process.stdout.write(
        `fuzz [${TEST_DB}] seed ${SEED}: ${sent} requests sent to ${operations.length} operations, ` +
          `${failures.length} failures\n` +
          failures.slice(0, 2000).join('\n') +
          (failures.length ? '\n' : ''),
      )
      expect({ failures: failures.length, distinct: distinct.slice(0, 50) }).toEqual({
        failures: 0,
        distinct: [],
      })
    },
    30 * 60_000,
  )
})
