import { type AuthContext, isOffice, supervisorDepartmentIds } from '../../core/access'
import { isoAt } from '../../core/clock'
import type { DbOrTrx, Dialect } from '../../core/db/database'
import { findRow } from '../../core/db/rows'
import { AppError, notFound } from '../../core/errors'
import type { WriteOutcome } from '../../core/writes'
import { shanghaiDate, shanghaiYear, shanghaiYearRange } from '../../../src/models/shanghaiTime'
import {
  REPORT_SECTIONS,
  reportPeriodProblem,
  type TReport,
  type TReportCreate,
  type TReportEdit,
  type TReportPage,
  type TReportSections,
  type TReportSnapshot,
  type TReportSectionKey,
  type TReportSummary,
} from '../../../src/models/supervisionReport'
import { type ReportReach, type ReportRow, reportRepository } from './reportRepository'
import { draftSections, reportSnapshot } from './reportSnapshot'
import { setupRepository } from '../setup/repository'

/** 督查专报: the office sees and edits every report; a 监管员 those of its departments (others: 404). */

/** The office issues in the county's name once `npm run setup -- --county` gave one; else generically. */
const officeIssuer = (county: string | null) => `${county ?? '县'}清廉企业建设工作领导小组办公室`

const reachOf = (auth: AuthContext): ReportReach => (isOffice(auth) ? null : supervisorDepartmentIds(auth))

type SummaryRow = Omit<ReportRow, 'sections' | 'created_by' | 'edited_sections'>

function toSummary(row: SummaryRow): TReportSummary {
  const snapshot = JSON.parse(row.snapshot) as TReportSnapshot
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    departmentId: row.department_id,
    issuer: snapshot.issuer,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finalisedAt: row.finalised_at,
  }
}

/**
 * The sections the user edited: recorded since 0032; for an older report, those whose text is not the one
 * its snapshot would have drafted.
 */
function editedOf(row: ReportRow): TReportSectionKey[] {
  if (row.edited_sections !== null) return JSON.parse(row.edited_sections) as TReportSectionKey[]
  const sections = JSON.parse(row.sections) as TReportSections
  const drafted = draftSections(JSON.parse(row.snapshot) as TReportSnapshot)
  return REPORT_SECTIONS.filter((k) => sections[k] !== drafted[k])
}

function toReport(row: ReportRow): TReport {
  return {
    ...toSummary(row),
    sections: JSON.parse(row.sections) as TReportSections,
    editedSections: editedOf(row),
    snapshot: JSON.parse(row.snapshot) as TReportSnapshot,
  }
}

async function reportOf(db: DbOrTrx, auth: AuthContext, id: number): Promise<ReportRow> {
  const row = await reportRepository.byId(db, reachOf(auth), id)
  if (!row) throw notFound()
  return row
}

export async function getReport(db: DbOrTrx, auth: AuthContext, id: number): Promise<TReport> {
  return toReport(await reportOf(db, auth, id))
}

export async function reportPage(
  db: DbOrTrx,
  auth: AuthContext,
  page: { page: number; pageSize: number },
): Promise<TReportPage> {
  const { rows, total } = await reportRepository.page(db, reachOf(auth), page)
  return { items: rows.map(toSummary), total, page: page.page, pageSize: page.pageSize }
}

const audited = (row: ReportRow, detail: unknown): Omit<WriteOutcome<TReport>, 'result'> => ({
  entityType: 'supervision_report',
  entityId: row.id,
  detail,
  organisation: row.department_id === null ? null : { kind: 'department', id: row.department_id },
})

/** A new draft: the figures as of now (kept), and the first text of its sections from them. */
export async function createReport(
  db: DbOrTrx,
  dialect: Dialect,
  auth: AuthContext,
  input: TReportCreate,
  now: number,
): Promise<WriteOutcome<TReport>> {
  let departmentId: number | null = null
  let issuer: string
  if (isOffice(auth)) {
    if (input.departmentId !== undefined) throw new AppError(400, 'VALIDATION_FAILED')
    issuer = officeIssuer(await setupRepository.countyName(db))
  } else {
    const own = supervisorDepartmentIds(auth)
    departmentId = input.departmentId ?? own[0] ?? null
    if (departmentId === null || !own.includes(departmentId)) throw notFound()
    issuer = (await findRow(db, 'departments', { id: departmentId }))?.name ?? ''
  }
  const problem = reportPeriodProblem(input.periodStart, input.periodEnd, shanghaiDate(now))
  if (problem)
    throw new AppError(400, 'REPORT_PERIOD_INVALID', undefined, [{ path: 'periodEnd', message: problem }])
  const snapshot = await reportSnapshot(
    db,
    dialect,
    auth,
    {
      departmentId,
      campaignId: input.campaignId,
      issuer,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
    },
    now,
  )
  const at = isoAt(now)
  const year = shanghaiYear(now)
  const [yearStart, yearEnd] = shanghaiYearRange(year)
  const id = await reportRepository.insert(db, {
    department_id: departmentId,
    number: await reportRepository.nextNumber(db, departmentId, year, yearStart, yearEnd),
    title: input.title || `清廉企业建设督查专报`,
    period_start: input.periodStart,
    period_end: input.periodEnd,
    status: 'draft',
    version: 1,
    sections: JSON.stringify(draftSections(snapshot)),
    snapshot: JSON.stringify(snapshot),
    edited_sections: '[]',
    created_by: auth.user.id,
    created_at: at,
    updated_at: at,
    finalised_at: null,
  })
  const row = await reportOf(db, auth, id)
  return {
    result: toReport(row),
    ...audited(row, {
      title: row.title,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      departmentId,
    }),
  }
}

