import type { SelectQueryBuilder } from 'kysely'

/** Which page of a list is asked for: `page` counts from 1, `pageSize` rows a page. */
export interface PageRequest {
  page: number
  pageSize: number
}

/** The rows of that page of an ordered query (all of them without a page). */
export function onePage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: PageRequest | undefined,
): SelectQueryBuilder<DB, TB, O> {
  return page ? query.limit(page.pageSize).offset((page.page - 1) * page.pageSize) : query
}
