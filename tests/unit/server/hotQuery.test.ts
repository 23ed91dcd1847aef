import {
  Kysely,
  SqliteDialect,
  DummyDriver,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import SqliteDatabase from 'better-sqlite3'
import type { Generated } from 'kysely'
import { hotQuery, MAX_LIST } from '../../../server/core/db/hotQuery'

/** A compiled-once statement answers exactly as the statement built anew each call would. */

interface Db {
  items: { id: Generated<number>; owner: number; name: string | null; tag: string | null; state: string }
}

function sqlite() {
  const database = new SqliteDatabase(':memory:')
  database.exec('create table items (id integer primary key, owner integer, name text, tag text, state text)')
  return new Kysely<Db>({ dialect: new SqliteDialect({ database }) })
}

describe('hotQuery', () => {
  it('runs the statement with each call’s values, including nulls, lists and nested values', async () => {
    const db = sqlite()
    const insert = hotQuery(
      (d: Kysely<Db>, row: { owner: number; name: string | null; tag: string | null }) =>
        d
          .insertInto('items')
          .values({ ...row, state: 'new' })
          .returning(['id', 'state']),
    )
    const a = (await insert(db, { owner: 1, name: 'a', tag: null })).rows[0]
    const b = (await insert(db, { owner: 2, name: null, tag: 'x' })).rows[0]
    expect(a).toEqual({ id: 1, state: 'new' })
    expect(b).toEqual({ id: 2, state: 'new' })
    const byOwners = hotQuery((d: Kysely<Db>, v: { owners: number[]; filter: { state: string } }) =>
      d
        .selectFrom('items')
        .select(['id', 'name', 'tag'])
        .where('owner', 'in', v.owners.length ? v.owners : [-1])
        .where('state', '=', v.filter.state)
        .orderBy('id'),
    )
    expect((await byOwners(db, { owners: [2], filter: { state: 'new' } })).rows).toEqual([
      { id: 2, name: null, tag: 'x' },
    ])
    expect((await byOwners(db, { owners: [1, 2], filter: { state: 'new' } })).rows).toHaveLength(2)
    expect((await byOwners(db, { owners: [1], filter: { state: 'old' } })).rows).toEqual([])
    // Longer than a template holds: built afresh, same answer.
    const many = Array.from({ length: MAX_LIST + 1 }, (_, i) => i + 1)
    expect((await byOwners(db, { owners: many, filter: { state: 'new' } })).rows).toHaveLength(2)
    await db.destroy()
  })

  it('leaves out an undefined value as Kysely does (a shape of its own)', async () => {
    const db = sqlite()
    const insert = hotQuery((d: Kysely<Db>, row: { owner: number; name?: string; tag?: string }) =>
      d.insertInto('items').values({ ...row, state: 'new' }),
    )
    await insert(db, { owner: 1, name: 'a', tag: undefined })
    await insert(db, { owner: 2, name: undefined, tag: 't' })
    expect(await db.selectFrom('items').select(['owner', 'name', 'tag']).orderBy('id').execute()).toEqual([
      { owner: 1, name: 'a', tag: null },
      { owner: 2, name: null, tag: 't' },
    ])
    await db.destroy()
  })

  it('compiles per database: each dialect gets its own SQL', async () => {
    const compiled: string[] = []
    const pg = new Kysely<Db>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () =>
          Object.assign(new DummyDriver(), {
            acquireConnection: async () => ({
              executeQuery: async (q: { sql: string; parameters: readonly unknown[] }) => {
                compiled.push(`${q.sql} ${JSON.stringify(q.parameters)}`)
                return { rows: [] }
              },
              streamQuery: () => {
                throw new Error('no')
              },
            }),
          }),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    })
    const lite = sqlite()
    const select = hotQuery((d: Kysely<Db>, v: { id: number }) =>
      d.selectFrom('items').select('id').where('id', '=', v.id),
    )
    await select(pg, { id: 7 })
    await select(lite, { id: 7 })
    await select(pg, { id: 8 })
    expect(compiled).toEqual([
      'select "id" from "items" where "id" = $1 [7]',
      'select "id" from "items" where "id" = $1 [8]',
    ])
    await lite.destroy()
  })

  it('refuses a statement that does not bind every value as a parameter', async () => {
    const db = sqlite()
    const inlined = hotQuery((d: Kysely<Db>, v: { n: number }) =>
      d.selectFrom('items').select('id').limit(v.n).where('id', '=', 1),
    )
    // limit binds its value: fine. A value used only in JS (as a name) never reaches the statement.
    await expect(inlined(db, { n: 1 })).resolves.toBeDefined()
    const unused = hotQuery((d: Kysely<Db>, _v: { n: number }) => d.selectFrom('items').select('id'))
    await expect(unused(db, { n: 1 })).rejects.toThrow(/not a parameter/)
    await db.destroy()
  })
})
