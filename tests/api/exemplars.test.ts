import type { TExemplarPublicNotice, TExemplarRound, TExemplarRoundDetail } from '../../src/models/exemplars'
import type { TEnterpriseHistory } from '../../src/models/supervisionEnterprise'
import { outcomes, race } from './support/races'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'

const DAY = 86_400_000

/**
 * 示范点 / 示范企业: office only; a 示范点 round holds at most one 国企 and one 民企 even when requests race;
 * the comparison carries each candidate's enterprise-page figures; the public 公示 shows only names, kinds
 * and the period, names only within it; every step is audited and in the enterprise's history.
 */
describe(`示范点 / 示范企业 [${TEST_DB}]`, () => {
  let t: TestApp
  // 10:00 北京时间, 2026-03-10.
  let now = Date.parse('2026-03-10T02:00:00Z')
  let office: string
  let finance: string
  let liaison: string
  const id = { soe: 0, soe2: 0, private: 0, private2: 0, mixed: 0 }

  const post = (token: string | null, url: string, payload?: object) =>
    call(t.app, token, { method: 'POST', url, ...(payload ? { payload } : {}) })
  const get = (token: string | null, url: string) => call(t.app, token, { method: 'GET', url })
  /** One 示范点 round stands at a time (tests/api/exemplarRules.test.ts): the previous unpublished one is cancelled. */
  const newRound = async (kind: 'pilot' | 'exemplar', name: string): Promise<TExemplarRound> => {
    if (kind === 'pilot') {
      const standing = await t.app.db
        .selectFrom('exemplar_rounds')
        .select('id')
        .where('kind', '=', 'pilot')
        .where('cancelled_at', 'is', null)
        .where('published_at', 'is', null)
        .execute()
      for (const r of standing)
        expect((await post(office, `/api/v1/exemplars/rounds/${r.id}/cancel`)).statusCode).toBe(200)
    }
    const res = await post(office, '/api/v1/exemplars/rounds', { kind, name })
    expect(res.statusCode).toBe(201)
    return res.json() as TExemplarRound
  }
  const propose = (roundId: number, enterpriseId: number, token = office) =>
    post(token, `/api/v1/exemplars/rounds/${roundId}/candidates`, { enterpriseId })
  const choose = (roundId: number, enterpriseId: number, token = office) =>
    post(token, `/api/v1/exemplars/rounds/${roundId}/candidates/${enterpriseId}/choose`)
  const code = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[office, finance, liaison] = await Promise.all(
      ['demo-office', 'demo-supervisor-finance', 'demo-liaison-soe'].map((o) => loginAs(t.app, o)),
    )
    id.soe = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    id.soe2 = await idOf(t.app, 'enterprises', '县园区水务发展有限公司')
    id.private = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    id.private2 = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    const at = new Date(now).toISOString()
    id.mixed = (
      await t.app.db
        .insertInto('enterprises')
        .values({
          name: '县混合示范测试有限公司',
          credit_code: '91450000MA5EXMPL01',
          ownership: 'mixed',
          party_org: 'none',
          industry: null,
          leading_group_date: null,
          plan_filed_date: null,
          demonstration: 0,
          liaison_name: null,
          liaison_phone: null,
          created_at: at,
          updated_at: at,
          milestone_deadline: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })
  afterAll(() => t.close())

  it('is for the office only: departments and enterprises are refused, strangers must sign in', async () => {
    const round = await newRound('exemplar', '权限测试')
    for (const token of [finance, liaison]) {
      expect((await get(token, '/api/v1/exemplars/rounds')).statusCode).toBe(403)
      expect((await get(token, `/api/v1/exemplars/rounds/${round.id}`)).statusCode).toBe(403)
      expect(
        (await post(token, '/api/v1/exemplars/rounds', { kind: 'pilot', name: '部门发起' })).statusCode,
      ).toBe(403)
      expect((await propose(round.id, id.soe, token)).statusCode).toBe(403)
      expect((await choose(round.id, id.soe, token)).statusCode).toBe(403)
    }
    expect((await get(null, '/api/v1/exemplars/rounds')).statusCode).toBe(401)
    expect((await get(office, '/api/v1/exemplars/rounds/987654')).statusCode).toBe(404)
  })

  it('compares the candidates with their enterprise pages’ figures', async () => {
    const round = await newRound('pilot', '2026年示范点选树')
    for (const e of [id.soe, id.private]) expect((await propose(round.id, e)).statusCode).toBe(201)
    const again = await propose(round.id, id.soe)
    expect([again.statusCode, code(again)]).toEqual([409, 'EXEMPLAR_CANDIDATE_EXISTS'])
    const mixed = await propose(round.id, id.mixed)
    expect([mixed.statusCode, code(mixed)]).toEqual([409, 'EXEMPLAR_NOT_ELIGIBLE'])
    const detail = (await get(office, `/api/v1/exemplars/rounds/${round.id}`)).json() as TExemplarRoundDetail
    expect(detail.round.candidateCount).toBe(2)
    expect(detail.candidates.map((c) => [c.enterpriseId, c.class])).toEqual([
      [id.soe, 'soe'],
      [id.private, 'private'],
    ])
    for (const c of detail.candidates) {
      const page = (await get(office, `/api/v1/supervision/enterprises/${c.enterpriseId}`)).json()
      expect(c.campaigns.map((k) => [k.campaignId, k.overall])).toEqual(
        page.campaigns.map((k: { campaignId: number; overall: number | null }) => [k.campaignId, k.overall]),
      )
      expect(c.attendanceRate).toBe(page.attendance.rate)
      expect(c.pledgeRate).toBe(page.pledges.personalRate)
      expect(c.milestones).toEqual(page.milestones)
      const raised = page.rectifications.open + page.rectifications.closed
      expect(c.rectificationClosure).toBe(
        raised ? Math.round((page.rectifications.closed / raised) * 1000) / 1000 : null,
      )
    }
  })

  it('keeps a 示范点 round at one 国企 and one 民企, also when requests race', async () => {
    const round = await newRound('pilot', '竞争测试')
    for (const e of [id.soe, id.soe2, id.private, id.private2])
      expect((await propose(round.id, e)).statusCode).toBe(201)
    // Both 国企 at once, several times each: exactly one is chosen.
    const answers = await race((i) => choose(round.id, i % 2 ? id.soe : id.soe2))
    expect(answers.filter((r) => r.statusCode === 200).length).toBeGreaterThanOrEqual(1)
    for (const r of answers) if (r.statusCode !== 200) expect(code(r)).toBe('EXEMPLAR_SLOT_TAKEN')
    const chosenSoe = await t.app.db
      .selectFrom('exemplar_candidates')
      .select('enterprise_id')
      .where('round_id', '=', round.id)
      .where('chosen_slot', '=', 'soe')
      .execute()
    expect(chosenSoe).toHaveLength(1)
    // Every winner chose the same one (a repeat of the winner's own choice answers 200, changing nothing).
    const winner = chosenSoe[0].enterprise_id
    answers.forEach((r, i) => {
      if (r.statusCode === 200) expect(i % 2 ? id.soe : id.soe2).toBe(winner)
    })
    // A 民企 still fits; a second one does not; un-choosing frees the slot.
    expect((await choose(round.id, id.private)).statusCode).toBe(200)
    const second = await choose(round.id, id.private2)
    expect([second.statusCode, code(second)]).toEqual([409, 'EXEMPLAR_SLOT_TAKEN'])
    const unchoose = await call(t.app, office, {
      method: 'DELETE',
      url: `/api/v1/exemplars/rounds/${round.id}/candidates/${id.private}/choose`,
    })
    expect(unchoose.statusCode).toBe(200)
    expect((await choose(round.id, id.private2)).statusCode).toBe(200)
    const detail = (await get(office, `/api/v1/exemplars/rounds/${round.id}`)).json() as TExemplarRoundDetail
    expect(detail.round.chosenCount).toBe(2)
    expect(outcomes(answers).length).toBe(answers.length)
  })

  it('chooses any number in a 示范企业 round', async () => {
    const round = await newRound('exemplar', '2027年示范企业选树')
    for (const e of [id.soe, id.soe2, id.mixed]) {
      expect((await propose(round.id, e)).statusCode).toBe(201)
      expect((await choose(round.id, e)).statusCode).toBe(200)
    }
    expect(((await choose(round.id, id.mixed)).json() as TExemplarRound).chosenCount).toBe(3)
  })

  it('publishes a 公示 that anyone reads within its period: names and kinds only', async () => {
    const round = await newRound('pilot', '2026年清廉企业建设示范点')
    for (const e of [id.soe, id.private, id.private2])
      expect((await propose(round.id, e)).statusCode).toBe(201)
    const publishUrl = `/api/v1/exemplars/rounds/${round.id}/publish`
    const none = await post(office, publishUrl, { startsOn: '2026-03-11', endsOn: '2026-03-17' })
    expect([none.statusCode, code(none)]).toEqual([409, 'EXEMPLAR_NONE_CHOSEN'])
    for (const e of [id.soe, id.private]) expect((await choose(round.id, e)).statusCode).toBe(200)
    for (const period of [
      { startsOn: '2026-03-09', endsOn: '2026-03-17' },
      { startsOn: '2026-03-12', endsOn: '2026-03-11' },
      { startsOn: '2026-03-11', endsOn: '2026-06-30' },
    ]) {
      const bad = await post(office, publishUrl, period)
      expect([bad.statusCode, code(bad)]).toEqual([400, 'EXEMPLAR_NOTICE_PERIOD'])
    }
    expect(
      (await post(finance, publishUrl, { startsOn: '2026-03-11', endsOn: '2026-03-17' })).statusCode,
    ).toBe(403)
    const published = await post(office, publishUrl, { startsOn: '2026-03-11', endsOn: '2026-03-17' })
    expect(published.statusCode).toBe(200)
    const notice = (published.json() as TExemplarRound).notice!
    expect(notice).toMatchObject({ startsOn: '2026-03-11', endsOn: '2026-03-17' })
    // Published: fixed.
    for (const res of [
      await choose(round.id, id.private2),
      await propose(round.id, id.soe2),
      await post(office, publishUrl, { startsOn: '2026-03-11', endsOn: '2026-03-18' }),
    ])
      expect([res.statusCode, code(res)]).toEqual([409, 'EXEMPLAR_ROUND_PUBLISHED'])

    const read = async () => {
      const res = await get(null, `/api/v1/exemplars/notices/${notice.code}`)
      expect(res.statusCode).toBe(200)
      return { body: res.json() as TExemplarPublicNotice, raw: res.body }
    }
    // Before the period: the period, no names.
    expect((await read()).body).toMatchObject({ state: 'upcoming', items: [] })
    now = Date.parse('2026-03-11T00:30:00+08:00')
    const open = await read()
    expect(open.body).toEqual({
      title: '2026年清廉企业建设示范点',
      kind: 'pilot',
      basis: expect.stringContaining('国有企业、民营企业各选择1家'),
      startsOn: '2026-03-11',
      endsOn: '2026-03-17',
      state: 'open',
      items: [
        { name: '县恒达食品有限公司', class: 'private' },
        { name: '县城市建设投资集团有限公司', class: 'soe' },
      ],
    })
    // Not a candidate that was not chosen, no score, no credit code, no person.
    expect(open.raw).not.toContain('顺通')
    expect(open.raw).not.toMatch(/score|overall|credit|phone|liaison/i)
    now = Date.parse('2026-03-17T23:59:00+08:00')
    expect((await read()).body.state).toBe('open')
    now = Date.parse('2026-03-18T00:00:00+08:00')
    expect((await read()).body).toMatchObject({ state: 'ended', items: [] })
    expect((await get(null, '/api/v1/exemplars/notices/no-such-code')).statusCode).toBe(404)
    now = Date.parse('2026-03-10T02:00:00Z')
  })

  it('audits every step and shows it in the enterprise’s history', async () => {
    // A 示范企业 round: the 示范点 round published above still stands.
    const round = await newRound('exemplar', '审计测试')
    expect((await propose(round.id, id.private2)).statusCode).toBe(201)
    expect((await choose(round.id, id.private2)).statusCode).toBe(200)
    now += DAY
    const published = await post(office, `/api/v1/exemplars/rounds/${round.id}/publish`, {
      startsOn: '2026-03-11',
      endsOn: '2026-03-20',
    })
    expect(published.statusCode).toBe(200)
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['action', 'organisation_id', 'entity_id'])
      .where('entity_type', '=', 'exemplar_round')
      .where('entity_id', '=', String(round.id))
      .orderBy('id')
      .execute()
    expect(audit.map((a) => [a.action, a.organisation_id])).toEqual([
      ['exemplar.round.create', null],
      ['exemplar.candidate.add', id.private2],
      ['exemplar.choose', id.private2],
      ['exemplar.notice', id.private2],
      ['exemplar.publish', null],
    ])
    const history = (
      await get(office, `/api/v1/supervision/enterprises/${id.private2}/history?pageSize=50`)
    ).json() as TEnterpriseHistory
    const mine = history.items.filter((h) => h.entityType === 'exemplar_round' && h.entityId === round.id)
    expect(mine.map((h) => [h.action, h.subject])).toEqual([
      ['exemplar.notice', '审计测试'],
      ['exemplar.choose', '审计测试'],
      ['exemplar.candidate.add', '审计测试'],
    ])
    now -= DAY
  })
})
