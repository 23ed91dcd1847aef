import { sql } from 'kysely'
import { supervisedEnterpriseIds } from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'
import { approvedMemberCounts } from '../../core/db/members'
import { inRegisterOrder } from '../risks/repository'

export const supervisionRepository = {
  /**
   * One row per enterprise (those the departments supervise; all with `null`), with its assessment of the
   * campaign and its open and overdue 整改 counts as of `today` (北京时间). One query, whatever the number.
   */
  overviewRows(db: DbOrTrx, campaignId: number | null, today: string, departmentIds: number[] | null) {
    let query = db
      .selectFrom('enterprises as e')
      .leftJoin('assessments as a', (join) =>
        join.onRef('a.enterprise_id', '=', 'e.id').on('a.campaign_id', '=', campaignId ?? -1),
      )
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('rectifications')
            .select([
              'enterprise_id',
              sql<number>`sum(case when status in ('open', 'returned', 'awaiting_verification') then 1 else 0 end)`.as(
                'open_count',
              ),
              sql<number>`sum(case when status in ('open', 'returned') and deadline < ${today} then 1 else 0 end)`.as(
                'overdue_count',
              ),
            ])
            .groupBy('enterprise_id')
            .as('r'),
        (join) => join.onRef('r.enterprise_id', '=', 'e.id'),
      )
      .select([
        'e.id',
        'e.name',
        'e.ownership',
        'e.party_org',
        'e.milestone_deadline',
        'e.leading_group_date',
        'e.plan_filed_date',
        'a.id as assessment_id',
        'a.status',
        'a.overall_score',
        'a.section_scores',
        'a.submitted_at',
        'r.open_count',
        'r.overdue_count',
      ])
    if (departmentIds) query = query.where('e.id', 'in', supervisedEnterpriseIds(db, departmentIds))
    return query.orderBy('e.id').execute()
  },

  /** Per enterprise: events whose sign-in has opened, approved members today, and its members' sign-ins. */
  async attendanceCounts(db: DbOrTrx, enterpriseIds: number[], nowIso: string) {
    // Rows per enterprise (its places in audiences, its sign-ins) of the events that stand and have opened.
    const ofOpenedEvents = (table: 'event_audience' | 'sign_ins') =>
      db
        .selectFrom(table)
        .innerJoin('events as e', 'e.id', 'event_id')
        .select(['enterprise_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('e.sign_in_opens_at', '<=', nowIso)
        .where('e.cancelled_at', 'is', null)
        .where('enterprise_id', 'in', enterpriseIds)
        .groupBy('enterprise_id')
        .execute()
    const [events, members, signIns] = await Promise.all([
      ofOpenedEvents('event_audience'),
      approvedMemberCounts(db, enterpriseIds),
      ofOpenedEvents('sign_ins'),
    ])
    return { events, members, signIns }
  },
  /**
   * What the 工作台账 adds per enterprise: its credit code and registered liaison, the approved 联络员 in the
   * app (name and phone), and the names of its supervising departments.
   */
  async ledgerFacts(db: DbOrTrx, enterpriseIds: number[]) {
    if (enterpriseIds.length === 0) return { enterprises: [], liaisons: [], departments: [] }
    const [enterprises, liaisons, departments] = await Promise.all([
      db
        .selectFrom('enterprises')
        .select(['id', 'credit_code', 'liaison_name', 'liaison_phone'])
        .where('id', 'in', enterpriseIds)
        .execute(),
      db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.organisation_id', 'u.name', 'u.phone'])
        .where('m.organisation_kind', '=', 'enterprise')
        .where('m.role', '=', 'liaison')
        .where('m.status', '=', 'approved')
        .where('m.organisation_id', 'in', enterpriseIds)
        .orderBy('m.id')
        .execute(),
      db
        .selectFrom('supervision_links as l')
        .innerJoin('departments as d', 'd.id', 'l.department_id')
        .select(['l.enterprise_id', 'd.name'])
        .where('l.enterprise_id', 'in', enterpriseIds)
        .orderBy('d.id')
        .execute(),
    ])
    return { enterprises, liaisons, departments }
  },

  /** Every 整改 of these enterprises, by enterprise, earliest deadline first. */
  rectifications(db: DbOrTrx, enterpriseIds: number[]) {
    if (enterpriseIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('rectifications')
      .select([
        'id',
        'enterprise_id',
        'source',
        'item_code',
        'title',
        'detail',
        'deadline',
        'status',
        'response',
        'created_at',
        'updated_at',
      ])
      .where('enterprise_id', 'in', enterpriseIds)
      .orderBy('enterprise_id')
      .orderBy('deadline')
      .orderBy('id')
      .execute()
  },

  /** Every risk point of these enterprises (工作台账's 廉洁风险点 sheet), by enterprise, 有效 and highest first. */
  risks(db: DbOrTrx, enterpriseIds: number[]) {
    if (enterpriseIds.length === 0) return Promise.resolve([])
    const query = db
      .selectFrom('risks')
      .select([
        'id',
        'enterprise_id',
        'area',
        'area_name',
        'post',
        'level',
        'measures',
        'owner',
        'next_review_date',
        'status',
      ])
      .where('enterprise_id', 'in', enterpriseIds)
      .orderBy('enterprise_id')
    return inRegisterOrder(query).execute()
  },
}
