import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { loadEnv } from '../../server/env'
import { prepareDatabase } from '../../server/bootstrap'
import type { DatabaseHandle } from '../../server/core/db/database'
import { shanghaiDateAfterDays } from '../../src/models/shanghaiTime'
import { startApiProcess, type ApiProcess } from './support/apiProcess'
import { startFakeWechat, type FakeWechat } from './support/fakeWechat'
import { multipart, TINY_PNG } from './support/files'
import { startS3, type LocalS3 } from './support/s3'
import { S3ObjectStore } from '../../server/core/s3ObjectStore'
import { describeWithRedis, redisInspector, testKeyPrefix, TEST_REDIS_URL } from './support/redis'
import { TEST_DATABASE_URL, TEST_DB } from './support/testApp'

const PER_ACCOUNT = 10
/** A guard against a hang, not a measurement: two servers compile and start on a busy machine (17 s seen). */
const START_TIMEOUT_MS = 120_000
const TEMPLATES = { rectification_open: 'tmpl-todo' }

/**
 * Several API processes (README: Running several API processes): two real servers on one PostgreSQL
 * database, one Redis and one file store. PostgreSQL only (SQLite is one process's file), run with the
 * PostgreSQL pass of the API suite.
 */
const describeScaleOut = TEST_DB === 'postgres' ? describeWithRedis : describe.skip