/** Why a draft's change at `version` was not made: finalised, or edited since it was read. */
function refusal(row: ReportRow): AppError {
  return row.status === 'final' ? new AppError(409, 'REPORT_FINALISED') : new AppError(409, 'REPORT_STALE')
}

/**
 * A change to the draft as read at `version`: `changes` works out the columns from the report before it, and
 * the update is made only while the draft is still at that version (else `refusal`). The report before and after.
 */
async function changeDraft(
  db: DbOrTrx,
  auth: AuthContext,
  id: number,
  version: number,
  changes: (before: ReportRow) => Promise<Parameters<typeof reportRepository.update>[3]>,
): Promise<{ before: ReportRow; row: ReportRow }> {
  const before = await reportOf(db, auth, id)
  if (before.status !== 'draft' || before.version !== version) throw refusal(before)
  const changed = await reportRepository.update(db, id, version, await changes(before))
  if (!changed) throw refusal(await reportOf(db, auth, id))
  return { before, row: await reportOf(db, auth, id) }
}

export async function editReport(
  db: DbOrTrx,
  auth: AuthContext,
  id: number,
  input: TReportEdit,
  now: number,
): Promise<WriteOutcome<TReport>> {
  const { before, row } = await changeDraft(db, auth, id, input.version, async (before) => {
    const previous = JSON.parse(before.sections) as TReportSections
    const sections = { ...previous, ...input.sections }
    const edited = new Set(editedOf(before))
    for (const k of REPORT_SECTIONS) if (sections[k] !== previous[k]) edited.add(k)
    return {
      title: input.title ?? before.title,
      sections: JSON.stringify(sections),
      edited_sections: JSON.stringify(REPORT_SECTIONS.filter((k) => edited.has(k))),
      updated_at: isoAt(now),
    }
  })
  return {
    result: toReport(row),
    ...audited(row, {
      version: row.version,
      title: input.title !== undefined && input.title !== before.title ? input.title : undefined,
      sections: Object.keys(input.sections ?? {}),
    }),
  }
}

/** 定稿: the report is fixed from now on (its text and figures); the document no longer says 草稿. */
export async function finaliseReport(
  db: DbOrTrx,
  auth: AuthContext,
  id: number,
  version: number,
  now: number,
): Promise<WriteOutcome<TReport>> {
  const { row } = await changeDraft(db, auth, id, version, async () => {
    const at = isoAt(now)
    return { status: 'final', finalised_at: at, updated_at: at }
  })
  return { result: toReport(row), ...audited(row, { version: row.version }) }
}

/**
 * 更新数据: a draft's figures retaken as of now (same period, campaign and issuer); the sections the user
 * edited are kept, the untouched pre-written ones drafted again from the new figures.
 */
export async function refreshReport(
  db: DbOrTrx,
  dialect: Dialect,
  auth: AuthContext,
  id: number,
  version: number,
  now: number,
): Promise<WriteOutcome<TReport>> {
  const { before, row } = await changeDraft(db, auth, id, version, async (before) => {
    const old = JSON.parse(before.snapshot) as TReportSnapshot
    const snapshot = await reportSnapshot(
      db,
      dialect,
      auth,
      {
        departmentId: before.department_id,
        campaignId: old.campaign?.id,
        issuer: old.issuer,
        periodStart: before.period_start,
        periodEnd: before.period_end,
      },
      now,
    )
    const edited = editedOf(before)
    const kept = JSON.parse(before.sections) as TReportSections
    const drafted = draftSections(snapshot)
    const sections = Object.fromEntries(
      REPORT_SECTIONS.map((k) => [k, edited.includes(k) ? kept[k] : drafted[k]]),
    ) as TReportSections
    return {
      snapshot: JSON.stringify(snapshot),
      sections: JSON.stringify(sections),
      edited_sections: JSON.stringify(edited),
      updated_at: isoAt(now),
    }
  })
  const result = toReport(row)
  const kept = editedOf(before)
  return {
    result,
    ...audited(row, {
      version: row.version,
      generatedAt: result.snapshot.generatedAt,
      kept,
      redrafted: REPORT_SECTIONS.filter((k) => !kept.includes(k)),
    }),
  }
}
