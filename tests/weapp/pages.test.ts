/**
 * Every page of app.json, opened in the mini-program by a user who may see it, with the parameters the
 * app's own links give it, showing what it must show. A page added to app.json without a row here
 * fails the first test.
 */
import fs from 'node:fs'
import path from 'node:path'
import { shanghaiDate } from '../../src/models/shanghaiTime'
import { seedDemoPowers } from '../../seeds/powersDemo'
import { apiAs, recordSetData, signIn, signPersonalPledge } from './support/flows'
import { DIST, launch, startWeappServer, type WeappServer } from './support/server'
import { openTestQuiz } from './support/quiz'

jest.setTimeout(240_000)

type Ids = Record<string, number | string>
/** An API answer, read loosely: the shapes are the server's own (tests/api checks them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = any
interface Row {
  who: string
  url: (ids: Ids) => string
  shows: RegExp
}

const A = 'packages/assessment/pages'
const E = 'packages/events/pages'
const P = 'packages/party/pages'
const PL = 'packages/pledges/pages'
const S = 'packages/supervision/pages'
const R = 'packages/risks/pages'
const SP = 'packages/specials/pages'
const D = 'packages/dealings/pages'
const PW = 'packages/powers/pages'
const Q = 'packages/quiz/pages'

const PAGES: Record<string, Row> = {
  'pages/home/index': { who: 'demo-liaison-private', url: () => 'pages/home/index', shows: /你好， 陈静/ },
  'pages/tasks/index': { who: 'demo-liaison-private', url: () => 'pages/tasks/index', shows: /待办任务/ },
  'pages/mine/index': { who: 'demo-liaison-private', url: () => 'pages/mine/index', shows: /陈静.*退出登录/ },
  // opened by the launch itself, before anyone logs in
  'pages/login/index': { who: '', url: () => 'pages/login/index', shows: /隐私保护指引.*同意并继续/ },
  [`${A}/list/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${A}/list/index?eid=${i.eid}`,
    shows: /2026年度清廉企业建设自查/,
  },
  [`${A}/overview/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${A}/overview/index?eid=${i.eid}&aid=${i.aid}`,
    shows: /各部分进度.*清廉政治.*清廉监管/,
  },
  [`${A}/item/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${A}/item/index?eid=${i.eid}&aid=${i.aid}`,
    shows: /下一项/,
  },
  [`${A}/review/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${A}/review/index?eid=${i.eid}&aid=${i.aid}`,
    shows: /提交/,
  },
  [`${A}/result/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${A}/result/index?eid=${i.eid}&aid=${i.aid}`,
    shows: /清廉政治/,
  },
  [`${A}/rectifications/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${A}/rectifications/index?eid=${i.eid}`,
    shows: /整改通知（运行测试）/,
  },
  [`${A}/rectification/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${A}/rectification/index?eid=${i.eid}&rid=${i.rid}`,
    shows: /整改通知（运行测试）.*请补齐台账/,
  },
  [`${E}/list/index`]: { who: 'demo-employee-private', url: () => `${E}/list/index`, shows: /警示教育会/ },
  [`${E}/detail/index`]: {
    who: 'demo-supervisor-united',
    url: (i) => `${E}/detail/index?eventId=${i.event}`,
    shows: /警示教育会.*应到.*取消活动/,
  },
  [`${E}/qr/index`]: {
    who: 'demo-supervisor-united',
    url: (i) => `${E}/qr/index?eventId=${i.event}`,
    shows: /扫码签到.*秒后更换.*已签到/,
  },
  [`${E}/signin/index`]: {
    who: 'demo-employee-private',
    url: () => `${E}/signin/index`,
    shows: /扫码签到|扫描/,
  },
  [`${E}/screen/index`]: {
    who: 'demo-supervisor-united',
    url: (i) => `${E}/screen/index?token=${i.screen}`,
    shows: /警示教育会/,
  },
  [`${E}/create/index`]: { who: 'demo-supervisor-united', url: () => `${E}/create/index`, shows: /活动类型/ },
  [`${E}/attendance/index`]: {
    who: 'demo-supervisor-united',
    url: (i) => `${E}/attendance/index?eventId=${i.event}&tab=absent`,
    shows: /警示教育会.*应到.*未签到.*县恒达食品有限公司/,
  },
  [`${E}/rate/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${E}/rate/index?enterpriseId=${i.eid}`,
    shows: /到会率/,
  },
  [`${P}/calendar/index`]: {
    who: 'demo-secretary-private',
    url: () => `${P}/calendar/index`,
    shows: /年度完成率/,
  },
  [`${P}/edit/index`]: {
    who: 'demo-secretary-private',
    url: (i) => `${P}/edit/index?eid=${i.eid}&bid=${i.bid}&type=committee`,
    shows: /出席情况.*应到/,
  },
  [`${P}/detail/index`]: {
    who: 'demo-secretary-private',
    url: (i) => `${P}/detail/index?eid=${i.eid}&bid=${i.bid}&mid=${i.mid}`,
    shows: /出席/,
  },
  [`${P}/supervision/index`]: {
    who: 'demo-supervisor-united',
    url: () => `${P}/supervision/index`,
    shows: /完成率/,
  },
  [`${P}/roll/index`]: {
    who: 'demo-secretary-private',
    url: (i) => `${P}/roll/index?eid=${i.eid}&bid=${i.bid}`,
    shows: /梁红梅/,
  },
  [`${PL}/list/index`]: {
    who: 'demo-employee-private',
    url: () => `${PL}/list/index`,
    shows: /个人廉洁从业承诺书/,
  },
  [`${PL}/sign/index`]: {
    who: 'demo-head-private',
    url: (i) => `${PL}/sign/index?kind=enterprise&eid=${i.eid}`,
    shows: /企业诚信守法经营承诺书/,
  },
  [`${PL}/certificate/index`]: {
    who: 'demo-employee-private',
    url: (i) => `${PL}/certificate/index?id=${i.pledge}`,
    shows: /核验码/,
  },
  [`${PL}/verify/index`]: {
    who: 'demo-employee-private',
    url: (i) => `${PL}/verify/index?code=${i.code}`,
    shows: /王小军/,
  },
  [`${PL}/coverage/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${PL}/coverage/index?eid=${i.eid}`,
    shows: /王小军/,
  },
  [`${PL}/supervision/index`]: {
    who: 'demo-supervisor-united',
    url: () => `${PL}/supervision/index`,
    shows: /县恒达食品有限公司/,
  },
  [`${PL}/templates/index`]: {
    who: 'demo-office',
    url: () => `${PL}/templates/index`,
    shows: /个人廉洁从业承诺书/,
  },
  'packages/org/pages/members/index': {
    who: 'demo-liaison-private',
    url: (i) => `packages/org/pages/members/index?eid=${i.eid}`,
    shows: /待审核.*邀请成员.*成员（\s*\d+\s*）.*陈静.*党支部.*书记.*新增党支部/,
  },
  'packages/org/pages/milestones/index': {
    who: 'demo-liaison-private',
    url: (i) => `packages/org/pages/milestones/index?eid=${i.eid}`,
    shows: /完成期限\s*2022年6月15日.*清廉建设工作领导小组.*登记领导小组.*本企业实施方案.*报送/,
  },
  'packages/org/pages/deadline/index': {
    who: 'demo-office',
    url: () => 'packages/org/pages/deadline/index',
    shows:
      /领导小组与实施方案完成期限\s*2022年6月15日\s*实施方案规定.*设定全县统一期限.*选择日期（北京时间）.*保存/,
  },
  'packages/org/pages/audit/index': {
    who: 'demo-office',
    url: () => 'packages/org/pages/audit/index',
    // the newest writes first: in this shared runner server, the logins of the pages before this one
    shows: /筛选.*导出 Excel.*登录 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2} (?!（未登录）)\S+/,
  },
  'packages/org/pages/staff/index': {
    who: 'demo-office',
    url: (i) => `packages/org/pages/staff/index?did=${i.did}&name=${encodeURIComponent('县委统战部')}`,
    shows: /县委统战部.*待审核.*邀请人员.*监管员.*党员干部.*人员（\s*\d+\s*）.*韦丽萍/,
  },
  // as WeChat's scanner opens it: the scanned link, encoded, as `q`
  'packages/org/pages/join/index': {
    who: 'demo-newcomer',
    url: () =>
      `packages/org/pages/join/index?q=${encodeURIComponent('https://ql.example.com/qr/join?code=ABCD2345')}`,
    // An unknown code: the server's refusal is shown before any tap.
    shows: /凭邀请码加入.*ABCD2345.*邀请码无效或已过期.*返回首页/,
  },
  // 我的 / 首页's small forms, as pages (the title is the navigation bar's only)
  'packages/org/pages/code/index': {
    who: 'demo-newcomer',
    url: () => 'packages/org/pages/code/index?kind=invite',
    shows: /8 位邀请码.*取消.*申请加入/,
  },
  'packages/org/pages/profile/index': {
    who: 'demo-newcomer',
    url: () => 'packages/org/pages/profile/index',
    shows: /姓名.*手机号.*取消.*保存/,
  },
  'packages/org/pages/departments/index': {
    who: 'demo-office',
    url: () => 'packages/org/pages/departments/index',
    shows: /新建监管部门.*监管部门（\s*\d+\s*）.*县委统战部/,
  },
  'packages/org/pages/import/index': {
    who: 'demo-office',
    url: () => 'packages/org/pages/import/index',
    shows: /下载导入模板.*选择文件并上传/,
  },
  'packages/org/pages/register/index': {
    who: 'demo-office',
    url: () => 'packages/org/pages/register/index',
    shows: /企业名称.*统一社会信用代码.*所有制.*党组织.*监管部门.*县工商联.*登记/,
  },
  [`${S}/overview/index`]: {
    who: 'demo-supervisor-united',
    url: () => `${S}/overview/index`,
    shows: /所监管企业/,
  },
  [`${S}/enterprises/index`]: {
    who: 'demo-supervisor-united',
    url: () => `${S}/enterprises/index?status=draft`,
    shows: /企业（\s*\d+\s*）.*县恒达食品有限公司/,
  },
  [`${S}/review/index`]: {
    who: 'demo-supervisor-united',
    url: (i) => `${S}/review/index?eid=${i.eid}&aid=${i.aid}`,
    shows: /县恒达食品有限公司/,
  },
  [`${S}/enterprise/index`]: {
    who: 'demo-supervisor-united',
    url: (i) => `${S}/enterprise/index?enterpriseId=${i.eid}`,
    shows:
      /县恒达食品有限公司.*历次自查.*整改通知（运行测试）.*三会一课.*廉洁承诺.*活动到会率.*监管记录.*下发整改通知/,
  },
  [`${S}/campaigns/index`]: {
    who: 'demo-office',
    url: () => `${S}/campaigns/index`,
    shows: /发起新一期自查.*已发起的期次.*修改.*结束期次/,
  },
  [`${S}/notice/index`]: {
    who: 'demo-supervisor-united',
    url: (i) => `${S}/notice/index?eid=${i.eid}&name=${encodeURIComponent('县恒达食品有限公司')}`,
    shows: /整改要求/,
  },
  [`${R}/list/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${R}/list/index?eid=${i.eid}`,
    shows: /有效风险点.*高风险.*逾期未复核.*登记风险点.*风险点（\s*1\s*）.*仓储部 · 出入库/,
  },
  [`${R}/detail/index`]: {
    who: 'demo-supervisor-united',
    url: (i) => `${R}/detail/index?eid=${i.eid}&rid=${i.risk}`,
    shows: /中\s*风险.*有效.*物资采购.*仓储部 · 出入库.*转为整改.*动态管理记录.*登记/,
  },
  [`${R}/edit/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${R}/edit/index?eid=${i.eid}&starter=P07-02`,
    shows: /参考：任务\s*7.*风险领域.*物资采购.*岗位 \/ 环节.*防控措施.*责任人.*复核周期.*登记/,
  },
  [`${SP}/list/index`]: {
    who: 'demo-supervisor-united',
    url: () => `${SP}/list/index`,
    shows: /开展专项整治.*专项整治（运行测试）.*未填报/,
  },
  [`${SP}/detail/index`]: {
    who: 'demo-supervisor-united',
    url: (i) => `${SP}/detail/index?sid=${i.special}`,
    shows: /专项整治（运行测试）.*加大廉洁风险点的排查.*结束专项整治.*企业（\s*2\s*）.*县恒达食品有限公司/,
  },
  [`${SP}/sheet/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${SP}/sheet/index?eid=${i.eid}&sid=${i.special}`,
    shows: /专项整治（运行测试）.*县恒达食品有限公司.*整改中.*填报问题.*应收账款长期挂账/,
  },
  [`${SP}/problem/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${SP}/problem/index?eid=${i.eid}&sid=${i.special}&pid=${i.problem}`,
    shows: /突出问题.*整改措施.*责任人.*计划完成日期.*整改进展.*填报.*已摸排/,
  },
  [`${SP}/create/index`]: {
    who: 'demo-office',
    url: () => `${SP}/create/index`,
    shows: /标题.*依据.*列出企业突出问题清单.*填报截止日期.*民营.*开展/,
  },
  [`${D}/lists/index`]: {
    who: 'demo-employee-private',
    url: () => `${D}/lists/index`,
    shows:
      /主要任务10.*政商交往正面清单.*第1版.*现行.*进一步明晰政商交往的界限、红线和底线.*政商交往负面清单.*清廉民企建设引导清单.*推动构建亲清政商关系/,
  },
  [`${D}/edit/index`]: {
    who: 'demo-supervisor-united',
    url: () => `${D}/edit/index?kind=negative`,
    shows: /政商交往负面清单.*新版本草稿.*第\s*1\s*条\s*18\/500.*保存草稿.*保存并发布/,
  },
  [`${PW}/list/index`]: {
    who: 'demo-liaison-soe',
    url: (i) => `${PW}/list/index?eid=${i.soe}`,
    shows: /已发布 · 第\s*1\s*版.*决策权.*负面清单.*监管部门尚未阅看.*草稿.*发布.*版本记录/,
  },
  [`${PW}/decisions/index`]: {
    who: 'demo-supervisor-finance',
    url: (i) => `${PW}/decisions/index?eid=${i.soe}`,
    shows: /全部类别.*重大决策.*全部年度.*决策记录（\s*2\s*）.*年度融资计划（示例）/,
  },
  [`${PW}/decision/index`]: {
    who: 'demo-liaison-soe',
    url: (i) => `${PW}/decision/index?eid=${i.soe}&did=${i.decision}`,
    shows: /（示例）.*决策会议.*参会人员.*决策结果.*更正.*附件.*登记与更正记录.*登记 · 李明/,
  },
  [`${S}/worklists/index`]: {
    who: 'demo-supervisor-united',
    url: () => `${S}/worklists/index`,
    shows: /工作清单.*逾期整改 0.*未提交自查 2/,
  },
  [`${S}/reports/index`]: {
    who: 'demo-supervisor-united',
    url: () => `${S}/reports/index`,
    shows: /生成督查专报.*生成草稿.*督查专报（运行测试）.*草稿/,
  },
  [`${S}/report/index`]: {
    who: 'demo-supervisor-united',
    url: (i) => `${S}/report/index?id=${i.report}`,
    shows: /督查专报（运行测试）.*合计.*一、督查范围.*五、下一步工作.*保存.*定稿/,
  },
  [`${S}/exemplars/index`]: {
    who: 'demo-office',
    url: () => `${S}/exemplars/index`,
    shows: /发起示范选树.*示范点.*示范企业.*选树轮次.*示范点（运行测试）/,
  },
  [`${S}/exemplarRound/index`]: {
    who: 'demo-office',
    url: (i) => `${S}/exemplarRound/index?roundId=${i.round}`,
    shows:
      /示范点（运行测试）.*已发布公示.*县城市建设投资集团有限公司.*县恒达食品有限公司.*整改销号率.*三会一课完成率/,
  },
  [`${Q}/manage/index`]: {
    who: 'demo-office',
    url: () => `${Q}/manage/index`,
    shows: /新建竞赛.*竞赛题库.*题库中启用的题目 \d+ 道.*竞赛（/,
  },
  [`${Q}/create/index`]: {
    who: 'demo-office',
    url: () => `${Q}/create/index`,
    shows: /竞赛名称.*开始日期.*结束日期.*每卷题数.*题库中启用的题目 \d+ 道/,
  },
  [`${Q}/bank/index`]: {
    who: 'demo-office',
    url: () => `${Q}/bank/index`,
    shows: /新增题目.*全部出处.*总体要求.*题目（\d+）.*内置/,
  },
  [`${Q}/question/index`]: {
    who: 'demo-office',
    url: (i) => `${Q}/question/index?id=${i.question}`,
    shows: /内置题目出自实施方案原文，只能停用.*停用此题.*出处/,
  },
  [`${Q}/list/index`]: {
    who: 'demo-employee-private',
    url: () => `${Q}/list/index`,
    shows:
      /廉政知识竞赛（运行测试）.*进行中.*每卷5题 · 限时10分钟 · 每天2次.*继续答题.*排行榜.*练习.*开始练习/,
  },
  [`${Q}/paper/index`]: {
    who: 'demo-employee-private',
    url: (i) => `${Q}/paper/index?id=${i.paper}`,
    shows: /廉政知识竞赛（运行测试）.*剩余 \d\d:\d\d.*第 1\/5 题.*上一题.*下一题.*答题卡 · 已答 0\/5.*交卷/,
  },
  [`${Q}/result/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${Q}/result/index?id=${i.paperDone}`,
    shows:
      /廉政知识竞赛（运行测试）.*答对 \d\/5 题.*已交卷.*排行榜.*答题详情.*解析：.*出处：(总体要求|任务\d+|实施步骤|工作要求) · /,
  },
  [`${Q}/practice/index`]: {
    who: 'demo-supervisor-united',
    url: () => `${Q}/practice/index?task=11`,
    shows: /练习 · 任务11.*不计时 · 不计成绩.*第 1\/\d+ 题/,
  },
  [`${Q}/leaderboard/index`]: {
    who: 'demo-liaison-private',
    url: (i) => `${Q}/leaderboard/index?id=${i.quiz}`,
    shows: /廉政知识竞赛（运行测试）.*本企业.*全县.*1\s*陈静（我）.*分/,
  },
  // public: opened before anyone logs in
  [`${S}/exemplarNotice/index`]: {
    who: '',
    url: (i) => `${S}/exemplarNotice/index?code=${i.notice}`,
    shows:
      /示范点\s*公示.*示范点（运行测试）.*县恒达食品有限公司\s*民营企业.*县城市建设投资集团有限公司\s*国有企业/,
  },
}

const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
}
const ROUTES = [
  ...appJson.pages,
  ...appJson.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
]

describe('every page of the mini-program', () => {
  let server: WeappServer
  const ids: Ids = {}

  const api = async (openid: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    (await apiAs(server, openid, method, url, payload)) as Json

  beforeAll(async () => {
    server = await startWeappServer()
    const me = await api('demo-liaison-private', 'GET', '/api/v1/me')
    ids.eid = me.memberships.find((m: Json) => m.organisationKind === 'enterprise').organisationId
    ids.did = (await api('demo-office', 'GET', '/api/v1/departments')).departments.find(
      (d: Json) => d.name === '县委统战部',
    ).id
    ids.aid = (
      await api('demo-liaison-private', 'GET', `/api/v1/enterprises/${ids.eid}/assessments`)
    ).assessments[0].id
    const notice = await api(
      'demo-supervisor-united',
      'POST',
      `/api/v1/enterprises/${ids.eid}/rectifications`,
      {
        title: '整改通知（运行测试）',
        detail: '请补齐台账',
        deadline: '2026-12-31',
      },
    )
    ids.rid = notice.id ?? notice.rectification?.id
    ids.question = (await api('demo-office', 'GET', '/api/v1/quiz-questions?pageSize=1')).items[0].id
    ids.report = (
      await api('demo-supervisor-united', 'POST', '/api/v1/supervision/reports', {
        title: '督查专报（运行测试）',
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
      })
    ).id
    ids.risk = (
      await api('demo-liaison-private', 'POST', `/api/v1/enterprises/${ids.eid}/risks`, {
        area: 'material_purchase',
        post: '仓储部 · 出入库',
        description: '出入库登记不实',
        likelihood: 2,
        impact: 2,
        measures: '双人验收',
        owner: '李仓管',
        reviewCycle: 3,
      })
    ).id
    ids.special = (
      await api('demo-supervisor-united', 'POST', '/api/v1/specials', {
        title: '专项整治（运行测试）',
        basis: 't13-private',
        description: '请逐项列出突出问题',
        deadline: '2030-12-31',
        scope: { kind: 'ownership', ownerships: ['private'] },
      })
    ).id
    ids.problem = (
      await api(
        'demo-liaison-private',
        'POST',
        `/api/v1/enterprises/${ids.eid}/specials/${ids.special}/problems`,
        {
          problem: '应收账款长期挂账',
          measure: '逐笔核对清收',
          owner: '李会计',
          plannedDate: '2030-06-30',
          note: '已摸排',
        },
      )
    ).problems[0].id
    const branches = (await api('demo-secretary-private', 'GET', '/api/v1/party/branches')).branches
    ids.bid = branches[0].id
    const meetings = await api(
      'demo-secretary-private',
      'GET',
      `/api/v1/enterprises/${ids.eid}/party-branches/${ids.bid}/meetings?year=2026`,
    )
    ids.mid = meetings.meetings[0].id
    const events = await api('demo-supervisor-united', 'GET', '/api/v1/events?as=organiser&when=upcoming')
    ids.event = events.events.find((e: Json) => e.title.includes('警示教育会')).id
    const link = await api('demo-supervisor-united', 'POST', `/api/v1/events/${ids.event}/display-links`, {})
    ids.screen = link.token ?? link.link?.token
    // a signed pledge, signed in the mini-program itself
    const mp = await signIn(server, 'demo-employee-private')
    try {
      await signPersonalPledge(mp)
      ids.pledge = Number(mp.current().instance.options.id)
      mp.assertHealthy()
    } finally {
      mp.close()
    }
    ids.code = (await api('demo-employee-private', 'GET', `/api/v1/pledges/${ids.pledge}`)).code
    // a published 示范点 round: 国企 and 民企 chosen, its 公示 running from today
    ids.round = (
      await api('demo-office', 'POST', '/api/v1/exemplars/rounds', {
        kind: 'pilot',
        name: '示范点（运行测试）',
      })
    ).id
    const soe = (
      await api('demo-office', 'GET', `/api/v1/supervision/enterprises?q=${encodeURIComponent('城市建设')}`)
    ).items[0].enterpriseId
    ids.soe = soe
    // the demo 权力清单 (published) and two “三重一大” entries of the 国企
    await seedDemoPowers(server.test.app.db, Date.now())
    ids.decision = (await api('demo-liaison-soe', 'GET', `/api/v1/enterprises/${soe}/decisions`)).items[0].id
    for (const enterpriseId of [soe, ids.eid]) {
      await api('demo-office', 'POST', `/api/v1/exemplars/rounds/${ids.round}/candidates`, { enterpriseId })
      await api(
        'demo-office',
        'POST',
        `/api/v1/exemplars/rounds/${ids.round}/candidates/${enterpriseId}/choose`,
      )
    }
    // a 竞赛 open today: the employee's paper open, the liaison's handed in
    ids.quiz = await openTestQuiz(api)
    const quizEid = ids.eid as number
    ids.paper = (
      await api('demo-employee-private', 'POST', `/api/v1/quizzes/${ids.quiz}/papers`, {
        enterpriseId: quizEid,
      })
    ).id
    const done = await api('demo-liaison-private', 'POST', `/api/v1/quizzes/${ids.quiz}/papers`, {
      enterpriseId: quizEid,
    })
    ids.paperDone = done.id
    await api('demo-liaison-private', 'POST', `/api/v1/quiz-papers/${done.id}/submission`, {
      answers: done.questions.map((q: Json) => ({ questionId: q.id, choice: [0] })),
    })
    const today = shanghaiDate(Date.now())
    ids.notice = (
      await api('demo-office', 'POST', `/api/v1/exemplars/rounds/${ids.round}/publish`, {
        startsOn: today,
        endsOn: today,
      })
    ).notice.code
  })
  afterAll(async () => {
    await server.close()
  })

  it('has a row for every page of app.json', () => {
    expect(ROUTES.filter((r) => !PAGES[r])).toEqual([])
  })

  it.each(ROUTES)('%s opens and shows what it must', async (route) => {
    const row = PAGES[route]
    const mp = row.who ? await signIn(server, row.who) : await launch(server, 'demo-newcomer')
    try {
      // A public page (no `who`) is opened before anyone logs in, as a shared link would.
      if (row.who || route !== 'pages/login/index') await mp.open(`/${row.url(ids)}`)
      await mp.waitForRoute(route)
      await mp.waitForText(row.shows)
      expect(mp.text()).not.toMatch(/undefined|NaN|\[object Object\]|Invalid Date/)
      // One way to write a date on every page, in 北京时间: 2026年12月4日 (with 14:05, or 14:05:30 for a
      // signed or logged record), never 2026-12-04 or 2026-12-04T…
      expect(`${route}: ${mp.text()}`).not.toMatch(/\d{4}-\d{2}-\d{2}/)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })
})
