/**
 * 三会一课 compliance, pure and shared by the app and the server (no Taro, no Node imports).
 *
 * Periods are calendar months and quarters in 北京时间 (Asia/Shanghai, UTC+8 all year, no daylight
 * saving), whatever the time zone of the machine: every date here is computed from epoch milliseconds
 * shifted by +8 h and read with the UTC getters.
 */
import { shanghaiDate, shanghaiMonthStart, shanghaiParts } from './shanghaiTime'

// Re-exported for callers that read the calendar helpers from here (the 北京时间 helpers live in ./shanghaiTime).
export { shanghaiDate, shanghaiMonthStart, shanghaiParts }

export const MEETING_TYPES = [
  'member_assembly',
  'committee',
  'group',
  'lecture',
  'party_day',
  'life_meeting',
] as const
export type TMeetingType = (typeof MEETING_TYPES)[number]

export const MEETING_TYPE_LABELS: Record<TMeetingType, string> = {
  member_assembly: '支部党员大会',
  committee: '支部委员会',
  group: '党小组会',
  lecture: '党课',
  party_day: '主题党日',
  life_meeting: '组织生活会',
}

/** Short names for calendars and tags. */
export const MEETING_TYPE_SHORT: Record<TMeetingType, string> = {
  member_assembly: '党员大会',
  committee: '支委会',
  group: '党小组会',
  lecture: '党课',
  party_day: '主题党日',
  life_meeting: '组织生活会',
}

export type TPeriodKind = 'month' | 'quarter'

export interface MeetingRule {
  type: TMeetingType
  period: TPeriodKind
  /** At least this many submitted records per period (and per group when `perGroup`). */
  min: number
  /** 党小组会: each party group of the branch must hold its own. */
  perGroup: boolean
  /** How the rule is written in the app. */
  text: string
}

/**
 * The frequency rules, as data: 支部党员大会 每季度≥1, 支委会 每月≥1, 党小组会 每月≥1 (per group),
 * 党课 每季度≥1, 主题党日 每月≥1. 组织生活会 is recorded but has no frequency rule here.
 */
export const MEETING_RULES: readonly MeetingRule[] = [
  { type: 'member_assembly', period: 'quarter', min: 1, perGroup: false, text: '每季度至少1次' },
  { type: 'committee', period: 'month', min: 1, perGroup: false, text: '每月至少1次' },
  { type: 'group', period: 'month', min: 1, perGroup: true, text: '每个党小组每月至少1次' },
  { type: 'lecture', period: 'quarter', min: 1, perGroup: false, text: '每季度至少1次' },
  { type: 'party_day', period: 'month', min: 1, perGroup: false, text: '每月至少1次' },
]

const DAY_MS = 24 * 3600_000

export interface Period {
  kind: TPeriodKind
  /** '2026-03' or '2026-Q1' */
  key: string
  label: string
  /** First instant of the period (inclusive), ms. */
  start: number
  /** First instant after the period (exclusive), ms. */
  end: number
  /** Its last day, 'YYYY-MM-DD' 北京时间: the deadline shown to people. */
  lastDay: string
}

export function monthPeriod(year: number, month: number): Period {
  const start = shanghaiMonthStart(year, month)
  const end = shanghaiMonthStart(year, month + 1)
  return {
    kind: 'month',
    key: `${year}-${String(month).padStart(2, '0')}`,
    label: `${month}月`,
    start,
    end,
    lastDay: shanghaiDate(end - DAY_MS),
  }
}

export function quarterPeriod(year: number, quarter: number): Period {
  const start = shanghaiMonthStart(year, quarter * 3 - 2)
  const end = shanghaiMonthStart(year, quarter * 3 + 1)
  return {
    kind: 'quarter',
    key: `${year}-Q${quarter}`,
    label: `第${'一二三四'[quarter - 1]}季度`,
    start,
    end,
    lastDay: shanghaiDate(end - DAY_MS),
  }
}

export function periodsOfYear(year: number, kind: TPeriodKind): Period[] {
  return kind === 'month'
    ? Array.from({ length: 12 }, (_, i) => monthPeriod(year, i + 1))
    : Array.from({ length: 4 }, (_, i) => quarterPeriod(year, i + 1))
}

/** The period of `kind` an instant falls in (北京时间). */
export function periodOf(ms: number, kind: TPeriodKind): Period {
  const { year, month } = shanghaiParts(ms)
  return kind === 'month' ? monthPeriod(year, month) : quarterPeriod(year, Math.ceil(month / 3))
}

export type TCellStatus = 'done' | 'due' | 'overdue' | 'not_yet'
export const CELL_STATUS_LABELS: Record<TCellStatus, string> = {
  done: '已完成',
  due: '待开展',
  overdue: '已逾期',
  /** Ended before the branch (or the 党小组) was on the system: not required, unless a record was kept. */
  not_yet: '未纳入',
}

/** What the computation needs of a meeting: only submitted records with someone present count. */
export interface ComplianceMeeting {
  type: TMeetingType
  startsAt: string
  groupId: number | null
  status: 'draft' | 'submitted'
  /** 实到 of the record; unknown (undefined) counts as someone present. */
  present?: number
}

/**
 * Whether a record counts toward the calendar: submitted, and someone was present. A meeting nobody
 * attended was not held (submitting one is refused now; records kept from before are shown, not counted).
 */
export const countsTowardCompliance = (m: Pick<ComplianceMeeting, 'status' | 'present'>) =>
  m.status === 'submitted' && m.present !== 0

/** What a branch's writer does about such a record (its correction takes the roll as it is now). */
export const EMPTY_RECORD_FIX = '请先在党员名册登记党员，再点「更正」补记出席情况。'

