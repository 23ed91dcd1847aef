import type { ExpressionBuilder } from 'kysely'
import type { Database } from './schema'

/**
 * An enterprise whose name or 统一社会信用代码 contains what was typed, in any case: the search of every
 * enterprise list. % and _ typed by a user widen the search a little; harmless, and the same on both databases.
 */
export function enterpriseMatches(eb: ExpressionBuilder<Database, 'enterprises'>, q: string) {
  const pattern = `%${q}%`
  return eb.or([
    eb(eb.fn('lower', ['name']), 'like', pattern.toLowerCase()),
    eb(eb.fn('upper', ['credit_code']), 'like', pattern.toUpperCase()),
  ])
}
