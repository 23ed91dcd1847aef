import { exportedAt } from '../../core/workbook'
import { infoSheet, type Cell, type WorkbookSpec } from '../../core/exports/spec'
import { exportJob } from '../../core/exports/exporter'
import { rectificationSheet, ledgerFactsByEnterprise, orNone, riskSheet } from './ledgerSheets'
import type { DbOrTrx } from '../../core/db/database'
import { actingDepartmentName, type AuthContext } from '../../core/access'
import { ASSESSMENT_STATUS_LABELS } from '../../../src/models/assessment'
import { SECTIONS, SECTION_LABELS } from '../../../src/models/checklist'
import { OWNERSHIP_LABELS, PARTY_ORG_LABELS } from '../../../src/models/org'
import { partySupervision } from '../party/compliance'
import { supervisionCoverage } from '../pledges/coverage'
import { supervisionOverview } from './overview'
import { supervisionRepository } from './repository'
import { rectificationsRepository } from '../rectifications/repository'
import { chineseDay, chineseMinute, shanghaiYear } from '../../../src/models/shanghaiTime'
import {
  deadlineRuleText,
  MILESTONE_STATUS_LABELS,
  PLAN_FILING_STATUS_LABELS,
  PROGRAMME_DEADLINE_QUOTE,
  type TMilestoneState,
} from '../../../src/models/milestones'
import { milestonesRepository } from '../milestones/repository'

export const LEDGER_COLUMNS = [
  '序号',
  '企业名称',
  '统一社会信用代码',
  '所有制',
  '党组织',
  '监管部门',
  '联络员',
  '联络员电话',
  '领导小组成立日期',
  '领导小组',
  '实施方案报送日期',
  '实施方案',
  '实施方案接收',
  '自查状态',
  '提交时间',
  ...SECTIONS.map((d) => SECTION_LABELS[d]),
  '综合得分',
  '未完成整改',
  '逾期整改',
  '活动应到人次',
  '活动实到人次',
  '活动到会率',
  '个人廉洁承诺签署率',
  '企业诚信守法经营承诺',
  '国企领导人员承诺',
  '政商双边承诺（已生效）',
  '党支部数',
  '本月未报送支部',
  '三会一课完成率',
] as const

const RATE_COLUMNS: readonly string[] = ['活动到会率', '个人廉洁承诺签署率', '三会一课完成率']
/** Scores (one decimal place): printed 56.0 beside 85.7, their points in line. */
export const SCORE_COLUMNS: readonly string[] = [...SECTIONS.map((d) => SECTION_LABELS[d]), '综合得分']

const LEDGER_WIDTHS: Partial<Record<(typeof LEDGER_COLUMNS)[number], number>> = {
  序号: 5,
  企业名称: 24,
  统一社会信用代码: 20,
  监管部门: 16,
  联络员: 10,
  联络员电话: 12,
  提交时间: 20,
  领导小组成立日期: 14,
  领导小组: 17,
  实施方案报送日期: 14,
  实施方案: 17,
  // 政商双边承诺 on one line, （已生效） on the next: no lone bracket.
  '政商双边承诺（已生效）': 11,
}

/** A day cell: 2022年6月10日, empty when none was recorded. */
const dayCell = (day: string | null | undefined) => (day ? chineseDay(day) : '')

/**
 * Event attendance per enterprise over the events whose sign-in has opened: expected = events × the
 * enterprise's approved members today; attended = its members' sign-ins (and the events counted).
 * Two grouped queries.
 */
export async function attendanceByEnterprise(db: DbOrTrx, enterpriseIds: number[], nowIso: string) {
  const out = new Map<number, { events: number; expected: number; attended: number }>()
  if (enterpriseIds.length === 0) return out
  const { events, members, signIns } = await supervisionRepository.attendanceCounts(db, enterpriseIds, nowIso)
  const memberCount = new Map(members.map((r) => [r.organisation_id, Number(r.n)]))
  const attended = new Map(signIns.map((r) => [r.enterprise_id, Number(r.n)]))
  for (const r of events) {
    out.set(r.enterprise_id, {
      events: Number(r.n),
      expected: Number(r.n) * (memberCount.get(r.enterprise_id) ?? 0),
      attended: attended.get(r.enterprise_id) ?? 0,
    })
  }
  return out
}

