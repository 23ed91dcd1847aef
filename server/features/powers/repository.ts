import type { Insertable, Selectable } from 'kysely'
import { changedOne, type DbOrTrx } from '../../core/db/database'
import { findRow, updateAtVersion } from '../../core/db/rows'
import type { MajorDecisionRevisionTable, MajorDecisionTable, PowerListTable } from '../../core/db/schema'
import { supervisedEnterpriseIds } from '../../core/access'
import { pageWithTotal } from '../../core/db/page'
import { SOE_LEADER_OWNERSHIPS } from '../../../src/models/org'

export type PowerListRow = Selectable<PowerListTable>
export type DecisionRow = Selectable<MajorDecisionTable>
type DecisionFields = Pick<
  Insertable<MajorDecisionTable>,
  'subject' | 'category' | 'decided_on' | 'meeting' | 'attendees' | 'result'
>

/** An enterprise's published 权力清单 versions, with who published each. */
function publishedVersions(db: DbOrTrx, enterpriseId: number) {
  return db
    .selectFrom('power_list_versions as v')
    .leftJoin('users as u', 'u.id', 'v.published_by')
    .select(['v.id', 'v.version', 'v.content', 'v.published_at', 'u.name as published_by_name'])
    .where('v.enterprise_id', '=', enterpriseId)
}

