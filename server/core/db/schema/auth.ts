import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { SchemaColumns } from './columns'

export interface UserTable {
  id: Generated<number>
  openid: string
  unionid: string | null
  name: string
  phone: string | null
  /** WeChat session_key: kept on the server only, never serialised. */
  session_key: string | null
  disabled_at: string | null
  created_at: string
  updated_at: string
}

/** One row (id 1): moved by any change to users, memberships or departments (migration 0033). */
export interface AccessVersionTable {
  id: number
  version: number
}

export type UserRow = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>

/** The tables of `server/features/auth/`. */
export interface AuthTables {
  users: UserTable
  access_version: AccessVersionTable
}

export const authColumns = {
  users: {
    id: true,
    openid: true,
    unionid: true,
    name: true,
    phone: true,
    session_key: true,
    disabled_at: true,
    created_at: true,
    updated_at: true,
  },
  access_version: { id: true, version: true },
} as const satisfies SchemaColumns<AuthTables>
