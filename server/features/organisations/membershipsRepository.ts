import type { DbOrTrx } from '../../core/db/database'
import type { MembershipRow } from '../../core/db/schema'
import type { TMember, TMembership, TRole } from '../../../src/models/org'
import { maskPhone } from '../../../src/models/phone'

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
      .where('m.status', '!=', 'rejected')
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

  async listMembersOfEnterprise(db: DbOrTrx, enterpriseId: number): Promise<TMember[]> {
    const rows = await db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.id', 'm.user_id', 'm.role', 'm.status', 'm.created_at', 'u.name', 'u.phone'])
      .where('m.organisation_kind', '=', 'enterprise')
      .where('m.organisation_id', '=', enterpriseId)
      .orderBy('m.status', 'desc')
      .orderBy('m.id')
      .execute()
    return rows.map((r) => ({
      membershipId: r.id,
      userId: r.user_id,
      name: r.name,
      phoneMasked: maskPhone(r.phone),
      role: r.role as TRole,
      status: r.status,
      createdAt: r.created_at,
    }))
  },

  findInEnterprise(db: DbOrTrx, enterpriseId: number, membershipId: number) {
    return db
      .selectFrom('memberships')
      .selectAll()
      .where('id', '=', membershipId)
      .where('organisation_kind', '=', 'enterprise')
      .where('organisation_id', '=', enterpriseId)
      .executeTakeFirst()
  },

  findExisting(
    db: DbOrTrx,
    userId: number,
    kind: 'department' | 'enterprise',
    organisationId: number,
    role: string,
  ) {
    return db
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', userId)
      .where('organisation_kind', '=', kind)
      .where('organisation_id', '=', organisationId)
      .where('role', '=', role)
      .executeTakeFirst()
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
