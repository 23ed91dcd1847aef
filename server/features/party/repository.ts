import { supervisedEnterpriseIds } from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'
import { findOfEnterprise, hasRow } from '../../core/db/rows'
import type { PartyBranchRow, PartyMemberRow } from '../../core/db/schema'
import { BRANCH_WRITER_ROLES, type TBranchRole } from '../../../src/models/meeting'

const MEMBER_COLUMNS = ['id', 'branch_id', 'user_id', 'name', 'branch_role', 'group_id', 'active'] as const
export type MemberRow = Pick<PartyMemberRow, (typeof MEMBER_COLUMNS)[number]> & { branch_role: TBranchRole }

/** Branches, their roll (党员) and 党小组. */
export const branchesRepository = {
  /** The branch of that enterprise, with the enterprise's name. */
  async find(db: DbOrTrx, enterpriseId: number, branchId: number) {
    const found = await findOfEnterprise(db, 'party_branches', enterpriseId, branchId)
    if (!found) return undefined
    const { enterprise_name, ...branch } = found
    return { branch: branch as PartyBranchRow, enterpriseName: enterprise_name }
  },

  /** Whether the user is an active member of the branch (of its committee, with `committee`). */
  async isActiveMember(db: DbOrTrx, branchId: number, userId: number, committee = false): Promise<boolean> {
    let q = db
      .selectFrom('party_members')
      .select('id')
      .where('branch_id', '=', branchId)
      .where('user_id', '=', userId)
      .where('active', '=', 1)
    if (committee) q = q.where('branch_role', 'in', [...BRANCH_WRITER_ROLES])
    return (await q.executeTakeFirst()) !== undefined
  },

  async members(db: DbOrTrx, branchId: number): Promise<MemberRow[]> {
    const rows = await db
      .selectFrom('party_members')
      .select([...MEMBER_COLUMNS])
      .where('branch_id', '=', branchId)
      .orderBy('id')
      .execute()
    return rows as MemberRow[]
  },

  /** The groups of these branches, lowest id first. */
  groupsOf(db: DbOrTrx, branchIds: number[]) {
    return db
      .selectFrom('party_groups')
      .select(['id', 'name', 'branch_id', 'created_at'])
      .where('branch_id', 'in', branchIds)
      .orderBy('id')
      .execute()
  },

  /**
   * Every branch of the enterprises the departments supervise (all with `null`), with the enterprise's
   * name; only that enterprise's with `enterpriseId`.
   */
  listSupervised(db: DbOrTrx, departmentIds: number[] | null, enterpriseId?: number) {
    let q = db
      .selectFrom('party_branches as b')
      .innerJoin('enterprises as e', 'e.id', 'b.enterprise_id')
      .select(['b.id', 'b.name', 'b.enterprise_id', 'b.created_at', 'e.name as enterprise_name'])
    if (departmentIds) q = q.where('b.enterprise_id', 'in', supervisedEnterpriseIds(db, departmentIds))
    if (enterpriseId !== undefined) q = q.where('b.enterprise_id', '=', enterpriseId)
    return q.orderBy('b.enterprise_id').orderBy('b.id').execute()
  },

  /**
   * Enterprises in reach whose profile names a party organisation (党委/党总支/党支部) but with no 党支部
   * registered: how many, and the first `limit` by id (the rest is the 监管总览 list, `meetings=no_branch`).
   */
  async withoutBranch(db: DbOrTrx, departmentIds: number[] | null, enterpriseId?: number, limit = 50) {
    let q = db
      .selectFrom('enterprises as e')
      .where('e.party_org', '<>', 'none')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom('party_branches as b').select('b.id').whereRef('b.enterprise_id', '=', 'e.id')),
        ),
      )
    if (departmentIds) q = q.where('e.id', 'in', supervisedEnterpriseIds(db, departmentIds))
    if (enterpriseId !== undefined) q = q.where('e.id', '=', enterpriseId)
    const [count, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      q.select(['e.id', 'e.name', 'e.party_org']).orderBy('e.id').limit(limit).execute(),
    ])
    return { total: Number(count.n), rows }
  },

  groups(db: DbOrTrx, branchId: number) {
    return db
      .selectFrom('party_groups')
      .select(['id', 'name'])
      .where('branch_id', '=', branchId)
      .orderBy('id')
      .execute()
  },

  user(db: DbOrTrx, userId: number) {
    return db.selectFrom('users').select(['id', 'name']).where('id', '=', userId).executeTakeFirst()
  },

  /** The user's active places on branch rolls. */
  async rollPlacesOf(db: DbOrTrx, userId: number) {
    const rows = await db
      .selectFrom('party_members')
      .select(['branch_id', 'branch_role'])
      .where('user_id', '=', userId)
      .where('active', '=', 1)
      .execute()
    return rows as { branch_id: number; branch_role: TBranchRole }[]
  },

  /** Branches where the user is secretary, or among `branchIds`, or of the `enterpriseIds`, lowest id first. */
  listFor(db: DbOrTrx, userId: number, branchIds: number[], enterpriseIds: number[]) {
    return db
      .selectFrom('party_branches as b')
      .innerJoin('enterprises as e', 'e.id', 'b.enterprise_id')
      .select(['b.id', 'b.name', 'b.enterprise_id', 'b.secretary_user_id', 'e.name as enterprise_name'])
      .where((eb) =>
        eb.or([
          eb('b.secretary_user_id', '=', userId),
          ...(branchIds.length ? [eb('b.id', 'in', branchIds)] : []),
          ...(enterpriseIds.length ? [eb('b.enterprise_id', 'in', enterpriseIds)] : []),
        ]),
      )
      .orderBy('b.id')
      .execute()
  },

  async groupInBranch(db: DbOrTrx, branchId: number, groupId: number): Promise<boolean> {
    return hasRow(db, 'party_groups', { id: groupId, branch_id: branchId })
  },

  async groupNamed(db: DbOrTrx, branchId: number, name: string): Promise<boolean> {
    return hasRow(db, 'party_groups', { branch_id: branchId, name })
  },

  insertGroup(db: DbOrTrx, branchId: number, name: string, now: string) {
    return db
      .insertInto('party_groups')
      .values({ branch_id: branchId, name, created_at: now })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow()
  },

  async isApprovedEnterpriseMember(db: DbOrTrx, enterpriseId: number, userId: number): Promise<boolean> {
    const membership = {
      organisation_kind: 'enterprise',
      organisation_id: enterpriseId,
      status: 'approved',
    } as const
    return hasRow(db, 'memberships', { user_id: userId, ...membership })
  },

  /** Whether the user is on the branch's roll already (active or not). */
  async onRoll(db: DbOrTrx, branchId: number, userId: number): Promise<boolean> {
    return hasRow(db, 'party_members', { branch_id: branchId, user_id: userId })
  },

  async memberExists(db: DbOrTrx, branchId: number, memberId: number): Promise<boolean> {
    return hasRow(db, 'party_members', { id: memberId, branch_id: branchId })
  },

  async insertMember(db: DbOrTrx, values: Omit<PartyMemberRow, 'id'>): Promise<MemberRow> {
    const row = await db
      .insertInto('party_members')
      .values(values)
      .returning([...MEMBER_COLUMNS])
      .executeTakeFirstOrThrow()
    return row as MemberRow
  },

  async updateMember(
    db: DbOrTrx,
    memberId: number,
    values: Partial<Omit<PartyMemberRow, 'id' | 'branch_id' | 'created_at'>>,
  ): Promise<MemberRow> {
    const row = await db
      .updateTable('party_members')
      .set(values)
      .where('id', '=', memberId)
      .returning([...MEMBER_COLUMNS])
      .executeTakeFirstOrThrow()
    return row as MemberRow
  },
}
