import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { rollOf, type TBranchDetail, type TCompliance, type TMeeting } from '../../src/models/meeting'
import type { TMeetingType } from '../../src/models/meetingCompliance'
import { printedWidth, YEAR_SHEET_COLUMNS } from '../../server/features/party/workbook'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing } from './support/isolation'
import { multipart, TINY_PNG } from './support/files'
import { shanghaiParts } from '../../src/models/shanghaiTime'

const HOUR = 3600_000
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

/** 10:00 北京时间 on the 25th of the real current month: within 7 days of every month's end. */
function twentyFifth(): number {
  const { year, month } = shanghaiParts(Date.now())
  return Date.UTC(year, month - 1, 25, 2, 0, 0)
}

describe(`三会一课: branches, meeting records, compliance [${TEST_DB}]`, () => {
  let t: TestApp
  let now = twentyFifth()

  let secretary: string // 梁红梅: secretary of 恒达's branch
  let head: string // 刘恒达: 委员 of the branch
  let employee: string // 王小军: a plain party member
  let liaisonNopo: string
  let liaisonSoe: string // 李明: 委员 of the 国企's branch
  let supervisorUnited: string
  let supervisorFinance: string
  let office: string
  let privateId: number
  let soeId: number
  let branchId: number
  let soeBranchId: number
  let branch: TBranchDetail
  const base = () => `/api/v1/enterprises/${privateId}/party-branches/${branchId}`

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[secretary, head, employee, liaisonNopo, liaisonSoe, supervisorUnited, supervisorFinance, office] =
      await Promise.all(
        [
          'demo-secretary-private',
          'demo-head-private',
          'demo-employee-private',
          'demo-liaison-nopo',
          'demo-liaison-soe',
          'demo-supervisor-united',
          'demo-supervisor-finance',
          'demo-office',
        ].map((openid) => loginAs(t.app, openid)),
      )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    const branchOf = async (enterpriseId: number) =>
      (
        await t.app.db
          .selectFrom('party_branches')
          .select('id')
          .where('enterprise_id', '=', enterpriseId)
          .executeTakeFirstOrThrow()
      ).id
    branchId = await branchOf(privateId)
    soeBranchId = await branchOf(soeId)
    branch = (await call(t.app, secretary, { method: 'GET', url: base() })).json()
  })
  afterAll(async () => {
    await t.close()
  })

  const member = (name: string) => branch.members.find((m) => m.name === name)!

  /** A 支委会 an hour ago: its roll is the committee (书记、委员); everyone present but those given. */
  function committeeBody(absent: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
    return meetingBody('committee', absent, extra)
  }

  /** A meeting of `type` an hour ago: its roll by the type's rule; everyone present but those given. */
  function meetingBody(
    type: TMeetingType,
    absent: Record<string, string> = {},
    extra: Record<string, unknown> = {},
  ) {
    return {
      type,
      topic: '研究本月清廉企业建设推进事项',
      startsAt: iso(now - HOUR),
      place: '公司党员活动室',
      host: '梁红梅',
      recorder: '梁红梅',
      attendance: rollOf(branch.members, type, null).map((m) =>
        m.name in absent
          ? { memberId: m.id, status: 'absent', reason: absent[m.name] || null }
          : { memberId: m.id, status: 'present' },
      ),
      nonMemberAttendees: '县委统战部 韦丽萍',
      minutes: '会议传达了清廉企业建设实施方案。\n与会同志逐一发言。',
      decisions: '一、开展廉洁风险点排查；二、下月开展廉政主题党课。',
      ...extra,
    }
  }

  async function createMeeting(body: Record<string, unknown>, token = secretary): Promise<TMeeting> {
    const res = await call(t.app, token, { method: 'POST', url: `${base()}/meetings`, payload: body })
    expect({ status: res.statusCode, body: res.statusCode === 201 ? null : res.json() }).toEqual({
      status: 201,
      body: null,
    })
    return res.json()
  }

  const compliance = async (token = secretary): Promise<TCompliance> =>
    (await call(t.app, token, { method: 'GET', url: `${base()}/compliance` })).json()

  it('has the demo branch with its roll and party groups, and lists it for its people', async () => {
    expect(branch).toMatchObject({
      id: branchId,
      enterpriseId: privateId,
      name: '县恒达食品有限公司党支部',
      canWrite: true,
      secretary: { name: '梁红梅' },
    })
    expect(branch.members).toHaveLength(8)
    expect(branch.groups.map((g) => g.name)).toEqual(['生产车间党小组', '经营管理党小组'])
    const mine = (await call(t.app, secretary, { method: 'GET', url: '/api/v1/party/branches' })).json()
    expect(mine.branches).toEqual([expect.objectContaining({ id: branchId, canWrite: true })])
    const plain = (await call(t.app, employee, { method: 'GET', url: '/api/v1/party/branches' })).json()
    expect(plain.branches).toEqual([expect.objectContaining({ id: branchId, canWrite: false })])
    const none = (await call(t.app, liaisonNopo, { method: 'GET', url: '/api/v1/party/branches' })).json()
    expect(none.branches).toEqual([])
  })

  it('logs a 支委会 with two absentees and a photo, submits it, and the month turns 已完成', async () => {
    const before = await compliance()
    const row = before.rows.find((r) => r.type === 'committee')!
    const cell = row.cells.find((c) => c.current)!
    expect(cell.status).toBe('due')

    const draft = await createMeeting(committeeBody({ 刘恒达: '出差', 陈静: '病假' }))
    expect(draft).toMatchObject({ status: 'draft', expected: 3, present: 1, canWrite: true, revision: 0 })
    expect(draft.attendance.filter((a) => a.status === 'absent')).toEqual([
      expect.objectContaining({ name: '刘恒达', reason: '出差', method: 'tick' }),
      expect.objectContaining({ name: '陈静', reason: '病假', method: 'tick' }),
    ])
    // A draft does not count.
    expect(
      (await compliance()).rows.find((r) => r.type === 'committee')!.cells.find((c) => c.current)!.status,
    ).toBe('due')

    const { payload, headers } = multipart('file', '现场照片.png', TINY_PNG)
    const upload = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings/${draft.id}/attachments?kind=photo`,
      payload,
      headers,
    })
    expect(upload.statusCode).toBe(201)
    expect(upload.json()).toMatchObject({ kind: 'photo', filename: '现场照片.png', mime: 'image/png' })
    const image = await t.app.inject({ method: 'GET', url: upload.json().url })
    expect(image.statusCode).toBe(200)
    expect(image.rawPayload.equals(TINY_PNG)).toBe(true)

    const submitted = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings/${draft.id}/submit`,
    })
    expect(submitted.statusCode).toBe(200)
    expect(submitted.json()).toMatchObject({ status: 'submitted', attachments: [{ kind: 'photo' }] })

    const after = await compliance()
    const committee = after.rows.find((r) => r.type === 'committee')!
    expect(committee.cells.find((c) => c.current)).toMatchObject({ status: 'done', count: 1 })
    expect(committee.rate).not.toBeNull()
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'meeting')
      .where('entity_id', '=', String(draft.id))
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['meeting.create', 'meeting.submit'])
  })

  it('shows the calendar of the demo history with done and overdue months and a yearly rate per type', async () => {
    const c = await compliance()
    expect(c.year).toBe(shanghaiParts(now).year)
    expect(c.rows.map((r) => `${r.type}:${r.groupName ?? ''}`)).toEqual([
      'member_assembly:',
      'committee:',
      'group:生产车间党小组',
      'group:经营管理党小组',
      'lecture:',
      'party_day:',
    ])
    const statuses = c.rows.flatMap((r) => r.cells.map((cell) => cell.status))
    // The demo history covers the ten months before this one (in January: all of them last year).
    if (shanghaiParts(now).month > 1) expect(statuses).toContain('done')
    expect(c.byType.map((b) => b.type)).toEqual([
      'member_assembly',
      'committee',
      'group',
      'lecture',
      'party_day',
    ])
    for (const r of c.rows) if (r.required > 0) expect(r.rate).toBeCloseTo(r.done / r.required, 3)
  })

  it('lets only the branch secretary and committee write; members and supervisors read', async () => {
    // 刘恒达 is 委员: he may write.
    const byCommittee = await createMeeting(
      { type: 'party_day', topic: '主题党日：读廉政书', startsAt: iso(now - 2 * HOUR) },
      head,
    )
    expect(byCommittee.status).toBe('draft')
    for (const token of [employee]) {
      const res = await call(t.app, token, {
        method: 'POST',
        url: `${base()}/meetings`,
        payload: committeeBody(),
      })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('MEETING_NO_BRANCH_WRITER')
      const read = await call(t.app, token, { method: 'GET', url: `${base()}/meetings/${byCommittee.id}` })
      expect(read.statusCode).toBe(200)
      expect(read.json().canWrite).toBe(false)
    }
    // The supervising department reads, read-only; it cannot write.
    const read = await call(t.app, supervisorUnited, {
      method: 'GET',
      url: `${base()}/meetings/${byCommittee.id}`,
    })
    expect(read.statusCode).toBe(200)
    expect(read.json().canWrite).toBe(false)
    const write = await call(t.app, supervisorUnited, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: committeeBody(),
    })
    expect(write.statusCode).toBe(403)
    const member = await call(t.app, employee, {
      method: 'POST',
      url: `${base()}/members`,
      payload: { name: '新党员', branchRole: 'member' },
    })
    expect(member.statusCode).toBe(403)
    // A department that does not supervise 恒达 knows nothing of it.
    const finance = await call(t.app, supervisorFinance, { method: 'GET', url: base() })
    expect(finance.statusCode).toBe(404)
  })

  it('keeps tenants apart: another enterprise’s branch and records answer like missing ones', async () => {
    const record = await createMeeting(committeeBody({}, { topic: '隔离测试' }))
    // 李明 writes for the 国企's branch; 恒达's branch and record, addressed under either enterprise.
    const soeBase = `/api/v1/enterprises/${soeId}/party-branches/${soeBranchId}`
    const body = committeeBody()
    await expectSameAsMissing(
      t.app,
      liaisonSoe,
      [
        { method: 'GET', url: (id) => `${soeBase}/meetings/${id}` },
        { method: 'PUT', url: (id) => `${soeBase}/meetings/${id}`, payload: body },
        { method: 'POST', url: (id) => `${soeBase}/meetings/${id}/submit` },
        { method: 'GET', url: (id) => `${soeBase}/meetings/${id}/record.docx` },
      ],
      [record.id],
    )
    await expectSameAsMissing(
      t.app,
      liaisonSoe,
      [
        { method: 'GET', url: (id) => `/api/v1/enterprises/${soeId}/party-branches/${id}` },
        { method: 'GET', url: (id) => `/api/v1/enterprises/${soeId}/party-branches/${id}/compliance` },
        { method: 'GET', url: (id) => `/api/v1/enterprises/${soeId}/party-branches/${id}/meetings` },
        {
          method: 'POST',
          url: (id) => `/api/v1/enterprises/${soeId}/party-branches/${id}/meetings`,
          payload: body,
        },
        { method: 'GET', url: (id) => `/api/v1/enterprises/${id}/party-branches/${branchId}` },
        {
          method: 'GET',
          url: (id) => `/api/v1/enterprises/${id}/party-branches/${branchId}/meetings/${record.id}`,
        },
      ],
      [branchId, privateId],
    )
    // The 国企's own secretary side works under its own enterprise.
    const own = await call(t.app, liaisonSoe, { method: 'GET', url: soeBase })
    expect(own.statusCode).toBe(200)
    expect(own.json().canWrite).toBe(true)
  })

  it('corrects a submitted record only with a reason and keeps the version before', async () => {
    const record = await createMeeting(committeeBody({ 刘恒达: '出差' }, { submit: true }))
    expect(record.status).toBe('submitted')
    const url = `${base()}/meetings/${record.id}`
    const noReason = await call(t.app, secretary, {
      method: 'PUT',
      url,
      payload: committeeBody({}, { topic: '更正后的议题' }),
    })
    expect(noReason.statusCode).toBe(409)
    expect(noReason.json().error.code).toBe('MEETING_CORRECTION_REASON_REQUIRED')

    const corrected = await call(t.app, secretary, {
      method: 'PUT',
      url,
      payload: committeeBody({}, { topic: '更正后的议题', correctionReason: '议题录入有误' }),
    })
    expect(corrected.statusCode).toBe(200)
    const view: TMeeting = corrected.json()
    expect(view).toMatchObject({ status: 'submitted', revision: 1, topic: '更正后的议题', present: 3 })
    expect(view.history).toEqual([
      expect.objectContaining({
        revision: 1,
        reason: '议题录入有误',
        changedBy: '梁红梅',
        previous: expect.objectContaining({ topic: '研究本月清廉企业建设推进事项', present: 2 }),
      }),
    ])
    const twice = await call(t.app, secretary, {
      method: 'PUT',
      url,
      payload: committeeBody({}, { topic: '第二次更正', correctionReason: '再次更正' }),
    })
    expect(twice.json().history.map((h: { revision: number }) => h.revision)).toEqual([1, 2])
    expect(twice.json().history[1].previous.topic).toBe('更正后的议题')
    // Removing an attachment of a submitted record is not possible.
    const remove = await call(t.app, secretary, { method: 'DELETE', url: `${url}/attachments/1` })
    expect(remove.statusCode).toBe(409)
  })

  it('refuses bad input with per-field messages and incomplete records on submit', async () => {
    const bad = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: { type: 'picnic', startsAt: 'yesterday', attendance: 'all' },
    })
    expect(bad.statusCode).toBe(400)
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['type', 'startsAt', 'attendance']))

    const noGroup = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: { type: 'group', startsAt: iso(now - HOUR) },
    })
    expect(noGroup.statusCode).toBe(400)
    expect(noGroup.json().error.fields).toEqual([expect.objectContaining({ path: 'groupId' })])

    const soeMember = await t.app.db
      .selectFrom('party_members')
      .select('id')
      .where('branch_id', '=', soeBranchId)
      .executeTakeFirstOrThrow()
    const foreignMember = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: committeeBody({}, { attendance: [{ memberId: soeMember.id, status: 'present' }] }),
    })
    expect(foreignMember.statusCode).toBe(400)
    expect(foreignMember.json().error.fields).toEqual([
      expect.objectContaining({ path: 'attendance.0.memberId' }),
    ])

    const incomplete = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: committeeBody({ 刘恒达: '' }, { minutes: '', submit: true }),
    })
    expect(incomplete.statusCode).toBe(400)
    expect(incomplete.json().error.code).toBe('MEETING_INCOMPLETE')
    expect(incomplete.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'minutes',
      `attendance.${member('刘恒达').id}.reason`,
    ])

    const future = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: committeeBody({}, { startsAt: iso(now + DAY), submit: true }),
    })
    expect(future.statusCode).toBe(400)
    expect(future.json().error.fields).toEqual([expect.objectContaining({ path: 'startsAt' })])

    const notImage = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings/${(await createMeeting(committeeBody())).id}/attachments?kind=photo`,
      ...multipart('file', 'x.png', Buffer.from('not an image at all')),
    })
    expect(notImage.statusCode).toBe(415)
  })

  it('takes attendance by a QR sign-in session: members who scan count as present', async () => {
    // A 党员大会: the whole branch is expected, 王小军 among them.
    const draft = await createMeeting(
      meetingBody(
        'member_assembly',
        {},
        { attendance: [], topic: '扫码签到的党员大会', startsAt: iso(now - 10 * 60_000) },
      ),
    )
    expect(draft.present).toBe(0)
    const opened = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings/${draft.id}/sign-in-session`,
    })
    expect(opened.statusCode).toBe(200)
    const eventId = opened.json().signInEventId
    expect(eventId).toEqual(expect.any(Number))
    // Opening it again gives the same session.
    const again = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings/${draft.id}/sign-in-session`,
    })
    expect(again.json().signInEventId).toBe(eventId)
    // The same rotating QR as every event; 王小军 (a member with an account) scans it.
    const qr = await call(t.app, secretary, { method: 'GET', url: `/api/v1/events/${eventId}/qr` })
    expect(qr.statusCode).toBe(200)
    const scan = await call(t.app, employee, {
      method: 'POST',
      url: '/api/v1/sign-ins',
      payload: { payload: qr.json().payload, scannedAt: iso(now) },
    })
    expect(scan.statusCode).toBe(201)
    const view: TMeeting = (
      await call(t.app, secretary, { method: 'GET', url: `${base()}/meetings/${draft.id}` })
    ).json()
    expect(view.present).toBe(1)
    expect(view.attendance.find((a) => a.name === '王小军')).toMatchObject({
      status: 'present',
      method: 'scan',
    })
    // Submitting keeps it (the others are marked by ticking, the two absentees with reasons).
    const submitted = await call(t.app, secretary, {
      method: 'PUT',
      url: `${base()}/meetings/${draft.id}`,
      payload: meetingBody(
        'member_assembly',
        { 刘恒达: '出差', 陈静: '病假' },
        { topic: '扫码签到的党员大会', startsAt: iso(now - 10 * 60_000), submit: true },
      ),
    })
    expect(submitted.statusCode).toBe(200)
    expect(submitted.json().attendance.find((a: { name: string }) => a.name === '王小军')).toMatchObject({
      status: 'present',
      method: 'scan',
    })
    expect(submitted.json().present).toBe(6)
    // A submitted record gets no new session.
    const late = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings/${draft.id}/sign-in-session`,
    })
    expect(late.statusCode).toBe(409)
  })

  it('replays a create sent twice with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'meeting-create-0001' }
    const body = committeeBody({}, { topic: '幂等测试' })
    const first = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: body,
      headers,
    })
    const second = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: body,
      headers,
    })
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.json().id).toBe(first.json().id)
    const rows = await t.app.db.selectFrom('meetings').select('id').where('topic', '=', '幂等测试').execute()
    expect(rows).toHaveLength(1)
  })

  it('starts a new record from the last one of the same type', async () => {
    const template = await call(t.app, secretary, {
      method: 'GET',
      url: `${base()}/meetings/template?type=committee`,
    })
    expect(template.statusCode).toBe(200)
    expect(template.json()).toMatchObject({
      type: 'committee',
      place: '公司党员活动室',
      host: '梁红梅',
      recorder: '梁红梅',
    })
    expect(template.json().fromMeetingId).toEqual(expect.any(Number))
    const none = await call(t.app, secretary, {
      method: 'GET',
      url: `${base()}/meetings/template?type=life_meeting`,
    })
    expect(none.json()).toMatchObject({ fromMeetingId: null, topic: '' })
  })

  it('manages the roll: members linked to accounts, party groups', async () => {
    const group = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/groups`,
      payload: { name: '后勤党小组' },
    })
    expect(group.statusCode).toBe(201)
    const added = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/members`,
      payload: { name: '新党员甲', branchRole: 'member', groupId: group.json().id },
    })
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({
      name: '新党员甲',
      groupId: group.json().id,
      userId: null,
      active: true,
    })
    const soeUser = await t.app.db
      .selectFrom('users')
      .select('id')
      .where('openid', '=', 'demo-liaison-soe')
      .executeTakeFirstOrThrow()
    const foreignUser = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/members`,
      payload: { name: '李明', userId: soeUser.id },
    })
    expect(foreignUser.statusCode).toBe(400)
    const left = await call(t.app, secretary, {
      method: 'PATCH',
      url: `${base()}/members/${added.json().id}`,
      payload: { active: false },
    })
    expect(left.json().active).toBe(false)
    // A group meeting expects the group's active members only.
    const groupMeeting = await createMeeting({
      type: 'group',
      groupId: branch.groups[0].id,
      startsAt: iso(now - HOUR),
    })
    expect(groupMeeting.expected).toBe(branch.members.filter((m) => m.groupId === branch.groups[0].id).length)
    expect(groupMeeting.groupName).toBe('生产车间党小组')
  })

  it('exports a record as .docx in the 会议记录 layout', async () => {
    const record = await createMeeting(committeeBody({ 刘恒达: '出差', 陈静: '病假' }, { submit: true }))
    const res = await call(t.app, supervisorUnited, {
      method: 'GET',
      url: `${base()}/meetings/${record.id}/record.docx`,
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('支部委员会会议记录'))
    const zip = await JSZip.loadAsync(res.rawPayload)
    expect(Object.keys(zip.files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']),
    )
    const xml = await zip.file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    for (const expected of [
      '县恒达食品有限公司党支部',
      '支部委员会会议记录',
      '研究本月清廉企业建设推进事项',
      '刘恒达（出差）',
      '陈静（病假）',
      '应到人数',
      '实到人数',
      '公司党员活动室',
      '开展廉洁风险点排查',
      '县委统战部 韦丽萍',
    ])
      expect(text).toContain(expected)
  })

  it('exports the branch’s year as .xlsx', async () => {
    const res = await call(t.app, secretary, { method: 'GET', url: `${base()}/year.xlsx` })
    expect(res.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    const year = shanghaiParts(now).year
    // The title (the branch and the year), the line under it, then the header on every printed page.
    expect(sheet.getCell('A1').value).toBe(`县恒达食品有限公司党支部 ${year}年三会一课台账`)
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([...YEAR_SHEET_COLUMNS])
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' })
    // Printed cleanly: every header on one line (更正次数 not cut after 更正次), and a 决议 as long as the demo's
    // on one line, not its last 。 alone on a second.
    YEAR_SHEET_COLUMNS.forEach((header, i) =>
      expect({ header, fits: sheet.getColumn(i + 1).width! >= printedWidth(header) + 2 }).toEqual({
        header,
        fits: true,
      }),
    )
    const decisionsColumn = YEAR_SHEET_COLUMNS.indexOf('决议') + 1
    const decisions: string[] = []
    sheet.getColumn(decisionsColumn).eachCell((cell, n) => {
      if (n > 3 && cell.text) decisions.push(cell.text)
    })
    expect(decisions).toContain('按会议要求抓好落实，下次会议通报进展。')
    const longest = Math.max(...decisions.map(printedWidth))
    expect(sheet.getColumn(decisionsColumn).width).toBeGreaterThanOrEqual(Math.min(44, longest + 2))
    const count = await t.app.db
      .selectFrom('meetings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('branch_id', '=', branchId)
      .where('starts_at', '>=', `${year - 1}-12-31T16:00:00.000Z`)
      .where('starts_at', '<', `${year}-12-31T16:00:00.000Z`)
      .executeTakeFirstOrThrow()
    expect(sheet.rowCount - 3).toBe(Number(count.n))
    // One row per rule (党小组会: per group, three groups by now) under the header.
    expect(workbook.getWorksheet('完成情况')!.rowCount).toBe((await compliance()).rows.length + 3)
  })

  it('shows supervisors which branches have not reported this month, with the rate per branch', async () => {
    const united = await call(t.app, supervisorUnited, { method: 'GET', url: '/api/v1/supervision/party' })
    expect(united.statusCode).toBe(200)
    expect(united.json().items).toEqual([
      expect.objectContaining({ branchId, reportedThisMonth: true, rate: expect.any(Number) }),
    ])
    expect(united.json()).toMatchObject({ total: 1, missing: 0, page: 1, pageSize: 20 })
    const finance = (
      await call(t.app, supervisorFinance, { method: 'GET', url: '/api/v1/supervision/party' })
    ).json()
    // 县财政局 supervises the 国企 and the 混合所有制 enterprise; nobody reported this month; 恒达 is not theirs.
    expect(finance.items.map((b: { enterpriseId: number }) => b.enterpriseId)).not.toContain(privateId)
    expect(finance.items).toHaveLength(2)
    expect(finance.items.every((b: { reportedThisMonth: boolean }) => !b.reportedThisMonth)).toBe(true)
    expect(finance.missing).toBe(2)
    const all = (await call(t.app, office, { method: 'GET', url: '/api/v1/supervision/party' })).json()
    expect(all.items).toHaveLength(3)
    expect(all.items[0].reportedThisMonth).toBe(false)
    const employeeView = await call(t.app, employee, { method: 'GET', url: '/api/v1/supervision/party' })
    expect(employeeView.statusCode).toBe(403)
  })

  it('pages 三会一课监管 in the order of the whole list (未报送 first), counting 未报送 over every page', async () => {
    const page = async (n: number) =>
      (
        await call(t.app, office, { method: 'GET', url: `/api/v1/supervision/party?page=${n}&pageSize=2` })
      ).json()
    const [first, second, third] = [await page(1), await page(2), await page(3)]
    expect([first.items.length, second.items.length, third.items]).toEqual([2, 1, []])
    expect([first.total, first.missing, second.total, second.missing]).toEqual([3, 2, 3, 2])
    expect(
      [...first.items, ...second.items].map((b: { reportedThisMonth: boolean }) => b.reportedThisMonth),
    ).toEqual([false, false, true])
    const bad = await call(t.app, office, { method: 'GET', url: '/api/v1/supervision/party?pageSize=500' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')
  })

  // Reminders of what falls due (subscribe messages) are the to-do list's: tests/api/reminders.test.ts.
  it('lists what falls due within 7 days for the people who write', async () => {
    const due = (await call(t.app, secretary, { method: 'GET', url: '/api/v1/party/due' })).json()
    const types = due.items.map((i: { type: string }) => i.type)
    expect(types).toContain('party_day') // none submitted this month
    expect(types).not.toContain('committee') // logged above
    expect(due.items.every((i: { daysLeft: number }) => i.daysLeft >= 1 && i.daysLeft <= 7)).toBe(true)
    expect((await call(t.app, employee, { method: 'GET', url: '/api/v1/party/due' })).json().items).toEqual(
      [],
    )

    // Two weeks before the month ends, nothing is due yet.
    const saved = now
    now = twentyFifth() - 14 * DAY
    expect((await call(t.app, secretary, { method: 'GET', url: '/api/v1/party/due' })).json().items).toEqual(
      [],
    )
    now = saved
  })
})
