import { sql } from 'kysely'
import { type AnyDb, createTable, type DialectMigration } from './support'

/** The tables whose change alters what a signed-in request may do (server/core/auth.ts reads them). */
const ACCESS_TABLES = ['users', 'memberships', 'departments']

/**
 * The access version (issue 15): one row whose `version` moves in the same transaction as any change to
 * users, memberships or departments, so every API process may keep a signed-in user's memberships while
 * it stands (server/core/auth.ts reads it once a request). PostgreSQL moves it by trigger, whoever writes
 * (another API process, psql). The triggers are deferred, so the row is locked only at COMMIT, after every
 * other lock the transaction takes (no deadlock on it), and once per transaction; an UPDATE that changes
 * nothing (a department locked by a no-op update) leaves it. SQLite has the table but keeps its own check
 * (the driver's write counter and `pragma data_version`, server/core/db/database.ts).
 */
export const m0033_access_version: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await createTable(db, dialect, 'access_version', { id: 'integer pk', version: 'bigint!' })
    await db.insertInto('access_version').values({ id: 1, version: 0 }).execute()
    if (dialect !== 'postgres') return
    await sql`
      create function bump_access_version() returns trigger language plpgsql
      set search_path from current as $$
      begin
        if coalesce(current_setting('qinglian.access_bumped', true), '') = '1' then return null; end if;
        perform set_config('qinglian.access_bumped', '1', true);
        update access_version set version = version + 1 where id = 1;
        return null;
      end $$`.execute(db)
    for (const table of ACCESS_TABLES) {
      await sql`
        create constraint trigger ${sql.raw(`${table}_access_write`)} after insert or delete on ${sql.table(table)}
        deferrable initially deferred for each row execute function bump_access_version()`.execute(db)
      await sql`
        create constraint trigger ${sql.raw(`${table}_access_update`)} after update on ${sql.table(table)}
        deferrable initially deferred for each row when (old.* is distinct from new.*)
        execute function bump_access_version()`.execute(db)
      await sql`
        create trigger ${sql.raw(`${table}_access_truncate`)} after truncate on ${sql.table(table)}
        for each statement execute function bump_access_version()`.execute(db)
    }
  },
})
