import { type AuthContext, isOffice, supervisesEnterprise, supervisorDepartmentIds } from '../../core/access'
import { isoAt } from '../../core/clock'
import type { DbOrTrx } from '../../core/db/database'
import { findRow } from '../../core/db/rows'
import { AppError, notFound } from '../../core/errors'
import type { WriteOutcome } from '../../core/writes'
import { alertAcknowledgeable, riskAreaLabel, type TRiskArea } from '../../../src/models/risk'
import { riskAlertsRepository } from '../risks/alertRepository'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import {
  OFFICE_URGE_NAME,
  WORKLISTS,
  type TUrge,
  type TUrgeCreate,
  type TUrgePage,
  type TUrgeResult,
  type TWorkItem,
  type TWorklist,
  type TWorklistCounts,
  type TWorklistPage,
  type TWorklistQuery,
} from '../../../src/models/worklists'
import { type Reach, type WorkRow, type WorklistFilter, worklistRepository } from './worklistRepository'
import { type UrgeRow, urgeRepository } from './worklistUrgeRepository'

/** The office reaches every enterprise; a department the ones it supervises, read on every request. */
function reachOf(auth: AuthContext): Reach {
  return isOffice(auth) ? 'all' : { departmentIds: supervisorDepartmentIds(auth) }
}

async function filterFor(db: DbOrTrx, auth: AuthContext, q: string | undefined, now: number) {
  const campaign = (await worklistRepository.currentCampaign(db)) ?? null
  const filter: WorklistFilter = {
    reach: reachOf(auth),
    q,
    today: shanghaiDate(now),
    campaignId: campaign?.id ?? null,
  }
  return {
    filter,
    campaign: campaign && { id: campaign.id, name: campaign.name, dueDate: campaign.due_date },
  }
}

/** A 风险预警 row's 阅知 for the caller's departments (none: the office, which reads but does not 阅知). */
function alertItem(
  state: Awaited<ReturnType<typeof riskAlertsRepository.states>>[number] | undefined,
  departmentIds: number[],
  today: string,
): TWorkItem['alert'] {
  if (!state) return null
  const acknowledged = Number(state.acknowledged) === 1
  const risk = { status: state.status, level: state.level, nextReviewDate: state.next_review_date }
  return {
    occasion: state.alert_occasion,
    acknowledged,
    canAcknowledge: departmentIds.length > 0 && !acknowledged && alertAcknowledgeable(risk, today),
  }
}

/**
 * The rows' 催办: which matter each is (null where the next step is the supervisors'), and the latest one;
 * a 风险预警 row's 阅知 by the caller's departments.
 */
async function toItems(db: DbOrTrx, list: TWorklist, rows: WorkRow[], filter: WorklistFilter) {
  const { today, campaignId } = filter
  const departmentIds = filter.reach === 'all' ? [] : filter.reach.departmentIds
  const matterOf = (r: WorkRow) =>
    list === 'overdue'
      ? { enterpriseId: r.enterprise_id, kind: 'rectification' as const, itemId: r.rectification_id! }
      : list === 'not_started' && campaignId !== null
        ? { enterpriseId: r.enterprise_id, kind: 'campaign' as const, itemId: campaignId }
        : list === 'risk_alert'
          ? { enterpriseId: r.enterprise_id, kind: 'risk' as const, itemId: r.risk_id! }
          : null
  const matters = rows.map(matterOf)
  const riskIds = list === 'risk_alert' ? rows.map((r) => r.risk_id!) : []
  const [latest, alerts] = await Promise.all([
    worklistRepository.latestUrges(
      db,
      matters.filter((m) => m !== null),
    ),
    riskAlertsRepository.states(db, riskIds, departmentIds, today),
  ])
  const alertOf = new Map(alerts.map((a) => [a.id, a]))
  const byMatter = new Map(latest.map((u) => [`${u.enterprise_id}:${u.kind}:${u.item_id}`, u]))
  return rows.map((r, i): TWorkItem => {
    const matter = matters[i]
    const urged = matter ? byMatter.get(`${matter.enterpriseId}:${matter.kind}:${matter.itemId}`) : undefined
    return {
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      creditCode: r.credit_code,
      rectificationId: r.rectification_id ?? null,
      assessmentId: r.assessment_id ?? null,
      riskId: r.risk_id ?? null,
      title: r.risk_area
        ? `${riskAreaLabel(r.risk_area as TRiskArea, r.risk_area_name)} · ${r.title}`
        : r.title,
      deadline: r.deadline ?? null,
      since: r.since ?? null,
      status: r.status,
      urge: matter && { kind: matter.kind, itemId: matter.itemId },
      alert: alertItem(alertOf.get(r.risk_id ?? 0), departmentIds, today),
      lastUrgedAt: urged?.at ? String(urged.at) : null,
      urgedToday: urged?.day === today,
    }
  })
}