/**
 * 工作台账 as a workbook to lay out (core/exports): one row per enterprise the caller supervises (the
 * office: all), with the latest (or the chosen) campaign's status and scores per dimension, open and
 * overdue 整改, and event attendance. The queries run here; the layout in an export worker.
 */
export async function supervisionLedger(
  db: DbOrTrx,
  auth: AuthContext,
  campaignId: number | undefined,
  now: number,
  /** The pledge chain's latest checkpoint and how the chain compares with it, printed on 说明. */
  pledgeAnchor: string,
): Promise<{ spec: WorkbookSpec; campaignName: string | null; organisation: string }> {
  const overview = await supervisionOverview(db, auth, campaignId, now)
  const nowIso = new Date(now).toISOString()
  const [attendance, pledges, party] = await Promise.all([
    attendanceByEnterprise(
      db,
      overview.enterprises.map((e) => e.enterpriseId),
      nowIso,
    ),
    supervisionCoverage(db, auth, shanghaiYear(now)),
    partySupervision(db, auth, now),
  ])
  const pledgeOf = new Map(pledges.enterprises.map((p) => [p.enterpriseId, p]))
  const branchesOf = new Map<number, typeof party.branches>()
  for (const b of party.branches)
    branchesOf.set(b.enterpriseId, [...(branchesOf.get(b.enterpriseId) ?? []), b])
  const milestoneCell = (m: TMilestoneState) =>
    m.overdue ? `${MILESTONE_STATUS_LABELS[m.status]}（已过截止日）` : MILESTONE_STATUS_LABELS[m.status]
  const signedLabel = (v: boolean | null | undefined) => (v === null ? '不适用' : v ? '已签署' : '未签署')

  const ids = overview.enterprises.map((e) => e.enterpriseId)
  const [facts, rectifications, submittedAt, risks, organisation, countyDeadline] = await Promise.all([
    supervisionRepository.ledgerFacts(db, ids),
    supervisionRepository.rectifications(db, ids),
    rectificationsRepository.submittedAt(db, { enterpriseIds: ids }),
    supervisionRepository.risks(db, ids),
    actingDepartmentName(db, auth),
    milestonesRepository.countyDeadline(db),
  ])
  const factsOf = ledgerFactsByEnterprise(facts)
  const campaignName = overview.campaign?.name ?? '暂无期次'
  const title = `${organisation}清廉企业建设工作台账`
  const subtitle = `自查期次：${campaignName}    企业 ${overview.enterprises.length} 家    ${exportedAt(now)}`

  const rows = overview.enterprises.map((e, i): Cell[] => {
    const score = (d: (typeof SECTIONS)[number]) => e.sections.find((s) => s.section === d)?.score ?? ''
    const a = attendance.get(e.enterpriseId) ?? { expected: 0, attended: 0 }
    const f = factsOf(e.enterpriseId)
    return [
      i + 1,
      e.enterpriseName,
      f.creditCode,
      OWNERSHIP_LABELS[e.ownership],
      PARTY_ORG_LABELS[e.partyOrg],
      f.departments,
      f.liaison,
      f.liaisonPhone,
      // A day as the printed documents write one (2022年6月10日), as the times beside it.
      dayCell(e.milestones.leadingGroup.doneOn),
      milestoneCell(e.milestones.leadingGroup),
      dayCell(e.milestones.plan.doneOn),
      milestoneCell(e.milestones.plan),
      e.milestones.plan.receipt ? PLAN_FILING_STATUS_LABELS[e.milestones.plan.receipt] : '',
      e.status ? ASSESSMENT_STATUS_LABELS[e.status] : '未参加本期',
      // As every export writes a time (2026年12月2日 09:30, 北京时间), not the ISO-like text.
      e.submittedAt ? chineseMinute(e.submittedAt) : '',
      ...SECTIONS.map(score),
      e.overall ?? '',
      e.openRectifications,
      e.overdueRectifications,
      a.expected,
      a.attended,
      a.expected > 0 ? Math.round((a.attended / a.expected) * 1000) / 1000 : '',
      ...pledgeColumns(pledgeOf.get(e.enterpriseId)),
      ...partyColumns(branchesOf.get(e.enterpriseId) ?? []),
    ]
  })
  const ledgerSheet = {
    name: '工作台账',
    options: {
      title,
      subtitle,
      columns: LEDGER_COLUMNS.map((header, i) => ({
        header,
        width: LEDGER_WIDTHS[header] ?? 9,
        center: i === 0,
        ...(RATE_COLUMNS.includes(header) ? { numFmt: '0.0%' } : {}),
        ...(SCORE_COLUMNS.includes(header) ? { numFmt: '0.0' } : {}),
      })),
      xSplit: 2,
      // 33 columns: on one A4 the text would be too small to read; three pages across keep it at full size.
      pagesWide: 3,
    },
    rows: orNone(rows, LEDGER_COLUMNS.length),
  }
  const names = new Map(overview.enterprises.map((e) => [e.enterpriseId, e.enterpriseName]))

  function pledgeColumns(p: (typeof pledges.enterprises)[number] | undefined): Cell[] {
    if (!p) return ['', '', '', '']
    return [
      p.personalRate ?? '',
      signedLabel(p.enterprisePledge),
      signedLabel(p.soeLeaderPledge),
      p.governmentBusinessEffective,
    ]
  }
  /** Branches of the enterprise: how many, how many have not reported this month, the mean 完成率. */
  function partyColumns(branches: typeof party.branches): Cell[] {
    if (branches.length === 0) return [0, '', '']
    const rates = branches.map((b) => b.rate).filter((r): r is number => r !== null)
    const mean = rates.length
      ? Math.round((rates.reduce((x, y) => x + y, 0) / rates.length) * 1000) / 1000
      : ''
    return [branches.length, branches.filter((b) => !b.reportedThisMonth).length, mean]
  }

  const about = infoSheet('说明', `${title} 说明`, [
    ['自查期次', campaignName],
    ['导出时间', `${chineseMinute(nowIso)}（北京时间）`],
    ['企业数', overview.enterprises.length],
    [
      '联络员电话',
      '完整号码，供办公室和监管部门联系企业联络员使用；台账只列本部门监管的企业，请妥善保管，不要外传',
    ],
    [
      '得分',
      '清廉政治、清廉经营、清廉文化、清廉监管和规定动作（实施步骤与工作要求）各一项，服务器按模板权重计算，是=1、部分=0.5、否=0，不适用项不计；未提交的自查无得分',
    ],
    [
      '整改事项',
      '“整改事项”表逐条列出这些企业的整改：来源、期限、状态、是否逾期（北京时间）与企业的整改情况。' +
        '是否逾期：待整改或退回且已过整改期限为逾期；已报送核验或已销号的，报送日期晚于整改期限为逾期完成，' +
        '以最后一次报送核验的日期计，被退回的报送不计，重新报送后以新的报送日期计；按时完成或未到期的留空',
    ],
    [
      '领导小组、实施方案',
      `按实施方案“${PROGRAMME_DEADLINE_QUOTE}”，${deadlineRuleText(countyDeadline)}：` +
        '在截止日（北京时间）当天或之前完成为按时，之后完成为逾期，尚未完成为未报；实施方案以报送日期计，被退回的不计，重新报送后以新的报送日期计',
    ],
    [
      '廉洁风险点',
      '“廉洁风险点”表逐条列出这些企业登记的风险点：领域、岗位/环节、等级、防控措施、责任人、下次复核日期与状态；复核逾期＝有效且已过下次复核日期（北京时间）',
    ],
    ['整改', '未完成＝待整改、退回、待核验；逾期＝待整改或退回且已过整改期限（北京时间）'],
    ['活动到会率', '已开始签到的活动：应到＝活动数×企业已加入人数（导出时），实到＝签到人次'],
    [
      '廉洁承诺',
      `${pledges.year}年度：个人承诺签署率＝已签署职工÷已加入职工；国企领导人员承诺仅适用于国有独资、国有控股企业`,
    ],
    ['廉洁承诺哈希链锚点', pledgeAnchor],
    ['三会一课', `本月（${party.month}）未提交会议记录的支部数；完成率为各支部年度完成率的平均（北京时间）`],
  ])
  return {
    spec: {
      now,
      sheets: [
        ledgerSheet,
        rectificationSheet(`${organisation}整改事项台账`, subtitle, rectifications, submittedAt, names, now),
        riskSheet(`${organisation}廉洁风险点台账`, subtitle, risks, names, now),
        about,
      ],
    },
    campaignName: overview.campaign?.name ?? null,
    organisation,
  }
}

/** The 工作台账 as an export job: a worker thread loads this module and runs `supervisionLedger`. */
export const ledgerExport = exportJob(__filename, 'supervisionLedger', supervisionLedger)
