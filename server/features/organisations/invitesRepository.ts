import { changedOne, type DbOrTrx } from '../../core/db/database'
import { AppError } from '../../core/errors'
import type { InviteRow } from '../../core/db/schema'
import type { TDepartmentInvite, TDepartmentRole, TInvite } from '../../../src/models/invite'
import { ROLE_LABELS, type TEnterpriseRole, type TRole } from '../../../src/models/org'
import { hasRole, SINGLE_USE_INVITE_ROLES } from '../../../src/models/roles'

/**
 * How many people an invite of `role` admits: one for a role one person holds (联络员, 负责人, 支部书记, 办公室),
 * else what was asked or `staffDefault`. Asking a one-person invite for more is refused, not quietly cut.
 */
export function inviteMaxUses(role: TRole, asked: number | undefined, staffDefault: number): number {
  if (!hasRole(SINGLE_USE_INVITE_ROLES, role)) return asked ?? staffDefault
  if (asked !== undefined && asked !== 1)
    throw new AppError(400, 'INVITE_SINGLE_USE', `${ROLE_LABELS[role]}邀请码仅限1人使用`, [
      { path: 'maxUses', message: `${ROLE_LABELS[role]}邀请码仅限1人使用` },
    ])
  return 1
}

/** The answer to a code whose uses are all taken (a one-person invite says so plainly). */
export function inviteUsedUp(maxUses: number): AppError {
  return maxUses === 1
    ? new AppError(409, 'INVITE_USED_UP', '该邀请码仅限1人使用，已被他人使用；请向发码人索取新的邀请码')
    : new AppError(409, 'INVITE_USED_UP')
}

/** What an invite shows of itself, for an enterprise's or a department's. */
function inviteFields(row: InviteRow) {
  return { id: row.id, code: row.code, expiresAt: row.expires_at, maxUses: row.max_uses, uses: row.uses }
}

/** An enterprise's invite as the API shows it. */
export function toInvite(row: InviteRow): TInvite {
  return { ...inviteFields(row), enterpriseId: row.enterprise_id!, role: row.role as TEnterpriseRole }
}

/** A department's invite as the API shows it. */
export function toDepartmentInvite(row: InviteRow): TDepartmentInvite {
  return { ...inviteFields(row), departmentId: row.department_id!, role: row.role as TDepartmentRole }
}

/** One invite concept for both kinds: it names an enterprise or (with `departmentId`) a department. */
export const invitesRepository = {
  insert(
    db: DbOrTrx,
    values: {
      code: string
      /** The enterprise invited to; leave it out (or null) for a department's invite. */
      enterpriseId?: number | null
      departmentId?: number | null
      role: TEnterpriseRole | TRole
      createdBy: number
      expiresAt: string
      maxUses: number
    },
    now: string,
  ) {
    return db
      .insertInto('invites')
      .values({
        code: values.code,
        enterprise_id: values.enterpriseId ?? null,
        department_id: values.departmentId ?? null,
        role: values.role,
        created_by: values.createdBy,
        expires_at: values.expiresAt,
        max_uses: values.maxUses,
        uses: 0,
        revoked_at: null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  },
  findByCode(db: DbOrTrx, code: string) {
    return db.selectFrom('invites').selectAll().where('code', '=', code).executeTakeFirst()
  },
  /** The organisation's invites still open (not revoked, uses left), newest first. */
  listOpen(db: DbOrTrx, column: 'enterprise_id' | 'department_id', organisationId: number) {
    return db
      .selectFrom('invites')
      .selectAll()
      .where(column, '=', organisationId)
      .where('revoked_at', 'is', null)
      .whereRef('uses', '<', 'max_uses')
      .orderBy('id', 'desc')
      .execute()
  },
  async listForEnterprise(db: DbOrTrx, enterpriseId: number) {
    return (await invitesRepository.listOpen(db, 'enterprise_id', enterpriseId)).map(toInvite)
  },
  async listForDepartment(db: DbOrTrx, departmentId: number) {
    return (await invitesRepository.listOpen(db, 'department_id', departmentId)).map(toDepartmentInvite)
  },
  /** Counts a use only while the invite still has uses left (checked in the same statement). */
  async consume(db: DbOrTrx, id: number): Promise<boolean> {
    return changedOne(
      db
        .updateTable('invites')
        .set((eb) => ({ uses: eb('uses', '+', 1) }))
        .where('id', '=', id)
        .whereRef('uses', '<', 'max_uses'),
    )
  },
}
