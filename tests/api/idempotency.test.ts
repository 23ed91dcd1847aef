import { hashRequest } from '../../server/core/writes'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'

describe(`idempotency keys and the audit log [${TEST_DB}]`, () => {
  let t: TestApp
  let liaison: string
  let enterpriseId: number
  beforeAll(async () => {
    t = await createTestApp()
    liaison = await loginAs(t.app, 'demo-liaison-private')
    enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
  })
  afterAll(() => t.close())

  const createInvite = (key: string | null, payload: unknown = { role: 'employee' }) =>
    call(t.app, liaison, {
      method: 'POST',
      url: `/api/v1/enterprises/${enterpriseId}/invites`,
      payload: payload as never,
      headers: key ? { 'idempotency-key': key } : {},
    })
  const countInvites = async () =>
    Number(
      (
        await t.app.db
          .selectFrom('invites')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('stores the first result and replays it for the same key: one record, same body', async () => {
    const before = await countInvites()
    const first = await createInvite('key-replay-0001')
    const second = await createInvite('key-replay-0001')
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.json()).toEqual(first.json())
    expect(await countInvites()).toBe(before + 1)
  })

  it('refuses the same key with a different body (422)', async () => {
    await createInvite('key-differs-0001', { role: 'employee' })
    const reused = await createInvite('key-differs-0001', { role: 'liaison' })
    expect(reused.statusCode).toBe(422)
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED')
  })

  it('answers 409 while the first request with that key is still in flight', async () => {
    const user = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-liaison-private')
      .executeTakeFirstOrThrow()
    const now = new Date().toISOString()
    const path = `/api/v1/enterprises/${enterpriseId}/invites`
    // The body as the route sees it after validation (defaults applied).
    const body = { role: 'employee', expiresInDays: 7 }
    await t.app.db
      .insertInto('idempotency_keys')
      .values({
        user_id: user.id,
        key: 'key-inflight-0001',
        method: 'POST',
        path,
        request_hash: hashRequest('POST', path, body),
        state: 'in_progress',
        response_status: null,
        response_body: null,
        created_at: now,
        updated_at: now,
      })
      .execute()
    const res = await createInvite('key-inflight-0001')
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS')
  })

  describe('a duplicate of a request in flight (PostgreSQL; see also eventEdits)', () => {
    const onPostgres = TEST_DB === 'postgres' ? it : it.skip
    const path = () => `/api/v1/enterprises/${enterpriseId}/invites`
    const body = { role: 'employee', expiresInDays: 7, maxUses: 50 }
    /** The first request's transaction, stopped after its claim; the returned call makes it fail. */
    async function firstInFlight(key: string) {
      const user = await t.app.db
        .selectFrom('users')
        .select('id')
        .where('openid', '=', 'demo-liaison-private')
        .executeTakeFirstOrThrow()
      const now = new Date().toISOString()
      let fail!: () => void
      const failed = new Promise<void>((resolve) => (fail = resolve))
      let claimed!: () => void
      const ready = new Promise<void>((resolve) => (claimed = resolve))
      const done = t.app.db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('idempotency_keys')
            .values({
              user_id: user.id,
              key,
              method: 'POST',
              path: path(),
              request_hash: hashRequest('POST', path(), body),
              state: 'in_progress',
              response_status: null,
              response_body: null,
              created_at: now,
              updated_at: now,
            })
            .execute()
          claimed()
          await failed
          throw new Error('the first request failed')
        })
        .catch(() => undefined)
      await ready
      return async () => {
        fail()
        await done
      }
    }
    const stillWaiting = async (request: Promise<unknown>) =>
      (await Promise.race([
        request.then(() => 'answered'),
        new Promise((resolve) => setTimeout(() => resolve('waiting'), 400)),
      ])) === 'waiting'

    onPostgres('runs itself once the first fails and releases the key', async () => {
      const before = await countInvites()
      const failFirst = await firstInFlight('key-waiting-0002')
      const duplicate = createInvite('key-waiting-0002')
      expect(await stillWaiting(duplicate)).toBe(true)
      await failFirst()
      const res = await duplicate
      expect(res.statusCode).toBe(201)
      expect(res.headers['idempotent-replayed']).toBeUndefined()
      expect(await countInvites()).toBe(before + 1)
    })
  })

  it('makes exactly one record from 10 concurrent requests with one key', async () => {
    const before = await countInvites()
    const responses = await Promise.all(Array.from({ length: 10 }, () => createInvite('key-concurrent-01')))
    const statuses = responses.map((r) => r.statusCode)
    for (const s of statuses) expect([201, 409]).toContain(s)
    expect(await countInvites()).toBe(before + 1)
    const codes = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json().code))
    expect(codes.size).toBe(1)
  })

  it('releases the key when the write fails, so a corrected retry runs', async () => {
    const newcomer = await loginAs(t.app, 'demo-newcomer')
    const join = (code: string) =>
      call(t.app, newcomer, {
        method: 'POST',
        url: '/api/v1/invites/join',
        payload: { code },
        headers: { 'idempotency-key': 'key-join-000001' },
      })
    const failed = await join('ZZZZZZZZ')
    expect(failed.statusCode).toBe(400)
    const row = await t.app.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'key-join-000001')
      .executeTakeFirst()
    expect(row).toBeUndefined()
  })

  it('rejects a malformed key', async () => {
    const res = await createInvite('short')
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_INVALID')
  })

  it('writes an audit row for every write, with who, what and which record', async () => {
    const res = await createInvite(null)
    const row = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'invite.create')
      .where('entity_id', '=', String(res.json().id))
      .executeTakeFirstOrThrow()
    const user = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-liaison-private')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ user_id: user.id, entity_type: 'invite' })
    const logins = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .execute()
    expect(logins.length).toBeGreaterThan(0)
  })
})
