import type { DbOrTrx } from '../../core/db/database'
import type { UserRow } from '../../core/db/schema'
import type { TUser } from '../../../src/models/auth'
import { maskPhone } from '../../../src/models/phone'

export function toUser(row: UserRow): TUser {
  return { id: row.id, name: row.name, phoneMasked: maskPhone(row.phone), createdAt: row.created_at }
}

export interface NewUser {
  openid: string
  name: string
  phone?: string | null
  unionid?: string | null
  sessionKey?: string | null
}

function insertUser(db: DbOrTrx, values: NewUser, now: string) {
  return db.insertInto('users').values({
    openid: values.openid,
    unionid: values.unionid ?? null,
    name: values.name,
    phone: values.phone ?? null,
    session_key: values.sessionKey ?? null,
    disabled_at: null,
    created_at: now,
    updated_at: now,
  })
}

export const usersRepository = {
  findById(db: DbOrTrx, id: number) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  },
  /** The openids of the seeded demo users present in this database. */
  async demoOpenids(db: DbOrTrx): Promise<string[]> {
    const rows = await db.selectFrom('users').select('openid').where('openid', 'like', 'demo-%').execute()
    return rows.map((u) => u.openid)
  },
  findByOpenid(db: DbOrTrx, openid: string) {
    return db.selectFrom('users').selectAll().where('openid', '=', openid).executeTakeFirst()
  },
  insert(db: DbOrTrx, values: NewUser, now: string) {
    return insertUser(db, values, now).returningAll().executeTakeFirstOrThrow()
  },
  /** A new user unless the openid has one (then undefined): a first login racing another one of the same person. */
  insertIfNew(db: DbOrTrx, values: NewUser, now: string) {
    return insertUser(db, values, now)
      .onConflict((oc) => oc.column('openid').doNothing())
      .returningAll()
      .executeTakeFirst()
  },
  async update(
    db: DbOrTrx,
    id: number,
    values: {
      name?: string
      phone?: string | null
      sessionKey?: string
      unionid?: string | null
      disabledAt?: string | null
    },
    now: string,
  ) {
    return db
      .updateTable('users')
      .set({
        ...(values.name !== undefined ? { name: values.name } : {}),
        ...(values.phone !== undefined ? { phone: values.phone } : {}),
        ...(values.sessionKey !== undefined ? { session_key: values.sessionKey } : {}),
        ...(values.unionid !== undefined ? { unionid: values.unionid } : {}),
        ...(values.disabledAt !== undefined ? { disabled_at: values.disabledAt } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  },
  /** 停用 (a time) or 启用 (null), only when it changes anything: the changed row, or undefined. */
  setDisabled(db: DbOrTrx, id: number, disabledAt: string | null, now: string) {
    return db
      .updateTable('users')
      .set({ disabled_at: disabledAt, updated_at: now })
      .where('id', '=', id)
      .where('disabled_at', disabledAt === null ? 'is not' : 'is', null)
      .returningAll()
      .executeTakeFirst()
  },
}
