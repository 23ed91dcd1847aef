import { setUpCounty } from '../../server/features/setup/service'
import { call, createTestApp, TEST_DB, type TestApp } from './support/testApp'
import { emptyCountyEnv, startFakeWechat, type FakeWechat } from './support/fakeWechat'
import { creditCode, enterpriseRow, upload, waitReady, workbook } from './support/importFiles'

jest.setTimeout(60_000)

/**
 * The first week of a county switched on from an empty database: the office starts the year's 自查 and
 * registers more enterprises afterwards (a second import, one by hand). Found by the fresh-eyes walk:
 * those came after the campaign and had no self-assessment at all (暂无自查任务, the campaign still counted
 * the first ones only), with no way for the office to add them.
 */
describe(`enterprises registered while a county-wide 自查 is open [${TEST_DB}]`, () => {
  let wechat: FakeWechat
  let t: TestApp
  let now = Date.parse('2026-12-01T02:00:00Z')
  let office: string
  let departmentId: number

  beforeAll(async () => {
    wechat = await startFakeWechat()
    t = await createTestApp(emptyCountyEnv(wechat), { clock: () => now })
    const { code } = await t.database.db.transaction().execute((trx) => setUpCounty(trx, '测试县', now))
    const login = await call(t.app, null, {
      method: 'POST',
      url: '/api/v1/auth/wechat',
      payload: { code: 'ok:county-clerk' },
    })
    office = login.json().token
    const redeemed = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/setup/redeem',
      payload: { code },
    })
    expect(redeemed.statusCode).toBe(201)
    const department = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/departments',
      payload: { name: '县委统战部' },
    })
    departmentId = department.json().id
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  const later = () => (now += 60_000)

  async function importRows(serials: number[]) {
    later()
    const started = await upload(t.app, office, await workbook(serials.map((s) => enterpriseRow(s))))
    expect(started.statusCode).toBe(202)
    await waitReady(t.app, office, started.json().id)
    const committed = await call(t.app, office, {
      method: 'POST',
      url: `/api/v1/imports/${started.json().id}/commit`,
    })
    expect(committed.json()).toMatchObject({ created: serials.length })
  }

  async function startCampaign(payload: Record<string, unknown> = {}) {
    later()
    const res = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: {
        name: '2026年度清廉企业建设自查',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        dueDate: '2027-01-04',
        ...payload,
      },
    })
    expect(res.statusCode).toBe(201)
    return res.json().id as number
  }

  const targets = async (campaignId: number) =>
    (
      await t.app.db
        .selectFrom('assessments')
        .innerJoin('enterprises', 'enterprises.id', 'assessments.enterprise_id')
        .select(['enterprises.name', 'assessments.status'])
        .where('assessments.campaign_id', '=', campaignId)
        .orderBy('enterprises.id')
        .execute()
    ).map((r) => `${r.name} ${r.status}`)

  it('takes the enterprises imported or registered by hand after the start into the open campaign, as drafts', async () => {
    await importRows([8001, 8002])
    const campaignId = await startCampaign()
    // one for chosen enterprises (the API allows it): later enterprises stay out of it
    const chosen = await startCampaign({
      name: '2026年度重点企业自查',
      enterpriseIds: [(await t.app.db.selectFrom('enterprises').select('id').executeTakeFirstOrThrow()).id],
    })
    await importRows([8003])
    later()
    const byHand = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: {
        name: '测试县好味食品厂',
        creditCode: creditCode(8004),
        ownership: 'private',
        partyOrg: 'none',
        supervisingDepartmentIds: [departmentId],
      },
    })
    expect(byHand.statusCode).toBe(201)

    expect(await targets(campaignId)).toEqual([
      '县第8001测试有限公司 draft',
      '县第8002测试有限公司 draft',
      '县第8003测试有限公司 draft',
      '测试县好味食品厂 draft',
    ])
    expect(await targets(chosen)).toEqual(['县第8001测试有限公司 draft'])
    const campaigns = await call(t.app, office, { method: 'GET', url: '/api/v1/campaigns' })
    expect(
      campaigns
        .json()
        .campaigns.map((c: { name: string; targetCount: number }) => `${c.name} ${c.targetCount}`),
    ).toEqual(expect.arrayContaining(['2026年度清廉企业建设自查 4', '2026年度重点企业自查 1']))
  })

  it('leaves a closed campaign as it was', async () => {
    const campaigns = await call(t.app, office, { method: 'GET', url: '/api/v1/campaigns' })
    for (const c of campaigns.json().campaigns as { id: number }[]) {
      later()
      const closed = await call(t.app, office, { method: 'POST', url: `/api/v1/campaigns/${c.id}/close` })
      expect(closed.statusCode).toBe(200)
    }
    await importRows([8005])
    const drafts = await t.app.db
      .selectFrom('assessments')
      .innerJoin('enterprises', 'enterprises.id', 'assessments.enterprise_id')
      .select('assessments.id')
      .where('enterprises.name', '=', '县第8005测试有限公司')
      .execute()
    expect(drafts).toEqual([])
  })

  it('keeps a campaign started for chosen enterprises to them, even when they are all the county has', async () => {
    const all = (await t.app.db.selectFrom('enterprises').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    )
    const chosen = await startCampaign({ name: '2026年度全部企业点名自查', enterpriseIds: all })
    await importRows([8006])
    expect(await targets(chosen)).toHaveLength(all.length)
    expect((await targets(chosen)).join()).not.toContain('县第8006测试有限公司')
  })

  it('never loses an enterprise registered at the very moment a county-wide campaign starts', async () => {
    for (let round = 0; round < 8; round++) {
      later()
      const [campaign, enterprise] = await Promise.all([
        call(t.app, office, {
          method: 'POST',
          url: '/api/v1/campaigns',
          payload: {
            name: `同时发起的期次${round}`,
            periodStart: '2026-01-01',
            periodEnd: '2026-12-31',
            dueDate: '2027-01-04',
          },
        }),
        call(t.app, office, {
          method: 'POST',
          url: '/api/v1/enterprises',
          payload: {
            name: `同时登记的企业${round}`,
            creditCode: creditCode(8100 + round),
            ownership: 'private',
            partyOrg: 'none',
            supervisingDepartmentIds: [departmentId],
          },
        }),
      ])
      expect([campaign.statusCode, enterprise.statusCode]).toEqual([201, 201])
      expect(await targets(campaign.json().id)).toContain(`同时登记的企业${round} draft`)
      later()
      await call(t.app, office, { method: 'POST', url: `/api/v1/campaigns/${campaign.json().id}/close` })
    }
  })
})
