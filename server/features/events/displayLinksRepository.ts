import type { DbOrTrx } from '../../core/db/database'

/** Display links (the big screen): stored by the SHA-256 of their token. */
export const displayLinksRepository = {
  insert(
    db: DbOrTrx,
    values: {
      event_id: number
      token_hash: string
      created_by: number
      created_at: string
      expires_at: string
    },
  ) {
    return db
      .insertInto('event_display_tokens')
      .values({ ...values, revoked_at: null, revoked_by: null })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  /** An event's links, newest first. */
  list(db: DbOrTrx, eventId: number) {
    return db
      .selectFrom('event_display_tokens')
      .select(['id', 'created_at', 'expires_at', 'revoked_at'])
      .where('event_id', '=', eventId)
      .orderBy('id', 'desc')
      .execute()
  },

  find(db: DbOrTrx, eventId: number, linkId: number) {
    return db
      .selectFrom('event_display_tokens')
      .select(['id', 'revoked_at'])
      .where('id', '=', linkId)
      .where('event_id', '=', eventId)
      .executeTakeFirst()
  },

  async revoke(db: DbOrTrx, linkId: number, by: number, now: string): Promise<void> {
    await db
      .updateTable('event_display_tokens')
      .set({ revoked_at: now, revoked_by: by })
      .where('id', '=', linkId)
      .execute()
  },

  byTokenHash(db: DbOrTrx, tokenHash: string) {
    return db
      .selectFrom('event_display_tokens')
      .select(['event_id', 'expires_at', 'revoked_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst()
  },
}
