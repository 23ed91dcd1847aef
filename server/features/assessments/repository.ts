import { sql, type Selectable } from 'kysely'
import { supervisedEnterpriseIds } from '../../core/access'
import { changedOne, type DbOrTrx, type Dialect } from '../../core/db/database'
import { findRow } from '../../core/db/rows'
import { recordStatusChange, statusHistory, type StatusChange } from '../../core/db/statusHistory'
import type { AssessmentTable, CampaignTable } from '../../core/db/schema'
import type { SectionScoreColumns } from './scoreColumns'
import type { TAnswer, TAnswerValue, TAssessmentStatus } from '../../../src/models/assessment'
import type { TOwnership, TPartyOrg } from '../../../src/models/org'

export type CampaignRow = Selectable<CampaignTable>
export type AssessmentRow = Selectable<AssessmentTable>

/** Which campaigns a caller sees: all (office), or those of their enterprises and supervised ones. */
export type CampaignScope = { all: true } | { enterpriseIds: number[]; departmentIds: number[] }

export interface AssessedEnterprise {
  id: number
  name: string
  ownership: TOwnership
  partyOrg: TPartyOrg
}

/** Every assessment event has an actor (actor_id is required). */
export type AssessmentHistoryRow = StatusChange<TAssessmentStatus> & { actorName: string }

