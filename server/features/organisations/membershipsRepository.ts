import type { DbOrTrx } from '../../core/db/database'
import { findRow } from '../../core/db/rows'
import type { MembershipRow } from '../../core/db/schema'
import type { TMember, TMembership, TRole } from '../../../src/models/org'
import { maskPhone, normalizeMobilePhone } from '../../../src/models/phone'

type OrgKind = 'department' | 'enterprise'

/**
 * The liaison registered by the import beside a liaison's request, compared in full on the server so the
 * approver sees whether it is the expected person without the phones leaving their mask.
 */
function registeredLiaison(
  e: { liaison_name: string | null; liaison_phone: string | null },
  person: { name: string; phone: string | null },
): Pick<TMember, 'registered'> {
  if (!e.liaison_name && !e.liaison_phone) return {}
  const phone = person.phone ? normalizeMobilePhone(person.phone) : null
  return {
    registered: {
      name: e.liaison_name,
      phoneMasked: maskPhone(e.liaison_phone),
      nameMatches: e.liaison_name ? e.liaison_name.trim() === person.name.trim() : null,
      phoneMatches: e.liaison_phone && phone ? normalizeMobilePhone(e.liaison_phone) === phone : null,
    },
  }
}

/**
 * The enterprises that have a liaison in use (approved, account not disabled), as a subquery of ids: the
 * office decides their requests where there is none (joinDeciders.ts), and 任务 counts those without one.
 */
