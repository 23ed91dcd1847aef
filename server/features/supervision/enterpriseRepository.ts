import { sql } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'
import { ENTERPRISE_REGISTRATION } from '../organisations/repository'
import {
  ENTERPRISE_CAMPAIGN_LIMIT,
  ENTERPRISE_RECTIFICATION_LIMIT,
  SUPERVISION_HISTORY_ACTIONS,
} from '../../../src/models/supervisionEnterprise'

/** The queries of one enterprise's page (监管 · 企业详情): each bounded, none per campaign or per row. */
export const enterpriseRepository = {
  enterprise(db: DbOrTrx, enterpriseId: number) {
    return db
      .selectFrom('enterprises')
      .select([
        ...ENTERPRISE_REGISTRATION,
        'milestone_deadline',
        'leading_group_date',
        'plan_filed_date',
        'demonstration',
      ])
      .where('id', '=', enterpriseId)
      .executeTakeFirst()
  },

  /** Its assessments with their campaigns, newest campaign first, at most ENTERPRISE_CAMPAIGN_LIMIT. */
  campaigns(db: DbOrTrx, enterpriseId: number) {
    return db
      .selectFrom('assessments as a')
      .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
      .select([
        'c.id as campaign_id',
        'c.name as campaign_name',
        'c.period_start',
        'c.period_end',
        'c.due_date',
        'c.closed_at',
        'a.id as assessment_id',
        'a.status',
        'a.overall_score',
        'a.section_scores',
        'a.submitted_at',
        'a.reviewed_at',
      ])
      .where('a.enterprise_id', '=', enterpriseId)
      .orderBy('c.period_start', 'desc')
      .orderBy('c.id', 'desc')
      .limit(ENTERPRISE_CAMPAIGN_LIMIT)
      .execute()
  },

  async campaignCount(db: DbOrTrx, enterpriseId: number): Promise<number> {
    const row = await db
      .selectFrom('assessments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('enterprise_id', '=', enterpriseId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  /** Its 整改 counted by status, and overdue (not closed nor awaiting verification, deadline before `today`). */
  rectificationCounts(db: DbOrTrx, enterpriseId: number, today: string) {
    return db
      .selectFrom('rectifications')
      .select([
        sql<number>`sum(case when status in ('open', 'returned', 'awaiting_verification') then 1 else 0 end)`.as(
          'open',
        ),
        sql<number>`sum(case when status in ('open', 'returned') and deadline < ${today} then 1 else 0 end)`.as(
          'overdue',
        ),
        sql<number>`sum(case when status = 'awaiting_verification' then 1 else 0 end)`.as('awaiting'),
        sql<number>`sum(case when status = 'closed' then 1 else 0 end)`.as('closed'),
      ])
      .where('enterprise_id', '=', enterpriseId)
      .executeTakeFirstOrThrow()
  },

  /** Its 整改 not yet closed, earliest deadline first, at most ENTERPRISE_RECTIFICATION_LIMIT. */
  openRectifications(db: DbOrTrx, enterpriseId: number) {
    return db
      .selectFrom('rectifications')
      .select(['id', 'source', 'title', 'deadline', 'status'])
      .where('enterprise_id', '=', enterpriseId)
      .where('status', 'in', ['open', 'returned', 'awaiting_verification'])
      .orderBy('deadline')
      .orderBy('id')
      .limit(ENTERPRISE_RECTIFICATION_LIMIT)
      .execute()
  },

  /** Supervision actions on the enterprise in the audit log (its organisation index), newest first. */
  history(db: DbOrTrx, enterpriseId: number, page: { limit: number; offset: number }) {
    return db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.id', 'a.created_at', 'a.action', 'a.entity_type', 'a.entity_id', 'a.detail', 'u.name'])
      .where('a.organisation_kind', '=', 'enterprise')
      .where('a.organisation_id', '=', enterpriseId)
      .where('a.action', 'in', [...SUPERVISION_HISTORY_ACTIONS])
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
  },

  async historyCount(db: DbOrTrx, enterpriseId: number): Promise<number> {
    const row = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_kind', '=', 'enterprise')
      .where('organisation_id', '=', enterpriseId)
      .where('action', 'in', [...SUPERVISION_HISTORY_ACTIONS])
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  /** Titles of these 整改 of the enterprise (the history's subjects). */
  rectificationTitles(db: DbOrTrx, enterpriseId: number, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([])
    return db
      .selectFrom('rectifications')
      .select(['id', 'title'])
      .where('enterprise_id', '=', enterpriseId)
      .where('id', 'in', ids)
      .execute()
  },

  /** Campaign names of these assessments of the enterprise (the history's subjects). */
  assessmentCampaigns(db: DbOrTrx, enterpriseId: number, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([])
    return db
      .selectFrom('assessments as a')
      .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
      .select(['a.id', 'c.name'])
      .where('a.enterprise_id', '=', enterpriseId)
      .where('a.id', 'in', ids)
      .execute()
  },

  /** Names of these 示范 selection rounds (the history's subjects). */
  exemplarRoundNames(db: DbOrTrx, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([])
    return db.selectFrom('exemplar_rounds').select(['id', 'name']).where('id', 'in', ids).execute()
  },
}
