import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { PNG } from 'pngjs'
import { rollOf, type TBranchDetail, type TMeeting } from '../../src/models/meeting'
import { SHANGHAI_OFFSET_MS, shanghaiDate } from '../../src/models/shanghaiTime'
import { buildInvitesDocx } from '../../server/features/imports/invitesDocx'
import { ATTENDANCE_SHEET_COLUMNS } from '../../server/features/events/attendance'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { multipart, TINY_PDF } from './support/files'
import {
  convertWithLibreOffice,
  hasLibreOffice,
  hasPoppler,
  parseCsv,
  pdfImages,
  pdfPageJpeg,
  pdfText,
} from './support/libreoffice'

/**
 * The documents a clerk downloads, opened by LibreOffice as they would be: each .docx converted to PDF and
 * its text read (pdftotext), the photos of a meeting counted in the PDF (pdfimages); each .xlsx converted to
 * CSV (its first sheet) and to PDF (every sheet). With DOCS_OUT=dir the PDFs are kept there to look at.
 */
const ready = hasLibreOffice() && hasPoppler()
if (!ready)
  console.warn('LibreOffice or poppler-utils is missing: the document conversion checks are skipped')
const itConverts = ready ? it : it.skip
const HOUR = 3600_000
// LibreOffice starts cold for every conversion: seconds each on a busy machine.
const SLOW = 300_000

function keep(name: string, pdf: Buffer) {
  const dir = process.env.DOCS_OUT
  if (!dir) return
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, `${TEST_DB}-${name}.pdf`), pdf)
}

/** A photo: a landscape RGB picture with a few coloured bands (a PNG without alpha, one image in a PDF). */
function photo(width = 960, height = 600): Buffer {
  const png = new PNG({ width, height, colorType: 2 })
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const band = Math.floor((x / width) * 4)
      png.data[i] = [184, 240, 60, 230][band]
      png.data[i + 1] = [35, 200, 120, 230][band]
      png.data[i + 2] = [43, 180, 200, 230][band]
      png.data[i + 3] = 255
    }
  return PNG.sync.write(png, { colorType: 2 })
}

/** The latest 05:30 北京时间 before now: 21:30 UTC the day before. */
function earlyMorning(now: number): number {
  const day = Date.parse(`${shanghaiDate(now)}T00:00:00Z`) - SHANGHAI_OFFSET_MS
  const at = day + 5.5 * HOUR
  return at < now ? at : at - 24 * HOUR
}