export function enterprisesWithLiaisonInUse(db: DbOrTrx) {
  return db
    .selectFrom('memberships as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select('l.organisation_id')
    .where('l.organisation_kind', '=', 'enterprise')
    .where('l.role', '=', 'liaison')
    .where('l.status', '=', 'approved')
    .where('u.disabled_at', 'is', null)
}

export const membershipsRepository = {
  /** The caller's memberships of every status, with the organisation's name. */
  async listForUser(db: DbOrTrx, userId: number): Promise<TMembership[]> {
    const rows = await db
      .selectFrom('memberships as m')
      .leftJoin('enterprises as e', (j) =>
        j.onRef('e.id', '=', 'm.organisation_id').on('m.organisation_kind', '=', 'enterprise'),
      )
      .leftJoin('departments as d', (j) =>
        j.onRef('d.id', '=', 'm.organisation_id').on('m.organisation_kind', '=', 'department'),
      )
      .select([
        'm.id',
        'm.organisation_kind',
        'm.organisation_id',
        'm.role',
        'm.status',
        'e.name as enterprise_name',
        'd.name as department_name',
      ])
      .where('m.user_id', '=', userId)
      .where('m.status', 'not in', ['rejected', 'removed'])
      .orderBy('m.organisation_kind')
      .orderBy('m.id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      organisationKind: r.organisation_kind,
      organisationId: r.organisation_id,
      organisationName: (r.organisation_kind === 'enterprise' ? r.enterprise_name : r.department_name) ?? '',
      role: r.role as TRole,
      status: r.status,
    }))
  },

  /** An organisation's members and join requests of every status (phones masked), requests first. */
  async listMembers(db: DbOrTrx, kind: OrgKind, organisationId: number): Promise<TMember[]> {
    const rows = await db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select([
        'm.id',
        'm.user_id',
        'm.role',
        'm.status',
        'm.created_at',
        'u.name',
        'u.phone',
        'u.disabled_at',
      ])
      .where('m.organisation_kind', '=', kind)
      .where('m.organisation_id', '=', organisationId)
      .orderBy('m.status', 'desc')
      .orderBy('m.id')
      .execute()
    const registered =
      kind === 'enterprise'
        ? await db
            .selectFrom('enterprises')
            .select(['liaison_name', 'liaison_phone'])
            .where('id', '=', organisationId)
            .executeTakeFirst()
        : undefined
    return rows.map((r) => ({
      membershipId: r.id,
      userId: r.user_id,
      name: r.name,
      phoneMasked: maskPhone(r.phone),
      role: r.role as TRole,
      status: r.status,
      createdAt: r.created_at,
      disabled: r.disabled_at !== null,
      ...(r.status === 'pending' && r.role === 'liaison' && registered
        ? registeredLiaison(registered, r)
        : {}),
    }))
  },

  /**
   * Join requests waiting, counted per organisation, for 任务. `scope` narrows them to whose task they are
   * (see joinDeciders.ts): the organisations given, or, for the office, the enterprise requests nobody in
   * the enterprise can decide (a liaison's own request, or any request where no liaison is in use). A
   * person's own request is never their task: nobody decides their own (decideJoinRequest).
   */
  async pendingJoins(
    db: DbOrTrx,
    kind: OrgKind,
    scope: { organisationIds: number[] } | { all: true } | { noLiaisonInUse: true },
    exceptUserId: number,
  ) {
    if ('organisationIds' in scope && scope.organisationIds.length === 0) return []
    let query = db
      .selectFrom('memberships as m')
      .select((eb) => [
        'm.organisation_id',
        eb.fn.countAll<number | string>().as('count'),
        eb.fn.max('m.id').as('latest_id'),
      ])
      .where('m.organisation_kind', '=', kind)
      .where('m.status', '=', 'pending')
      .where('m.user_id', '!=', exceptUserId)
      .groupBy('m.organisation_id')
    if ('organisationIds' in scope) query = query.where('m.organisation_id', 'in', scope.organisationIds)
    if ('noLiaisonInUse' in scope)
      query = query.where((eb) =>
        eb.or([
          eb('m.role', '=', 'liaison'),
          eb('m.organisation_id', 'not in', enterprisesWithLiaisonInUse(db)),
        ]),
      )
    const rows = await query.execute()
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      count: Number(r.count),
      latestId: Number(r.latest_id),
    }))
  },

  findInOrganisation(db: DbOrTrx, kind: OrgKind, organisationId: number, membershipId: number) {
    return findRow(db, 'memberships', {
      id: membershipId,
      organisation_kind: kind,
      organisation_id: organisationId,
    })
  },

  /**
   * Takes the organisation's row lock (a no-op update) for the rest of the transaction: every change to
   * who holds which role there runs after it, so a count checked next stays true until commit (PostgreSQL;
   * SQLite runs one write transaction at a time). False when the organisation does not exist.
   */
  async lockOrganisation(db: DbOrTrx, kind: OrgKind, organisationId: number): Promise<boolean> {
    const result =
      kind === 'enterprise'
        ? await db
            .updateTable('enterprises')
            .set((eb) => ({ updated_at: eb.ref('updated_at') }))
            .where('id', '=', organisationId)
            .executeTakeFirst()
        : await db
            .updateTable('departments')
            .set((eb) => ({ name: eb.ref('name') }))
            .where('id', '=', organisationId)
            .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  },

  /** Locks every office department's row (see lockOrganisation): before a change to who is office. */
  async lockOfficeDepartments(db: DbOrTrx): Promise<void> {
    await db
      .updateTable('departments')
      .set((eb) => ({ name: eb.ref('name') }))
      .where('is_office', '=', 1)
      .execute()
  },

  /** Approved holders of `role` there whose account is not disabled, leaving out `exceptUserId`. */
  async countActiveHolders(
    db: DbOrTrx,
    kind: OrgKind,
    organisationId: number,
    role: TRole,
    exceptUserId: number,
  ): Promise<number> {
    const row = await db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('m.organisation_kind', '=', kind)
      .where('m.organisation_id', '=', organisationId)
      .where('m.role', '=', role)
      .where('m.status', '=', 'approved')
      .where('u.disabled_at', 'is', null)
      .where('m.user_id', '!=', exceptUserId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  /** The person's memberships there (every role), of the statuses given. */
  listOfPerson(db: DbOrTrx, userId: number, kind: OrgKind, organisationId: number) {
    return db
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', userId)
      .where('organisation_kind', '=', kind)
      .where('organisation_id', '=', organisationId)
      .orderBy('id')
      .execute()
  },

  /** 调整角色: only while the membership is approved and still holds `from`. */
  changeRole(db: DbOrTrx, id: number, from: string, to: string) {
    return db
      .updateTable('memberships')
      .set({ role: to })
      .where('id', '=', id)
      .where('role', '=', from)
      .where('status', '=', 'approved')
      .returningAll()
      .executeTakeFirst()
  },

  /** The person left: their pending and approved memberships there end (the rows and their records stay). */
  async endAll(db: DbOrTrx, userId: number, kind: OrgKind, organisationId: number, by: number, now: string) {
    const result = await db
      .updateTable('memberships')
      .set({ status: 'removed', decided_by: by, decided_at: now })
      .where('user_id', '=', userId)
      .where('organisation_kind', '=', kind)
      .where('organisation_id', '=', organisationId)
      .where('status', 'in', ['pending', 'approved'])
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  },

  /** Ends one membership (a role handed over while the person holds another one here). */
  endOne(db: DbOrTrx, id: number, by: number, now: string) {
    return db
      .updateTable('memberships')
      .set({ status: 'removed', decided_by: by, decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'approved')
      .returningAll()
      .executeTakeFirst()
  },

  /** An ended or refused membership granted again (the liaison role handed to this person). */
  grantAgain(db: DbOrTrx, id: number, by: number, now: string) {
    return db
      .updateTable('memberships')
      .set({ status: 'approved', decided_by: by, decided_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['rejected', 'removed', 'pending'])
      .returningAll()
      .executeTakeFirst()
  },

  findExisting(db: DbOrTrx, userId: number, kind: OrgKind, organisationId: number, role: string) {
    return findRow(db, 'memberships', {
      user_id: userId,
      organisation_kind: kind,
      organisation_id: organisationId,
      role,
    })
  },

  insert(
    db: DbOrTrx,
    values: Pick<MembershipRow, 'user_id' | 'organisation_kind' | 'organisation_id' | 'role' | 'status'> & {
      invite_id?: number | null
    },
    now: string,
  ) {
    return db
      .insertInto('memberships')
      .values({
        ...values,
        invite_id: values.invite_id ?? null,
        decided_by: null,
        decided_at: null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  /** A rejected request made again with a new invite: pending once more. */
  requestAgain(db: DbOrTrx, id: number, inviteId: number) {
    return db
      .updateTable('memberships')
      .set({ status: 'pending', invite_id: inviteId, decided_by: null, decided_at: null })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  decide(db: DbOrTrx, id: number, status: 'approved' | 'rejected', decidedBy: number, now: string) {
    return db
      .updateTable('memberships')
      .set({ status, decided_by: decidedBy, decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst()
  },
}