/** 权力清单 rows: the draft, its published versions and their 已阅; every lookup narrowed to one enterprise. */
export const powersRepository = {
  draft(db: DbOrTrx, enterpriseId: number): Promise<PowerListRow | undefined> {
    return findRow(db, 'power_lists', { enterprise_id: enterpriseId })
  },

  /** The first edit: false when another made it first (the unique enterprise_id). */
  async insertDraft(
    db: DbOrTrx,
    values: { enterprise_id: number; content: string; updated_by: number; updated_at: string },
  ): Promise<boolean> {
    const inserted = await db
      .insertInto('power_lists')
      .values({ ...values, revision: 1, dirty: 1, published_version: 0 })
      .onConflict((oc) => oc.column('enterprise_id').doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
  },

  /** An edit on the revision read: false when the draft moved on meanwhile. */
  async updateDraft(
    db: DbOrTrx,
    enterpriseId: number,
    revision: number,
    values: { content: string; updated_by: number; updated_at: string },
  ): Promise<boolean> {
    return changedOne(
      db
        .updateTable('power_lists')
        .set((eb) => ({ ...values, revision: eb('revision', '+', 1), dirty: 1 }))
        .where('enterprise_id', '=', enterpriseId)
        .where('revision', '=', revision),
    )
  },

  /**
   * Claims the next version number for the revision read, if the draft changed since the last one: one
   * conditional UPDATE, so of two publishes at once only one claims it (the other finds `dirty = 0`).
   */
  async claimPublish(db: DbOrTrx, enterpriseId: number, revision: number): Promise<number | null> {
    const row = await db
      .updateTable('power_lists')
      .set((eb) => ({ dirty: 0, published_version: eb('published_version', '+', 1) }))
      .where('enterprise_id', '=', enterpriseId)
      .where('revision', '=', revision)
      .where('dirty', '=', 1)
      .returning('published_version')
      .executeTakeFirst()
    return row?.published_version ?? null
  },

  insertVersion(
    db: DbOrTrx,
    values: {
      enterprise_id: number
      version: number
      content: string
      published_by: number
      published_at: string
    },
  ) {
    return db.insertInto('power_list_versions').values(values).returning('id').executeTakeFirstOrThrow()
  },

  /** Published versions, newest first, with who published them. */
  versions(db: DbOrTrx, enterpriseId: number) {
    return publishedVersions(db, enterpriseId).orderBy('v.version', 'desc').execute()
  },

  version(db: DbOrTrx, enterpriseId: number, version: number) {
    return publishedVersions(db, enterpriseId).where('v.version', '=', version).executeTakeFirst()
  },

  acks(db: DbOrTrx, versionIds: number[]) {
    if (versionIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('power_list_acks as a')
      .innerJoin('departments as d', 'd.id', 'a.department_id')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select([
        'a.version_id',
        'a.department_id',
        'd.name as department_name',
        'u.name as user_name',
        'a.acknowledged_at',
      ])
      .where('a.version_id', 'in', versionIds)
      .orderBy('a.id')
      .execute()
  },

  /**
   * For 任务: each current version (the last published) of the 国企 these departments supervise, once per
   * department that has not acknowledged it yet. One query for all their enterprises, whatever their number.
   */
  unacknowledged(db: DbOrTrx, departmentIds: number[]) {
    if (departmentIds.length === 0) return Promise.resolve([])
    // As a derived table: its `enterprise_id` is unqualified, and would be ambiguous joined directly.
    const links = supervisedEnterpriseIds(db, departmentIds).select('department_id').as('s')
    return (
      db
        .selectFrom(links)
        .innerJoin('power_lists as p', 'p.enterprise_id', 's.enterprise_id')
        .innerJoin('power_list_versions as v', (j) =>
          j.onRef('v.enterprise_id', '=', 'p.enterprise_id').onRef('v.version', '=', 'p.published_version'),
        )
        .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
        .innerJoin('departments as d', 'd.id', 's.department_id')
        .select(['v.id', 'v.enterprise_id', 'v.version', 'e.name as enterprise_name'])
        .select('d.name as department_name')
        // Another ownership cannot open the page (403 POWERS_NOT_SOE): it is no one's to-do.
        .where('e.ownership', 'in', [...SOE_LEADER_OWNERSHIPS])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('power_list_acks as a')
                .select('a.id')
                .whereRef('a.version_id', '=', 'v.id')
                .whereRef('a.department_id', '=', 's.department_id'),
            ),
          ),
        )
        .orderBy('v.id')
        .orderBy('s.department_id')
        .execute()
    )
  },

  /** 已阅 by each department, once: a department that already acknowledged keeps its first. */
  async acknowledge(db: DbOrTrx, versionId: number, departmentIds: number[], userId: number, at: string) {
    if (departmentIds.length === 0) return
    await db
      .insertInto('power_list_acks')
      .values(
        departmentIds.map((d) => ({
          version_id: versionId,
          department_id: d,
          user_id: userId,
          acknowledged_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['version_id', 'department_id']).doNothing())
      .execute()
  },
}

/** The “三重一大” log; every lookup narrowed to one enterprise (another's id finds nothing). */
export const decisionsRepository = {
  find(db: DbOrTrx, enterpriseId: number, id: number): Promise<DecisionRow | undefined> {
    return findRow(db, 'major_decisions', { id, enterprise_id: enterpriseId })
  },

  async page(
    db: DbOrTrx,
    enterpriseId: number,
    filter: { category?: DecisionRow['category']; from?: string; to?: string },
    page: number,
    pageSize: number,
  ): Promise<{ rows: DecisionRow[]; total: number }> {
    let query = db.selectFrom('major_decisions').where('enterprise_id', '=', enterpriseId)
    if (filter.category) query = query.where('category', '=', filter.category)
    if (filter.from) query = query.where('decided_on', '>=', filter.from)
    if (filter.to) query = query.where('decided_on', '<=', filter.to)
    const newestFirst = (q: typeof query) => q.selectAll().orderBy('decided_on', 'desc').orderBy('id', 'desc')
    return pageWithTotal(query, newestFirst, { page, pageSize })
  },

  /** The years (北京时间 dates' first four characters) that have entries, newest first. */
  async years(db: DbOrTrx, enterpriseId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('major_decisions')
      .select('decided_on')
      .distinct()
      .where('enterprise_id', '=', enterpriseId)
      .execute()
    return [...new Set(rows.map((r) => Number(r.decided_on.slice(0, 4))))].sort((a, b) => b - a)
  },

  async insert(
    db: DbOrTrx,
    values: DecisionFields & { enterprise_id: number; created_by: number; created_at: string },
  ): Promise<number> {
    const row = await db
      .insertInto('major_decisions')
      .values({ ...values, version: 1, updated_at: values.created_at })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  },

  /** A correction on the version read: false when another corrected it meanwhile. */
  async update(
    db: DbOrTrx,
    enterpriseId: number,
    id: number,
    version: number,
    values: DecisionFields & { updated_at: string },
  ): Promise<boolean> {
    return updateAtVersion(db, 'major_decisions', { id, enterprise_id: enterpriseId }, version, values)
  },

  async record(db: DbOrTrx, values: Omit<Insertable<MajorDecisionRevisionTable>, 'id'>): Promise<void> {
    await db.insertInto('major_decision_revisions').values(values).execute()
  },

  revisions(db: DbOrTrx, decisionId: number) {
    return db
      .selectFrom('major_decision_revisions as r')
      .leftJoin('users as u', 'u.id', 'r.actor_id')
      .select(['r.before', 'r.after', 'r.note', 'r.created_at', 'u.name'])
      .where('r.decision_id', '=', decisionId)
      .orderBy('r.id')
      .execute()
  },
}
