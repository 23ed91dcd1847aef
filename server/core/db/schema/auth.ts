import { autoId, num, text, textOrNull } from './columns'

/** The tables of `server/features/auth/`. */
export const authColumns = {
  users: {
    id: autoId,
    openid: text,
    unionid: textOrNull,
    name: text,
    phone: textOrNull,
    /** WeChat session_key: kept on the server only, never serialised. */
    session_key: textOrNull,
    disabled_at: textOrNull,
    created_at: text,
    updated_at: text,
  },
  /** One row (id 1): moved by any change to users, memberships or departments (migration 0033). */
  access_version: {
    id: num,
    version: num,
  },
}
