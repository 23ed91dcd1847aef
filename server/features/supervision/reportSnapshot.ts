import type { AuthContext } from '../../core/access'
import type { DbOrTrx, Dialect } from '../../core/db/database'
import { isoAt } from '../../core/clock'
import { SECTION_LABELS } from '../../../src/models/checklist'
import { chineseDay, shanghaiDate, shanghaiDateAfterDays } from '../../../src/models/shanghaiTime'
import type { TSupervisionFigures } from '../../../src/models/supervisionOverview'
import {
  type TReportPeriod,
  type TReportPeriodRow,
  type TReportRow,
  type TReportSections,
  type TReportSnapshot,
} from '../../../src/models/supervisionReport'
import { supervisionEnterprises, supervisionFigures } from './figures'
import { type PeriodBounds, reportPeriodRepository } from './reportPeriodRepository'

/**
 * A 督查专报's figures as of its generation, taken from 监管总览's own figures and lists (the caller's reach,
 * narrowed to the report's department), so that the report's table is what the overview showed that day.
 */

/** How many enterprises a report names at most in one list (the rest are counted, not named). */
export const NAMED_LIMIT = 50

function rowOf(name: string, departmentId: number | null, f: TSupervisionFigures): TReportRow {
  const overall = f.scores.find((s) => s.key === 'overall')
  return {
    name,
    departmentId,
    enterprises: f.total,
    notStarted: f.completion.not_started,
    draft: f.completion.draft,
    submitted: f.completion.submitted,
    returned: f.completion.returned,
    accepted: f.completion.accepted,
    overdueEnterprises: f.rectifications.overdue.enterprises,
    average: overall?.average ?? null,
  }
}

const dayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`)

export function periodBounds(start: string, end: string, campaignId: number | null): PeriodBounds {
  return {
    start,
    end,
    fromIso: new Date(dayStart(start)).toISOString(),
    toIso: new Date(dayStart(end) + 86_400_000).toISOString(),
    dayBeforeStart: shanghaiDateAfterDays(dayStart(start), -1),
    dayBeforeEnd: shanghaiDateAfterDays(dayStart(end), -1),
    campaignId,
  }
}

/** 本期工作情况: the period's counts per department row (as the status table's rows) and 合计. */
async function periodCounts(
  db: DbOrTrx,
  b: PeriodBounds,
  rows: TReportRow[],
  departmentId: number | null,
): Promise<TReportPeriod> {
  const counts = await reportPeriodRepository.counts(db, b, departmentId)
  const rowOfPeriod = (name: string, id: number | null, total: boolean): TReportPeriodRow => {
    const pick = (m: keyof typeof counts) =>
      total || id === null ? counts[m].total : (counts[m].byDepartment.get(id) ?? 0)
    return {
      name,
      departmentId: id,
      submitted: pick('submitted'),
      returned: pick('returned'),
      issued: pick('issued'),
      closed: pick('closed'),
      becameOverdue: pick('becameOverdue'),
      urged: pick('urged'),
    }
  }
  return {
    start: b.start,
    end: b.end,
    rows: rows.map((r) => rowOfPeriod(r.name, r.departmentId, departmentId !== null)),
    total: rowOfPeriod('合计', departmentId, true),
  }
}

export async function reportSnapshot(
  db: DbOrTrx,
  dialect: Dialect,
  auth: AuthContext,
  scope: {
    departmentId: number | null
    campaignId?: number
    issuer: string
    periodStart: string
    periodEnd: string
  },
  now: number,
): Promise<TReportSnapshot> {
  const base = { campaignId: scope.campaignId, departmentId: scope.departmentId ?? undefined }
  const figures = await supervisionFigures(db, dialect, auth, base, now)
  const rows =
    scope.departmentId === null
      ? await Promise.all(
          figures.departments
            .filter((d) => d.enterprises > 0)
            .map(async (d) =>
              rowOf(
                d.name,
                d.id,
                await supervisionFigures(db, dialect, auth, { ...base, departmentId: d.id }, now),
              ),
            ),
        )
      : [rowOf(scope.issuer, scope.departmentId, figures)]
  const list = async (filter: Record<string, unknown>) =>
    (
      await supervisionEnterprises(
        db,
        dialect,
        auth,
        { ...base, page: 1, pageSize: NAMED_LIMIT, ...filter } as Parameters<
          typeof supervisionEnterprises
        >[3],
        now,
      )
    ).items
  const bounds = periodBounds(scope.periodStart, scope.periodEnd, figures.campaign?.id ?? null)
  const today = shanghaiDate(now)
  // Returns made in the period; 整改 overdue now whose deadline fell in or before the period.
  const [returned, overdue, failing, period] = await Promise.all([
    reportPeriodRepository.returnedIn(db, bounds, scope.departmentId, NAMED_LIMIT),
    reportPeriodRepository.overdueBy(db, bounds, today, scope.departmentId, NAMED_LIMIT),
    list({ score: 'overall', band: 0 }),
    periodCounts(db, bounds, rows, scope.departmentId),
  ])
  const named = new Map<number, { enterpriseId: number; name: string; reason: string }>()
  for (const e of overdue)
    named.set(e.enterpriseId, {
      enterpriseId: e.enterpriseId,
      name: e.name,
      reason: `${e.overdue}项整改逾期未完成`,
    })
  for (const e of failing) {
    const reason = `自查总分${e.scores.overall}分，低于60分`
    const known = named.get(e.enterpriseId)
    named.set(e.enterpriseId, {
      enterpriseId: e.enterpriseId,
      name: e.enterpriseName,
      reason: known ? `${known.reason}；${reason}` : reason,
    })
  }
  return {
    generatedAt: isoAt(now),
    campaign: figures.campaign && { id: figures.campaign.id, name: figures.campaign.name },
    issuer: scope.issuer,
    rows,
    total: rowOf('合计', scope.departmentId, figures),
    rectifications: {
      open: figures.rectifications.open.items,
      awaiting: figures.rectifications.awaiting.items,
      overdue: figures.rectifications.overdue.items,
      overdueEnterprises: figures.rectifications.overdue.enterprises,
    },
    weakSections: figures.scores
      .filter((s) => s.key !== 'overall' && s.bands[0] > 0)
      .map((s) => ({ section: s.key as keyof typeof SECTION_LABELS, below: s.bands[0], average: s.average })),
    returned: returned.map((e) => ({
      enterpriseId: e.enterpriseId,
      name: e.name,
      reason: e.times > 1 ? `本期自查被退回${e.times}次` : '本期自查被退回',
    })),
    named: [...named.values()],
    period,
  }
}

/** `2026年1月1日至2026年3月31日`: a period as a report writes it. */
export function periodText(p: { start: string; end: string }): string {
  return `${chineseDay(p.start)}至${chineseDay(p.end)}`
}

/** The period's counts in one sentence (empty for an old snapshot without them). */
function periodSentence(s: TReportSnapshot): string {
  const p = s.period
  if (!p) return ''
  const t = p.total
  return `本期（${periodText(p)}），企业提交自查${t.submitted}份，退回修改${t.returned}份；下发整改${t.issued}项，整改销号${t.closed}项，新增逾期未整改${t.becameOverdue}项；发出催办${t.urged}次。`
}

/** The first text of each section, from the snapshot: the office edits it before finalising. */
export function draftSections(s: TReportSnapshot): TReportSections {
  const t = s.total
  const pct = (part: number) => (t.enterprises ? `${Math.round((part / t.enterprises) * 1000) / 10}%` : '0%')
  const names = (list: { name: string }[]) => list.map((e) => e.name).join('、')
  const asOf = chineseDay(shanghaiDate(Date.parse(s.generatedAt)))
  const becameOverdue = s.period?.total.becameOverdue
  // `open` is every unfinished 整改: the overdue and the awaiting ones are among it, each said once.
  const { open, awaiting, overdue, overdueEnterprises } = s.rectifications
  const inTime = Math.max(0, open - overdue - awaiting)
  const problems = [
    s.returned.length
      ? `（一）自查退回。本期${s.returned.length}家企业的自查被退回，需按审核意见修改后重新提交：${names(s.returned)}。`
      : '（一）自查退回。本期没有被退回的自查。',
    (overdue
      ? `（二）整改逾期。截至${asOf}，${overdueEnterprises}家企业共${overdue}项整改超过期限未完成；另有${inTime}项整改正在进行、尚未到期，${awaiting}项待核验。`
      : `（二）整改逾期。截至${asOf}，没有逾期未完成的整改；${inTime}项整改正在进行、尚未到期，${awaiting}项待核验。`) +
      (becameOverdue ? `本期内有${becameOverdue}项整改到期未完成。` : ''),
    s.weakSections.length
      ? `（三）薄弱维度。${s.weakSections
          .map(
            (w) => `${SECTION_LABELS[w.section]}有${w.below}家企业得分低于60分（平均${w.average ?? '—'}分）`,
          )
          .join('；')}。`
      : '（三）薄弱维度。各维度均没有低于60分的企业。',
  ]
  return {
    scope: `本次督查期间为${s.period ? periodText(s.period) : '—'}，覆盖${t.departmentId === null ? '全县纳入清廉企业建设' : `${s.issuer}所监管`}的${t.enterprises}家企业${
      s.campaign ? `，依据“${s.campaign.name}”自查结果` : ''
    }，对照《清廉企业建设实施方案》主要任务和工作要求（二）强化监督检查开展。`,
    progress: `${periodSentence(s)}截至${asOf}，${t.enterprises}家企业中已通过审核${t.accepted}家（${pct(
      t.accepted,
    )}），已提交待审核${t.submitted}家，退回修改${t.returned}家，草稿${t.draft}家，尚未开始${t.notStarted}家${
      t.average === null ? '' : `；已评分企业自查总分平均${t.average}分`
    }。各部门情况见下表。`,
    problems: problems.join('\n'),
    named: s.named.length
      ? s.named.map((e, i) => `${i + 1}. ${e.name}：${e.reason}。`).join('\n')
      : '本期没有需要通报的企业。',
    nextSteps: [
      '（一）对逾期未完成整改的企业下发整改通知，督促限期整改到位。',
      '（二）对尚未开始或被退回自查的企业逐一催办，按期完成自查。',
      // A department's own report speaks for itself; the office's for every department.
      `（三）${t.departmentId === null ? '各监管部门' : '本部门'}加强日常督查，及时发现并解决清廉企业建设中存在的困难和问题。`,
    ].join('\n'),
  }
}