describe(`documents as LibreOffice opens them [${TEST_DB}]`, () => {
  let t: TestApp
  let secretary: string
  let liaison: string
  let supervisor: string
  let privateId: number
  let branchId: number
  let branch: TBranchDetail
  const base = () => `/api/v1/enterprises/${privateId}/party-branches/${branchId}`

  beforeAll(async () => {
    t = await createTestApp()
    ;[secretary, liaison, supervisor] = await Promise.all(
      ['demo-secretary-private', 'demo-liaison-private', 'demo-supervisor-united'].map((o) =>
        loginAs(t.app, o),
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

  const get = (url: string, token: string) => call(t.app, token, { method: 'GET', url })
  const fileName = (res: { headers: Record<string, unknown> }) =>
    decodeURIComponent(String(res.headers['content-disposition']).split("filename*=UTF-8''")[1])

  /** A 支委会 at `startsAt`: the committee present but those given. */
  const body = (startsAt: number, absent: Record<string, string>, extra: Record<string, unknown> = {}) => ({
    type: 'committee',
    topic: '研究廉洁风险点排查工作',
    startsAt: new Date(startsAt).toISOString(),
    place: '公司党员活动室',
    host: '梁红梅',
    recorder: '梁红梅',
    attendance: rollOf(branch.members, 'committee', null).map((m) =>
      m.name in absent
        ? { memberId: m.id, status: 'absent', reason: absent[m.name] }
        : { memberId: m.id, status: 'present' },
    ),
    nonMemberAttendees: '县委统战部 韦丽萍',
    minutes: '会议传达了清廉企业建设实施方案。\n与会同志逐一发言，查找岗位廉洁风险。',
    decisions: '一、完成廉洁风险点排查；二、下月开展廉政主题党课。',
    ...extra,
  })

  async function meeting(startsAt: number, absent: Record<string, string>): Promise<TMeeting> {
    const res = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings`,
      payload: body(startsAt, absent),
    })
    expect(res.statusCode).toBe(201)
    return res.json()
  }

  async function attach(m: TMeeting, kind: string, name: string, content: Buffer) {
    const { payload, headers } = multipart('file', name, content)
    const res = await call(t.app, secretary, {
      method: 'POST',
      url: `${base()}/meetings/${m.id}/attachments?kind=${kind}`,
      payload,
      headers,
    })
    expect(res.statusCode).toBe(201)
  }

  itConverts(
    '签到表: 签到名单 with 代签人 (CSV) and the 未签到 sheet (PDF), titled, in 北京时间',
    async () => {
      const now = Date.now()
      const created = await call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/enterprises/${privateId}/events`,
        payload: {
          kind: 'integrity_lecture',
          title: '廉政党课（签到表）',
          startsAt: new Date(now + HOUR / 6).toISOString(),
          endsAt: new Date(now + 2 * HOUR).toISOString(),
          signInOpensAt: new Date(now - HOUR / 6).toISOString(),
        },
      })
      const event = created.json()
      const head = (
        await t.app.db
          .selectFrom('users')
          .select('id')
          .where('openid', '=', 'demo-head-private')
          .executeTakeFirstOrThrow()
      ).id
      const proxied = await call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/events/${event.id}/sign-ins/proxy`,
        payload: { userId: head, reason: '手机没电，现场核实' },
      })
      expect(proxied.statusCode).toBe(201)
      const res = await get(`/api/v1/events/${event.id}/attendance.xlsx`, liaison)
      expect(fileName(res)).toBe(
        `县恒达食品有限公司-廉政党课（签到表）-签到表-${shanghaiDate(now + HOUR / 6)}.xlsx`,
      )

      const rows = parseCsv(convertWithLibreOffice(res.rawPayload, 'xlsx', 'csv').toString('utf8'))
      expect(rows[0][0]).toBe('廉政党课（签到表） 签到表')
      expect(rows[1][0]).toContain('实到 1 人 / 应到 4 人，未签到 3 人')
      expect(rows[2]).toEqual([...ATTENDANCE_SHEET_COLUMNS])
      expect(rows[3].slice(0, 8)).toEqual([
        '1',
        '刘恒达',
        '138****0032',
        '县恒达食品有限公司',
        expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}$/),
        '组织者代签',
        '陈静',
        '手机没电，现场核实',
      ])

      const pdf = convertWithLibreOffice(res.rawPayload, 'xlsx', 'pdf')
      keep('attendance', pdf)
      const text = pdfText(pdf)
      expect(text).toContain('廉政党课（签到表） 未签到人员')
      for (const name of ['陈静', '梁红梅', '王小军']) expect(text).toContain(name)
      expect(text).toContain('活动信息')
      expect(text).toMatch(/第 1 页，共 \d+ 页/)
    },
    SLOW,
  )

  it('an empty table says so under its header: 暂无签到记录, 2020年暂无会议记录', async () => {
    const now = Date.now()
    const event = (
      await call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/enterprises/${privateId}/events`,
        payload: {
          kind: 'integrity_lecture',
          title: '廉政党课（无人签到）',
          startsAt: new Date(now + HOUR).toISOString(),
          endsAt: new Date(now + 2 * HOUR).toISOString(),
        },
      })
    ).json()
    const rowsOf = async (url: string, token: string) => {
      const book = new ExcelJS.Workbook()
      await book.xlsx.load((await get(url, token)).rawPayload as unknown as ArrayBuffer)
      const sheet = book.worksheets[0]
      return { sheet, line: sheet.getRow(4) }
    }
    const signIns = await rowsOf(`/api/v1/events/${event.id}/attendance.xlsx`, liaison)
    expect(signIns.line.getCell(1).value).toBe('暂无签到记录')
    // One line across the table, not a value in the 序号 column.
    expect(signIns.line.getCell(1).isMerged).toBe(true)
    const year = await rowsOf(`${base()}/year.xlsx?year=2020`, secretary)
    expect(year.sheet.getRow(3).getCell(1).value).toBe('序号')
    expect(year.line.getCell(1).value).toBe('2020年暂无会议记录')
  })

  it('sets every cell of a table in 宋体, the data rows too (not Calibri, which has no Chinese)', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await get(`${base()}/year.xlsx`, secretary)).rawPayload as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    for (const address of ['A1', 'A2', 'B3', 'B4', 'F4'])
      expect([address, sheet.getCell(address).font?.name]).toEqual([address, '宋体'])
  })

  itConverts(
    '会议记录 .docx: the record, its 更正, the photos embedded (pdfimages counts them), files by name, no status line',
    async () => {
      const at = earlyMorning(Date.now())
      const m = await meeting(at, { 刘恒达: '出差' })
      await attach(m, 'photo', '会场照片.png', photo())
      // A photographed 签到表: a real JPEG (the first page of a PDF rendered by pdftoppm).
      const sheet = convertWithLibreOffice(
        (await get(`${base()}/year.xlsx`, secretary)).rawPayload,
        'xlsx',
        'pdf',
      )
      await attach(m, 'sign_sheet', '签到表.jpg', pdfPageJpeg(sheet))
      await attach(m, 'other', '会议材料.pdf', TINY_PDF)

      const draft = await get(`${base()}/meetings/${m.id}/record.docx`, secretary)
      const draftText = pdfText(convertWithLibreOffice(draft.rawPayload, 'docx', 'pdf'))
      expect(draftText).toContain('草稿')
      expect(fileName(draft)).toMatch(/（草稿）-\d{4}-\d{2}-\d{2}\.docx$/)

      const submitted = await call(t.app, secretary, {
        method: 'POST',
        url: `${base()}/meetings/${m.id}/submit`,
      })
      expect(submitted.statusCode).toBe(200)
      const corrected = await call(t.app, secretary, {
        method: 'PUT',
        url: `${base()}/meetings/${m.id}`,
        payload: body(
          at,
          { 刘恒达: '出差' },
          {
            decisions: '一、完成廉洁风险点排查；二、下月开展廉政主题党课；三、建立风险点台账。',
            correctionReason: '补记第三项决议',
          },
        ),
      })
      expect(corrected.statusCode).toBe(200)

      const res = await get(`${base()}/meetings/${m.id}/record.docx`, supervisor)
      expect(res.statusCode).toBe(200)
      // 05:30 北京时间 is 21:30 UTC the day before: the file is dated by the meeting's 北京时间 day.
      expect(fileName(res)).toBe(`县恒达食品有限公司党支部-支部委员会会议记录-${shanghaiDate(at)}.docx`)
      expect(shanghaiDate(at)).not.toBe(new Date(at).toISOString().slice(0, 10))
      const pdf = convertWithLibreOffice(res.rawPayload, 'docx', 'pdf')
      keep('meeting', pdf)
      // Without spaces and line breaks: pdftotext wraps table cells and spaces digits in CJK text.
      const text = pdfText(pdf).replace(/\s+/g, '')
      for (const expected of [
        '县恒达食品有限公司党支部',
        '支部委员会会议记录',
        '研究廉洁风险点排查工作',
        `${Number(shanghaiDate(at).slice(8))}日05:30`,
        '公司党员活动室',
        '刘恒达（出差）',
        '县委统战部韦丽萍',
        '三、建立风险点台账',
        '其他材料：会议材料.pdf',
        '附图',
        '图1现场照片：会场照片.png',
        '图2签到表：签到表.jpg',
        '第1次更正',
        '原因：补记第三项决议',
      ])
        expect(text).toContain(expected)
      // The photos carry the record onto more pages: each is numbered 第 n 页 共 N 页 in its footer.
      const total = pdfText(pdf)
        .split('\f')
        .filter((p) => p.trim()).length
      expect(total).toBeGreaterThan(1)
      for (let page = 1; page <= total; page++) expect(text).toContain(`第${page}页共${total}页`)
      expect(text).not.toContain('记录状态')
      expect(text).not.toContain('已提交')
      expect(text).not.toContain('草稿')
      // The two pictures are drawn in the PDF (the PDF attachment is listed by name, not drawn).
      const images = pdfImages(pdf)
      expect(images).toHaveLength(2)
      expect(images.some((i) => i.width === 960 && i.height === 600)).toBe(true)
    },
    SLOW,
  )

  itConverts(
    '三会一课台账, 工作台账, 操作日志, the import template and the liaison invites open with their titles, headers and pictures',
    async () => {
      const year = await get(`${base()}/year.xlsx`, secretary)
      const yearRows = parseCsv(convertWithLibreOffice(year.rawPayload, 'xlsx', 'csv').toString('utf8'))
      expect(yearRows[0][0]).toMatch(/^县恒达食品有限公司党支部 \d{4}年三会一课台账$/)
      expect(yearRows[1][0]).toContain('导出时间：')
      expect(yearRows[2].slice(0, 4)).toEqual(['序号', '会议类型', '党小组', '时间（北京时间）'])
      // 北京时间 written as the other documents write it, not 2026-02-08 14:30.
      expect(yearRows[3][3]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
      keep('year', convertWithLibreOffice(year.rawPayload, 'xlsx', 'pdf'))

      const ledger = await get('/api/v1/supervision/ledger.xlsx', supervisor)
      const ledgerRows = parseCsv(convertWithLibreOffice(ledger.rawPayload, 'xlsx', 'csv').toString('utf8'))
      expect(ledgerRows[0][0]).toBe('县委统战部清廉企业建设工作台账')
      expect(ledgerRows[2]).toEqual(
        expect.arrayContaining(['统一社会信用代码', '监管部门', '联络员', '联络员电话', '规定动作']),
      )
      const ledgerPdf = convertWithLibreOffice(ledger.rawPayload, 'xlsx', 'pdf')
      keep('ledger', ledgerPdf)
      expect(pdfText(ledgerPdf)).toContain('县委统战部整改事项台账')

      const office = await loginAs(t.app, 'demo-office')
      for (const [name, url] of [
        ['audit', '/api/v1/audit-log.xlsx'],
        ['template', '/api/v1/imports/template.xlsx'],
      ]) {
        const sheetPdf = convertWithLibreOffice((await get(url, office)).rawPayload, 'xlsx', 'pdf')
        keep(name, sheetPdf)
        expect(pdfText(sheetPdf)).toContain('县清廉企业建设工作领导小组办公室（县财政局资产股）')
      }

      const invites = await buildInvitesDocx(
        [1, 2].map((i) => ({
          name: `县第${i}测试有限公司`,
          creditCode: '91450100000000001X',
          code: `ABCD000${i}`,
          link: `https://qinglian.example.com/qr/join?code=ABCD000${i}`,
          expiresAt: '2026-12-31 23:59',
        })),
        '测试县清廉企业建设领导小组办公室',
      )
      const invitesPdf = convertWithLibreOffice(invites, 'docx', 'pdf')
      keep('invites', invitesPdf)
      const pages = pdfText(invitesPdf)
        .split('\f')
        .filter((p) => p.trim())
      expect(pages).toHaveLength(2)
      expect(pages[1]).toContain('ABCD0002')
      expect(pdfImages(invitesPdf).map((i) => i.page)).toEqual([1, 2])
    },
    SLOW,
  )
})
