import type { AnyDb, DialectMigration } from './support'

/**
 * Logins and display links answered with a bearer token, which was stored for idempotent replay. Keep the
 * marker of each (a repeat is refused, see performWrite's secretResult) and drop the stored tokens.
 */
export const m0021_idempotency_secrets: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db
      .updateTable('idempotency_keys')
      .set({ response_body: null })
      .where('method', '=', 'POST')
      .where((eb) =>
        eb.or([
          eb('path', 'in', ['/api/v1/auth/wechat', '/api/v1/auth/dev']),
          eb('path', 'like', '/api/v1/events/%/display-links'),
        ]),
      )
      .execute()
  },
  // The dropped tokens are not coming back (and must not).
  async down() {},
})
