import { sql } from 'kysely'
import type { TDealingLists, TDealingVersion } from '../../src/models/dealings'
import { DEALING_LIST_STARTER } from '../../src/models/dealings'
import type { TPledge, TPledgeKind, TPledgeTemplate } from '../../src/models/pledge'
import { verifyWholeChain } from '../../server/features/pledges/verify'
import { countersign, currentTemplates, signAsEnterprise } from './support/pledges'
import { outcomes, race } from './support/races'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'

/**
 * 政商交往清单 (主要任务10): the office and 县委统战部 / 县工商联 publish versions of three lists; everyone
 * signed in reads them; one version in force per kind even when publishes race; a 政商 pledge records the
 * versions in force when started, its certificate says so, and pledges without them keep verifying.
 */
describe(`政商交往清单 [${TEST_DB}]`, () => {
  let t: TestApp
  const now = Date.parse('2026-06-01T02:00:00Z')
  let office: string
  let united: string // 县委统战部 监管员
  let finance: string // 县财政局 监管员: not a publisher
  let employee: string
  let head: string
  let official: string
  let privateId: number
  let industryId: number
  let templates: Record<TPledgeKind, TPledgeTemplate>

  const code = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code
  const get = (token: string | null, url: string) => call(t.app, token, { method: 'GET', url })
  const send = (token: string, method: 'POST' | 'PUT', url: string, payload: object) =>
    call(t.app, token, { method, url, payload })
  const draft = async (kind: string, text: string, token = united): Promise<TDealingVersion> => {
    const res = await send(token, 'POST', '/api/v1/dealings/versions', {
      kind,
      items: [{ text, basis: null }],
    })
    expect(res.statusCode).toBe(201)
    return res.json() as TDealingVersion
  }
  const publish = (v: Pick<TDealingVersion, 'id' | 'revision'>, token = united) =>
    send(token, 'POST', `/api/v1/dealings/versions/${v.id}/publish`, { revision: v.revision })
  const lists = async (token: string) => (await get(token, '/api/v1/dealings')).json() as TDealingLists
  const inForceRows = (kind: string) =>
    t.app.db
      .selectFrom('dealing_list_versions')
      .select(['id', 'version'])
      .where('in_force_kind', '=', kind)
      .execute()

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[office, united, finance, employee, head, official] = await Promise.all(
      [
        'demo-office',
        'demo-supervisor-united',
        'demo-supervisor-finance',
        'demo-employee-private',
        'demo-head-private',
        'demo-official',
      ].map((o) => loginAs(t.app, o)),
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    industryId = await idOf(t.app, 'departments', '县工业信息化和商务局')
    templates = await currentTemplates(t.app, head)
  })
  afterAll(() => t.close())

  it('everyone signed in reads the three lists in force: the demo holds the programme words, version 1', async () => {
    expect((await get(null, '/api/v1/dealings')).statusCode).toBe(401)
    const read = await lists(employee)
    expect(read.canPublish).toBe(false)
    expect(read.lists.map((l) => [l.kind, l.inForce?.version])).toEqual([
      ['positive', 1],
      ['negative', 1],
      ['guidance', 1],
    ])
    expect(read.lists[0].inForce!.items.map((i) => i.text)).toEqual(
      DEALING_LIST_STARTER.positive.map((i) => i.text),
    )
    expect(read.lists.every((l) => l.drafts.length === 0)).toBe(true)
    expect((await lists(united)).canPublish).toBe(true)
    expect((await lists(office)).canPublish).toBe(true)
    expect((await lists(finance)).canPublish).toBe(false)
  })

  it('only the office and 县委统战部 / 县工商联 draft and publish; drafts are theirs to read', async () => {
    const body = { kind: 'negative', items: [{ text: '测试条目一' }] }
    expect((await send(finance, 'POST', '/api/v1/dealings/versions', body)).statusCode).toBe(403)
    expect((await send(employee, 'POST', '/api/v1/dealings/versions', body)).statusCode).toBe(403)
    expect((await send(official, 'POST', '/api/v1/dealings/versions', body)).statusCode).toBe(403)
    const d = await draft('negative', '由统战部起草的条目')
    expect(d).toMatchObject({ status: 'draft', version: null, revision: 0 })
    expect((await get(employee, `/api/v1/dealings/versions/${d.id}`)).statusCode).toBe(404)
    expect((await get(office, `/api/v1/dealings/versions/${d.id}`)).statusCode).toBe(200)
    expect((await publish(d, finance)).statusCode).toBe(403)
    // A retired 县委统战部 publishes nothing.
    const unitedId = await idOf(t.app, 'departments', '县委统战部')
    await t.app.db
      .updateTable('departments')
      .set({ retired_at: '2026-05-01T00:00:00.000Z' })
      .where('id', '=', unitedId)
      .execute()
    expect((await publish(d, united)).statusCode).toBe(403)
    await t.app.db.updateTable('departments').set({ retired_at: null }).where('id', '=', unitedId).execute()
  })

  it('versions: a stale edit is refused, publishing numbers it and keeps the earlier version readable', async () => {
    const d = await draft('negative', '第一稿')
    const edited = await send(united, 'PUT', `/api/v1/dealings/versions/${d.id}`, {
      revision: 0,
      items: [{ text: '第二稿', basis: '主要任务10' }],
    })
    expect(edited.statusCode).toBe(200)
    expect((edited.json() as TDealingVersion).revision).toBe(1)
    const stale = await send(office, 'PUT', `/api/v1/dealings/versions/${d.id}`, {
      revision: 0,
      items: [{ text: '基于旧稿的修改' }],
    })
    expect([stale.statusCode, code(stale)]).toEqual([409, 'DEALINGS_STALE'])
    expect(code(await publish({ id: d.id, revision: 0 }))).toBe('DEALINGS_STALE')
    const before = (await lists(employee)).lists[1].inForce!
    const res = await publish({ id: d.id, revision: 1 })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      status: 'in_force',
      version: 2,
      items: [{ text: '第二稿', basis: '主要任务10' }],
    })
    const after = (await lists(employee)).lists[1]
    expect(after.inForce!.id).toBe(d.id)
    expect(after.history.map((h) => h.version)).toEqual([2, 1])
    const old = await get(employee, `/api/v1/dealings/versions/${before.id}`)
    expect(old.json()).toMatchObject({ status: 'superseded', version: 1, items: before.items })
    // Published: no more edits, no second publish.
    const again = await send(united, 'PUT', `/api/v1/dealings/versions/${d.id}`, {
      revision: 2,
      items: [{ text: '改动' }],
    })
    expect(code(again)).toBe('DEALINGS_PUBLISHED')
    expect(code(await publish({ id: d.id, revision: 2 }))).toBe('DEALINGS_PUBLISHED')
    expect((await get(employee, '/api/v1/dealings/versions/999999')).statusCode).toBe(404)
  })

  it('publishes racing on one kind leave exactly one version in force, numbers unique', async () => {
    const drafts = await Promise.all(Array.from({ length: 4 }, (_, i) => draft('guidance', `并发稿${i}`)))
    const res = await race((i) => publish(drafts[i % drafts.length]), drafts.length)
    const seen = outcomes(res)
    expect(seen.every((o) => o === '200' || o === '409 DEALINGS_PUBLISH_CONFLICT')).toBe(true)
    expect(seen).toContain('200')
    const rows = await inForceRows('guidance')
    expect(rows).toHaveLength(1)
    const numbers = await t.app.db
      .selectFrom('dealing_list_versions')
      .select('version')
      .where('kind', '=', 'guidance')
      .where('version', 'is not', null)
      .execute()
    expect(new Set(numbers.map((n) => n.version)).size).toBe(numbers.length)
    // The same draft published twice at once: one publish.
    const d = await draft('guidance', '同一稿')
    const twice = await race(() => publish(d), 4)
    expect(outcomes(twice).filter((o) => o === '200')).toHaveLength(1)
    expect((await inForceRows('guidance')).map((r) => r.id)).toEqual([d.id])
  })

  it('a 政商 pledge records the versions in force; its certificate and the chain carry them', async () => {
    const shown = (await lists(head)).lists.map((l) => l.inForce!)
    const parties = { enterpriseId: privateId, departmentId: industryId }
    // The page showed other versions than those in force: refused.
    await expect(
      signAsEnterprise(t.app, head, templates.government_business, parties, 2, {
        dealingVersionIds: [shown[0].id],
      }),
    ).rejects.toThrow(/409 .*DEALINGS_CHANGED/)
    const started = await signAsEnterprise(t.app, head, templates.government_business, parties, 3, {
      dealingVersionIds: shown.map((v) => v.id),
    })
    expect(started.dealings).toEqual(shown.map((v) => ({ id: v.id, kind: v.kind, version: v.version })))
    // A new version published meanwhile does not change what the pledge was started under.
    const d = await draft('positive', '新一版正面清单')
    expect((await publish(d)).statusCode).toBe(200)
    const done: TPledge = await countersign(t.app, official, started, 4)
    expect(done.dealings).toEqual(started.dealings)
    const svg = await get(head, `/api/v1/pledges/${done.id}/certificate.svg`)
    expect(svg.statusCode).toBe(200)
    expect(svg.body).toContain('依据《政商交往清单》正面清单第1版、负面清单第2版')
    const entries = await t.app.db
      .selectFrom('pledge_chain')
      .select('payload')
      .where('pledge_id', '=', done.id)
      .execute()
    expect(entries).toHaveLength(2)
    for (const e of entries) expect(JSON.parse(e.payload).dealingVersionIds).toEqual(shown.map((v) => v.id))
    const verified = await get(null, `/api/v1/pledges/verify/${done.code}`)
    expect(verified.json()).toMatchObject({ intact: true })

    // Editing the recorded versions afterwards breaks the record.
    await t.app.db
      .updateTable('pledges')
      .set({ dealing_version_ids: JSON.stringify([d.id]) })
      .where('id', '=', done.id)
      .execute()
    expect((await get(null, `/api/v1/pledges/verify/${done.code}`)).json()).toMatchObject({ intact: false })
    await t.app.db
      .updateTable('pledges')
      .set({ dealing_version_ids: JSON.stringify(shown.map((v) => v.id)) })
      .where('id', '=', done.id)
      .execute()
    expect((await get(null, `/api/v1/pledges/verify/${done.code}`)).json()).toMatchObject({ intact: true })
  })

  it('pledges without versions (signed before, or with no list in force, or one-sided) keep verifying', async () => {
    const saved = await t.app.db
      .selectFrom('dealing_list_versions')
      .select(['id', 'in_force_kind'])
      .where('in_force_kind', 'is not', null)
      .execute()
    await t.app.db.updateTable('dealing_list_versions').set({ in_force_kind: null }).execute()
    const before = await countersign(
      t.app,
      official,
      await signAsEnterprise(
        t.app,
        head,
        templates.government_business,
        { enterpriseId: privateId, departmentId: industryId },
        9,
      ),
      10,
    )
    for (const s of saved)
      await t.app.db
        .updateTable('dealing_list_versions')
        .set({ in_force_kind: s.in_force_kind })
        .where('id', '=', s.id)
        .execute()
    expect(before.dealings).toEqual([])
    const stored = await t.app.db
      .selectFrom('pledges')
      .select('dealing_version_ids')
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow()
    expect(stored.dealing_version_ids).toBeNull()
    const payload = await t.app.db
      .selectFrom('pledge_chain')
      .select('payload')
      .where('pledge_id', '=', before.id)
      .executeTakeFirstOrThrow()
    expect(payload.payload).not.toContain('dealingVersionIds')
    expect((await get(null, `/api/v1/pledges/verify/${before.code}`)).json()).toMatchObject({ intact: true })
    // Versions set on it afterwards do not match its entries.
    await sql`update pledges set dealing_version_ids = ${JSON.stringify([saved[0].id])} where id = ${before.id}`.execute(
      t.app.db,
    )
    expect((await get(null, `/api/v1/pledges/verify/${before.code}`)).json()).toMatchObject({ intact: false })
    await sql`update pledges set dealing_version_ids = null where id = ${before.id}`.execute(t.app.db)
    const chain = await verifyWholeChain(t.app.db, t.env.PLEDGE_CHAIN_KEY, t.app.pledgeCheckpoints)
    expect(chain.firstBroken).toBeNull()
  })
})
