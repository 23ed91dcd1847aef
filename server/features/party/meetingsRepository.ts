import type { Insertable } from 'kysely'
import { changedOne, type DbOrTrx } from '../../core/db/database'
import { namesById } from '../../core/db/names'
import { findRow } from '../../core/db/rows'
import type { MeetingRevisionTable, MeetingRow } from '../../core/db/schema'

/** Meeting records (三会一课), their attendance and revisions. */
export const meetingsRepository = {
  find(db: DbOrTrx, branchId: number, meetingId: number): Promise<MeetingRow | undefined> {
    return findRow(db, 'meetings', { id: meetingId, branch_id: branchId })
  },

  /**
   * The record as it stands, its row locked for the rest of the transaction (a no-op update): a write
   * that starts here sees a concurrent submit, correction or deletion whole (PostgreSQL waits for it).
   * `draftOnly`: only while it is a draft (what deleting a draft needs).
   */
  lock(db: DbOrTrx, branchId: number, meetingId: number, draftOnly = false): Promise<MeetingRow | undefined> {
    let query = db
      .updateTable('meetings')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', meetingId)
      .where('branch_id', '=', branchId)
    if (draftOnly) query = query.where('status', '=', 'draft')
    return query.returningAll().executeTakeFirst()
  },

  /**
   * Deletes a draft with its attendance (the caller holds its lock); false when it is no longer a draft,
   * and the caller then rolls back.
   */
  async deleteDraft(db: DbOrTrx, meetingId: number): Promise<boolean> {
    await db.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute()
    return changedOne(db.deleteFrom('meetings').where('id', '=', meetingId).where('status', '=', 'draft'))
  },

  /** Names of these party members. */
  memberNames(db: DbOrTrx, memberIds: number[]): Promise<Map<number, string>> {
    return namesById(db, 'party_members', memberIds)
  },

  attendance(db: DbOrTrx, meetingId: number) {
    return db
      .selectFrom('meeting_attendance as a')
      .innerJoin('party_members as m', 'm.id', 'a.member_id')
      .select(['a.member_id', 'a.status', 'a.reason', 'a.method', 'm.name', 'm.branch_role'])
      .where('a.meeting_id', '=', meetingId)
      .execute()
  },

  revisions(db: DbOrTrx, meetingId: number) {
    return db
      .selectFrom('meeting_revisions as r')
      .innerJoin('users as u', 'u.id', 'r.changed_by')
      .select(['r.revision', 'r.reason', 'r.snapshot', 'r.changes', 'r.created_at', 'u.name'])
      .where('r.meeting_id', '=', meetingId)
      .orderBy('r.revision')
      .execute()
  },

  async groupName(db: DbOrTrx, groupId: number): Promise<string | undefined> {
    const group = await db
      .selectFrom('party_groups')
      .select('name')
      .where('id', '=', groupId)
      .executeTakeFirst()
    return group?.name
  },

  /** A branch's records, newest first (500 at most), optionally in [from, to) and of one type, with their attachment counts. */
  list(db: DbOrTrx, branchId: number, filter: { range?: [string, string]; type?: string }) {
    let q = db
      .selectFrom('meetings as m')
      .leftJoin('party_groups as g', 'g.id', 'm.group_id')
      .select((eb) => [
        'm.id',
        'm.type',
        'm.group_id',
        'g.name as group_name',
        'm.topic',
        'm.starts_at',
        'm.status',
        'm.expected_count',
        'm.present_count',
        'm.revision',
        eb
          .selectFrom('evidence_files as f')
          .select((f) => f.fn.countAll<number>().as('n'))
          .whereRef('f.meeting_id', '=', 'm.id')
          .where('f.deleted_at', 'is', null)
          .as('attachment_count'),
      ])
      .where('m.branch_id', '=', branchId)
    if (filter.range)
      q = q.where('m.starts_at', '>=', filter.range[0]).where('m.starts_at', '<', filter.range[1])
    if (filter.type) q = q.where('m.type', '=', filter.type)
    return q.orderBy('m.starts_at', 'desc').orderBy('m.id', 'desc').limit(500).execute()
  },

  /** Submitted records of these branches in [from, to), with 实到 (compliance counts those with someone present). */
  submittedIn(db: DbOrTrx, branchIds: number[], [from, to]: [string, string]) {
    return db
      .selectFrom('meetings')
      .select(['branch_id', 'type', 'starts_at', 'group_id', 'status', 'present_count'])
      .where('branch_id', 'in', branchIds)
      .where('status', '=', 'submitted')
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .execute()
  },

  /** The start of each branch's latest submitted record that counts (someone present). */
  lastSubmitted(db: DbOrTrx, branchIds: number[]) {
    if (branchIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('meetings')
      .select(['branch_id', (eb) => eb.fn.max('starts_at').as('last')])
      .where('branch_id', 'in', branchIds)
      .where('status', '=', 'submitted')
      .where('present_count', '>', 0)
      .groupBy('branch_id')
      .execute()
  },

  /** A branch's records in [from, to), oldest first, with their group's name. */
  ofYear(db: DbOrTrx, branchId: number, [from, to]: [string, string]) {
    return db
      .selectFrom('meetings as m')
      .leftJoin('party_groups as g', 'g.id', 'm.group_id')
      .selectAll('m')
      .select('g.name as group_name')
      .where('m.branch_id', '=', branchId)
      .where('m.starts_at', '>=', from)
      .where('m.starts_at', '<', to)
      .orderBy('m.starts_at')
      .orderBy('m.id')
      .execute()
  },

  /** Who was absent from these records, and why. */
  absences(db: DbOrTrx, meetingIds: number[]) {
    if (meetingIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('meeting_attendance as a')
      .innerJoin('party_members as p', 'p.id', 'a.member_id')
      .select(['a.meeting_id', 'p.name', 'a.reason'])
      .where('a.meeting_id', 'in', meetingIds)
      .where('a.status', '=', 'absent')
      .execute()
  },

  /** The branch's latest record of that type. */
  last(db: DbOrTrx, branchId: number, type: string): Promise<MeetingRow | undefined> {
    return db
      .selectFrom('meetings')
      .selectAll()
      .where('branch_id', '=', branchId)
      .where('type', '=', type)
      .orderBy('starts_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
  },

  /** Active members of the branch, or of one of its groups. */
  /** The branch's members as the roll rule (rollOf) reads them. */
  async rollCandidates(db: DbOrTrx, branchId: number) {
    const rows = await db
      .selectFrom('party_members')
      .select(['id', 'active', 'branch_role', 'group_id'])
      .where('branch_id', '=', branchId)
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      active: r.active === 1,
      branchRole: r.branch_role,
      groupId: r.group_id,
    }))
  },

  /** Among these members, those whose account signed in to the event. */
  async membersSignedIn(db: DbOrTrx, eventId: number, memberIds: number[]): Promise<Set<number>> {
    const rows = await db
      .selectFrom('party_members as m')
      .innerJoin('sign_ins as s', 's.user_id', 'm.user_id')
      .select('m.id')
      .where('s.event_id', '=', eventId)
      .where('m.id', 'in', memberIds)
      .execute()
    return new Set(rows.map((r) => r.id))
  },

  insert(db: DbOrTrx, values: Omit<MeetingRow, 'id'>): Promise<MeetingRow> {
    return db.insertInto('meetings').values(values).returningAll().executeTakeFirstOrThrow()
  },

  update(db: DbOrTrx, id: number, values: Partial<Omit<MeetingRow, 'id'>>): Promise<MeetingRow> {
    return db
      .updateTable('meetings')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async insertRevision(db: DbOrTrx, values: Insertable<MeetingRevisionTable>): Promise<void> {
    await db.insertInto('meeting_revisions').values(values).execute()
  },

  /** Replaces a record's attendance. */
  async setAttendance(
    db: DbOrTrx,
    meetingId: number,
    attendance: {
      memberId: number
      status: 'present' | 'absent'
      reason: string | null
      method: 'tick' | 'scan'
    }[],
    replace: boolean,
  ): Promise<void> {
    if (replace) await db.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute()
    if (attendance.length)
      await db
        .insertInto('meeting_attendance')
        .values(
          attendance.map((a) => ({
            meeting_id: meetingId,
            member_id: a.memberId,
            status: a.status,
            reason: a.reason,
            method: a.method,
          })),
        )
        .execute()
  },
}
