import type { DbOrTrx, Dialect } from '../../core/db/database'
import { assessmentsRepository, campaignsRepository } from '../assessments/repository'

/**
 * Enterprises registered while a county-wide 自查 is open (by hand or by import) take part in it as
 * those registered before did: a draft each, so their liaison finds 完成年度自查自评 in 任务 instead of
 * 暂无自查任务 until next year's campaign. A campaign started for chosen enterprises stays as it was.
 * Answers how many drafts were made.
 */
export async function joinOpenCampaigns(
  db: DbOrTrx,
  dialect: Dialect,
  enterpriseIds: number[],
  actorId: number,
  at: string,
): Promise<number> {
  if (enterpriseIds.length === 0) return 0
  // Taken by a campaign's start too: a campaign starting now either lists these or is found here.
  await campaignsRepository.lockTargets(db, dialect)
  let drafts = 0
  for (const campaign of await campaignsRepository.openCountyWide(db)) {
    await assessmentsRepository.createDrafts(db, campaign, enterpriseIds, actorId, at)
    drafts += enterpriseIds.length
  }
  return drafts
}