export const campaignsRepository = {
  byId(db: DbOrTrx, id: number): Promise<CampaignRow> {
    return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  },

  find(db: DbOrTrx, id: number): Promise<CampaignRow | undefined> {
    return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst()
  },

  async targetCount(db: DbOrTrx, campaignId: number): Promise<number> {
    const targets = await db
      .selectFrom('assessments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow()
    return Number(targets.n)
  },

  async update(
    db: DbOrTrx,
    id: number,
    values: Partial<Pick<CampaignRow, 'name' | 'period_start' | 'period_end' | 'due_date'>>,
  ): Promise<boolean> {
    return changedOne(
      db.updateTable('campaigns').set(values).where('id', '=', id).where('closed_at', 'is', null),
    )
  },

  /** Closes an open campaign; false when it was already closed (a concurrent close won). */
  async close(db: DbOrTrx, id: number, at: string): Promise<boolean> {
    return changedOne(
      db.updateTable('campaigns').set({ closed_at: at }).where('id', '=', id).where('closed_at', 'is', null),
    )
  },

  /** Drafts and returned assessments of a campaign: what its closing takes off the to-do lists. */
  async openCount(db: DbOrTrx, campaignId: number): Promise<number> {
    const row = await db
      .selectFrom('assessments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaignId)
      .where('status', 'in', ['draft', 'returned'])
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  /**
   * Registering enterprises and starting a county-wide 自查 take turns, so that neither misses the other's
   * uncommitted rows (PostgreSQL: a transaction-scoped advisory lock; SQLite runs one write at a time).
   */
  async lockTargets(db: DbOrTrx, dialect: Dialect): Promise<void> {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${500602})`.execute(db)
  },

  /** The open campaigns started for the whole county: an enterprise registered now joins them. */
  openCountyWide(db: DbOrTrx): Promise<Pick<CampaignRow, 'id' | 'template_id'>[]> {
    return db
      .selectFrom('campaigns')
      .select(['id', 'template_id'])
      .where('closed_at', 'is', null)
      .where('county_wide', '=', 1)
      .orderBy('id')
      .execute()
  },

  insert(db: DbOrTrx, values: Omit<CampaignRow, 'id'>): Promise<CampaignRow> {
    return db.insertInto('campaigns').values(values).returningAll().executeTakeFirstOrThrow()
  },

  /** Latest due date first. */
  list(db: DbOrTrx, scope: CampaignScope): Promise<CampaignRow[]> {
    let query = db.selectFrom('campaigns').selectAll()
    if (!('all' in scope)) {
      const { enterpriseIds, departmentIds } = scope
      query = query.where((eb) =>
        eb(
          'id',
          'in',
          eb
            .selectFrom('assessments')
            .select('campaign_id')
            .where((inner) =>
              inner.or([
                ...(enterpriseIds.length ? [inner('enterprise_id', 'in', enterpriseIds)] : []),
                ...(departmentIds.length
                  ? [inner('enterprise_id', 'in', supervisedEnterpriseIds(db, departmentIds))]
                  : []),
              ]),
            ),
        ),
      )
    }
    return query.orderBy('due_date', 'desc').orderBy('id', 'desc').execute()
  },
}

export const assessmentsRepository = {
  /** Ids of every enterprise, or of those among `ids` that exist (lowest first). */
  async enterpriseIds(db: DbOrTrx, ids?: number[]): Promise<number[]> {
    let query = db.selectFrom('enterprises').select('id')
    if (ids) query = query.where('id', 'in', ids)
    return (await query.orderBy('id').execute()).map((r) => r.id)
  },

  /** One draft assessment per enterprise of the campaign, each with its first history entry. */
  async createDrafts(
    db: DbOrTrx,
    campaign: Pick<CampaignRow, 'id' | 'template_id'>,
    enterpriseIds: number[],
    actorId: number,
    now: string,
  ): Promise<void> {
    for (let i = 0; i < enterpriseIds.length; i += 200) {
      const chunk = enterpriseIds.slice(i, i + 200)
      const created = await db
        .insertInto('assessments')
        .values(
          chunk.map((enterpriseId) => ({
            campaign_id: campaign.id,
            enterprise_id: enterpriseId,
            template_id: campaign.template_id,
            status: 'draft' as const,
            overall_score: null,
            section_scores: null,
            submitted_at: null,
            reviewed_at: null,
            reviewed_by: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning('id')
        .execute()
      await db
        .insertInto('assessment_events')
        .values(
          created.map((a) => ({
            assessment_id: a.id,
            from_status: null,
            to_status: 'draft',
            actor_id: actorId,
            comment: '发起自查',
            created_at: now,
          })),
        )
        .execute()
    }
  },

  find(db: DbOrTrx, enterpriseId: number, assessmentId: number): Promise<AssessmentRow | undefined> {
    return findRow(db, 'assessments', { id: assessmentId, enterprise_id: enterpriseId })
  },

  /**
   * The assessment as committed, its row locked for the rest of the transaction (a no-op update): a
   * second write to it waits here until the first commits, then reads what the first left (PostgreSQL;
   * SQLite runs one write transaction at a time).
   */
  lock(db: DbOrTrx, enterpriseId: number, assessmentId: number): Promise<AssessmentRow | undefined> {
    return db
      .updateTable('assessments')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', assessmentId)
      .where('enterprise_id', '=', enterpriseId)
      .returningAll()
      .executeTakeFirst()
  },

  async enterprise(db: DbOrTrx, enterpriseId: number): Promise<AssessedEnterprise> {
    const e = await db
      .selectFrom('enterprises')
      .select(['id', 'name', 'ownership', 'party_org'])
      .where('id', '=', enterpriseId)
      .executeTakeFirstOrThrow()
    return {
      id: e.id,
      name: e.name,
      ownership: e.ownership as TOwnership,
      partyOrg: e.party_org as TPartyOrg,
    }
  },

  /** An enterprise's assessments, newest first, with what decides which items apply. */
  listOfEnterprise(db: DbOrTrx, enterpriseId: number) {
    return db
      .selectFrom('assessments as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .selectAll('a')
      .select(['e.name as enterprise_name', 'e.ownership', 'e.party_org'])
      .where('a.enterprise_id', '=', enterpriseId)
      .orderBy('a.id', 'desc')
      .execute()
  },

  async answers(db: DbOrTrx, assessmentId: number): Promise<TAnswer[]> {
    const rows = await db
      .selectFrom('assessment_answers')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .execute()
    return rows.map((r) => ({
      itemCode: r.item_code,
      value: r.value as TAnswerValue,
      note: r.note,
      naReason: r.na_reason,
      reviewComment: r.review_comment,
      updatedAt: r.updated_at,
    }))
  },

  async answeredCodes(db: DbOrTrx, assessmentId: number): Promise<string[]> {
    const rows = await db
      .selectFrom('assessment_answers')
      .select('item_code')
      .where('assessment_id', '=', assessmentId)
      .execute()
    return rows.map((r) => r.item_code)
  },

  async saveAnswer(
    db: DbOrTrx,
    assessmentId: number,
    itemCode: string,
    values: {
      value: TAnswerValue
      note: string | null
      na_reason: string | null
      updated_by: number
      updated_at: string
    },
  ): Promise<void> {
    await db
      .insertInto('assessment_answers')
      .values({ assessment_id: assessmentId, item_code: itemCode, review_comment: null, ...values })
      .onConflict((oc) => oc.columns(['assessment_id', 'item_code']).doUpdateSet(values))
      .execute()
  },

  /** Replaces the reviewer's comments: cleared everywhere, then set on the items named. */
  async setReviewComments(
    db: DbOrTrx,
    assessmentId: number,
    comments: { itemCode: string; comment: string }[],
  ): Promise<void> {
    await db
      .updateTable('assessment_answers')
      .set({ review_comment: null })
      .where('assessment_id', '=', assessmentId)
      .execute()
    for (const c of comments) {
      await db
        .updateTable('assessment_answers')
        .set({ review_comment: c.comment })
        .where('assessment_id', '=', assessmentId)
        .where('item_code', '=', c.itemCode)
        .execute()
    }
  },

  /**
   * Submits an editable assessment of an open campaign, in one conditional update; false when the campaign was
   * closed (or the assessment left draft / returned) before it: a submit that loses to a close changes nothing.
   */
  async submitIfOpen(
    db: DbOrTrx,
    assessmentId: number,
    values: Pick<AssessmentRow, 'overall_score' | 'submitted_at' | 'updated_at'> & SectionScoreColumns,
  ): Promise<boolean> {
    return changedOne(
      db
        .updateTable('assessments')
        .set({ ...values, status: 'submitted' })
        .where('id', '=', assessmentId)
        .where('status', 'in', ['draft', 'returned'])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('campaigns as c')
              .select('c.id')
              .whereRef('c.id', '=', 'assessments.campaign_id')
              .where('c.closed_at', 'is', null),
          ),
        ),
    )
  },

  async update(
    db: DbOrTrx,
    assessmentId: number,
    values: Partial<Omit<AssessmentRow, 'id' | 'campaign_id' | 'enterprise_id' | 'template_id'>>,
  ): Promise<void> {
    await db.updateTable('assessments').set(values).where('id', '=', assessmentId).execute()
  },

  async recordTransition(
    db: DbOrTrx,
    assessmentId: number,
    from: TAssessmentStatus,
    to: TAssessmentStatus,
    actorId: number,
    comment: string | null,
    now: string,
  ): Promise<void> {
    await recordStatusChange(db, 'assessment_events', assessmentId, { from, to, actorId, comment, at: now })
  },

  async history(db: DbOrTrx, assessmentId: number): Promise<AssessmentHistoryRow[]> {
    const changes = await statusHistory<TAssessmentStatus>(db, 'assessment_events', assessmentId)
    return changes.map((c) => ({ ...c, actorName: c.actorName ?? '' }))
  },

  /** Item codes of this assessment that already became 整改 items. */
  async findingCodes(db: DbOrTrx, assessmentId: number): Promise<Set<string | null>> {
    const rows = await db
      .selectFrom('rectifications')
      .select('item_code')
      .where('assessment_id', '=', assessmentId)
      .execute()
    return new Set(rows.map((r) => r.item_code))
  },
}
