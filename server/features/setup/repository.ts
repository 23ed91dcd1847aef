import type { DbOrTrx } from '../../core/db/database'
import { enterprisesWithLiaisonInUse } from '../organisations/membershipsRepository'

/** One-time administrator codes (only their SHA-256) and the county's office. */
export const setupRepository = {
  findOffice(db: DbOrTrx) {
    return db
      .selectFrom('departments')
      .selectAll()
      .where('is_office', '=', 1)
      .orderBy('id')
      .executeTakeFirst()
  },

  /** The county's name as `npm run setup` gave it (null: none given, e.g. the demo). */
  async countyName(db: DbOrTrx): Promise<string | null> {
    const row = await db
      .selectFrom('county_settings')
      .select('county_name')
      .where('id', '=', 1)
      .executeTakeFirst()
    return row?.county_name ?? null
  },

  /** The settings row exists from migration 0036 on. */
  setCountyName(db: DbOrTrx, county: string) {
    return db.updateTable('county_settings').set({ county_name: county }).where('id', '=', 1).execute()
  },

  /** Every code of the office not yet used or revoked stops working. */
  revokeOpenCodes(db: DbOrTrx, departmentId: number, now: string) {
    return db
      .updateTable('admin_codes')
      .set({ revoked_at: now })
      .where('department_id', '=', departmentId)
      .where('redeemed_by', 'is', null)
      .where('revoked_at', 'is', null)
      .execute()
  },

  insertCode(db: DbOrTrx, departmentId: number, codeSha256: string, expiresAt: string, now: string) {
    return db
      .insertInto('admin_codes')
      .values({
        department_id: departmentId,
        code_sha256: codeSha256,
        expires_at: expiresAt,
        created_at: now,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow()
  },

  /**
   * Marks the code used by `userId` if it is still open (not used, not revoked, not expired), in one
   * conditional update: of several concurrent redeems exactly one gets the row back.
   */
  claim(db: DbOrTrx, codeSha256: string, userId: number, now: string) {
    return db
      .updateTable('admin_codes')
      .set({ redeemed_by: userId, redeemed_at: now })
      .where('code_sha256', '=', codeSha256)
      .where('redeemed_by', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'department_id'])
      .executeTakeFirst()
  },

  /**
   * What the office's switching-on to-dos ask (setup/todos.ts): whether a department other than the office
   * is in use, whether any enterprise is registered, how many have no liaison in use, whether the county
   * decided its 完成期限 (`updated_at`: set by the office or `npm run setup --deadline`, a date or `none`),
   * and the newest import that printed 联络员邀请函 (its page downloads them again).
   */
  async switchingOn(db: DbOrTrx) {
    const [department, enterprise, withoutLiaison, settings, letters] = await Promise.all([
      db
        .selectFrom('departments')
        .select('id')
        .where('is_office', '=', 0)
        .where('retired_at', 'is', null)
        .limit(1)
        .executeTakeFirst(),
      db.selectFrom('enterprises').select('id').limit(1).executeTakeFirst(),
      db
        .selectFrom('enterprises')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('id', 'not in', enterprisesWithLiaisonInUse(db))
        .executeTakeFirstOrThrow(),
      db.selectFrom('county_settings').select('updated_at').where('id', '=', 1).executeTakeFirst(),
      // The stored result is JSON.stringify's: an import that made no invite says "createdInvites":[].
      db
        .selectFrom('enterprise_imports')
        .select('id')
        .where('state', '=', 'committed')
        .where('commit_result', 'not like', '%"createdInvites":[]%')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ])
    return {
      hasDepartment: department !== undefined,
      hasEnterprise: enterprise !== undefined,
      withoutLiaison: Number(withoutLiaison.count),
      deadlineDecided: (settings?.updated_at ?? null) !== null,
      lettersImportId: letters?.id ?? null,
    }
  },

  /** An audit row for what the script did (no user, no address). */
  async audit(
    db: DbOrTrx,
    row: { action: string; entityType: string; entityId: string; detail: unknown; at: string },
  ): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({
        user_id: null,
        action: row.action,
        entity_type: row.entityType,
        entity_id: row.entityId,
        detail: JSON.stringify(row.detail),
        ip: null,
        created_at: row.at,
        organisation_kind: null,
        organisation_id: null,
      })
      .execute()
  },
}