describeScaleOut('two API processes on one database, one Redis and one file store', () => {
  const database = `qlqy_scale_${process.pid}_${crypto.randomBytes(4).toString('hex')}`
  const databaseUrl = Object.assign(new URL(TEST_DATABASE_URL), { pathname: `/${database}` }).toString()
  const prefix = testKeyPrefix()
  let temp = ''
  /** Where evidence lives: one S3-compatible bucket (a local s3rver) for both; an upload folder neither uses. */
  let s3: LocalS3 | undefined
  const uploadDir = () => path.join(temp, 'uploads')
  let handle: DatabaseHandle | undefined
  let wechat: FakeWechat | undefined
  let processes: ApiProcess[] = []
  const tokens = new Map<string, string>()

  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }

  /** A request to process `n` (0 or 1), as `openid` when given; the parsed answer. */
  async function ask(
    n: number,
    method: string,
    url: string,
    options: { as?: string; json?: unknown; body?: Buffer; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers }
    if (options.as) headers.authorization = `Bearer ${tokens.get(options.as)}`
    if (options.json !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(processes[n].origin + url, {
      method,
      headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    })
    const bytes = Buffer.from(await response.arrayBuffer())
    const json = () => JSON.parse(bytes.toString('utf8'))
    return { status: response.status, headers: response.headers, bytes, json }
  }
  const devLogin = (n: number, openid: string) => ask(n, 'POST', '/api/v1/auth/dev', { json: { openid } })

  beforeAll(async () => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-scale-'))
    await admin(`create database ${database}`)
    wechat = await startFakeWechat()
    s3 = await startS3()
    const shared = {
      APP_MODE: 'test',
      DATABASE_URL: databaseUrl,
      // Both processes sign and verify each other's tokens and the pledge chain: one set of secrets.
      TOKEN_SECRET: crypto.randomBytes(32).toString('base64'),
      PLEDGE_CHAIN_KEY: crypto.randomBytes(32).toString('base64'),
      PLEDGE_CHECKPOINT_FILE: path.join(temp, 'pledge-checkpoints.log'),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      LOGIN_PER_ACCOUNT_PER_MINUTE: String(PER_ACCOUNT),
      // Every request comes from 127.0.0.1.
      LOGIN_PER_ADDRESS_PER_MINUTE: '1000000',
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'test-secret',
      WECHAT_TIMEOUT_MS: '30000',
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES),
      H5_DIST: '/nonexistent',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      UPLOAD_DIR: uploadDir(),
      ...s3.env,
    }
    // Migrated and seeded once here, so the two start on a ready database (and the test can look into it).
    handle = await prepareDatabase(loadEnv({ ...shared, SEED_DEMO: 'true' }))
    // Settled, not all: when one fails to start, the other is still kept for afterAll to stop.
    const started = await Promise.allSettled(['api-1', 'api-2'].map((name) => startApiProcess(name, shared)))
    processes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
    for (const s of started) if (s.status === 'rejected') throw s.reason
    for (const openid of ['demo-office', 'demo-liaison-private', 'demo-secretary-private']) {
      const login = await devLogin(0, openid)
      expect(login.status).toBe(200)
      tokens.set(openid, login.json().token)
    }
  }, START_TIMEOUT_MS)

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()))
    await handle?.close()
    await wechat?.close()
    await s3?.stop()
    await admin(`drop database if exists ${database} with (force)`)
    await (await redisInspector()).cleanUp(prefix)
    if (temp) fs.rmSync(temp, { recursive: true, force: true })
  }, START_TIMEOUT_MS)

  const enterpriseId = async (name: string) =>
    (
      await handle!.db
        .selectFrom('enterprises')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id

  it('serves through one process the evidence uploaded through the other', async () => {
    const privateId = await enterpriseId('县恒达食品有限公司')
    const campaign = await ask(0, 'POST', '/api/v1/campaigns', {
      as: 'demo-office',
      json: {
        name: '多进程自查',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        dueDate: shanghaiDateAfterDays(Date.now(), 30),
      },
    })
    expect(campaign.status).toBe(201)
    const list = await ask(1, 'GET', `/api/v1/enterprises/${privateId}/assessments`, {
      as: 'demo-liaison-private',
    })
    const assessment = list
      .json()
      .assessments.find((a: { campaign: { id: number } }) => a.campaign.id === campaign.json().id)
    const base = `/api/v1/enterprises/${privateId}/assessments/${assessment.id}`
    const item = (await ask(1, 'GET', base, { as: 'demo-liaison-private' })).json().items[0]
    const upload = multipart('file', '现场照片.png', TINY_PNG)
    const stored = await ask(0, 'POST', `${base}/evidence?itemCode=${item.code}`, {
      as: 'demo-liaison-private',
      body: upload.payload,
      headers: upload.headers,
    })
    expect(stored.status).toBe(201)
    const served = await ask(1, 'GET', stored.json().url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.bytes.equals(TINY_PNG)).toBe(true)
    // In the bucket, not on either process's disk.
    const file = await handle!.db
      .selectFrom('evidence_files')
      .select('storage_key')
      .where('id', '=', stored.json().id)
      .executeTakeFirstOrThrow()
    const bucket = new S3ObjectStore({ ...s3!, region: 'us-east-1' })
    expect((await bucket.read(file.storage_key))?.equals(TINY_PNG)).toBe(true)
    bucket.close()
    expect(fs.existsSync(path.join(uploadDir(), file.storage_key))).toBe(false)
  })

  it('records one attendance of 20 scans of one QR code sent at once across both processes', async () => {
    const privateId = await enterpriseId('县恒达食品有限公司')
    const now = Date.now()
    const event = await ask(0, 'POST', `/api/v1/enterprises/${privateId}/events`, {
      as: 'demo-liaison-private',
      json: {
        kind: 'integrity_lecture',
        title: '多进程签到',
        startsAt: new Date(now + 10 * 60_000).toISOString(),
        endsAt: new Date(now + 2 * 3600_000).toISOString(),
        signInOpensAt: new Date(now - 10 * 60_000).toISOString(),
      },
    })
    expect(event.status).toBe(201)
    const eventId = event.json().id as number
    const qr = await ask(1, 'GET', `/api/v1/events/${eventId}/qr`, { as: 'demo-liaison-private' })
    expect(qr.status).toBe(200)
    const payload = qr.json().payload as string
    const scannedAt = new Date().toISOString()
    const scans = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ask(i % 2, 'POST', '/api/v1/sign-ins', {
          as: 'demo-secretary-private',
          json: { payload, scannedAt },
        }),
      ),
    )
    const statuses = scans.map((s) => s.status).sort()
    expect(statuses).toEqual([...Array<number>(19).fill(200), 201])
    expect(new Set(scans.map((s) => s.json().signIn.id)).size).toBe(1)
    const rows = await handle!.db
      .selectFrom('sign_ins')
      .select('id')
      .where('event_id', '=', eventId)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('sends one message per recipient and to-do when both run the reminders at the same moment', async () => {
    const grant = await ask(1, 'POST', '/api/v1/reminders/grants', {
      as: 'demo-liaison-private',
      json: { results: [{ templateId: 'tmpl-todo', result: 'accept' }] },
    })
    expect(grant.status).toBe(201)
    // The to-dos already on the list are known (no message); then a new one arrives.
    expect((await ask(0, 'POST', '/api/v1/reminders/send', { as: 'demo-office' })).status).toBe(200)
    const at = new Date().toISOString()
    const title = '多进程提醒的整改'
    await handle!.db
      .insertInto('rectifications')
      .values({
        enterprise_id: await enterpriseId('县恒达食品有限公司'),
        source: 'finding',
        title,
        deadline: shanghaiDateAfterDays(Date.now(), 9),
        status: 'open',
        created_at: at,
        updated_at: at,
      })
      .execute()
    const before = wechat!.subscribe.messages.length
    const runs = await Promise.all(
      [0, 1, 0, 1].map((n) => ask(n, 'POST', '/api/v1/reminders/send', { as: 'demo-office' })),
    )
    expect(runs.map((r) => r.status)).toEqual([200, 200, 200, 200])
    expect(runs.reduce((sum, r) => sum + (r.json().sent as number), 0)).toBe(1)
    const messages = wechat!.subscribe.messages.slice(before).map((m) => m.body)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ touser: 'demo-liaison-private', template_id: 'tmpl-todo' })
  })

  it('counts one account’s logins across both processes: over the limit, either answers 429', async () => {
    // An account of its own (nothing else signs it in), so the count starts at zero here.
    for (let i = 0; i < PER_ACCOUNT; i++)
      expect((await devLogin(i % 2, 'demo-employee-private')).status).toBe(200)
    for (const n of [0, 1]) {
      const refused = await devLogin(n, 'demo-employee-private')
      expect(refused.status).toBe(429)
      expect(refused.json().error.code).toBe('RATE_LIMITED')
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }
  })
})
