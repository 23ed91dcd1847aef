import { AppError, found, notFound } from '../../core/errors'
import { isOffice, MAX_ID, supervisorDepartmentIds, type AuthContext } from '../../core/access'
import { isoAt } from '../../core/clock'
import type { DbOrTrx, Dialect } from '../../core/db/database'
import { changedFields, type WriteOutcome } from '../../core/writes'
import {
  campaignDateProblems,
  type TCampaign,
  type TCampaignCreate,
  type TCampaignUpdate,
} from '../../../src/models/assessment'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { checklistRepository } from './checklistRepository'
import { assessmentsRepository, campaignsRepository, type CampaignRow } from './repository'

/** 期次: the office opens a campaign on the latest checklist; every target enterprise gets a draft. */

export async function toCampaign(db: DbOrTrx, row: CampaignRow): Promise<TCampaign> {
  return {
    id: row.id,
    name: row.name,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    dueDate: row.due_date,
    templateVersion: await checklistRepository.templateVersion(db, row.template_id),
    targetCount: await campaignsRepository.targetCount(db, row.id),
    createdAt: row.created_at,
    closedAt: row.closed_at,
  }
}

/** 400 VALIDATION_FAILED with one message per date that does not fit the others or today (北京时间). */
function checkDates(
  dates: { periodStart: string; periodEnd: string; dueDate: string },
  now: number,
  dueDateChanged = true,
) {
  const problems = campaignDateProblems(dates, shanghaiDate(now), dueDateChanged)
  if (problems.length) throw new AppError(400, 'VALIDATION_FAILED', undefined, problems)
}

/** A campaign that is still open; a closed one answers 409 CAMPAIGN_CLOSED. */
export async function openCampaign(db: DbOrTrx, id: number): Promise<CampaignRow> {
  // An id beyond the 32-bit column names no campaign (PostgreSQL would refuse to compare it).
  if (id > MAX_ID) throw notFound()
  const row = await found(campaignsRepository.find(db, id))
  if (row.closed_at !== null) throw new AppError(409, 'CAMPAIGN_CLOSED')
  return row
}

/** The office changes a campaign's name or dates; the dates are checked again as a whole. */
export async function updateCampaign(
  db: DbOrTrx,
  id: number,
  input: TCampaignUpdate,
  now: number,
): Promise<WriteOutcome<TCampaign>> {
  const row = await openCampaign(db, id)
  const dates = {
    periodStart: input.periodStart ?? row.period_start,
    periodEnd: input.periodEnd ?? row.period_end,
    dueDate: input.dueDate ?? row.due_date,
  }
  checkDates(dates, now, dates.dueDate !== row.due_date)
  const changes = {
    name: input.name ?? row.name,
    period_start: dates.periodStart,
    period_end: dates.periodEnd,
    due_date: dates.dueDate,
  }
  if (!(await campaignsRepository.update(db, id, changes))) throw new AppError(409, 'CAMPAIGN_CLOSED')
  const before = {
    name: row.name,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    dueDate: row.due_date,
  }
  const after = { name: changes.name, ...dates }
  return {
    result: await campaignById(db, id),
    entityType: 'campaign',
    entityId: id,
    detail: changedFields(before, after),
  }
}

/** The office closes a campaign (已结束): its drafts leave the to-do lists and can no longer be submitted. */
export async function closeCampaign(db: DbOrTrx, id: number, now: number): Promise<WriteOutcome<TCampaign>> {
  await openCampaign(db, id)
  const unfinished = await campaignsRepository.openCount(db, id)
  // Conditional on closed_at being null: of two closes, or a close and an edit, one wins.
  if (!(await campaignsRepository.close(db, id, isoAt(now)))) throw new AppError(409, 'CAMPAIGN_CLOSED')
  return {
    result: await campaignById(db, id),
    entityType: 'campaign',
    entityId: id,
    detail: { unfinished },
  }
}

export async function campaignById(db: DbOrTrx, id: number): Promise<TCampaign> {
  return toCampaign(db, await campaignsRepository.byId(db, id))
}

export async function createCampaign(
  db: DbOrTrx,
  auth: AuthContext,
  input: Required<TCampaignCreate>,
  now: number,
  dialect: Dialect,
): Promise<WriteOutcome<TCampaign>> {
  checkDates(input, now)
  const template = await checklistRepository.latestTemplate(db)
  if (!template) throw new AppError(409, 'TEMPLATE_MISSING')
  const countyWide = input.enterpriseIds.length === 0
  let enterpriseIds = input.enterpriseIds
  if (countyWide) {
    // An enterprise registered at this moment is either listed here or finds this campaign open.
    await campaignsRepository.lockTargets(db, dialect)
    enterpriseIds = await assessmentsRepository.enterpriseIds(db)
  } else {
    const known = new Set(await assessmentsRepository.enterpriseIds(db, enterpriseIds))
    const unknown = enterpriseIds.findIndex((id) => !known.has(id))
    if (unknown >= 0)
      throw new AppError(400, 'VALIDATION_FAILED', undefined, [
        { path: `enterpriseIds.${unknown}`, message: '企业不存在' },
      ])
  }
  if (enterpriseIds.length === 0) throw new AppError(400, 'CAMPAIGN_NO_TARGETS')
  const at = isoAt(now)
  const campaign = await campaignsRepository.insert(db, {
    name: input.name,
    period_start: input.periodStart,
    period_end: input.periodEnd,
    due_date: input.dueDate,
    template_id: template.id,
    created_by: auth.user.id,
    created_at: at,
    closed_at: null,
    county_wide: countyWide ? 1 : 0,
  })
  await assessmentsRepository.createDrafts(db, campaign, enterpriseIds, auth.user.id, at)
  return {
    result: await toCampaign(db, campaign),
    entityType: 'campaign',
    entityId: campaign.id,
    detail: { targets: enterpriseIds.length },
  }
}

/** Campaigns the caller takes part in or oversees. */
export async function listCampaigns(db: DbOrTrx, auth: AuthContext): Promise<TCampaign[]> {
  let rows: CampaignRow[]
  if (isOffice(auth)) rows = await campaignsRepository.list(db, { all: true })
  else {
    const enterpriseIds = auth.memberships
      .filter((m) => m.organisation_kind === 'enterprise')
      .map((m) => m.organisation_id)
    const departmentIds = supervisorDepartmentIds(auth)
    if (enterpriseIds.length === 0 && departmentIds.length === 0) return []
    rows = await campaignsRepository.list(db, { enterpriseIds, departmentIds })
  }
  return Promise.all(rows.map((r) => toCampaign(db, r)))
}
