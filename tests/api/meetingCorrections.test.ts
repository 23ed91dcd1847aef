import JSZip from 'jszip'
import type { Transaction } from 'kysely'
import { rollOf, type TBranchDetail, type TMeeting } from '../../src/models/meeting'
import type { Database } from '../../server/core/db/schema'
import { meetingsRepository } from '../../server/features/party/meetingsRepository'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing } from './support/isolation'
import { multipart, TINY_PNG } from './support/files'
import { auditRows } from './support/corrections'

const HOUR = 3600_000
const iso = (ms: number) => new Date(ms).toISOString()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Corrections of 三会一课 records: drafts deleted, a submitted record's attachments and its 更正 history. */
describe(`corrections: meeting records [${TEST_DB}]`, () => {
  let t: TestApp
  const now = Date.parse('2026-06-10T02:00:00Z')
  let secretary: string // 梁红梅: secretary of 恒达's branch
  let employee: string // 王小军: a plain party member
  let liaisonSoe: string // 李明: writes for the 国企's branch
  let privateId: number
  let branchId: number
  let branch: TBranchDetail
  const base = () => `/api/v1/enterprises/${privateId}/party-branches/${branchId}`

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[secretary, employee, liaisonSoe] = await Promise.all(
      ['demo-secretary-private', 'demo-employee-private', 'demo-liaison-soe'].map((openid) =>
        loginAs(t.app, openid),
      ),
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    branchId = (
      await t.app.db
        .selectFrom('party_branches')
        .select('id')
        .where('enterprise_id', '=', privateId)
        .executeTakeFirstOrThrow()
    ).id
    branch = (await call(t.app, secretary, { method: 'GET', url: base() })).json()
  })
  afterAll(() => t.close())

  /** A 支委会 an hour ago, everyone present but those given. */
  const body = (absent: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
    type: 'committee',
    topic: '研究本月清廉企业建设推进事项',
    startsAt: iso(now - HOUR),
    place: '公司党员活动室',
    host: '梁红梅',
    recorder: '梁红梅',
    attendance: rollOf(branch.members, 'committee', null).map((m) =>
      m.name in absent
        ? { memberId: m.id, status: 'absent', reason: absent[m.name] }
        : { memberId: m.id, status: 'present' },
    ),
    minutes: '会议传达了清廉企业建设实施方案。',
    ...extra,
  })
  async function create(extra: Record<string, unknown> = {}, absent: Record<string, string> = {}) {
    const res = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: body(absent, extra),
    })
    expect(res.statusCode).toBe(201)
    return res.json() as TMeeting
  }
  const view = async (id: number): Promise<TMeeting> =>
    (await call(t.app, secretary, { method: 'GET', url: `${base()}/meetings/${id}` })).json()
  const upload = (id: number, query: string, name = '现场.png') =>
    call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings/${id}/attachments?kind=photo${query}`,
      ...multipart('file', name, TINY_PNG),
    })
  const remove = (id: number) => call(t.app, secretary, { method: 'DELETE', url: `${base()}/meetings/${id}` })

  describe('deleting a draft', () => {
    it('deletes a draft with its attachments and its QR session, audited; only writers may', async () => {
      const draft = await create({ topic: '将删除的草稿' })
      const photo = (await upload(draft.id, '')).json()
      const session = await call(t.app, secretary, {
        method: 'POST',
        url: `${base()}/meetings/${draft.id}/sign-in-session`,
      })
      const eventId = session.json().signInEventId as number
      expect(
        (await call(t.app, employee, { method: 'DELETE', url: `${base()}/meetings/${draft.id}` })).statusCode,
      ).toBe(403)
      await expectSameAsMissing(
        t.app,
        liaisonSoe,
        [{ method: 'DELETE', url: (id) => `${base()}/meetings/${id}` }],
        [draft.id],
      )
      const res = await remove(draft.id)
      expect(res.statusCode).toBe(200)
      expect(
        (await call(t.app, secretary, { method: 'GET', url: `${base()}/meetings/${draft.id}` })).statusCode,
      ).toBe(404)
      expect((await remove(draft.id)).statusCode).toBe(404)
      // The attachment is released: marked removed, its bytes gone, its old link a 404.
      const file = await t.app.db
        .selectFrom('evidence_files')
        .selectAll()
        .where('id', '=', photo.id)
        .executeTakeFirstOrThrow()
      expect(file.deleted_at).toBe(iso(now))
      expect((await t.app.inject({ method: 'GET', url: photo.url })).statusCode).toBe(404)
      const event = await t.app.db
        .selectFrom('events')
        .select('cancelled_at')
        .where('id', '=', eventId)
        .executeTakeFirstOrThrow()
      expect(event.cancelled_at).toBe(iso(now))
      const audit = await auditRows(t.app, 'meeting.delete', draft.id)
      expect(audit).toHaveLength(1)
      expect(audit[0].organisation_id).toBe(privateId)
      expect(JSON.parse(audit[0].detail!)).toMatchObject({
        topic: '将删除的草稿',
        attachments: ['现场.png'],
        cancelledSignInEventId: eventId,
      })
      for (const huge of ['2147483648', '4294967296'])
        expect(
          (await call(t.app, secretary, { method: 'DELETE', url: `${base()}/meetings/${huge}` })).statusCode,
        ).toBe(404)
    })

    it('refuses to delete a submitted record: it can only be corrected', async () => {
      const record = await create({ submit: true })
      const res = await remove(record.id)
      expect(res.statusCode).toBe(409)
      expect(res.json().error.code).toBe('MEETING_NOT_DRAFT')
      expect((await view(record.id)).status).toBe('submitted')
    })

    it('lets a submit racing the deletion win cleanly, or find the draft gone', async () => {
      for (let round = 0; round < 6; round++) {
        const draft = await create({ topic: `竞争草稿${round}` })
        const [submitted, deleted] = await Promise.all([
          call(t.app, secretary, { method: 'POST', url: `${base()}/meetings/${draft.id}/submit` }),
          remove(draft.id),
        ])
        const row = await t.app.db
          .selectFrom('meetings')
          .select('status')
          .where('id', '=', draft.id)
          .executeTakeFirst()
        if (deleted.statusCode === 200) {
          expect(submitted.statusCode).toBe(404)
          expect(row).toBeUndefined()
        } else {
          expect(deleted.json().error.code).toBe('MEETING_NOT_DRAFT')
          expect(submitted.statusCode).toBe(200)
          expect(row!.status).toBe('submitted')
        }
      }
    })

    const onPostgres = TEST_DB === 'postgres' ? it : it.skip
    onPostgres('waits for a submit in flight and then refuses (PostgreSQL)', async () => {
      const draft = await create({ topic: '提交在先' })
      let release!: () => void
      const released = new Promise<void>((resolve) => (release = resolve))
      let ready!: () => void
      const held = new Promise<void>((resolve) => (ready = resolve))
      const submit = t.app.db.transaction().execute(async (trx: Transaction<Database>) => {
        await meetingsRepository.lock(trx, branchId, draft.id)
        await trx.updateTable('meetings').set({ status: 'submitted' }).where('id', '=', draft.id).execute()
        ready()
        await released
      })
      await held
      const deleting = remove(draft.id)
      const early = await Promise.race([deleting.then(() => 'answered'), sleep(400).then(() => 'waiting')])
      expect(early).toBe('waiting')
      release()
      await submit
      const res = await deleting
      expect(res.statusCode).toBe(409)
      expect(res.json().error.code).toBe('MEETING_NOT_DRAFT')
    })
  })

  describe('更正 of a submitted record', () => {
    it('changes its attachments only with a correction reason, each change a revision with what changed', async () => {
      const draft = await create({ topic: '附件更正' })
      // A draft takes attachments as they are: no revision.
      const first = await upload(draft.id, '', '签到.png')
      expect(first.statusCode).toBe(201)
      await call(t.app, secretary, { method: 'POST', url: `${base()}/meetings/${draft.id}/submit` })
      expect((await view(draft.id)).revision).toBe(0)

      const noReason = await upload(draft.id, '')
      expect(noReason.statusCode).toBe(409)
      expect(noReason.json().error.code).toBe('MEETING_CORRECTION_REASON_REQUIRED')
      const nul = await upload(draft.id, `&correctionReason=${encodeURIComponent('补传\u0000照片')}`)
      expect(nul.statusCode).toBe(400)
      const added = await upload(
        draft.id,
        `&correctionReason=${encodeURIComponent('补传现场照片')}`,
        '合影.png',
      )
      expect(added.statusCode).toBe(201)
      let record = await view(draft.id)
      expect(record).toMatchObject({
        revision: 1,
        attachments: [{ filename: '签到.png' }, { filename: '合影.png' }],
      })
      expect(record.history[0]).toMatchObject({
        revision: 1,
        reason: '补传现场照片',
        changes: [{ label: '现场照片', before: '', after: '合影.png' }],
        previous: { attachments: [expect.objectContaining({ filename: '签到.png' })] },
      })

      const url = `${base()}/meetings/${draft.id}/attachments/${first.json().id}`
      const refused = await call(t.app, secretary, { method: 'DELETE', url })
      expect(refused.json().error.code).toBe('MEETING_CORRECTION_REASON_REQUIRED')
      const removed = await call(t.app, secretary, {
        method: 'DELETE',
        url: `${url}?correctionReason=${encodeURIComponent('误传了照片')}`,
      })
      expect(removed.statusCode).toBe(200)
      record = await view(draft.id)
      expect(record.revision).toBe(2)
      expect(record.attachments.map((a) => a.filename)).toEqual(['合影.png'])
      expect(record.history[1]).toMatchObject({
        reason: '误传了照片',
        changes: [{ label: '现场照片', before: '签到.png', after: '' }],
      })
      const audit = await t.app.db
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('action', 'in', ['meeting.attachment.upload', 'meeting.attachment.remove'])
        .where('organisation_id', '=', privateId)
        .orderBy('id', 'desc')
        .limit(2)
        .execute()
      expect(audit.map((a) => [a.action, JSON.parse(a.detail!).correction])).toEqual([
        ['meeting.attachment.remove', '误传了照片'],
        ['meeting.attachment.upload', '补传现场照片'],
      ])
    })

    it('keeps what each correction changed, before → after, on the page and in the .docx', async () => {
      const record = await create({ submit: true, topic: '原议题' })
      const corrected = await call(t.app, secretary, {
        method: 'PUT',
        url: `${base()}/meetings/${record.id}`,
        payload: body(
          { 刘恒达: '出差' },
          {
            topic: '更正后的议题',
            startsAt: iso(now - 2 * HOUR),
            minutes: '会议传达了清廉企业建设实施方案。与会同志逐一发言。',
            correctionReason: '议题录入有误',
          },
        ),
      })
      expect(corrected.statusCode).toBe(200)
      const history = (corrected.json() as TMeeting).history
      expect(history).toHaveLength(1)
      expect(history[0].changes).toEqual([
        { label: '议题', before: '原议题', after: '更正后的议题' },
        { label: '会议时间', before: '2026-06-10 09:00', after: '2026-06-10 08:00' },
        {
          label: '会议纪要',
          before: '会议传达了清廉企业建设实施方案。',
          after: '会议传达了清廉企业建设实施方案。与会同志逐一发言。',
        },
        { label: '出缺席（刘恒达）', before: '出席', after: '缺席（出差）' },
      ])
      // A correction recorded before changes were kept still shows, with its reason only.
      const user = await t.app.db
        .selectFrom('users')
        .select('id')
        .where('openid', '=', 'demo-secretary-private')
        .executeTakeFirstOrThrow()
      await t.app.db
        .insertInto('meeting_revisions')
        .values({
          meeting_id: record.id,
          revision: 0,
          reason: '早期更正',
          snapshot: '{}',
          changes: null,
          changed_by: user.id,
          created_at: iso(now - HOUR),
        })
        .execute()
      const shown = await view(record.id)
      expect(shown.history.map((h) => [h.reason, h.changes === null])).toEqual([
        ['早期更正', true],
        ['议题录入有误', false],
      ])
      const docx = await call(t.app, secretary, {
        method: 'GET',
        url: `${base()}/meetings/${record.id}/record.docx`,
      })
      const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string')
      const text = xml.replace(/<[^>]+>/g, '')
      for (const line of [
        // Times as the printed record writes them, saying they are 北京时间.
        '会议时间（北京时间）2026年6月10日 08:00',
        '第1次更正：2026年6月10日 10:00（北京时间），梁红梅，原因：议题录入有误',
        '会议时间：2026年6月10日 09:00 → 2026年6月10日 08:00',
        '议题：原议题 → 更正后的议题',
        '出缺席（刘恒达）：出席 → 缺席（出差）',
        '原因：早期更正',
      ])
        expect(text).toContain(line)
    })
  })
})
