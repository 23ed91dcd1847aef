import type { TAssessment } from '../../src/models'
import type { TEvent } from '../../src/models/event'
import { assessmentsRepository, campaignsRepository } from '../../server/features/assessments/repository'
import { TEST_DB, call, type TestApp } from './support/testApp'
import { auditRows, correctionsApp, CORRECTIONS_START, fieldsOf, postEvent } from './support/corrections'
import { sectionScoreColumns } from '../../server/features/assessments/scoreColumns'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

/** Corrections: campaigns edited and closed, events cancelled; dates checked against each other and today. */
describe(`corrections: campaigns and events [${TEST_DB}]`, () => {
  let t: TestApp
  let now = CORRECTIONS_START
  let office: string
  let liaison: string
  let liaisonNopo: string
  let supervisor: string
  let employee: string
  let secretary: string
  let privateId: number
  let nopoId: number

  beforeAll(async () => {
    ;({ t, office, liaison, liaisonNopo, supervisor, employee, secretary, privateId, nopoId } =
      await correctionsApp(() => now))
  })
  afterAll(() => t.close())

  const campaignBody = (extra: Record<string, unknown> = {}) => ({
    name: '2026年度第二期自查',
    periodStart: '2026-06-01',
    periodEnd: '2026-09-30',
    dueDate: '2026-10-15',
    enterpriseIds: [privateId, nopoId],
    ...extra,
  })
  const createCampaign = (extra: Record<string, unknown> = {}, token = office) =>
    call(t.app, token, { method: 'POST', url: '/api/v1/campaigns', payload: campaignBody(extra) })
  const todoKeys = async (token: string) =>
    (await call(t.app, token, { method: 'GET', url: '/api/v1/todos' }))
      .json()
      .items.map((i: { key: string }) => i.key) as string[]
  const assessmentOf = async (enterpriseId: number, campaignId: number, token: string) =>
    (await call(t.app, token, { method: 'GET', url: `/api/v1/enterprises/${enterpriseId}/assessments` }))
      .json()
      .assessments.find((a: { campaign: { id: number } }) => a.campaign.id === campaignId).id as number

  /** Answers every item 否 (no evidence needed): ready to submit, with findings. */
  async function fillIn(enterpriseId: number, assessmentId: number, token: string) {
    const base = `/api/v1/enterprises/${enterpriseId}/assessments/${assessmentId}`
    const view: TAssessment = (await call(t.app, token, { method: 'GET', url: base })).json()
    const answers = view.items.map((i) => ({ itemCode: i.code, value: 'no', note: '尚未落实，正在整改' }))
    const saved = await call(t.app, token, { method: 'PUT', url: `${base}/answers`, payload: { answers } })
    expect(saved.statusCode).toBe(200)
    return base
  }

  describe('campaigns', () => {
    it('refuses impossible dates on create with a message per field', async () => {
      const bad = await createCampaign({
        periodStart: '2026-10-01',
        periodEnd: '2026-09-30',
        dueDate: '2026-06-09',
      })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error.code).toBe('VALIDATION_FAILED')
      expect(fieldsOf(bad)).toEqual({
        periodEnd: '自查期间的结束日期不能早于开始日期',
        dueDate: '截止日期不能早于自查期间的开始日期',
      })
      // Today is 2026-06-10 in 北京时间: yesterday is refused, today is accepted.
      const past = await createCampaign({ dueDate: '2026-06-09' })
      expect(past.statusCode).toBe(400)
      expect(fieldsOf(past)).toEqual({ dueDate: '截止日期不能早于今天（2026年6月10日）' })
      // 2026-06-09 17:00 UTC is already 2026-06-10 01:00 北京时间.
      const before = now
      now = Date.parse('2026-06-09T17:00:00Z')
      const lateUtc = await createCampaign({ dueDate: '2026-06-09' })
      now = before
      expect(lateUtc.statusCode).toBe(400)
      const today = await createCampaign({ name: '今日截止', dueDate: '2026-06-10' })
      expect(today.statusCode).toBe(201)
      expect(today.json()).toMatchObject({ dueDate: '2026-06-10', closedAt: null })
    })

    it('lets only the office edit a campaign, with the same date checks, audited', async () => {
      const id = (await createCampaign({ name: '待修改期次' })).json().id
      const url = `/api/v1/campaigns/${id}`
      for (const token of [liaison, supervisor, employee]) {
        const res = await call(t.app, token, { method: 'PATCH', url, payload: { name: '越权修改' } })
        expect(res.statusCode).toBe(403)
      }
      // A NUL (PostgreSQL refuses it) is a 400 with a message; an id beyond int4 names nothing.
      const nul = await call(t.app, office, { method: 'PATCH', url, payload: { name: '期次\u0000名称' } })
      expect(nul.statusCode).toBe(400)
      expect(nul.json().error.code).toBe('VALIDATION_FAILED')
      for (const huge of ['4294967296', '2147483648']) {
        const patch = await call(t.app, office, {
          method: 'PATCH',
          url: `/api/v1/campaigns/${huge}`,
          payload: { name: '某期次' },
        })
        expect(patch.statusCode).toBe(404)
        const close = await call(t.app, office, { method: 'POST', url: `/api/v1/campaigns/${huge}/close` })
        expect(close.statusCode).toBe(404)
        const cancel = await call(t.app, office, { method: 'POST', url: `/api/v1/events/${huge}/cancel` })
        expect(cancel.statusCode).toBe(404)
      }
      const bad = await call(t.app, office, {
        method: 'PATCH',
        url,
        payload: { periodEnd: '2026-05-01', dueDate: '2026-06-01' },
      })
      expect(bad.statusCode).toBe(400)
      expect(fieldsOf(bad)).toEqual({
        periodEnd: '自查期间的结束日期不能早于开始日期',
        dueDate: '截止日期不能早于今天（2026年6月10日）',
      })
      const ok = await call(t.app, office, {
        method: 'PATCH',
        url,
        payload: { name: '2026年度第二期自查（延期）', dueDate: '2026-11-30' },
      })
      expect(ok.statusCode).toBe(200)
      expect(ok.json()).toMatchObject({ name: '2026年度第二期自查（延期）', dueDate: '2026-11-30' })
      const audit = await auditRows(t.app, 'campaign.update', id)
      expect(audit).toHaveLength(1)
      expect(JSON.parse(audit[0].detail!)).toEqual({
        before: { name: '待修改期次', dueDate: '2026-10-15' },
        after: { name: '2026年度第二期自查（延期）', dueDate: '2026-11-30' },
      })
      const missing = await call(t.app, office, {
        method: 'PATCH',
        url: '/api/v1/campaigns/999999',
        payload: {},
      })
      expect(missing.statusCode).toBe(404)
    })

    it('closes a campaign: its drafts leave the to-dos and cannot be submitted or edited', async () => {
      const id = (await createCampaign({ name: '将结束的期次' })).json().id
      const assessmentId = await assessmentOf(privateId, id, liaison)
      const base = await fillIn(privateId, assessmentId, liaison)
      expect(await todoKeys(liaison)).toContain(`assessment:${assessmentId}`)
      for (const token of [liaison, supervisor]) {
        const res = await call(t.app, token, { method: 'POST', url: `/api/v1/campaigns/${id}/close` })
        expect(res.statusCode).toBe(403)
      }
      const closed = await call(t.app, office, { method: 'POST', url: `/api/v1/campaigns/${id}/close` })
      expect(closed.statusCode).toBe(200)
      expect(closed.json().closedAt).toBe(iso(now))
      expect(await todoKeys(liaison)).not.toContain(`assessment:${assessmentId}`)
      const submit = await call(t.app, liaison, { method: 'POST', url: `${base}/submit` })
      expect(submit.statusCode).toBe(409)
      expect(submit.json().error.code).toBe('CAMPAIGN_CLOSED')
      const save = await call(t.app, liaison, {
        method: 'PUT',
        url: `${base}/answers`,
        payload: { answers: [{ itemCode: 'T01-01', value: 'yes' }] },
      })
      expect(save.json().error.code).toBe('CAMPAIGN_CLOSED')
      const again = await call(t.app, office, { method: 'POST', url: `/api/v1/campaigns/${id}/close` })
      expect(again.statusCode).toBe(409)
      expect(again.json().error.code).toBe('CAMPAIGN_CLOSED')
      const edit = await call(t.app, office, {
        method: 'PATCH',
        url: `/api/v1/campaigns/${id}`,
        payload: { name: '已结束还改' },
      })
      expect(edit.json().error.code).toBe('CAMPAIGN_CLOSED')
      const listed = (await call(t.app, liaison, { method: 'GET', url: '/api/v1/campaigns' }))
        .json()
        .campaigns.find((c: { id: number }) => c.id === id)
      expect(listed.closedAt).toBe(iso(now))
      const audit = await auditRows(t.app, 'campaign.close', id)
      expect(audit.map((a) => JSON.parse(a.detail!))).toEqual([{ unfinished: 2 }])
    })

    it('submits only while the campaign is open, in one conditional update (what a lost race meets)', async () => {
      const id = (await createCampaign({ name: '条件更新期次' })).json().id
      const assessmentId = await assessmentOf(privateId, id, liaison)
      expect(await campaignsRepository.close(t.app.db, id, iso(now))).toBe(true)
      expect(await campaignsRepository.close(t.app.db, id, iso(now))).toBe(false)
      const values = {
        overall_score: 0,
        ...sectionScoreColumns([]),
        submitted_at: iso(now),
        updated_at: iso(now),
      }
      expect(await assessmentsRepository.submitIfOpen(t.app.db, assessmentId, values)).toBe(false)
      const row = await t.app.db
        .selectFrom('assessments')
        .select('status')
        .where('id', '=', assessmentId)
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('draft')
    })

    it('close and submit racing: either the submit lands first, or it loses with 409 and nothing changes', async () => {
      for (let round = 0; round < 4; round++) {
        const id = (await createCampaign({ name: `竞争期次${round}` })).json().id
        const assessmentId = await assessmentOf(privateId, id, liaison)
        const base = await fillIn(privateId, assessmentId, liaison)
        const [submit, close] = await Promise.all([
          call(t.app, liaison, { method: 'POST', url: `${base}/submit` }),
          call(t.app, office, { method: 'POST', url: `/api/v1/campaigns/${id}/close` }),
        ])
        expect(close.statusCode).toBe(200)
        const row = await t.app.db
          .selectFrom('assessments')
          .select('status')
          .where('id', '=', assessmentId)
          .executeTakeFirstOrThrow()
        const findings = await t.app.db
          .selectFrom('rectifications')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('assessment_id', '=', assessmentId)
          .executeTakeFirstOrThrow()
        if (submit.statusCode === 200) {
          expect(row.status).toBe('submitted')
          expect(Number(findings.n)).toBeGreaterThan(0)
        } else {
          expect(submit.statusCode).toBe(409)
          expect(submit.json().error.code).toBe('CAMPAIGN_CLOSED')
          expect(row.status).toBe('draft')
          expect(Number(findings.n)).toBe(0)
        }
      }
    })
  })

  describe('events', () => {
    const createEvent = (extra: Record<string, unknown> = {}, token = liaison) =>
      postEvent(t.app, token, privateId, now, extra)

    it('refuses an event that has ended and a sign-in window outside the event', async () => {
      const ended = await createEvent({
        startsAt: iso(now - 3 * HOUR),
        endsAt: iso(now - HOUR),
        signInOpensAt: iso(now - 3 * HOUR),
      })
      expect(ended.statusCode).toBe(400)
      expect(fieldsOf(ended)).toEqual({ endsAt: '活动结束时间已过，不能发起已经结束的活动' })
      const after = await createEvent({
        startsAt: iso(now + DAY),
        endsAt: iso(now + DAY + HOUR),
        signInOpensAt: iso(now + DAY + 2 * HOUR),
        signInClosesAt: iso(now + DAY + 3 * HOUR),
      })
      expect(after.statusCode).toBe(400)
      expect(fieldsOf(after)).toEqual({ signInOpensAt: '签到开始时间应早于活动结束时间' })
      const before = await createEvent({
        startsAt: iso(now + 3 * DAY),
        endsAt: iso(now + 3 * DAY + HOUR),
        signInOpensAt: iso(now + HOUR),
        signInClosesAt: iso(now + 2 * HOUR),
      })
      expect(fieldsOf(before)).toEqual({
        signInOpensAt: '签到最早在活动开始前24小时开始',
        signInClosesAt: '签到截止时间应晚于活动开始时间',
      })
      const tooLate = await createEvent({ signInClosesAt: iso(now + 2 * HOUR + DAY + MINUTE) })
      expect(fieldsOf(tooLate)).toEqual({ signInClosesAt: '签到截止时间不能晚于活动结束后24小时' })
    })

    it('lets the organisers cancel an event; the audience gets 403, others the 404 of a missing event', async () => {
      const event: TEvent = (await createEvent({ title: '将取消的党课' })).json()
      const url = `/api/v1/events/${event.id}/cancel`
      expect((await call(t.app, employee, { method: 'POST', url })).statusCode).toBe(403)
      for (const token of [liaisonNopo, supervisor]) {
        const res = await call(t.app, token, { method: 'POST', url })
        expect(res.statusCode).toBe(404)
        expect(res.json().error.code).toBe('NOT_FOUND')
      }
      const cancelled = await call(t.app, secretary, { method: 'POST', url })
      expect(cancelled.statusCode).toBe(200)
      expect(cancelled.json()).toMatchObject({ id: event.id, cancelledAt: iso(now) })
      const again = await call(t.app, liaison, { method: 'POST', url })
      expect(again.statusCode).toBe(409)
      expect(again.json().error.code).toBe('EVENT_CANCELLED')
      const audit = await auditRows(t.app, 'event.cancel', event.id)
      expect(audit).toHaveLength(1)
    })

    it('keeps a cancelled event out of upcoming lists and rates, and its QR answers a clear error', async () => {
      const event: TEvent = (await createEvent({ title: '取消后不计到会率' })).json()
      const qr = await call(t.app, liaison, { method: 'GET', url: `/api/v1/events/${event.id}/qr` })
      expect(qr.statusCode).toBe(200)
      const payload = qr.json().payload
      const rate = async () =>
        (
          await call(t.app, office, {
            method: 'GET',
            url: `/api/v1/enterprises/${privateId}/attendance-rate`,
          })
        ).json()
      const list = async (when: string) =>
        (await call(t.app, employee, { method: 'GET', url: `/api/v1/events?as=attendee&when=${when}` }))
          .json()
          .events.map((e: { id: number }) => e.id) as number[]
      const before = await rate()
      expect(before.events.map((e: { eventId: number }) => e.eventId)).toContain(event.id)
      expect(await list('upcoming')).toContain(event.id)

      expect(
        (await call(t.app, liaison, { method: 'POST', url: `/api/v1/events/${event.id}/cancel` })).statusCode,
      ).toBe(200)

      const after = await rate()
      expect(after.events.map((e: { eventId: number }) => e.eventId)).not.toContain(event.id)
      const expected = before.events.find((e: { eventId: number }) => e.eventId === event.id).expected
      expect(after.totals.expected).toBe(before.totals.expected - expected)
      expect(await list('upcoming')).not.toContain(event.id)
      expect(await list('past')).toContain(event.id)
      const detail = (
        await call(t.app, employee, { method: 'GET', url: `/api/v1/events/${event.id}` })
      ).json()
      expect(detail.cancelledAt).toBe(iso(now))

      const scan = await call(t.app, employee, {
        method: 'POST',
        url: '/api/v1/sign-ins',
        payload: { payload, scannedAt: iso(now) },
      })
      expect(scan.statusCode).toBe(409)
      expect(scan.json().error).toMatchObject({
        code: 'EVENT_CANCELLED',
        message: '活动“取消后不计到会率”已取消，无需签到',
      })
      const newQr = await call(t.app, liaison, { method: 'GET', url: `/api/v1/events/${event.id}/qr` })
      expect(newQr.json().error.code).toBe('EVENT_CANCELLED')
    })
  })
})
