import type { DbOrTrx } from '../../core/db/database'
import { assessmentsRepository } from '../assessments/repository'

/**
 * Open campaigns that took in every enterprise registered when they started (the app's 发起 always does:
 * 全县所有企业), as opposed to one started for chosen enterprises: the count of its assessments reaches
 * the count of enterprises registered by its start.
 */
async function countyWideOpenCampaigns(db: DbOrTrx) {
  return db
    .selectFrom('campaigns as c')
    .select(['c.id', 'c.template_id'])
    .where('c.closed_at', 'is', null)
    .where((eb) =>
      eb(
        eb
          .selectFrom('assessments as a')
          .select(eb.fn.countAll().as('n'))
          .whereRef('a.campaign_id', '=', 'c.id'),
        '>=',
        eb
          .selectFrom('enterprises as e')
          .select(eb.fn.countAll().as('n'))
          .whereRef('e.created_at', '<=', 'c.created_at'),
      ),
    )
    .orderBy('c.id')
    .execute()
}

/**
 * Enterprises registered while a county-wide 自查 is open (by hand or by import) take part in it as
 * those registered before did: a draft each, so their liaison finds 完成年度自查自评 in 任务 instead of
 * 暂无自查任务 until next year's campaign. Answers how many drafts were made.
 */
export async function joinOpenCampaigns(
  db: DbOrTrx,
  enterpriseIds: number[],
  actorId: number,
  at: string,
): Promise<number> {
  if (enterpriseIds.length === 0) return 0
  let drafts = 0
  for (const campaign of await countyWideOpenCampaigns(db)) {
    await assessmentsRepository.createDrafts(db, campaign, enterpriseIds, actorId, at)
    drafts += enterpriseIds.length
  }
  return drafts
}