/** A submitted record with nobody present: kept and shown, never counted. */
export const isEmptyRecord = (m: Pick<ComplianceMeeting, 'status' | 'present'>) =>
  m.status === 'submitted' && m.present === 0

export interface ComplianceGroup {
  id: number
  name: string
  /** When the group was set up (epoch ms): its 党小组会 are required from then on. */
  since?: number
}

export interface ComplianceCell {
  key: string
  label: string
  lastDay: string
  count: number
  /** Submitted records in the period with nobody present: not counted in `count` (shown as such). */
  empty: number
  status: TCellStatus
  /** The period holding `now`. */
  current: boolean
}

export interface ComplianceRow {
  type: TMeetingType
  groupId: number | null
  groupName: string | null
  period: TPeriodKind
  rule: string
  cells: ComplianceCell[]
  /** Periods that counted: those ended by now, plus the current one once done. */
  required: number
  done: number
  /** done / required, 0..1 with 3 decimals; null when nothing was required yet. */
  rate: number | null
}

export interface ComplianceYear {
  year: number
  rows: ComplianceRow[]
  /** Per type (groups of 党小组会 pooled). */
  byType: { type: TMeetingType; required: number; done: number; rate: number | null }[]
  overall: { required: number; done: number; rate: number | null }
}

const rateOf = (done: number, required: number) =>
  required > 0 ? Math.round((done / required) * 1000) / 1000 : null

/**
 * The calendar of one branch for one year: for each rule (and each group for 党小组会) and each period,
 * how many submitted records fall in it and whether it is 已完成 / 待开展 (not over yet) / 已逾期.
 */
export function computeCompliance(input: {
  year: number
  now: number
  meetings: ComplianceMeeting[]
  groups: ComplianceGroup[]
  /** When the branch was set up on the system (epoch ms): periods ended before it are not required. */
  since?: number
  rules?: readonly MeetingRule[]
}): ComplianceYear {
  const rules = input.rules ?? MEETING_RULES
  const submitted = input.meetings.filter((m) => countsTowardCompliance(m) || isEmptyRecord(m))
  const rows: ComplianceRow[] = []
  for (const rule of rules) {
    const scopes: { groupId: number | null; groupName: string | null; since?: number }[] = rule.perGroup
      ? input.groups.map((g) => ({ groupId: g.id, groupName: g.name, since: g.since }))
      : [{ groupId: null, groupName: null }]
    for (const scope of scopes) {
      const mine = submitted.filter(
        (m) => m.type === rule.type && (scope.groupId === null || m.groupId === scope.groupId),
      )
      let required = 0
      let done = 0
      const cells = periodsOfYear(input.year, rule.period).map((p): ComplianceCell => {
        const inPeriod = mine.filter((m) => {
          const at = Date.parse(m.startsAt)
          return at >= p.start && at < p.end
        })
        const count = inPeriod.filter(countsTowardCompliance).length
        const empty = inPeriod.length - count
        const ok = count >= rule.min
        const over = input.now >= p.end
        const before = p.end <= Math.max(input.since ?? -Infinity, scope.since ?? -Infinity)
        const status: TCellStatus = ok ? 'done' : before ? 'not_yet' : over ? 'overdue' : 'due'
        if ((over && !before) || ok) required += 1
        if (ok) done += 1
        return {
          key: p.key,
          label: p.label,
          lastDay: p.lastDay,
          count,
          empty,
          status,
          current: input.now >= p.start && input.now < p.end,
        }
      })
      rows.push({
        type: rule.type,
        groupId: scope.groupId,
        groupName: scope.groupName,
        period: rule.period,
        rule: rule.text,
        cells,
        required,
        done,
        rate: rateOf(done, required),
      })
    }
  }
  const byType = rules.map((rule) => {
    const mine = rows.filter((r) => r.type === rule.type)
    const required = mine.reduce((s, r) => s + r.required, 0)
    const done = mine.reduce((s, r) => s + r.done, 0)
    return { type: rule.type, required, done, rate: rateOf(done, required) }
  })
  const required = rows.reduce((s, r) => s + r.required, 0)
  const done = rows.reduce((s, r) => s + r.done, 0)
  return { year: input.year, rows, byType, overall: { required, done, rate: rateOf(done, required) } }
}

export interface DueItem {
  type: TMeetingType
  groupId: number | null
  groupName: string | null
  periodKey: string
  periodLabel: string
  /** Last day of the period, 北京时间. */
  lastDay: string
  /** Whole days left including today (1 = today is the last day). */
  daysLeft: number
}

/**
 * What falls due within `withinDays` of `now`: the current period of a rule is not done yet and ends
 * within that many days (北京时间 calendar days, today included).
 */
export function dueSoon(input: {
  now: number
  meetings: ComplianceMeeting[]
  groups: ComplianceGroup[]
  since?: number
  withinDays?: number
  rules?: readonly MeetingRule[]
}): DueItem[] {
  const within = input.withinDays ?? 7
  const { year } = shanghaiParts(input.now)
  const compliance = computeCompliance({ ...input, year })
  const todayStart = Date.parse(`${shanghaiDate(input.now)}T00:00:00+08:00`)
  const items: DueItem[] = []
  for (const row of compliance.rows) {
    const cell = row.cells.find((c) => c.current)
    if (!cell || cell.status !== 'due') continue
    const lastDayStart = Date.parse(`${cell.lastDay}T00:00:00+08:00`)
    const daysLeft = Math.round((lastDayStart - todayStart) / DAY_MS) + 1
    if (daysLeft <= within)
      items.push({
        type: row.type,
        groupId: row.groupId,
        groupName: row.groupName,
        periodKey: cell.key,
        periodLabel: cell.label,
        lastDay: cell.lastDay,
        daysLeft,
      })
  }
  return items.sort((a, b) => a.daysLeft - b.daysLeft)
}