/** One page of one list, in reach and matching the search. */
export async function worklistPage(
  db: DbOrTrx,
  auth: AuthContext,
  list: TWorklist,
  query: TWorklistQuery,
  now: number,
): Promise<TWorklistPage> {
  const { filter, campaign } = await filterFor(db, auth, query.q, now)
  const [total, rows] = await Promise.all([
    worklistRepository.count(db, list, filter),
    worklistRepository.page(db, list, filter, query.order, query),
  ])
  return {
    list,
    campaign,
    items: await toItems(db, list, rows, filter),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}

/** The number of rows of every list, each counted by the very query its list pages through. */
export async function worklistCounts(
  db: DbOrTrx,
  auth: AuthContext,
  q: string | undefined,
  now: number,
): Promise<TWorklistCounts> {
  const { filter, campaign } = await filterFor(db, auth, q, now)
  const [totals, acknowledged] = await Promise.all([
    Promise.all(WORKLISTS.map((list) => worklistRepository.count(db, list, filter))),
    worklistRepository.acknowledgedAlerts(db, filter),
  ])
  return {
    counts: Object.fromEntries(WORKLISTS.map((list, i) => [list, totals[i]])) as TWorklistCounts['counts'],
    acknowledged,
    campaign,
  }
}

function toUrge(row: UrgeRow): TUrge {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    departmentId: row.department_id,
    fromName: row.department_name ?? OFFICE_URGE_NAME,
    kind: row.kind,
    itemId: row.item_id,
    note: row.note,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
  }
}

/** The enterprise, when the caller reaches it; one out of reach answers like a missing one (404). */
async function reachableEnterprise(db: DbOrTrx, auth: AuthContext, enterpriseId: number): Promise<void> {
  const reached = isOffice(auth)
    ? (await findRow(db, 'enterprises', { id: enterpriseId })) !== undefined
    : await supervisesEnterprise(db, auth, enterpriseId)
  if (!reached) throw notFound()
}

/**
 * Whether the enterprise still owes the matter: a 整改 still to do, the open campaign's self-assessment, or
 * a risk still under 风险预警.
 */
async function checkOwed(db: DbOrTrx, input: TUrgeCreate, today: string): Promise<void> {
  if (input.kind === 'risk') {
    const alerting = await urgeRepository.riskAlerting(db, input.enterpriseId, input.itemId, today)
    if (alerting === undefined) throw notFound()
    if (!alerting) throw new AppError(409, 'URGE_NOT_NEEDED')
    return
  }
  if (input.kind === 'rectification') {
    const r = await findRow(db, 'rectifications', { id: input.itemId, enterprise_id: input.enterpriseId })
    if (!r) throw notFound()
    if (r.status !== 'open' && r.status !== 'returned') throw new AppError(409, 'URGE_NOT_NEEDED')
    return
  }
  const campaign = await findRow(db, 'campaigns', { id: input.itemId })
  if (!campaign) throw notFound()
  if (campaign.closed_at !== null) throw new AppError(409, 'CAMPAIGN_CLOSED')
  const a = await findRow(db, 'assessments', { campaign_id: input.itemId, enterprise_id: input.enterpriseId })
  if (a && a.status !== 'draft' && a.status !== 'returned') throw new AppError(409, 'URGE_NOT_NEEDED')
}

/**
 * 催办: one reminder of a matter the enterprise owes, at most once a day (北京时间) per matter whoever sends
 * it: a second answers 409 URGE_ALREADY_TODAY, decided by the unique index so that it holds in a race. It
 * reaches the enterprise's 联络员 as a to-do (and a subscribe message where they granted one) until the
 * matter is done.
 */
export async function createUrge(
  db: DbOrTrx,
  auth: AuthContext,
  input: TUrgeCreate,
  now: number,
): Promise<WriteOutcome<TUrgeResult>> {
  await reachableEnterprise(db, auth, input.enterpriseId)
  await checkOwed(db, input, shanghaiDate(now))
  const departmentId = isOffice(auth)
    ? null
    : await urgeRepository.supervisingDepartment(db, supervisorDepartmentIds(auth), input.enterpriseId)
  const id = await urgeRepository.insert(db, {
    enterprise_id: input.enterpriseId,
    department_id: departmentId,
    kind: input.kind,
    item_id: input.itemId,
    day: shanghaiDate(now),
    note: input.note || null,
    created_by: auth.user.id,
    created_at: isoAt(now),
  })
  if (id === null) throw new AppError(409, 'URGE_ALREADY_TODAY')
  const [row, liaisons] = await Promise.all([
    urgeRepository.byId(db, id),
    urgeRepository.liaisonCount(db, input.enterpriseId),
  ])
  return {
    result: { ...toUrge(row), liaisons },
    entityType: 'urge',
    entityId: id,
    detail: { kind: input.kind, itemId: input.itemId, note: input.note ?? null, departmentId },
    organisation: { kind: 'enterprise', id: input.enterpriseId },
  }
}

/** One enterprise's 催办 history, newest first (its supervising departments and the office). */
export async function urgePage(
  db: DbOrTrx,
  auth: AuthContext,
  enterpriseId: number,
  page: { page: number; pageSize: number },
): Promise<TUrgePage> {
  await reachableEnterprise(db, auth, enterpriseId)
  const { total, rows } = await urgeRepository.page(db, enterpriseId, page)
  return { items: rows.map(toUrge), total, page: page.page, pageSize: page.pageSize }
}
