import type { DbOrTrx } from '../../core/db/database'

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
