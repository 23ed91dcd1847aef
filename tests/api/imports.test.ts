import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { joinLinkUrl } from '../../src/models/joinLink'
import { IMPORT_COLUMNS } from '../../src/models/enterpriseImport'
import { formatShanghaiMinute } from '../../src/models/shanghaiTime'
import { call, createTestApp, loginAs, TEST_DB, type TestApp } from './support/testApp'
import { TINY_PNG, multipart } from './support/files'
import {
  creditCode,
  enterpriseRow,
  hasLibreOffice,
  libreOfficeConvert,
  parseCsv,
  upload,
  waitReady,
  workbook,
} from './support/importFiles'

// Each upload starts a worker thread (about a second on a busy machine).
jest.setTimeout(60_000)

const HEADERS = [
  '企业名称',
  '统一社会信用代码',
  '所有制',
  '党组织',
  '行业',
  '监管部门',
  '联络员姓名',
  '联络员手机',
]
const CSV = 'csv:Text - txt - csv (StarCalc):44,34,76,1'
const itLibreOffice = hasLibreOffice ? it : it.skip
if (!hasLibreOffice)
  console.warn('libreoffice is not installed: the LibreOffice checks of the import workbooks are skipped')

/** 企业批量导入: template, preview with every kind of bad row, result workbook, commit, bad files, access. */
describe(`enterprise import [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  let supervisor: string
  let liaison: string
  let demo: { name: string; credit_code: string; industry: string | null }
  beforeAll(async () => {
    t = await createTestApp()
    office = await loginAs(t.app, 'demo-office')
    supervisor = await loginAs(t.app, 'demo-supervisor-united')
    liaison = await loginAs(t.app, 'demo-liaison-private')
    demo = await t.app.db
      .selectFrom('enterprises')
      .select(['name', 'credit_code', 'industry'])
      .where('name', '=', '县恒达食品有限公司')
      .executeTakeFirstOrThrow()
  })
  afterAll(() => t.close())

  const get = (url: string, token = office) => call(t.app, token, { method: 'GET', url })
  const commit = (id: number, token = office) =>
    call(t.app, token, { method: 'POST', url: `/api/v1/imports/${id}/commit` })

  async function preview(content: Buffer) {
    const res = await upload(t.app, office, content)
    expect(res.statusCode).toBe(202)
    return waitReady(t.app, office, res.json().id, '?pageSize=200')
  }

  it('hands out the template: headers, example row, lists for ownership and party organisation', async () => {
    const res = await get('/api/v1/imports/template.xlsx')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('企业名单')!
    // A title with the office, a note, then the header (row 3) repeated on every printed page.
    expect(String(sheet.getCell('A1').value)).toBe(
      '县清廉企业建设工作领导小组办公室（县财政局资产股）清廉企业名单导入模板',
    )
    expect(String(sheet.getCell('A2').value)).toContain('第3行表头不要修改')
    expect((sheet.getRow(3).values as string[]).slice(1)).toEqual(HEADERS)
    expect(String(sheet.getCell('A4').value)).toMatch(/^（示例）/)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' })
    const zip = await JSZip.loadAsync(res.rawPayload)
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string')
    expect(xml).toContain('sqref="C4:C20003"><formula1>&quot;国有独资,国有控股,混合所有制,民营,其他&quot;')
    expect(xml).toContain('sqref="D4:D20003"><formula1>&quot;党委,党总支,党支部,无党组织&quot;')
    // 监管部门 from a drop-down of the county's departments, kept on a hidden sheet; a typo only noted
    expect(xml).toMatch(
      /errorStyle="information"[^>]*sqref="F4:F20003"><formula1>&apos;部门名称&apos;!\$A\$1:\$A\$\d+</,
    )
    const names = book.getWorksheet('部门名称')!
    expect(names.state).toBe('hidden')
    expect(names.getColumn(1).values).toContain('县委统战部')
  })

  it('previews a file with one row of each kind, and the example row is left out', async () => {
    const rows = [
      ['（示例）某某有限公司', creditCode(1), '民营', '党支部', '', '县委统战部', '张三', '13800138000'],
      enterpriseRow(101),
      enterpriseRow(102, { 监管部门: '县委统战部、县财政局', 党组织: '无', 所有制: '国有控股' }),
      enterpriseRow(103, {
        统一社会信用代码: creditCode(103).slice(0, 17) + (creditCode(103)[17] === 'A' ? 'B' : 'A'),
      }),
      enterpriseRow(104, { 统一社会信用代码: '12345' }),
      enterpriseRow(101, { 企业名称: '重复的企业' }),
      enterpriseRow(105, { 监管部门: '县委统战部、县不存在局' }),
      enterpriseRow(106, { 联络员姓名: '' }),
      enterpriseRow(107, { 联络员手机: '1234567' }),
      enterpriseRow(108, { 所有制: '外资' }),
      enterpriseRow(109, { 党组织: '党小组' }),
      enterpriseRow(110, { 企业名称: demo.name, 统一社会信用代码: demo.credit_code, 行业: '新行业' }),
    ]
    const view = await preview(await workbook(rows))
    expect(view).toMatchObject({ state: 'ready', total: 11, processed: 11 })
    expect(view.counts).toEqual({ create: 2, update: 1, unchanged: 0, refuse: 8 })
    const byRow = Object.fromEntries(view.rows.map((r: { rowNo: number }) => [r.rowNo, r]))
    expect(byRow[2]).toBeUndefined()
    expect(byRow[3]).toMatchObject({ status: 'create', reason: null })
    expect(byRow[4]).toMatchObject({ status: 'create' })
    expect(byRow[5]).toMatchObject({ status: 'refuse', reason: '统一社会信用代码校验位不正确，请核对' })
    expect(byRow[6]).toMatchObject({ status: 'refuse', reason: '统一社会信用代码应为18位' })
    expect(byRow[7]).toMatchObject({ status: 'refuse', reason: '与第3行的统一社会信用代码重复' })
    expect(byRow[8].reason).toBe('监管部门“县不存在局”不存在或已撤销，请填写系统中已有的部门名称')
    expect(byRow[9].reason).toBe('缺少联络员姓名')
    expect(byRow[10].reason).toBe('联络员手机“1234567”不是有效的手机号')
    expect(byRow[11].reason).toMatch(/^所有制“外资”无效/)
    expect(byRow[12].reason).toMatch(/^党组织“党小组”无效/)
    expect(byRow[13]).toMatchObject({ status: 'update' })
    expect(byRow[13].reason).toContain('行业')

    const refused = await get(`/api/v1/imports/${view.id}?status=refuse&page=2&pageSize=5`)
    expect(refused.json()).toMatchObject({ rowsTotal: 8 })
    expect(refused.json().rows.map((r: { rowNo: number }) => r.rowNo)).toEqual([10, 11, 12])
  })

  it('hands back the same workbook with 结果 and 原因, refused rows in red; uploading it again reads it', async () => {
    const view = await preview(
      await workbook([enterpriseRow(201), enterpriseRow(202, { 联络员手机: '12' }), enterpriseRow(203)]),
    )
    const res = await get(`/api/v1/imports/${view.id}/result.xlsx`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('检查结果'))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('企业名单')!
    expect(sheet.getCell('I1').value).toBe('结果')
    expect(sheet.getCell('J1').value).toBe('原因')
    expect([sheet.getCell('I2').value, sheet.getCell('I3').value, sheet.getCell('I4').value]).toEqual([
      '新增',
      '拒绝',
      '新增',
    ])
    expect(sheet.getCell('J3').value).toBe('联络员手机“12”不是有效的手机号')
    expect(sheet.getCell('A3').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } })
    expect((sheet.getCell('A2').fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none')
    // The clerk's own sheet had Excel's narrow default columns: names and codes would print cut off. Each
    // column is at least as wide as the template's, and its header is set as the template's.
    IMPORT_COLUMNS.forEach((c, i) => expect(sheet.getColumn(i + 1).width).toBeGreaterThanOrEqual(c.width))
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true })
    expect(sheet.getCell('A1').border).toMatchObject({ top: { style: 'thin' } })

    // The clerk corrects the refused row in the result workbook and uploads it again.
    sheet.getCell('H3').value = '13912345678'
    const corrected = await preview(Buffer.from(await book.xlsx.writeBuffer()))
    expect(corrected.counts).toEqual({ create: 3, update: 0, unchanged: 0, refuse: 0 })
  })

  it('paints only the refused rows of a filled-in template red, not the accepted ones around them', async () => {
    // The clerk fills the downloaded template itself (its code and phone columns are text-formatted).
    const filled = new ExcelJS.Workbook()
    await filled.xlsx.load((await get('/api/v1/imports/template.xlsx')).rawPayload as unknown as ArrayBuffer)
    const sheet = filled.getWorksheet('企业名单')!
    const rows = [enterpriseRow(251), enterpriseRow(252, { 联络员手机: '12' }), enterpriseRow(253)]
    rows.forEach((values, i) => values.forEach((v, col) => (sheet.getRow(5 + i).getCell(col + 1).value = v)))
    const view = await preview(Buffer.from(await filled.xlsx.writeBuffer()))
    expect(view.counts).toMatchObject({ create: 2, refuse: 1 })

    const book = new ExcelJS.Workbook()
    await book.xlsx.load(
      (await get(`/api/v1/imports/${view.id}/result.xlsx`)).rawPayload as unknown as ArrayBuffer,
    )
    const result = book.getWorksheet('企业名单')!
    const fills = (rowNo: number) =>
      Array.from({ length: 10 }, (_, i) => {
        const fill = result.getRow(rowNo).getCell(i + 1).fill as ExcelJS.FillPattern | undefined
        return fill?.pattern === 'solid' ? fill.fgColor?.argb : 'none'
      })
    expect(result.getRow(3).getCell(9).value).toBe('结果')
    // The template's header keeps its own font: required columns red.
    expect(result.getRow(3).getCell(1).font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } })
    // The title and its note are centred over the whole table, 结果 and 原因 included.
    expect(result.model.merges).toEqual(expect.arrayContaining(['A1:J1', 'A2:J2']))
    expect(result.model.merges.filter((m) => /^A[12]:/.test(m))).toHaveLength(2)
    expect([5, 6, 7].map((r) => result.getRow(r).getCell(9).value)).toEqual(['新增', '拒绝', '新增'])
    expect(fills(5)).toEqual(Array(10).fill('none'))
    expect(fills(6)).toEqual(Array(10).fill('FFFFC7CE'))
    expect(fills(7)).toEqual(Array(10).fill('none'))
    expect(result.getRow(5).getCell(9).font?.bold).toBeFalsy()
    expect(result.getRow(6).getCell(9).font).toMatchObject({ bold: true, color: { argb: 'FF9C0006' } })
  })

  itLibreOffice(
    'LibreOffice opens the template and a result workbook with the expected rows',
    async () => {
      const template = (await get('/api/v1/imports/template.xlsx')).rawPayload
      const templateRows = parseCsv(libreOfficeConvert(template, 'template.xlsx', CSV).toString('utf8'))
      expect(templateRows[0][0]).toMatch(/清廉企业名单导入模板$/)
      expect(templateRows[2]).toEqual(HEADERS)
      expect(templateRows[3][0]).toMatch(/^（示例）/)
      expect(templateRows[3][7]).toBe('13800138000')

      const view = await preview(await workbook([enterpriseRow(301), enterpriseRow(302, { 所有制: '外资' })]))
      const result = (await get(`/api/v1/imports/${view.id}/result.xlsx`)).rawPayload
      const rows = parseCsv(libreOfficeConvert(result, 'result.xlsx', CSV).toString('utf8'))
      expect(rows[0].slice(8)).toEqual(['结果', '原因'])
      expect(rows[1].slice(0, 2)).toEqual(['县第301测试有限公司', creditCode(301)])
      expect(rows[1].slice(8)).toEqual(['新增', ''])
      expect(rows[2][8]).toBe('拒绝')
      expect(rows[2][9]).toMatch(/^所有制“外资”无效/)
    },
    180_000,
  )

  it('commits in one go: creates, updates only what differs, links departments, one liaison invite per new enterprise, audited', async () => {
    const rows = [
      enterpriseRow(401, { 监管部门: '县委统战部、县财政局' }),
      enterpriseRow(402),
      enterpriseRow(403, { 联络员手机: 'x' }),
      enterpriseRow(404, {
        企业名称: demo.name,
        统一社会信用代码: demo.credit_code,
        行业: demo.industry ?? '',
        监管部门: '县委统战部、县财政局',
      }),
    ]
    const file = await workbook(rows)
    const view = await preview(file)
    expect(view.counts).toEqual({ create: 2, update: 1, unchanged: 0, refuse: 1 })
    const res = await commit(view.id)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ created: 2, updated: 1, unchanged: 0, invites: 2 })

    const created = await t.app.db
      .selectFrom('enterprises')
      .selectAll()
      .where('credit_code', 'in', [creditCode(401), creditCode(402), creditCode(403)])
      .orderBy('credit_code')
      .execute()
    expect(created.map((e) => [e.name, e.liaison_name, e.liaison_phone])).toEqual([
      ['县第401测试有限公司', '联络员401', '13900000401'],
      ['县第402测试有限公司', '联络员402', '13900000402'],
    ])
    const links = await t.app.db
      .selectFrom('supervision_links')
      .innerJoin('departments', 'departments.id', 'supervision_links.department_id')
      .select('departments.name')
      .where('enterprise_id', '=', created[0].id)
      .orderBy('departments.name')
      .execute()
    expect(links.map((l) => l.name).sort()).toEqual(['县委统战部', '县财政局'].sort())
    const invites = await t.app.db
      .selectFrom('invites')
      .selectAll()
      .where(
        'enterprise_id',
        'in',
        created.map((e) => e.id),
      )
      .execute()
    expect(invites.map((i) => [i.role, i.max_uses])).toEqual([
      ['liaison', 1],
      ['liaison', 1],
    ])
    const updated = await t.app.db
      .selectFrom('enterprises')
      .selectAll()
      .where('credit_code', '=', demo.credit_code)
      .executeTakeFirstOrThrow()
    expect(updated).toMatchObject({
      name: demo.name,
      liaison_name: '联络员404',
      liaison_phone: '13900000404',
    })
    const audit = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'import.commit')
      .where('entity_id', '=', String(view.id))
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0].detail!)).toMatchObject({
      created: 2,
      updated: 1,
      createdEnterpriseIds: created.map((e) => e.id),
    })
    const after = await get(`/api/v1/imports/${view.id}`)
    expect(after.json()).toMatchObject({ state: 'committed', commitResult: { created: 2, invites: 2 } })

    // Committing it again answers what was done; importing the same file again changes nothing.
    const again = await commit(view.id)
    expect(again.json()).toEqual({ created: 2, updated: 1, unchanged: 0, invites: 2 })
    const before = await t.app.db.selectFrom('enterprises').selectAll().orderBy('id').execute()
    const second = await preview(file)
    expect(second.counts).toEqual({ create: 0, update: 0, unchanged: 3, refuse: 1 })
    expect((await commit(second.id)).json()).toEqual({ created: 0, updated: 0, unchanged: 3, invites: 0 })
    expect(await t.app.db.selectFrom('enterprises').selectAll().orderBy('id').execute()).toEqual(before)
  })

  it('two commits of one import, and two imports of the same file, never make a duplicate enterprise', async () => {
    const file = await workbook(Array.from({ length: 60 }, (_, i) => enterpriseRow(500 + i)))
    const [a, b] = await Promise.all([preview(file), preview(file)])
    const results = await Promise.all([commit(a.id), commit(a.id), commit(b.id), commit(b.id)])
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200])
    const created = results.map((r) => r.json().created)
    expect(created[0]).toBe(created[1])
    expect(created[2]).toBe(created[3])
    expect(created[0] + created[2]).toBe(60)
    const count = await t.app.db
      .selectFrom('enterprises')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'credit_code',
        'in',
        Array.from({ length: 60 }, (_, i) => creditCode(500 + i)),
      )
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(60)
    const invites = await t.app.db
      .selectFrom('invites')
      .innerJoin('enterprises', 'enterprises.id', 'invites.enterprise_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'enterprises.credit_code',
        'in',
        Array.from({ length: 60 }, (_, i) => creditCode(500 + i)),
      )
      .executeTakeFirstOrThrow()
    expect(Number(invites.n)).toBe(60)
  })

  it('a retired department is refused by name, and one retired before or while the import commits is not linked', async () => {
    const department = async (name: string) => {
      const res = await call(t.app, office, { method: 'POST', url: '/api/v1/departments', payload: { name } })
      expect(res.statusCode).toBe(201)
      return res.json().id as number
    }
    const retire = (id: number) =>
      call(t.app, office, { method: 'POST', url: `/api/v1/departments/${id}/retire` })
    const linksOf = (id: number) =>
      t.app.db
        .selectFrom('supervision_links')
        .select('enterprise_id')
        .where('department_id', '=', id)
        .execute()

    const gone = await department('县已撤销测试局')
    expect((await retire(gone)).statusCode).toBe(200)
    const refused = await preview(await workbook([enterpriseRow(620, { 监管部门: '县已撤销测试局' })]))
    expect(refused.rows[0]).toMatchObject({
      status: 'refuse',
      reason: '监管部门“县已撤销测试局”不存在或已撤销，请填写系统中已有的部门名称',
    })
    // The template's list of departments offers only those in service.
    const template = new ExcelJS.Workbook()
    await template.xlsx.load(
      (await get('/api/v1/imports/template.xlsx')).rawPayload as unknown as ArrayBuffer,
    )
    expect(template.getWorksheet('部门名称')!.getColumn(1).values).not.toContain('县已撤销测试局')

    // Retired after the check, before the commit: the enterprise is registered, without that link.
    const before = await department('县先撤销测试局')
    const checked = await preview(
      await workbook([enterpriseRow(621, { 监管部门: '县委统战部、县先撤销测试局' })]),
    )
    expect(checked.counts).toMatchObject({ create: 1 })
    expect((await retire(before)).statusCode).toBe(200)
    expect((await commit(checked.id)).json().created).toBe(1)
    expect(await linksOf(before)).toEqual([])

    // Retired while the import commits: either order leaves no link to the retired department.
    for (let round = 0; round < 4; round++) {
      const during = await department(`县同时撤销测试局${round}`)
      const ready = await preview(
        await workbook([enterpriseRow(630 + round, { 监管部门: `县同时撤销测试局${round}` })]),
      )
      const [committed, retired] = await Promise.all([commit(ready.id), retire(during)])
      expect([committed.statusCode, retired.statusCode]).toEqual([200, 200])
      expect(await linksOf(during)).toEqual([])
    }
  })

  it('prints the liaison invites of the import: one page per new enterprise with its code and QR', async () => {
    const view = await preview(
      await workbook([
        enterpriseRow(601, { 联络员姓名: '黄海燕' }),
        enterpriseRow(602, { 联络员姓名: '覃丽' }),
        enterpriseRow(603, { 所有制: '' }),
      ]),
    )
    expect((await get(`/api/v1/imports/${view.id}/invites.docx`)).json().error.code).toBe(
      'IMPORT_NOT_COMMITTED',
    )
    await commit(view.id)
    const res = await get(
      `/api/v1/imports/${view.id}/invites.docx?base=${encodeURIComponent('https://qinglian.example.com')}`,
    )
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('wordprocessingml')
    const zip = await JSZip.loadAsync(res.rawPayload)
    const xml = await zip.file('word/document.xml')!.async('string')
    const codes = await t.app.db
      .selectFrom('invites')
      .innerJoin('enterprises', 'enterprises.id', 'invites.enterprise_id')
      .select(['invites.code', 'enterprises.name'])
      .where('enterprises.credit_code', 'in', [creditCode(601), creditCode(602)])
      .execute()
    expect(codes).toHaveLength(2)
    for (const { code, name } of codes) {
      expect(xml).toContain(code)
      expect(xml).toContain(name)
    }
    // whom the office hands each page to: the liaison the import registered
    expect(xml).toContain('联络员：黄海燕')
    expect(xml).toContain('联络员：覃丽')
    expect(xml.match(/w:type="page"/g)).toHaveLength(1)
    // The expiry as a letter writes a date: 2026年1月31日 08:00（北京时间）, the invite's own instant.
    const invite = await t.app.db
      .selectFrom('invites')
      .select('expires_at')
      .where('code', '=', codes[0].code)
      .executeTakeFirstOrThrow()
    const [day, minute] = formatShanghaiMinute(invite.expires_at).split(' ')
    const [y, m, d] = day.split('-').map(Number)
    expect(xml).toContain(`有效期至：${y}年${m}月${d}日 ${minute}（北京时间）`)
    expect(
      Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png')),
    ).toHaveLength(2)
    // The QR carries the join link the app opens, with the invite code of its page.
    // The first page's picture, through its relationship.
    const embed = /r:embed="([^"]+)"/.exec(xml)![1]
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string')
    const target = new RegExp(`Id="${embed}"[^>]*Target="([^"]+)"`).exec(rels)![1]
    const png = PNG.sync.read(await zip.file(`word/${target}`)!.async('nodebuffer'))
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    const first = xml.indexOf(codes[0].code) < xml.indexOf(codes[1].code) ? codes[0] : codes[1]
    expect(decoded?.data).toBe(
      joinLinkUrl('https://qinglian.example.com', { kind: 'invite', code: first.code }),
    )
    expect(decoded?.data).toBe(`https://qinglian.example.com/qr/join?code=${first.code}`)
  })

  it('refuses bad files with a clear message and a stable code', async () => {
    const cases: [string, Buffer, number, string][] = [
      ['png', TINY_PNG, 415, 'IMPORT_FILE_INVALID'],
      [
        'xls',
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500)]),
        415,
        'IMPORT_FILE_XLS',
      ],
      ['empty', Buffer.alloc(0), 400, 'IMPORT_FILE_EMPTY'],
      [
        'zip but not a workbook',
        await new JSZip().file('a.txt', 'hello').generateAsync({ type: 'nodebuffer' }),
        400,
        'IMPORT_FILE_INVALID',
      ],
      [
        'truncated xlsx',
        (await workbook([enterpriseRow(701)])).subarray(0, 2000),
        400,
        'IMPORT_FILE_INVALID',
      ],
      ['header only', await workbook([]), 400, 'IMPORT_FILE_EMPTY'],
      [
        'example only',
        await workbook([
          ['（示例）某公司', creditCode(1), '民营', '党支部', '', '县委统战部', '张三', '13800138000'],
        ]),
        400,
        'IMPORT_FILE_EMPTY',
      ],
      [
        'wrong headers',
        await workbook(
          [enterpriseRow(702)],
          ['名称', '代码', '所有制', '党组织', '行业', '监管部门', '联络员姓名', '联络员手机'],
        ),
        400,
        'IMPORT_HEADERS_INVALID',
      ],
    ]
    for (const [label, content, status, code] of cases) {
      const res = await upload(t.app, office, content)
      expect({ label, status: res.statusCode, code: res.json().error?.code }).toEqual({ label, status, code })
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    const wrong = await upload(t.app, office, await workbook([enterpriseRow(703)], ['名称', '代码']))
    expect(wrong.json().error.message).toContain('缺少“企业名称”“统一社会信用代码”')

    // A multipart body cut off in the middle, a JSON body, no file at all.
    const body = multipart('file', 'a.xlsx', await workbook([enterpriseRow(704)]))
    const cut = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/imports',
      payload: body.payload.subarray(0, body.payload.length - 300),
      headers: body.headers,
    })
    expect([cut.statusCode, cut.json().error.code]).toEqual([400, 'IMPORT_UPLOAD_BROKEN'])
    const json = await call(t.app, office, { method: 'POST', url: '/api/v1/imports', payload: { file: 'x' } })
    expect([json.statusCode, json.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE'])
    const none = multipart('other', 'a.txt', Buffer.from('x'))
    const missing = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/imports',
      payload: Buffer.from(`--${none.headers['content-type'].split('boundary=')[1]}--\r\n`),
      headers: none.headers,
    })
    expect(missing.statusCode).toBe(400)
    expect(
      await t.app.db.selectFrom('enterprise_imports').select('id').where('state', '=', 'failed').execute(),
    ).toEqual([])
  })

  it('refuses a file over the upload limit (UPLOAD_MAX_BYTES) with 413', async () => {
    const big = Buffer.concat([
      await workbook([enterpriseRow(800)]),
      Buffer.alloc(t.env.UPLOAD_MAX_BYTES + 1),
    ])
    const res = await upload(t.app, office, big)
    expect([res.statusCode, res.json().error.code]).toEqual([413, 'FILE_TOO_LARGE'])
    expect(res.json().error.message).toMatch(/^文件过大/)
  })

  it('answers 404 for an import that does not exist, and only the office may use any import route', async () => {
    expect((await get('/api/v1/imports/999999')).statusCode).toBe(404)
    expect((await commit(999999)).statusCode).toBe(404)
    const view = await preview(await workbook([enterpriseRow(901)]))
    for (const token of [supervisor, liaison]) {
      const file = await workbook([enterpriseRow(902)])
      const answers = await Promise.all([
        get('/api/v1/imports/template.xlsx', token),
        upload(t.app, token, file),
        get(`/api/v1/imports/${view.id}`, token),
        get(`/api/v1/imports/${view.id}/result.xlsx`, token),
        commit(view.id, token),
        get(`/api/v1/imports/${view.id}/invites.docx`, token),
      ])
      expect(answers.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403])
    }
    expect((await get(`/api/v1/imports/${view.id}`)).json().state).toBe('ready')
  })

  it('an import whose check stopped reporting (its process died) is shown as failed and cannot be committed', async () => {
    const view = await preview(await workbook([enterpriseRow(950)]))
    await t.app.db
      .updateTable('enterprise_imports')
      .set({ state: 'parsing', updated_at: new Date(Date.now() - 10 * 60_000).toISOString() })
      .where('id', '=', view.id)
      .execute()
    const res = await get(`/api/v1/imports/${view.id}`)
    expect(res.json()).toMatchObject({ state: 'failed', errorMessage: '导入文件检查失败，请重新上传' })
    expect((await commit(view.id)).json().error.code).toBe('IMPORT_FAILED')
    expect((await get(`/api/v1/imports/${view.id}/result.xlsx`)).json().error.code).toBe('IMPORT_FAILED')
  })

  it('previews and commits 5,000 rows', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      enterpriseRow(10_000 + i, { 监管部门: i % 2 ? '县委统战部' : '县财政局、县委统战部' }),
    )
    const started = Date.now()
    const res = await upload(t.app, office, await workbook(rows))
    expect(res.statusCode).toBe(202)
    const view = await waitReady(t.app, office, res.json().id)
    const previewed = Date.now()
    expect(view.counts).toEqual({ create: 5000, update: 0, unchanged: 0, refuse: 0 })
    const committed = await commit(view.id)
    expect(committed.json()).toEqual({ created: 5000, updated: 0, unchanged: 0, invites: 5000 })
    const committedAt = Date.now()
    // The invites print in parts of 1,000 enterprises: part 5 is the last.
    const last = await get(`/api/v1/imports/${view.id}/invites.docx?part=5`)
    expect(last.statusCode).toBe(200)
    const xml = await (await JSZip.loadAsync(last.rawPayload)).file('word/document.xml')!.async('string')
    expect(xml.match(/w:type="page"/g)).toHaveLength(999)
    expect(xml).toContain('县第14999测试有限公司')
    expect((await get(`/api/v1/imports/${view.id}/invites.docx?part=6`)).statusCode).toBe(404)
    console.log(
      `5,000 rows [${TEST_DB}]: preview ${previewed - started} ms, commit ${committedAt - previewed} ms, invites part of 1,000 ${Date.now() - committedAt} ms`,
    )
  }, 240_000)
})
