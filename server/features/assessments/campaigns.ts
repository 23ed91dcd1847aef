import { AppError } from '../../core/errors'
import { isOffice, supervisorDepartmentIds, type AuthContext } from '../../core/access'
import { isoAt } from '../../core/clock'
import type { DbOrTrx } from '../../core/db/database'
import type { WriteOutcome } from '../../core/writes'
import type { TCampaign, TCampaignCreate } from '../../../src/models/assessment'
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
): Promise<WriteOutcome<TCampaign>> {
  const template = await checklistRepository.latestTemplate(db)
  if (!template) throw new AppError(409, 'TEMPLATE_MISSING')
  let enterpriseIds = input.enterpriseIds
  if (enterpriseIds.length === 0) {
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
