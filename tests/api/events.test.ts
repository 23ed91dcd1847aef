import ExcelJS from 'exceljs'
import type { TEvent, TSignInResult } from '../../src/models/event'
import { ATTENDANCE_SHEET_COLUMNS } from '../../server/features/events/attendance'
import { newEventSecret, signQrPayload, slotOf, slotStartMs } from '../../server/features/events/qrToken'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { shanghaiDate } from '../../src/models/shanghaiTime'
import { expectSameAsMissing, MISSING_ID } from './support/isolation'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const iso = (ms: number) => new Date(ms).toISOString()

describe(`events and QR sign-in [${TEST_DB}]`, () => {
  let t: TestApp
  /** The server's clock, moved by the tests. */
  let now = slotStartMs(slotOf(Date.now())) + 1_000
  const at = (ms: number) => {
    now = ms
  }

  let liaison: string // 县恒达食品有限公司 liaison (organiser of its events)
  let secretary: string
  let employee: string
  let head: string
  let liaisonNopo: string // 县顺通物流有限公司: the other 民营 enterprise
  let liaisonSoe: string // 国企: never in the audience of 恒达's events
  let supervisorUnited: string // 县委统战部
  let supervisorFinance: string // 县财政局: does not supervise 恒达
  let office: string
  let newcomer: string
  let privateId: number
  let nopoId: number
  let soeId: number
  let unitedId: number
  let headUserId: number
  let liaisonSoeUserId: number

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[liaison, secretary, employee, head, liaisonNopo, liaisonSoe, supervisorUnited, supervisorFinance] =
      await Promise.all(
        [
          'demo-liaison-private',
          'demo-secretary-private',
          'demo-employee-private',
          'demo-head-private',
          'demo-liaison-nopo',
          'demo-liaison-soe',
          'demo-supervisor-united',
          'demo-supervisor-finance',
        ].map((openid) => loginAs(t.app, openid)),
      )
    office = await loginAs(t.app, 'demo-office')
    newcomer = await loginAs(t.app, 'demo-newcomer')
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    nopoId = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    unitedId = await idOf(t.app, 'departments', '县委统战部')
    const userId = async (openid: string) =>
      (await t.app.db.selectFrom('users').select('id').where('openid', '=', openid).executeTakeFirstOrThrow())
        .id
    headUserId = await userId('demo-head-private')
    liaisonSoeUserId = await userId('demo-liaison-soe')
  })
  afterAll(() => t.close())

  /** An event of 恒达 whose sign-in is open around `now`, unless told otherwise. */
  async function createEvent(extra: Record<string, unknown> = {}, token = liaison): Promise<TEvent> {
    const res = await call(t.app, token, {
      method: 'POST',
      url: `/api/v1/enterprises/${privateId}/events`,
      payload: {
        kind: 'integrity_lecture',
        title: '廉政主题党课',
        startsAt: iso(now + 10 * MINUTE),
        endsAt: iso(now + 2 * HOUR),
        signInOpensAt: iso(now - 10 * MINUTE),
        ...extra,
      },
    })
    expect(res.statusCode).toBe(201)
    return res.json()
  }

  async function qr(eventId: number, token = liaison): Promise<string> {
    const res = await call(t.app, token, { method: 'GET', url: `/api/v1/events/${eventId}/qr` })
    expect(res.statusCode).toBe(200)
    return res.json().payload
  }

  function scan(
    token: string,
    payload: string,
    extra: { scannedAt?: number; location?: unknown; headers?: Record<string, string> } = {},
  ) {
    return call(t.app, token, {
      method: 'POST',
      url: '/api/v1/sign-ins',
      payload: {
        payload,
        scannedAt: iso(extra.scannedAt ?? now),
        ...(extra.location !== undefined ? { location: extra.location } : {}),
      },
      headers: extra.headers,
    })
  }

  const signInsOf = (eventId: number) =>
    t.app.db.selectFrom('sign_ins').selectAll().where('event_id', '=', eventId).execute()

  describe('organising', () => {
    it('lets the liaison or a branch secretary create an enterprise event for the enterprise', async () => {
      const event = await createEvent()
      expect(event).toMatchObject({
        kind: 'integrity_lecture',
        organiser: { kind: 'enterprise', id: privateId, name: '县恒达食品有限公司' },
        audience: [{ id: privateId, name: '县恒达食品有限公司' }],
        canManage: true,
        phase: 'open',
        signedInCount: 0,
        mySignIn: null,
        inAudience: true,
        place: null,
      })
      expect(JSON.stringify(event)).not.toMatch(/secret/i)
      const bySecretary = await createEvent({ kind: 'party_day', title: '主题党日' }, secretary)
      expect(bySecretary.canManage).toBe(true)
      for (const token of [employee, head]) {
        const res = await call(t.app, token, {
          method: 'POST',
          url: `/api/v1/enterprises/${privateId}/events`,
          payload: { kind: 'reading', title: '读廉政书', startsAt: iso(now), endsAt: iso(now + HOUR) },
        })
        expect(res.statusCode).toBe(403)
      }
    })

    it('refuses bad times and kinds with per-field messages', async () => {
      const res = await call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/enterprises/${privateId}/events`,
        payload: { kind: 'picnic', title: '活动', startsAt: iso(now + HOUR), endsAt: iso(now) },
      })
      expect(res.statusCode).toBe(400)
      const paths = res.json().error.fields.map((f: { path: string }) => f.path)
      expect(paths).toContain('kind')
    })

    it('lets a supervisor create a county event for enterprises the department supervises, only those', async () => {
      const county = await call(t.app, supervisorUnited, {
        method: 'POST',
        url: `/api/v1/departments/${unitedId}/events`,
        payload: {
          kind: 'warning_education',
          title: '全县民营企业警示教育',
          startsAt: iso(now),
          endsAt: iso(now + HOUR),
          audienceEnterpriseIds: [privateId, nopoId],
        },
      })
      expect(county.statusCode).toBe(201)
      expect(county.json()).toMatchObject({
        organiser: { kind: 'department', id: unitedId, name: '县委统战部' },
        audience: [{ id: privateId }, { id: nopoId }],
        // The organiser's department is not invited: no 我的签到 for them (inAudience), in the view and the list.
        canManage: true,
        inAudience: false,
      })
      const countyId: number = county.json().id
      const asEmployee = await call(t.app, employee, { method: 'GET', url: `/api/v1/events/${countyId}` })
      expect(asEmployee.json()).toMatchObject({ canManage: false, inAudience: true })
      const organised = await call(t.app, supervisorUnited, {
        method: 'GET',
        url: '/api/v1/events?as=organiser',
      })
      expect(organised.json().events.find((e: { id: number }) => e.id === countyId)).toMatchObject({
        inAudience: false,
      })
      const notSupervised = await call(t.app, supervisorUnited, {
        method: 'POST',
        url: `/api/v1/departments/${unitedId}/events`,
        payload: {
          kind: 'warning_education',
          title: '越权活动',
          startsAt: iso(now),
          endsAt: iso(now + HOUR),
          audienceEnterpriseIds: [privateId, soeId],
        },
      })
      expect(notSupervised.statusCode).toBe(400)
      expect(notSupervised.json().error.fields).toEqual([
        { path: 'audienceEnterpriseIds.1', message: '该企业不存在或不在本部门监管范围内' },
      ])
      // Another department's supervisor cannot organise in 统战部's name; an enterprise liaison neither.
      for (const token of [supervisorFinance, liaison]) {
        const res = await call(t.app, token, {
          method: 'POST',
          url: `/api/v1/departments/${unitedId}/events`,
          payload: {
            kind: 'warning_education',
            title: '冒名活动',
            startsAt: iso(now),
            endsAt: iso(now + HOUR),
            audienceEnterpriseIds: [privateId],
          },
        })
        expect(res.statusCode).toBe(403)
      }
    })

    it('lets the office create a county event for any enterprise', async () => {
      const officeId = (
        await t.app.db
          .selectFrom('departments')
          .select('id')
          .where('is_office', '=', 1)
          .executeTakeFirstOrThrow()
      ).id
      const res = await call(t.app, office, {
        method: 'POST',
        url: `/api/v1/departments/${officeId}/events`,
        payload: {
          kind: 'training',
          title: '全县清廉企业建设专题培训',
          startsAt: iso(now + 24 * HOUR),
          endsAt: iso(now + 26 * HOUR),
          audienceEnterpriseIds: [soeId, privateId, soeId],
          place: { lat: 23.1, lng: 108.3, radiusM: 300 },
        },
      })
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({
        organiser: { kind: 'department', id: officeId },
        audience: [{ id: soeId }, { id: privateId }].sort((a, b) => a.id - b.id),
        signInOpensAt: iso(now + 24 * HOUR - 30 * MINUTE),
        signInClosesAt: iso(now + 26 * HOUR),
        phase: 'not_started',
        place: { name: null, lat: 23.1, lng: 108.3, radiusM: 300 },
      })
    })

    it('lists upcoming and past events for attendees and for organisers', async () => {
      // An event cannot be created once it has ended: this one was created last month.
      const today = now
      at(now - 30 * 24 * HOUR - HOUR)
      const past = await createEvent({
        title: '上月的廉政党课',
        startsAt: iso(today - 30 * 24 * HOUR),
        endsAt: iso(today - 30 * 24 * HOUR + HOUR),
        signInOpensAt: iso(today - 30 * 24 * HOUR - 10 * MINUTE),
      })
      at(today)
      const list = async (token: string, query: string) =>
        (await call(t.app, token, { method: 'GET', url: `/api/v1/events?${query}` })).json().events as {
          id: number
          title: string
          canManage: boolean
        }[]
      const upcoming = await list(employee, 'as=attendee&when=upcoming')
      expect(upcoming.map((e) => e.title)).toEqual(
        expect.arrayContaining([
          '廉政主题党课',
          '全县民营企业警示教育',
          '廉政主题党课：守纪律 讲规矩（演示）',
        ]),
      )
      expect(upcoming.some((e) => e.id === past.id)).toBe(false)
      expect(upcoming.every((e) => e.canManage === false)).toBe(true)
      expect((await list(employee, 'as=attendee&when=past')).map((e) => e.id)).toEqual([past.id])
      // The 国企 liaison sees none of 恒达's or 统战部's events: only the office's county training.
      expect((await list(liaisonSoe, 'as=attendee&when=upcoming')).map((e) => e.title)).toEqual([
        '全县清廉企业建设专题培训',
      ])
      // Organisers: 恒达's liaison sees 恒达's events; 统战部's supervisor the county ones; an employee none.
      const organised = await list(liaison, 'as=organiser&when=upcoming')
      expect(organised.length).toBeGreaterThan(0)
      expect(organised.every((e) => e.canManage)).toBe(true)
      expect(organised.some((e) => e.title === '全县民营企业警示教育')).toBe(false)
      const county = await list(supervisorUnited, 'as=organiser&when=upcoming')
      expect(county.map((e) => e.title)).toEqual(
        expect.arrayContaining(['全县民营企业警示教育', '民营企业清廉建设警示教育会（演示）']),
      )
      expect(await list(employee, 'as=organiser&when=upcoming')).toEqual([])
      expect(await list(newcomer, 'as=attendee&when=upcoming')).toEqual([])
    })
  })

  describe('the rotating QR', () => {
    it('gives organisers a signed payload that changes every 15 s; attendees get 403, others 404', async () => {
      const event = await createEvent()
      const first = await call(t.app, liaison, { method: 'GET', url: `/api/v1/events/${event.id}/qr` })
      expect(first.headers['cache-control']).toBe('no-store')
      const body = first.json()
      expect(body.payload).toMatch(new RegExp(`^QL1\\.${event.id}\\.${slotOf(now)}\\.[A-Za-z0-9_-]{22}$`))
      expect(body).toMatchObject({
        slot: slotOf(now),
        expiresAt: iso(slotStartMs(slotOf(now) + 1)),
        serverTime: iso(now),
      })
      const saved = now
      at(slotStartMs(slotOf(now) + 1))
      expect(await qr(event.id)).not.toBe(body.payload)
      at(saved)
      const byAttendee = await call(t.app, employee, { method: 'GET', url: `/api/v1/events/${event.id}/qr` })
      expect(byAttendee.statusCode).toBe(403)
      const byStranger = await call(t.app, liaisonSoe, {
        method: 'GET',
        url: `/api/v1/events/${event.id}/qr`,
      })
      expect(byStranger.statusCode).toBe(404)
    })
  })

  describe('scanning: one clear result', () => {
    let event: TEvent
    beforeAll(async () => {
      event = await createEvent({ title: '扫码结果测试' })
    })

    it('SIGNED_IN → 201, then ALREADY_SIGNED_IN → 200 with the original', async () => {
      const payload = await qr(event.id)
      const first = await scan(employee, payload)
      expect(first.statusCode).toBe(201)
      const signed: TSignInResult = first.json()
      expect(signed).toMatchObject({
        result: 'signed_in',
        signIn: {
          eventId: event.id,
          method: 'scan',
          flags: [],
          signedInAt: iso(now),
          eventTitle: '扫码结果测试',
        },
      })
      at(now + 5_000)
      const again = await scan(employee, await qr(event.id))
      expect(again.statusCode).toBe(200)
      expect(again.json()).toEqual({ result: 'already_signed_in', signIn: signed.signIn })
      // Even with a stale code, the person is told they are in already.
      at(now + HOUR)
      const stale = await scan(employee, payload)
      expect(stale.statusCode).toBe(200)
      expect(stale.json().result).toBe('already_signed_in')
      at(now - HOUR)
      // The event now shows it, to the attendee and the organiser.
      const view = (await call(t.app, employee, { method: 'GET', url: `/api/v1/events/${event.id}` })).json()
      expect(view).toMatchObject({ mySignIn: { method: 'scan' }, signedInCount: 1, canManage: false })
      const audit = await t.app.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'sign_in')
        .where('entity_id', '=', String(signed.signIn.id))
        .execute()
      expect(audit.map((a) => a.action)).toContain('sign_in.scan')
    })

    it('QR_INVALID for forged, malformed and unknown-event payloads, all alike', async () => {
      const payload = await qr(event.id)
      const [prefix, eventId, slot, mac] = payload.split('.')
      const forged = `${prefix}.${eventId}.${slot}.${(mac[0] === 'A' ? 'B' : 'A') + mac.slice(1)}`
      const otherSecret = signQrPayload(event.id, Number(slot), newEventSecret())
      const unknownEvent = signQrPayload(MISSING_ID, Number(slot), newEventSecret())
      // Beyond the id column's range: still a plain QR_INVALID, never a 5xx.
      const hugeEvent = signQrPayload(99_999_999_999, Number(slot), newEventSecret())
      const bodies = []
      for (const bad of [
        forged,
        otherSecret,
        unknownEvent,
        hugeEvent,
        'https://example.com/qr',
        '',
        `${payload}x`,
      ]) {
        const res = await scan(head, bad)
        expect({ bad, status: res.statusCode }).toEqual({ bad, status: 400 })
        bodies.push(res.json())
      }
      for (const body of bodies)
        expect(body).toEqual({ error: { code: 'QR_INVALID', message: '无效二维码', fields: [] } })
      expect(await signInsOf(event.id)).toHaveLength(1)
    })

    it('accepts its own slot and the next only: QR_EXPIRED from the slot after next', async () => {
      const saved = now
      const slot = slotOf(now)
      const payload = await qr(event.id)
      at(slotStartMs(slot + 2)) // first ms of the slot after next, phone time = server time
      const late = await scan(head, payload)
      expect(late.statusCode).toBe(422)
      expect(late.json().error).toMatchObject({
        code: 'QR_EXPIRED',
        message: expect.stringMatching(/二维码已过期/),
      })
      at(slotStartMs(slot + 2) - 1) // last ms of the next slot
      const justInTime = await scan(head, payload)
      expect(justInTime.statusCode).toBe(201)
      at(saved)
    })

    it('NOT_IN_AUDIENCE for someone of another enterprise who holds a real code', async () => {
      const res = await scan(liaisonSoe, await qr(event.id))
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('NOT_IN_AUDIENCE')
      const nobody = await scan(newcomer, await qr(event.id))
      expect(nobody.json().error.code).toBe('NOT_IN_AUDIENCE')
    })

    it('OUTSIDE_WINDOW before the window opens and after it closes', async () => {
      const later = await createEvent({
        title: '下周的活动',
        startsAt: iso(now + 7 * 24 * HOUR),
        endsAt: iso(now + 7 * 24 * HOUR + HOUR),
        signInOpensAt: iso(now + 7 * 24 * HOUR - 10 * MINUTE),
      })
      const early = await scan(employee, await qr(later.id))
      expect(early.statusCode).toBe(422)
      // The window is written as the app writes a time (2026年12月4日 14:00), in 北京时间.
      const opens = new Date(now + 7 * 24 * HOUR - 10 * MINUTE + 8 * HOUR)
      const opensText =
        `${opens.getUTCFullYear()}年${opens.getUTCMonth() + 1}月${opens.getUTCDate()}日 ` +
        `${String(opens.getUTCHours()).padStart(2, '0')}:${String(opens.getUTCMinutes()).padStart(2, '0')}`
      expect(early.json().error).toMatchObject({
        code: 'OUTSIDE_WINDOW',
        message: expect.stringMatching(
          /^不在签到时间（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}，北京时间）$/,
        ),
      })
      expect(early.json().error.message).toContain(`（${opensText} 至 `)
      const saved = now
      at(now + 7 * 24 * HOUR + HOUR + 1)
      const closed = await scan(employee, await qr(later.id))
      expect(closed.json().error.code).toBe('OUTSIDE_WINDOW')
      at(saved)
      expect(await signInsOf(later.id)).toHaveLength(0)
    })

    it('with a place: LOCATION_REQUIRED without a location, OUT_OF_RANGE away from it, in when there', async () => {
      const placed = await createEvent({
        title: '车间廉政教育',
        kind: 'outreach',
        place: { name: '一号车间', lat: 23.1, lng: 108.3, radiusM: 200 },
      })
      expect(placed.place).toEqual({ name: '一号车间', lat: 23.1, lng: 108.3, radiusM: 200 })
      const payload = await qr(placed.id)
      const missing = await scan(employee, payload)
      expect(missing.statusCode).toBe(422)
      expect(missing.json().error.code).toBe('LOCATION_REQUIRED')
      // ~1.1 km north.
      const far = await scan(employee, payload, { location: { lat: 23.11, lng: 108.3, accuracy: 10 } })
      expect(far.statusCode).toBe(422)
      expect(far.json().error.code).toBe('OUT_OF_RANGE')
      // A vague fix does not stretch the radius by more than 50 m.
      const vague = await scan(employee, payload, { location: { lat: 23.1025, lng: 108.3, accuracy: 2000 } })
      expect(vague.json().error.code).toBe('OUT_OF_RANGE')
      // ~220 m away with 30 m accuracy: inside 200 m + 30 m.
      const near = await scan(employee, payload, { location: { lat: 23.102, lng: 108.3, accuracy: 30 } })
      expect(near.statusCode).toBe(201)
      const [row] = await signInsOf(placed.id)
      expect(row.distance_m).toBeGreaterThan(200)
      expect(row.distance_m).toBeLessThan(230)
    })

    it('makes exactly one sign-in of 20 concurrent scans by one person', async () => {
      const crowd = await createEvent({ title: '并发签到' })
      const payload = await qr(crowd.id)
      const responses = await Promise.all(Array.from({ length: 20 }, () => scan(secretary, payload)))
      const statuses = responses.map((r) => r.statusCode).sort()
      expect(statuses.filter((s) => s === 201)).toHaveLength(1)
      expect(statuses.filter((s) => s === 200)).toHaveLength(19)
      const ids = new Set(responses.map((r) => r.json().signIn.id))
      expect(ids.size).toBe(1)
      expect(await signInsOf(crowd.id)).toHaveLength(1)
      // Twenty more with twenty different idempotency keys (twenty queued outbox entries): still one.
      const keyed = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          scan(head, payload, { headers: { 'idempotency-key': `scan-${crowd.id}-${i}-abcdef` } }),
        ),
      )
      expect(keyed.filter((r) => r.statusCode === 201)).toHaveLength(1)
      expect(keyed.every((r) => r.statusCode === 201 || r.statusCode === 200)).toBe(true)
      expect(await signInsOf(crowd.id)).toHaveLength(2)
    })

    it('replays a retried scan with the same Idempotency-Key', async () => {
      const replay = await createEvent({ title: '幂等签到' })
      const payload = await qr(replay.id)
      const headers = { 'idempotency-key': `scan-replay-${replay.id}-0001` }
      const first = await scan(employee, payload, { headers })
      at(now + HOUR) // the retry arrives late: the stored answer is replayed, not re-judged
      const retry = await scan(employee, payload, { headers, scannedAt: now - HOUR })
      at(now - HOUR)
      expect(first.statusCode).toBe(201)
      expect(retry.statusCode).toBe(201)
      expect(retry.headers['idempotent-replayed']).toBe('true')
      expect(retry.json()).toEqual(first.json())
    })
  })

  describe('offline scans sent later', () => {
    let event: TEvent
    let payload: string
    let scannedAt: number
    beforeAll(async () => {
      event = await createEvent({ title: '无信号现场', startsAt: iso(now), endsAt: iso(now + 3 * HOUR) })
      payload = await qr(event.id)
      scannedAt = now
    })
    afterEach(() => at(scannedAt))

    it('accepts a scan whose phone time matches the code, within the delay, as 离线补传 (flagged)', async () => {
      at(scannedAt + 2 * HOUR)
      const res = await scan(employee, payload, { scannedAt })
      expect(res.statusCode).toBe(201)
      expect(res.json().signIn).toMatchObject({
        method: 'offline',
        flags: ['offline_upload'],
        signedInAt: iso(scannedAt),
        scannedAt: iso(scannedAt),
        receivedAt: iso(scannedAt + 2 * HOUR),
      })
    })

    it('tolerates one slot of phone clock skew and flags it', async () => {
      at(scannedAt + 3 * HOUR)
      const res = await scan(head, payload, { scannedAt: slotStartMs(slotOf(scannedAt) + 1) + 500 })
      expect(res.statusCode).toBe(201)
      expect(res.json().signIn).toMatchObject({ method: 'offline', flags: ['offline_upload', 'clock_skew'] })
    })

    it('refuses it when the phone time does not match the code (a late forward)', async () => {
      at(scannedAt + 10 * MINUTE)
      const res = await scan(secretary, payload, { scannedAt: now })
      expect(res.statusCode).toBe(422)
      expect(res.json().error.code).toBe('QR_EXPIRED')
      const wayOff = await scan(secretary, payload, { scannedAt: scannedAt - 5 * MINUTE })
      expect(wayOff.json().error.code).toBe('QR_EXPIRED')
    })

    it('refuses it after the delay (24 h by default) and with a phone time in the future', async () => {
      at(scannedAt + 24 * HOUR + 20_000)
      const late = await scan(secretary, payload, { scannedAt })
      expect(late.statusCode).toBe(422)
      expect(late.json().error).toMatchObject({
        code: 'QR_EXPIRED',
        message: expect.stringMatching(/24 小时/),
      })
      at(scannedAt + 2 * HOUR)
      const future = await scan(secretary, payload, { scannedAt: now + 10 * MINUTE })
      expect(future.json().error.code).toBe('QR_EXPIRED')
      expect((await signInsOf(event.id)).map((s) => s.method).sort()).toEqual(['offline', 'offline'])
    })

    it('shows the organiser which sign-ins are offline and flagged', async () => {
      const list = (
        await call(t.app, liaison, { method: 'GET', url: `/api/v1/events/${event.id}/attendance` })
      ).json()
      expect(list).toMatchObject({ count: 2, flaggedCount: 2 })
      expect(list.items.map((s: { method: string }) => s.method)).toEqual(['offline', 'offline'])
    })
  })

  describe('the organiser', () => {
    let event: TEvent
    beforeAll(async () => {
      event = await createEvent({ title: '代签与导出' })
    })

    it('proxies a sign-in with a reason, recorded as 组织者代签; only for the audience; once', async () => {
      const url = `/api/v1/events/${event.id}/sign-ins/proxy`
      const res = await call(t.app, liaison, {
        method: 'POST',
        url,
        payload: { userId: headUserId, reason: '手机没电，现场核实本人参加' },
      })
      expect(res.statusCode).toBe(201)
      expect(res.json().signIn).toMatchObject({ userId: headUserId, method: 'proxy', flags: ['proxy'] })
      const again = await call(t.app, liaison, {
        method: 'POST',
        url,
        payload: { userId: headUserId, reason: '重复' },
      })
      expect(again.statusCode).toBe(200)
      expect(again.json().result).toBe('already_signed_in')
      // The person scanning afterwards is told they are in, with the original proxy record.
      const scanned = await scan(head, await qr(event.id))
      expect(scanned.statusCode).toBe(200)
      expect(scanned.json().signIn.method).toBe('proxy')
      const outsider = await call(t.app, liaison, {
        method: 'POST',
        url,
        payload: { userId: liaisonSoeUserId, reason: '不是本企业的人' },
      })
      expect(outsider.statusCode).toBe(422)
      expect(outsider.json().error.code).toBe('NOT_IN_AUDIENCE')
      const byEmployee = await call(t.app, employee, {
        method: 'POST',
        url,
        payload: { userId: headUserId, reason: '越权代签' },
      })
      expect(byEmployee.statusCode).toBe(403)
      const noReason = await call(t.app, liaison, { method: 'POST', url, payload: { userId: headUserId } })
      expect(noReason.statusCode).toBe(400)
    })

    it('lists attendance with masked phones, enterprise, time, method and flags', async () => {
      expect((await scan(employee, await qr(event.id))).statusCode).toBe(201)
      const res = await call(t.app, liaison, { method: 'GET', url: `/api/v1/events/${event.id}/attendance` })
      expect(res.statusCode).toBe(200)
      const list = res.json()
      expect(list).toMatchObject({
        eventId: event.id,
        title: '代签与导出',
        count: 2,
        expected: 4,
        flaggedCount: 1,
      })
      expect(list.items).toEqual([
        expect.objectContaining({
          name: '刘恒达',
          phoneMasked: '138****0032',
          enterpriseName: '县恒达食品有限公司',
          method: 'proxy',
          flags: ['proxy'],
          proxyByName: '陈静',
          proxyReason: '手机没电，现场核实本人参加',
        }),
        expect.objectContaining({ name: '王小军', phoneMasked: '138****0034', method: 'scan', flags: [] }),
      ])
      expect(res.body).not.toContain('13807710032')
    })

    it('exports the attendance as a real .xlsx with a Chinese file name', async () => {
      const res = await call(t.app, liaison, {
        method: 'GET',
        url: `/api/v1/events/${event.id}/attendance.xlsx`,
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      const disposition = String(res.headers['content-disposition'])
      expect(disposition).toMatch(
        /^attachment; filename="event-\d+-attendance-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/,
      )
      const encoded = disposition.split("filename*=UTF-8''")[1]
      expect(decodeURIComponent(encoded)).toBe(
        `县恒达食品有限公司-代签与导出-签到表-${shanghaiDate(Date.parse(event.startsAt))}.xlsx`,
      )
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
      const sheet = workbook.getWorksheet('签到名单')!
      const rows = sheet.getSheetValues().filter(Boolean) as unknown[][]
      // Title, the line under it, then the header and one row a person.
      expect(rows[0][1]).toBe('代签与导出 签到表')
      expect(String(rows[1][1])).toContain('组织单位：县恒达食品有限公司')
      expect(rows[2].slice(1)).toEqual([...ATTENDANCE_SHEET_COLUMNS])
      expect(rows).toHaveLength(5)
      const col = (row: unknown[], header: (typeof ATTENDANCE_SHEET_COLUMNS)[number]) =>
        row[ATTENDANCE_SHEET_COLUMNS.indexOf(header) + 1]
      expect(rows[3].slice(1, 4)).toEqual([1, '刘恒达', '138****0032'])
      expect(col(rows[3], '签到方式')).toBe('组织者代签')
      expect(col(rows[3], '代签人')).toBe('陈静')
      expect(col(rows[3], '代签原因')).toBe('手机没电，现场核实本人参加')
      expect(rows[4].slice(1, 3)).toEqual([2, '王小军'])
      expect(col(rows[4], '签到方式')).toBe('扫码')
      expect(String(col(rows[4], '签到时间（北京时间）'))).toMatch(
        /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}$/,
      )
      const info = workbook.getWorksheet('活动信息')!
      expect(info.getCell('B3').value).toBe('代签与导出')
      const byAttendee = await call(t.app, employee, {
        method: 'GET',
        url: `/api/v1/events/${event.id}/attendance.xlsx`,
      })
      expect(byAttendee.statusCode).toBe(403)
    })

    it('creates and revokes display links; the big screen needs only the token', async () => {
      const created = await call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/events/${event.id}/display-links`,
      })
      expect(created.statusCode).toBe(201)
      const link = created.json()
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{32}$/)
      expect(link.qrPath).toBe(`/api/v1/display/${link.token}/qr`)
      const screen = await t.app.inject({ method: 'GET', url: link.qrPath })
      expect(screen.statusCode).toBe(200)
      expect(screen.headers['cache-control']).toBe('no-store')
      expect(screen.json()).toMatchObject({
        slot: slotOf(now),
        event: { title: '代签与导出', kind: 'integrity_lecture', phase: 'open' },
        attendance: { count: 2, expected: 4 },
      })
      // The big screen's code signs people in like the organiser's.
      expect((await scan(secretary, screen.json().payload)).statusCode).toBe(201)
      const counted = await t.app.inject({ method: 'GET', url: link.qrPath })
      expect(counted.json().attendance.count).toBe(3)
      // The list never shows tokens.
      const links = await call(t.app, liaison, {
        method: 'GET',
        url: `/api/v1/events/${event.id}/display-links`,
      })
      expect(links.json().links).toEqual([expect.objectContaining({ id: link.id, revokedAt: null })])
      expect(links.body).not.toContain(link.token)
      // Revoked: answers exactly like a token that never existed.
      const revoked = await call(t.app, liaison, {
        method: 'DELETE',
        url: `/api/v1/events/${event.id}/display-links/${link.id}`,
      })
      expect(revoked.statusCode).toBe(200)
      const gone = await t.app.inject({ method: 'GET', url: link.qrPath })
      const never = await t.app.inject({ method: 'GET', url: `/api/v1/display/${'x'.repeat(32)}/qr` })
      const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/display/short/qr' })
      expect(gone.statusCode).toBe(404)
      expect(gone.json()).toEqual(never.json())
      expect(malformed.json()).toEqual(never.json())
      const byAttendee = await call(t.app, employee, {
        method: 'POST',
        url: `/api/v1/events/${event.id}/display-links`,
      })
      expect(byAttendee.statusCode).toBe(403)
    })

    it('answers each enterprise its expected vs attended per event, and the rate', async () => {
      const res = await call(t.app, liaison, {
        method: 'GET',
        url: `/api/v1/enterprises/${privateId}/attendance-rate`,
      })
      expect(res.statusCode).toBe(200)
      const body = res.json()
      const row = body.events.find((e: { eventId: number }) => e.eventId === event.id)
      expect(row).toEqual({
        eventId: event.id,
        title: '代签与导出',
        kind: 'integrity_lecture',
        startsAt: event.startsAt,
        organiser: { kind: 'enterprise', id: privateId, name: '县恒达食品有限公司' },
        expected: 4,
        attended: 3,
        rate: 0.75,
      })
      // Events whose sign-in has not opened yet are not counted.
      expect(body.events.some((e: { title: string }) => e.title === '下周的活动')).toBe(false)
      expect(body.totals.expected).toBe(body.events.length * 4)
      // 顺通 was in the county event's audience only.
      const nopo = (
        await call(t.app, supervisorUnited, {
          method: 'GET',
          url: `/api/v1/enterprises/${nopoId}/attendance-rate`,
        })
      ).json()
      expect(nopo.events.map((e: { title: string }) => e.title)).toEqual(
        expect.arrayContaining(['全县民营企业警示教育', '民营企业清廉建设警示教育会（演示）']),
      )
      expect(
        nopo.events.every((e: { organiser: { kind: string } }) => e.organiser.kind === 'department'),
      ).toBe(true)
      expect(
        (
          await call(t.app, office, {
            method: 'GET',
            url: `/api/v1/enterprises/${privateId}/attendance-rate`,
          })
        ).statusCode,
      ).toBe(200)
      expect(
        (
          await call(t.app, employee, {
            method: 'GET',
            url: `/api/v1/enterprises/${privateId}/attendance-rate`,
          })
        ).statusCode,
      ).toBe(403)
    })
  })

  describe('tenant isolation', () => {
    let foreign: TEvent
    let linkId: number
    beforeAll(async () => {
      foreign = await createEvent({ title: '恒达内部活动' })
      linkId = (
        await call(t.app, liaison, { method: 'POST', url: `/api/v1/events/${foreign.id}/display-links` })
      ).json().id
    })

    it('answers every event route for another enterprise exactly as for a missing event', async () => {
      const cases = [
        { method: 'GET' as const, url: (id: number) => `/api/v1/events/${id}` },
        { method: 'GET' as const, url: (id: number) => `/api/v1/events/${id}/qr` },
        { method: 'GET' as const, url: (id: number) => `/api/v1/events/${id}/display-links` },
        { method: 'POST' as const, url: (id: number) => `/api/v1/events/${id}/display-links` },
        { method: 'DELETE' as const, url: (id: number) => `/api/v1/events/${id}/display-links/${linkId}` },
        {
          method: 'POST' as const,
          url: (id: number) => `/api/v1/events/${id}/sign-ins/proxy`,
          payload: { userId: headUserId, reason: '越权代签' },
        },
        { method: 'GET' as const, url: (id: number) => `/api/v1/events/${id}/attendance` },
        { method: 'GET' as const, url: (id: number) => `/api/v1/events/${id}/attendance.xlsx` },
        { method: 'GET' as const, url: (id: number) => `/api/v1/events/${id}/absentees` },
      ]
      // Another enterprise's liaison, another department's supervisor, and the office (not an organiser).
      for (const token of [liaisonSoe, supervisorFinance, liaisonNopo, office])
        await expectSameAsMissing(t.app, token, cases, [foreign.id])
      await expectSameAsMissing(
        t.app,
        liaisonSoe,
        [
          { method: 'GET', url: (id) => `/api/v1/enterprises/${id}/attendance-rate` },
          {
            method: 'POST',
            url: (id) => `/api/v1/enterprises/${id}/events`,
            payload: { kind: 'reading', title: '越权活动', startsAt: iso(now), endsAt: iso(now + HOUR) },
          },
        ],
        [privateId],
      )
      await expectSameAsMissing(
        t.app,
        supervisorFinance,
        [{ method: 'GET', url: (id) => `/api/v1/enterprises/${id}/attendance-rate` }],
        [privateId],
      )
      // The revoke above was refused: the link still works.
      const links = (
        await call(t.app, liaison, { method: 'GET', url: `/api/v1/events/${foreign.id}/display-links` })
      ).json().links
      expect(links[0].revokedAt).toBeNull()
    })

    it('answers an id beyond the id column like a missing one, never a 5xx', async () => {
      for (const token of [liaison, office]) {
        for (const url of [
          '/api/v1/events/99999999999',
          '/api/v1/events/99999999999/attendance',
          '/api/v1/events/99999999999/absentees',
        ]) {
          const res = await call(t.app, token, { method: 'GET', url })
          expect({ url, status: res.statusCode }).toEqual({ url, status: 404 })
        }
        const res = await call(t.app, token, {
          method: 'GET',
          url: '/api/v1/enterprises/99999999999/attendance-rate',
        })
        expect(res.statusCode).toBe(404)
      }
      const event = await createEvent({ title: '超大编号' })
      const link = await call(t.app, liaison, {
        method: 'DELETE',
        url: `/api/v1/events/${event.id}/display-links/99999999999`,
      })
      expect(link.statusCode).toBe(404)
      const proxy = await call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/events/${event.id}/sign-ins/proxy`,
        payload: { userId: 99_999_999_999, reason: '超大编号' },
      })
      expect(proxy.statusCode).toBe(400)
    })

    it('answers a forged code for another enterprise event exactly as one for a missing event', async () => {
      const slot = slotOf(now)
      const forgedForeign = await scan(liaisonSoe, signQrPayload(foreign.id, slot, newEventSecret()))
      const forgedMissing = await scan(liaisonSoe, signQrPayload(MISSING_ID, slot, newEventSecret()))
      expect(forgedForeign.statusCode).toBe(400)
      expect({ status: forgedForeign.statusCode, body: forgedForeign.json() }).toEqual({
        status: forgedMissing.statusCode,
        body: forgedMissing.json(),
      })
    })
  })
})
