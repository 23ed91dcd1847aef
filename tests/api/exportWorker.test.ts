import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { Packer } from 'docx'
import { rollOf, type TBranchDetail, type TMeeting } from '../../src/models/meeting'
import { IMPORT_COLUMNS } from '../../src/models/enterpriseImport'
import { YEAR_SHEET_COLUMNS } from '../../server/features/party/workbook'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { multipart, TINY_PNG } from './support/files'

/**
 * Every document is built in an export worker (core/exports): the bytes each route answers open (ExcelJS
 * reads the workbooks back, the .docx's document.xml says what it should), none is packed on the API
 * thread, and documents share the exports' bounded line (429 EXPORT_BUSY past it).
 */
describe(`documents built in the export worker [${TEST_DB}]`, () => {
  let t: TestApp
  let secretary: string
  let office: string
  let base: string
  let branch: TBranchDetail
  // A SQLite file: the year workbook's queries too run in the worker, on its own connection.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-export-worker-'))
  const packed = jest.spyOn(Packer, 'toBuffer')

  beforeAll(async () => {
    t = await createTestApp(TEST_DB === 'sqlite' ? { SQLITE_FILE: path.join(dir, 'export.db') } : {})
    ;[secretary, office] = await Promise.all(
      ['demo-secretary-private', 'demo-office'].map((o) => loginAs(t.app, o)),
    )
    const enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    const { id } = await t.app.db
      .selectFrom('party_branches')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .executeTakeFirstOrThrow()
    base = `/api/v1/enterprises/${enterpriseId}/party-branches/${id}`
    branch = (await call(t.app, secretary, { method: 'GET', url: base })).json()
  }, 60_000)
  afterAll(async () => {
    await t.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const get = (url: string, token: string) => call(t.app, token, { method: 'GET', url })
  const documentXml = async (content: Buffer) =>
    (await JSZip.loadAsync(content)).file('word/document.xml')!.async('string')
  const workbookOf = async (content: Buffer) => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(content as unknown as ArrayBuffer)
    return workbook
  }

  it('会议记录 .docx with its photo, and the year workbook listing it', async () => {
    const created = await call(t.app, secretary, {
      method: 'POST',
      url: `${base}/meetings`,
      payload: {
        type: 'committee',
        topic: '研究廉洁风险点排查工作（导出线程）',
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        place: '公司党员活动室',
        host: '梁红梅',
        recorder: '梁红梅',
        attendance: rollOf(branch.members, 'committee', null).map((m) => ({
          memberId: m.id,
          status: 'present',
        })),
        minutes: '会议传达了清廉企业建设实施方案。',
      },
    })
    expect(created.statusCode).toBe(201)
    const meeting: TMeeting = created.json()
    const { payload, headers } = multipart('file', '会场照片.png', TINY_PNG)
    const attached = await call(t.app, secretary, {
      method: 'POST',
      url: `${base}/meetings/${meeting.id}/attachments?kind=photo`,
      payload,
      headers,
    })
    expect(attached.statusCode).toBe(201)

    const record = await get(`${base}/meetings/${meeting.id}/record.docx`, secretary)
    expect(record.statusCode).toBe(200)
    const zip = await JSZip.loadAsync(record.rawPayload)
    expect(await documentXml(record.rawPayload)).toContain('研究廉洁风险点排查工作（导出线程）')
    // The photo's bytes crossed to the worker and back into the document.
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(1)

    const year = await get(`${base}/year.xlsx`, secretary)
    expect(year.statusCode).toBe(200)
    const workbook = await workbookOf(year.rawPayload)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      `${new Date().getFullYear()}年会议记录`,
      '完成情况',
      '支部信息',
    ])
    const sheet = workbook.worksheets[0]
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([...YEAR_SHEET_COLUMNS])
    const topics = (sheet.getSheetValues().slice(4) as unknown[][]).filter(Boolean).map((r) => r[6])
    expect(topics).toContain('研究廉洁风险点排查工作（导出线程）')
    // Streamed, the print setup holds: header repeated on every page, frozen on screen.
    expect(sheet.pageSetup.printTitlesRow).toBe('3:3')
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
  }, 60_000)

  it('the import template and the invites', async () => {
    const template = await get('/api/v1/imports/template.xlsx', office)
    expect(template.statusCode).toBe(200)
    const sheet = (await workbookOf(template.rawPayload)).getWorksheet('企业名单')!
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(IMPORT_COLUMNS.map((c) => c.header))

    const items = ['AB12CD34', 'EF56GH78', 'JK90LM12'].map((code, i) => ({
      name: `县邀请测试第${i}有限公司`,
      creditCode: '91330100MA2B3C4D5X',
      code,
      link: `https://example.invalid/join?code=${code}`,
      expiresAt: '2026-12-31 23:59',
    }))
    const officeName = '测试县清廉企业建设工作领导小组办公室'
    const invites = await t.app.exporter.document('invites', { office: officeName, items })
    const xml = await documentXml(invites)
    expect(xml).toContain(officeName)
    for (const item of items) expect(xml).toContain(item.code)
    const zip = await JSZip.loadAsync(invites)
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(3)
    // Nothing above was packed on this (the API's) thread.
    expect(packed).not.toHaveBeenCalled()
  }, 60_000)

  it('documents wait in the exports’ line: past 1 running and 4 waiting, EXPORT_BUSY', async () => {
    const data = { departmentNames: ['县委统战部'], office: '县清廉办', now: Date.now() }
    const results = await Promise.allSettled(
      Array.from({ length: 7 }, () => t.app.exporter.document('importTemplate', data)),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5)
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(refused.map((r) => r.reason.code)).toEqual(['EXPORT_BUSY', 'EXPORT_BUSY'])
  }, 60_000)
})
