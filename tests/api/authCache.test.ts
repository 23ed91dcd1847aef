import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../server/core/db/database'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'

/**
 * A signed-in user's memberships are kept between requests on SQLite (server/core/auth.ts): a change takes
 * effect on the next request all the same, whether this process made it or another connection did (a
 * command-line tool on the same file). PostgreSQL reads them on every request. (Not a member: 404, as
 * another enterprise's data answers.)
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

  if (TEST_DB === 'sqlite')
    it('takes a removal by another connection to the file into account on the next request', async () => {
      expect((await milestones()).statusCode).toBe(200)
      const other = openDatabase({ sqliteFile: path.join(temp, 'cache.db'), groupCommit: false })
      try {
        await setStatus(other.db, 'removed')
        expect((await milestones()).statusCode).toBe(404)
        await setStatus(other.db, 'approved')
        expect((await milestones()).statusCode).toBe(200)
      } finally {
        await other.close()
      }
    })
})
