import ExcelJS from 'exceljs'
import { addTestQuestions } from './support/quiz'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { MISSING_ID } from './support/isolation'
import { misprintedNumbers, sheetRows } from './support/sheets'
import { convertWithLibreOffice, hasLibreOffice, parseCsv } from './support/libreoffice'
import { fileNameFromDisposition } from '../../src/models/exportName'
import type { TPaper } from '../../src/models/quiz'

/** 竞赛成绩 workbook: the leaderboards' figures, late papers left out, a department's view limited. */
describe(`廉政知识竞赛 export (${TEST_DB})`, () => {
  let t: TestApp
  // 10:00 北京时间 on 2026-12-04.
  let now = Date.parse('2026-12-04T02:00:00Z')
  const tokens: Record<string, string> = {}
  const answers = new Map<number, number[]>()
  const ids: Record<string, number> = {}
  let quizId: number
  const as = (who: string) => tokens[who]

  const start = async (who: string, enterpriseId: number): Promise<TPaper> => {
    const r = await call(t.app, as(who), {
      method: 'POST',
      url: `/api/v1/quizzes/${quizId}/papers`,
      payload: { enterpriseId },
    })
    expect(r.statusCode).toBe(201)
    return r.json()
  }
  const handIn = async (who: string, paper: TPaper, wrong: number, after: number) => {
    now += after * 1000
    const r = await call(t.app, as(who), {
      method: 'POST',
      url: `/api/v1/quiz-papers/${paper.id}/submission`,
      payload: {
        answers: paper.questions.map((q, i) => {
          const right = answers.get(q.id)!
          return { questionId: q.id, choice: i < wrong ? [(right[0] + 1) % q.options.length] : right }
        }),
      },
    })
    expect(r.statusCode).toBe(200)
    return r.json() as TPaper
  }
  const exportAs = (who: string, id = quizId) =>
    call(t.app, as(who), { method: 'GET', url: `/api/v1/quizzes/${id}/export` })
  const board = async (query: string) =>
    (
      await call(t.app, as('office'), {
        method: 'GET',
        url: `/api/v1/quizzes/${quizId}/leaderboard?${query}`,
      })
    ).json()

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    const people = {
      office: 'demo-office',
      liaison: 'demo-liaison-private',
      head: 'demo-head-private',
      employee: 'demo-employee-private',
      soe: 'demo-liaison-soe',
      mixed: 'demo-liaison-mixed',
      united: 'demo-supervisor-united',
    }
    for (const [who, openid] of Object.entries(people)) tokens[who] = await loginAs(t.app, openid)
    ids.private = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    ids.soe = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    ids.mixed = await idOf(t.app, 'enterprises', '县园区水务发展有限公司')
    for (const [id, answer] of await addTestQuestions(t.app, as('office'), 5, '导出测试题'))
      answers.set(id, answer)
    const created = await call(t.app, as('office'), {
      method: 'POST',
      url: '/api/v1/quizzes',
      payload: {
        title: '2026年廉政知识竞赛',
        startsOn: '2026-12-01',
        endsOn: '2026-12-31',
        questionCount: 5,
        timeLimitMinutes: 10,
        attemptsPerDay: 3,
      },
    })
    expect(created.statusCode).toBe(201)
    quizId = created.json().id
    // 恒达: 刘恒达 100 in 200 s then 80; 王小军 80 in 90 s; 陈静 only a late 100 (not counted).
    await handIn('head', await start('head', ids.private), 0, 200)
    await handIn('head', await start('head', ids.private), 1, 100)
    await handIn('employee', await start('employee', ids.private), 1, 90)
    const late = await handIn('liaison', await start('liaison', ids.private), 0, 11 * 60 + 5)
    expect(late.status).toBe('late')
    // A late paper of someone who also has a counted one does not count either.
    const headLate = await handIn('head', await start('head', ids.private), 0, 12 * 60)
    expect(headLate.status).toBe('late')
    await handIn('soe', await start('soe', ids.soe), 0, 65)
    await handIn('mixed', await start('mixed', ids.mixed), 2, 40)
  })
  afterAll(() => t.close())

  it('gives the office the county’s workbook: the leaderboards’ rows and figures, late papers left out', async () => {
    const res = await exportAs('office')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    expect(fileNameFromDisposition(res.headers['content-disposition'] as string)).toMatch(
      /-2026年廉政知识竞赛-成绩-2026-12-04\.xlsx$/,
    )
    const ranks = await sheetRows(res.rawPayload, '企业排名')
    expect(ranks[0]).toEqual(['名次', '企业', '参加人数', '平均分', '最高分'])
    const county = (await board('scope=county')).enterprises.items as {
      rank: number
      name: string
      participants: number
      average: number
    }[]
    expect(ranks.slice(1).map((r) => r.slice(0, 4))).toEqual(
      county.map((e) => [e.rank, e.name, e.participants, e.average]),
    )
    expect(ranks.slice(1)).toEqual([
      [1, '县城市建设投资集团有限公司', 1, 100, 100],
      [2, '县恒达食品有限公司', 2, 90, 100],
      [3, '县园区水务发展有限公司', 1, 60, 60],
    ])

    const people = await sheetRows(res.rawPayload, '个人成绩')
    expect(people[0]).toEqual(['企业', '姓名', '最好成绩', '用时', '答题次数', '最后交卷时间（北京时间）'])
    const hengda = (await board(`scope=enterprise&enterpriseId=${ids.private}`)).people.items as {
      name: string
      best: number
    }[]
    expect(people.filter((p) => p[0] === '县恒达食品有限公司').map((p) => [p[1], p[2]])).toEqual(
      hengda.map((p) => [p.name, p.best]),
    )
    expect(people.slice(1)).toEqual([
      [
        '县城市建设投资集团有限公司',
        expect.any(String),
        100,
        '1分5秒',
        1,
        expect.stringMatching(/^2026年12月4日 /),
      ],
      ['县恒达食品有限公司', '刘恒达', 100, '3分20秒', 2, '2026年12月4日 10:05'],
      ['县恒达食品有限公司', '王小军', 80, '1分30秒', 1, '2026年12月4日 10:06'],
      ['县园区水务发展有限公司', expect.any(String), 60, '40秒', 1, expect.stringMatching(/^2026年12月4日 /)],
    ])

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(misprintedNumbers(workbook)).toEqual([])
    const sheet = workbook.getWorksheet('企业排名')!
    expect(sheet.getCell('A1').value).toBe('2026年廉政知识竞赛 成绩')
    expect(sheet.getCell('A2').value).toEqual(
      expect.stringMatching(
        /^竞赛时间：2026年12月1日至2026年12月31日 +每卷 5 题 +限时 10 分钟 +每天 3 次\n超时交卷不计成绩 +导出时间：2026年12月4日 \d\d:\d\d（北京时间）$/,
      ),
    )
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, printTitlesRow: '3:3' })
  })

  it('limits a supervising department to its enterprises; a liaison gets the 404 of a missing 竞赛', async () => {
    const supervised = await t.app.db
      .selectFrom('supervision_links')
      .innerJoin('departments', 'departments.id', 'supervision_links.department_id')
      .innerJoin('enterprises', 'enterprises.id', 'supervision_links.enterprise_id')
      .select('enterprises.name')
      .where('departments.name', 'like', '%统战%')
      .execute()
    const names = new Set(supervised.map((r) => r.name))
    expect(names.has('县恒达食品有限公司')).toBe(true)
    // The county has papers from enterprises the department does not supervise: the limit is seen.
    expect(names.has('县城市建设投资集团有限公司')).toBe(false)
    const res = await exportAs('united')
    expect(res.statusCode).toBe(200)
    const ranks = (await sheetRows(res.rawPayload, '企业排名')).slice(1)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(workbook.getWorksheet('企业排名')!.getCell('A1').value).toBe(
      '2026年廉政知识竞赛 成绩（县委统战部监管企业）',
    )
    const all = ['县城市建设投资集团有限公司', '县恒达食品有限公司', '县园区水务发展有限公司']
    expect(ranks.map((r) => r[1])).toEqual(all.filter((n) => names.has(n)))
    expect(ranks.map((r) => r[0])).toEqual(ranks.map((_, i) => i + 1))
    const people = (await sheetRows(res.rawPayload, '个人成绩')).slice(1)
    expect(people.every((p) => names.has(String(p[0])))).toBe(true)
    expect(people.map((p) => p[1])).toEqual(expect.arrayContaining(['刘恒达', '王小军']))

    const liaison = await exportAs('liaison')
    const missing = await exportAs('office', MISSING_ID)
    expect(liaison.statusCode).toBe(404)
    expect(liaison.json()).toEqual(missing.json())
    expect((await exportAs('united', MISSING_ID)).statusCode).toBe(404)
    expect((await exportAs('office', 2 ** 31)).statusCode).toBe(404)
  })

  it('says 暂无成绩 on both sheets of a 竞赛 without a counted paper, under the header', async () => {
    const created = await call(t.app, as('office'), {
      method: 'POST',
      url: '/api/v1/quizzes',
      payload: {
        title: '2026年廉政知识竞赛（无人交卷）',
        startsOn: '2026-12-04',
        endsOn: '2026-12-31',
        questionCount: 5,
        timeLimitMinutes: 10,
        attemptsPerDay: 1,
      },
    })
    expect(created.statusCode).toBe(201)
    const res = await exportAs('office', created.json().id)
    expect(res.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    for (const [name, last] of [
      ['企业排名', 'E'],
      ['个人成绩', 'F'],
    ]) {
      // ExcelJS reads each cell of a merged range as its first.
      const width = last.charCodeAt(0) - 64
      expect((await sheetRows(res.rawPayload, name)).slice(1)).toEqual([Array(width).fill('暂无成绩')])
      const sheet = workbook.getWorksheet(name)!
      // One line across the table, centred and bordered as its rows.
      expect(sheet.getCell(`${last}4`).isMerged).toBe(true)
      expect(sheet.getCell(`${last}4`).master.address).toBe('A4')
      expect(sheet.getCell('A4').alignment).toMatchObject({ horizontal: 'center' })
      expect(sheet.getCell('A4').border).toMatchObject({ top: { style: 'thin' } })
    }
    // A department's export of its enterprises, where nobody took part, says it too.
    const united = await exportAs('united', created.json().id)
    expect((await sheetRows(united.rawPayload, '个人成绩')).slice(1)).toEqual([Array(6).fill('暂无成绩')])
  })

  it('reads in LibreOffice', async () => {
    if (!hasLibreOffice()) {
      console.warn('LibreOffice is not installed: the conversion check of the 竞赛成绩 export is skipped')
      return
    }
    const res = await exportAs('office')
    const rows = parseCsv(convertWithLibreOffice(res.rawPayload, 'xlsx', 'csv').toString('utf8'))
    expect(rows[0][0]).toBe('2026年廉政知识竞赛 成绩')
    expect(rows[2]).toEqual(['名次', '企业', '参加人数', '平均分', '最高分'])
    expect(rows[4]).toEqual(['2', '县恒达食品有限公司', '2', '90.0', '100'])
  })
})
