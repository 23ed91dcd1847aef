import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase } from '../../server/core/db/database'
import {
  createTestApp,
  TEST_DATABASE_URL,
  TEST_DB,
  call,
  idOf,
  loginAs,
  type TestApp,
} from './support/testApp'

/**
 * A signed-in user's memberships are kept between requests (server/core/auth.ts): a change takes effect on
 * the next request all the same, whether this process made it or another connection did (a command-line
 * tool on the SQLite file; another API process on PostgreSQL, where the `access_version` row tells).
 * (Not a member: 404, as another enterprise's data answers.)
 */
describe(`the signed-in user's memberships after a change [${TEST_DB}]`, () => {
  let t: TestApp
  let temp = ''
  let enterpriseId: number
  let liaison: string
  beforeAll(async () => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-authcache-'))
    t = await createTestApp(TEST_DB === 'sqlite' ? { SQLITE_FILE: path.join(temp, 'cache.db') } : {})
    enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    liaison = await loginAs(t.app, 'demo-liaison-private')
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(temp, { recursive: true, force: true })
  })

  const milestones = () =>
    call(t.app, liaison, { method: 'GET', url: `/api/v1/enterprises/${enterpriseId}/milestones` })
  const setStatus = (db: TestApp['app']['db'], status: 'approved' | 'removed') =>
    db
      .updateTable('memberships')
      .set({ status })
      .where('organisation_kind', '=', 'enterprise')
      .where('organisation_id', '=', enterpriseId)
      .where('user_id', '=', (eb) =>
        eb.selectFrom('users').select('id').where('openid', '=', 'demo-liaison-private'),
      )
      .execute()

  it('takes a removal by this process into account on the next request', async () => {
    expect((await milestones()).statusCode).toBe(200)
    expect((await milestones()).statusCode).toBe(200)
    await setStatus(t.app.db, 'removed')
    expect((await milestones()).statusCode).toBe(404)
    await setStatus(t.app.db, 'approved')
    expect((await milestones()).statusCode).toBe(200)
  })

  /** Another connection to the same database (SQLite: the file; PostgreSQL: the suite's schema, own pool). */
  const otherConnection = () =>
    TEST_DB === 'sqlite'
      ? openDatabase({ sqliteFile: path.join(temp, 'cache.db'), groupCommit: false })
      : openDatabase({ databaseUrl: TEST_DATABASE_URL, pgSchema: t.database.pgSchema })

  it('takes a removal by another connection into account on the next request', async () => {
    expect((await milestones()).statusCode).toBe(200)
    const other = otherConnection()
    try {
      await setStatus(other.db, 'removed')
      expect((await milestones()).statusCode).toBe(404)
      await setStatus(other.db, 'approved')
      expect((await milestones()).statusCode).toBe(200)
    } finally {
      await other.close()
    }
  })

  it('takes a user disabled by another connection into account on the next request', async () => {
    expect((await milestones()).statusCode).toBe(200)
    const other = otherConnection()
    const disable = (at: string | null) =>
      other.db
        .updateTable('users')
        .set({ disabled_at: at })
        .where('openid', '=', 'demo-liaison-private')
        .execute()
    try {
      await disable('2026-01-01T00:00:00.000Z')
      expect((await milestones()).statusCode).toBe(403)
      await disable(null)
      expect((await milestones()).statusCode).toBe(200)
    } finally {
      await other.close()
    }
  })

  if (TEST_DB === 'postgres')
    it('keeps them between requests: only the access version tells a change (PostgreSQL)', async () => {
      expect((await milestones()).statusCode).toBe(200)
      // A change that bypasses the triggers (replica mode) leaves the version: the kept memberships stand.
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await client.connect()
      const status = (value: string) =>
        client.query(
          `update ${t.database.pgSchema}.memberships set status = $1 where organisation_kind = 'enterprise'
             and organisation_id = $2 and user_id = (select id from ${t.database.pgSchema}.users
             where openid = 'demo-liaison-private')`,
          [value, enterpriseId],
        )
      try {
        await client.query('begin')
        await client.query(`set local session_replication_role = replica`)
        await status('removed')
        await client.query('commit')
        expect((await milestones()).statusCode).toBe(200)
        await client.query(`update ${t.database.pgSchema}.access_version set version = version + 1`)
        expect((await milestones()).statusCode).toBe(404)
        await status('approved')
        expect((await milestones()).statusCode).toBe(200)
      } finally {
        await client.end()
      }
    })
})
