import { sql, type RawBuilder, type Selectable } from 'kysely'
import { changedOne, type DbOrTrx } from '../../core/db/database'
import { findRow } from '../../core/db/rows'
import type { EnterpriseTable, PlanFilingTable } from '../../core/db/schema'
import {
  PROGRAMME_DEADLINE,
  type TLeadingGroupMember,
  type TPlanFilingStatus,
} from '../../../src/models/milestones'

export type PlanFilingRow = Selectable<PlanFilingTable> & {
  department_name: string
  submitted_by_name: string
  decided_by_name: string | null
}

type MilestoneDates = Partial<
  Pick<EnterpriseTable, 'leading_group_date' | 'plan_filed_date' | 'milestone_deadline'>
>

/**
 * `resolveMilestoneDeadline` (src/models/milestones.ts) in SQL, for the counts and filters over many
 * enterprises: the enterprise's own date (`ownColumn`), else the county's, else the programme's. The
 * county's is one uncorrelated look-up, read once per statement.
 */
export function deadlineSql(ownColumn: string): RawBuilder<string> {
  return sql<string>`coalesce(${sql.ref(ownColumn)}, (select cs.milestone_deadline from county_settings cs where cs.id = 1), ${PROGRAMME_DEADLINE})`
}

/** Milestones of the 实施步骤: the 领导小组's members, the 实施方案 filings, the deadlines. */
export const milestonesRepository = {
  /** The county-wide date (null: none set), with who set it and when. */
  county(db: DbOrTrx) {
    return db
      .selectFrom('county_settings as c')
      .leftJoin('users as u', 'u.id', 'c.updated_by')
      .select(['c.milestone_deadline', 'c.updated_at', 'u.name as updated_by_name'])
      .where('c.id', '=', 1)
      .executeTakeFirst()
  },

  async countyDeadline(db: DbOrTrx): Promise<string | null> {
    return (await milestonesRepository.county(db))?.milestone_deadline ?? null
  },

  /** Sets (or clears) the county-wide date; the row exists from migration 0036 on. */
  setCountyDeadline(db: DbOrTrx, deadline: string | null, by: number | null, now: string) {
    return db
      .updateTable('county_settings')
      .set({ milestone_deadline: deadline, updated_by: by, updated_at: now })
      .where('id', '=', 1)
      .execute()
  },

  /** How many enterprises keep a date of their own (it wins over the county's). */
  async ownDeadlineCount(db: DbOrTrx): Promise<number> {
    const row = await db
      .selectFrom('enterprises')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('milestone_deadline', 'is not', null)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  enterprise(db: DbOrTrx, enterpriseId: number) {
    return db
      .selectFrom('enterprises')
      .select(['id', 'name', 'leading_group_date', 'plan_filed_date', 'milestone_deadline'])
      .where('id', '=', enterpriseId)
      .executeTakeFirst()
  },

  members(db: DbOrTrx, enterpriseId: number) {
    return db
      .selectFrom('leading_group_members')
      .select(['name', 'title', 'group_role'])
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('position')
      .execute()
  },

  /** Replaces the group: its set-up day on the enterprise and its members, in the order given. */
  async saveGroup(
    db: DbOrTrx,
    enterpriseId: number,
    setUpDate: string,
    members: TLeadingGroupMember[],
    now: string,
  ): Promise<void> {
    await milestonesRepository.setDates(db, enterpriseId, { leading_group_date: setUpDate }, now)
    await db.deleteFrom('leading_group_members').where('enterprise_id', '=', enterpriseId).execute()
    await db
      .insertInto('leading_group_members')
      .values(
        members.map((m, position) => ({
          enterprise_id: enterpriseId,
          position,
          name: m.name,
          title: m.title,
          group_role: m.groupRole,
          created_at: now,
        })),
      )
      .execute()
  },

  /** Sets the given milestone days on the enterprise (the group set up, the plan filed, the deadline). */
  setDates(db: DbOrTrx, enterpriseId: number, dates: MilestoneDates, now: string) {
    return db
      .updateTable('enterprises')
      .set({ ...dates, updated_at: now })
      .where('id', '=', enterpriseId)
      .execute()
  },

  /** The enterprise's filings, newest first, with the department's and the people's names. */
  filings(db: DbOrTrx, enterpriseId: number): Promise<PlanFilingRow[]> {
    return db
      .selectFrom('plan_filings as f')
      .innerJoin('departments as d', 'd.id', 'f.department_id')
      .innerJoin('users as s', 's.id', 'f.submitted_by')
      .leftJoin('users as r', 'r.id', 'f.decided_by')
      .selectAll('f')
      .select(['d.name as department_name', 's.name as submitted_by_name', 'r.name as decided_by_name'])
      .where('f.enterprise_id', '=', enterpriseId)
      .orderBy('f.revision', 'desc')
      .execute()
  },

  latest(db: DbOrTrx, enterpriseId: number) {
    return db
      .selectFrom('plan_filings')
      .selectAll()
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst()
  },

  findFiling(db: DbOrTrx, enterpriseId: number, filingId: number) {
    return findRow(db, 'plan_filings', { id: filingId, enterprise_id: enterpriseId })
  },

  /** Inserts filing number `revision`; undefined when another filing took that number first. */
  insertFiling(
    db: DbOrTrx,
    values: {
      enterpriseId: number
      revision: number
      departmentId: number
      fileIds: number[]
      submittedBy: number
      now: string
    },
  ) {
    return db
      .insertInto('plan_filings')
      .values({
        enterprise_id: values.enterpriseId,
        revision: values.revision,
        department_id: values.departmentId,
        file_ids: JSON.stringify(values.fileIds),
        status: 'submitted',
        submitted_by: values.submittedBy,
        submitted_at: values.now,
        decided_by: null,
        decided_at: null,
        return_reason: null,
      })
      .onConflict((oc) => oc.columns(['enterprise_id', 'revision']).doNothing())
      .returning('id')
      .executeTakeFirst()
  },

  /** 已收到 / 退回, only while the filing is still 待接收: false when someone decided it first. */
  async decide(
    db: DbOrTrx,
    filingId: number,
    to: Exclude<TPlanFilingStatus, 'submitted'>,
    by: number,
    reason: string | null,
    now: string,
  ): Promise<boolean> {
    return changedOne(
      db
        .updateTable('plan_filings')
        .set({ status: to, decided_by: by, decided_at: now, return_reason: reason })
        .where('id', '=', filingId)
        .where('status', '=', 'submitted'),
    )
  },

  files(db: DbOrTrx, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([])
    return db.selectFrom('evidence_files').selectAll().where('id', 'in', ids).execute()
  },

  /** The supervising departments of the enterprise (where its 实施方案 may go). */
  departments(db: DbOrTrx, enterpriseId: number) {
    return db
      .selectFrom('supervision_links as l')
      .innerJoin('departments as d', 'd.id', 'l.department_id')
      .select(['d.id', 'd.name'])
      .where('l.enterprise_id', '=', enterpriseId)
      .orderBy('d.id')
      .execute()
  },

  /** Of these enterprises, those still without their 领导小组 or their 实施方案 (任务). */
  unfinished(db: DbOrTrx, enterpriseIds: number[]) {
    if (enterpriseIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('enterprises')
      .select(['id', 'name', 'leading_group_date', 'plan_filed_date', 'milestone_deadline'])
      .where('id', 'in', enterpriseIds)
      .where((eb) => eb.or([eb('leading_group_date', 'is', null), eb('plan_filed_date', 'is', null)]))
      .orderBy('id')
      .execute()
  },

  /** Filings waiting to be received by these departments (任务 of their 监管员), oldest first. */
  toReceive(db: DbOrTrx, departmentIds: number[]) {
    if (departmentIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('plan_filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('departments as d', 'd.id', 'f.department_id')
      .select([
        'f.id',
        'f.enterprise_id',
        'f.revision',
        'e.name as enterprise_name',
        'd.name as department_name',
      ])
      .where('f.department_id', 'in', departmentIds)
      .where('f.status', '=', 'submitted')
      .orderBy('f.id')
      .execute()
  },

  /** Per enterprise: the status of its latest filing (for the overview and the 台账). */
  async latestStatuses(db: DbOrTrx, enterpriseIds: number[]): Promise<Map<number, TPlanFilingStatus>> {
    if (enterpriseIds.length === 0) return new Map()
    const rows = await db
      .selectFrom('plan_filings as f')
      .select(['f.enterprise_id', 'f.status'])
      .where('f.enterprise_id', 'in', enterpriseIds)
      .where(
        'f.revision',
        '=',
        sql<number>`(select max(g.revision) from plan_filings g where g.enterprise_id = f.enterprise_id)`,
      )
      .execute()
    return new Map(rows.map((r) => [r.enterprise_id, r.status]))
  },
}
