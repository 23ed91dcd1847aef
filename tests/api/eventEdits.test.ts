import type { Transaction } from 'kysely'
import type { Database } from '../../server/core/db/schema'
import type { TEvent } from '../../src/models/event'
import { eventsRepository } from '../../server/features/events/repository'
import { TEST_DB, call, type TestApp } from './support/testApp'
import {
  auditRows,
  correctionsApp,
  CORRECTIONS_START,
  fieldsOf,
  postEvent,
  type CorrectionsApp,
} from './support/corrections'
import { multipart, TINY_PNG } from './support/files'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Corrections, continued: events edited by their organisers; sign-in and cancel exclusive; closed campaigns' evidence. */
describe(`corrections: event edits and guards [${TEST_DB}]`, () => {
  let t: TestApp
  let c: CorrectionsApp
  const start = CORRECTIONS_START
  let now = start

  beforeAll(async () => {
    c = await correctionsApp(() => now)
    t = c.t
  })
  afterAll(() => t.close())
  afterEach(() => {
    now = start
  })

  /** An event from 10 minutes from now for two hours, sign-in from 10 minutes ago. */
  async function createEvent(extra: Record<string, unknown> = {}): Promise<TEvent> {
    const res = await postEvent(t.app, c.liaison, c.privateId, now, extra)
    expect(res.statusCode).toBe(201)
    return res.json()
  }
  const edit = (id: number, payload: Record<string, unknown>, token = c.liaison) =>
    call(t.app, token, { method: 'PATCH', url: `/api/v1/events/${id}`, payload })

  it('lets the organisers edit an event, shows the change everywhere and audits it before → after', async () => {
    const event = await createEvent({ title: '待修改的党课', signInOpensAt: iso(now + 5 * MINUTE) })
    expect((await edit(event.id, { title: '越权' }, c.employee)).statusCode).toBe(403)
    for (const token of [c.liaisonNopo, c.supervisor, c.office]) {
      const res = await edit(event.id, { title: '越权' }, token)
      expect(res.statusCode).toBe(404)
    }
    const moved = iso(now + DAY)
    const res = await edit(
      event.id,
      {
        title: '廉政主题党课（改期）',
        startsAt: moved,
        endsAt: iso(now + DAY + 2 * HOUR),
        signInOpensAt: iso(now + DAY - 30 * MINUTE),
        signInClosesAt: iso(now + DAY + 2 * HOUR),
      },
      c.secretary,
    )
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ title: '廉政主题党课（改期）', startsAt: moved, cancelledAt: null })
    const detail = (
      await call(t.app, c.employee, { method: 'GET', url: `/api/v1/events/${event.id}` })
    ).json()
    expect(detail).toMatchObject({ title: '廉政主题党课（改期）', startsAt: moved })
    const list = (await call(t.app, c.employee, { method: 'GET', url: '/api/v1/events?as=attendee' })).json()
    expect(list.events.find((e: { id: number }) => e.id === event.id).startsAt).toBe(moved)
    const audit = await auditRows(t.app, 'event.update', event.id)
    expect(audit).toHaveLength(1)
    expect(audit[0].organisation_id).toBe(c.privateId)
    expect(JSON.parse(audit[0].detail!)).toEqual({
      before: {
        title: '待修改的党课',
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        signInOpensAt: event.signInOpensAt,
        signInClosesAt: event.signInClosesAt,
      },
      after: {
        title: '廉政主题党课（改期）',
        startsAt: moved,
        endsAt: iso(now + DAY + 2 * HOUR),
        signInOpensAt: iso(now + DAY - 30 * MINUTE),
        signInClosesAt: iso(now + DAY + 2 * HOUR),
      },
    })
    // A NUL (PostgreSQL refuses it) is a 400; an id beyond int4 names no event.
    const nul = await edit(event.id, { title: '党课\u0000' })
    expect(nul.statusCode).toBe(400)
    expect(fieldsOf(nul)).toEqual({ title: '活动名称不能包含控制字符' })
    expect((await edit(2147483648, { title: '某活动' })).statusCode).toBe(404)
    expect((await edit(999999, { title: '某活动' })).statusCode).toBe(404)
  })

  it('checks every time against the others and against now, with the rule of creation', async () => {
    const event = await createEvent({ signInOpensAt: iso(now + 5 * MINUTE) })
    const bad = await edit(event.id, { startsAt: iso(now - HOUR), endsAt: iso(now - 2 * HOUR) })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')
    expect(fieldsOf(bad)).toEqual({
      startsAt: '开始时间不能早于当前时间',
      endsAt: '结束时间不能早于当前时间',
      signInOpensAt: '签到开始时间应早于活动结束时间',
    })
    const window = await edit(event.id, { signInClosesAt: iso(now + 2 * HOUR + DAY + MINUTE) })
    expect(fieldsOf(window)).toEqual({ signInClosesAt: '签到截止时间不能晚于活动结束后24小时' })
    const order = await edit(event.id, { endsAt: iso(now + 5 * MINUTE) })
    expect(fieldsOf(order)).toEqual({
      endsAt: '结束时间应晚于开始时间',
      signInOpensAt: '签到开始时间应早于活动结束时间',
    })
    // Opening sign-in earlier, even now, is allowed (people arrive early).
    const early = await edit(event.id, { signInOpensAt: iso(now - MINUTE) })
    expect(early.statusCode).toBe(200)
  })

  it('keeps what has begun: the start once started, the opening once open, the end once ended', async () => {
    const event = await createEvent()
    now += 20 * MINUTE // under way
    const started = await edit(event.id, {
      startsAt: iso(now + HOUR),
      signInOpensAt: iso(now),
      endsAt: iso(now + 3 * HOUR),
    })
    expect(fieldsOf(started)).toEqual({
      startsAt: '活动已开始，开始时间不能再修改',
      signInOpensAt: '签到已开始，签到开始时间不能再修改',
    })
    const longer = await edit(event.id, { endsAt: iso(now + 3 * HOUR), signInClosesAt: iso(now + 3 * HOUR) })
    expect(longer.statusCode).toBe(200)
    const end = Date.parse(longer.json().endsAt)

    now = end + HOUR // ended an hour ago
    const ended = await edit(event.id, { endsAt: iso(end + 2 * HOUR) })
    expect(fieldsOf(ended)).toEqual({ endsAt: '活动已结束，结束时间不能再修改' })
    const shorter = await edit(event.id, { signInClosesAt: iso(end - MINUTE) })
    expect(fieldsOf(shorter)).toEqual({ signInClosesAt: '活动已结束，签到截止时间只能延后' })
    const tooLong = await edit(event.id, { signInClosesAt: iso(end + DAY + MINUTE) })
    expect(fieldsOf(tooLong)).toEqual({ signInClosesAt: '签到截止时间不能晚于活动结束后24小时' })
    const extended = await edit(event.id, { signInClosesAt: iso(end + DAY) })
    expect(extended.statusCode).toBe(200)
    expect(extended.json()).toMatchObject({ signInClosesAt: iso(end + DAY), phase: 'open' })
    // Unchanged times are not checked against now: the title of an ended event can still be corrected.
    const title = await edit(event.id, { ...extended.json(), title: '廉政主题党课（补录）', place: null })
    expect(title.statusCode).toBe(200)
  })

  it('answers 409 EVENT_CANCELLED to an edit of a cancelled event; an edit racing a cancel is one or the other', async () => {
    const event = await createEvent()
    expect(
      (await call(t.app, c.liaison, { method: 'POST', url: `/api/v1/events/${event.id}/cancel` })).statusCode,
    ).toBe(200)
    const res = await edit(event.id, { title: '取消后再改' })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('EVENT_CANCELLED')
    for (let round = 0; round < 4; round++) {
      const e = await createEvent({ title: `竞争修改${round}` })
      const [edited, cancelled] = await Promise.all([
        edit(e.id, { title: `已修改${round}` }),
        call(t.app, c.secretary, { method: 'POST', url: `/api/v1/events/${e.id}/cancel` }),
      ])
      expect(cancelled.statusCode).toBe(200)
      const row = await eventsRepository.byId(t.app.db, e.id)
      expect(row!.cancelled_at).not.toBeNull()
      if (edited.statusCode === 200) expect(row!.title).toBe(`已修改${round}`)
      else {
        expect(edited.json().error.code).toBe('EVENT_CANCELLED')
        expect(row!.title).toBe(`竞争修改${round}`)
      }
    }
  })

  describe('sign-in and cancel', () => {
    const scan = async (eventId: number) => {
      const qr = await call(t.app, c.liaison, { method: 'GET', url: `/api/v1/events/${eventId}/qr` })
      return (key?: string) =>
        call(t.app, c.employee, {
          method: 'POST',
          url: '/api/v1/sign-ins',
          payload: { payload: qr.json().payload, scannedAt: iso(now) },
          headers: key ? { 'idempotency-key': key } : {},
        })
    }
    const signInRows = async (eventId: number) =>
      (await t.app.db.selectFrom('sign_ins').select('id').where('event_id', '=', eventId).execute()).length

    it('are exclusive when they race: the sign-in lands first, or meets the event cancelled', async () => {
      for (let round = 0; round < 6; round++) {
        const e = await createEvent({ title: `竞争签到${round}` })
        const signIn = await scan(e.id)
        const [signed, cancelled] = await Promise.all([
          signIn(),
          call(t.app, c.liaison, { method: 'POST', url: `/api/v1/events/${e.id}/cancel` }),
        ])
        expect(cancelled.statusCode).toBe(200)
        if (signed.statusCode === 201) expect(await signInRows(e.id)).toBe(1)
        else {
          expect(signed.statusCode).toBe(409)
          expect(signed.json().error.code).toBe('EVENT_CANCELLED')
          expect(await signInRows(e.id)).toBe(0)
        }
      }
    })

    // PostgreSQL runs them at once: the share lock a sign-in holds makes a cancel wait, and the other way.
    const onPostgres = TEST_DB === 'postgres' ? it : it.skip

    /** Runs `hold` in a transaction kept open until the returned release is called. */
    async function holdOpen(hold: (trx: Transaction<Database>) => Promise<unknown>) {
      let release!: () => void
      const released = new Promise<void>((resolve) => (release = resolve))
      let ready!: () => void
      const held = new Promise<void>((resolve) => (ready = resolve))
      const done = t.app.db.transaction().execute(async (trx) => {
        await hold(trx)
        ready()
        await released
      })
      await held
      return async () => {
        release()
        await done
      }
    }
    const stillWaiting = async (request: Promise<unknown>) =>
      (await Promise.race([request.then(() => 'answered'), sleep(400).then(() => 'waiting')])) === 'waiting'

    onPostgres('a cancel waits for a sign-in in flight, which is kept', async () => {
      const e = await createEvent({ title: '签到在先' })
      const release = await holdOpen((trx) => eventsRepository.holdForSignIn(trx, e.id, 'postgres'))
      const cancel = call(t.app, c.liaison, { method: 'POST', url: `/api/v1/events/${e.id}/cancel` })
      expect(await stillWaiting(cancel)).toBe(true)
      await release()
      expect((await cancel).statusCode).toBe(200)
    })

    onPostgres('a sign-in behind a cancel in flight meets the event cancelled', async () => {
      const e = await createEvent({ title: '取消在先' })
      const signIn = await scan(e.id)
      const release = await holdOpen((trx) => eventsRepository.cancel(trx, e.id, iso(now)))
      const signed = signIn()
      expect(await stillWaiting(signed)).toBe(true)
      await release()
      const res = await signed
      expect(res.statusCode).toBe(409)
      expect(res.json().error.code).toBe('EVENT_CANCELLED')
      expect(await signInRows(e.id)).toBe(0)
    })

    onPostgres(
      'a repeat with the same key waits for the sign-in in flight, then replays its answer',
      async () => {
        const e = await createEvent({ title: '重复提交' })
        const signIn = await scan(e.id)
        // An edit in flight holds the event: the first sign-in has claimed its key and waits behind it.
        const release = await holdOpen((trx) => eventsRepository.lockOpen(trx, e.id))
        const first = signIn('signin-twice-0001')
        expect(await stillWaiting(first)).toBe(true)
        const repeat = signIn('signin-twice-0001')
        expect(await stillWaiting(repeat)).toBe(true)
        await release()
        const [a, b] = await Promise.all([first, repeat])
        expect(a.statusCode).toBe(201)
        expect(b.statusCode).toBe(201)
        expect(b.headers['idempotent-replayed']).toBe('true')
        expect(b.json()).toEqual(a.json())
        expect(await signInRows(e.id)).toBe(1)
      },
    )

    it('shows 已取消 and no code on the big screen of a cancelled event', async () => {
      const e = await createEvent({ title: '大屏取消' })
      const link = (
        await call(t.app, c.liaison, { method: 'POST', url: `/api/v1/events/${e.id}/display-links` })
      ).json()
      const screen = async () => (await t.app.inject({ method: 'GET', url: link.qrPath })).json()
      expect(await screen()).toMatchObject({ payload: expect.any(String), event: { cancelledAt: null } })
      await call(t.app, c.liaison, { method: 'POST', url: `/api/v1/events/${e.id}/cancel` })
      expect(await screen()).toMatchObject({ payload: null, event: { cancelledAt: iso(now) } })
    })
  })

  it('refuses evidence uploaded to or removed from an assessment of a closed campaign', async () => {
    const campaign = await call(t.app, c.office, {
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: {
        name: '佐证期次',
        periodStart: '2026-06-01',
        periodEnd: '2026-09-30',
        dueDate: '2026-10-15',
        enterpriseIds: [c.privateId],
      },
    })
    const campaignId = campaign.json().id
    const assessments = (
      await call(t.app, c.liaison, { method: 'GET', url: `/api/v1/enterprises/${c.privateId}/assessments` })
    ).json().assessments
    const assessmentId = assessments.find(
      (a: { campaign: { id: number } }) => a.campaign.id === campaignId,
    ).id
    const base = `/api/v1/enterprises/${c.privateId}/assessments/${assessmentId}`
    const itemCode = (await call(t.app, c.liaison, { method: 'GET', url: base })).json().items[0].code
    const upload = () =>
      call(t.app, c.liaison, {
        method: 'POST',
        url: `${base}/evidence?itemCode=${itemCode}`,
        ...multipart('file', '制度.png', TINY_PNG),
      })
    const uploaded = await upload()
    expect(uploaded.statusCode).toBe(201)
    await call(t.app, c.office, { method: 'POST', url: `/api/v1/campaigns/${campaignId}/close` })
    const refused = await upload()
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('CAMPAIGN_CLOSED')
    const removed = await call(t.app, c.liaison, {
      method: 'DELETE',
      url: `${base}/evidence/${uploaded.json().id}`,
    })
    expect(removed.statusCode).toBe(409)
    expect(removed.json().error.code).toBe('CAMPAIGN_CLOSED')
  })
})
