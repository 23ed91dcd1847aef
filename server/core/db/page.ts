import { sql, type SelectQueryBuilder } from 'kysely'

/** Which page of a list is asked for: `page` counts from 1, `pageSize` rows a page. */
export interface PageRequest {
  page: number
  pageSize: number
}

/**
 * That page of a list already worked out whole (its order depends on figures over every row), with
 * `total`, `page` and `pageSize`: a list route's answer (`pageOf`).
 */
export function pageOfList<T>(all: readonly T[], page: PageRequest) {
  const start = (page.page - 1) * page.pageSize
  return { items: all.slice(start, start + page.pageSize), total: all.length, ...page }
}

/** The rows of that page of an ordered query (all of them without a page). */
export function onePage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: PageRequest | undefined,
): SelectQueryBuilder<DB, TB, O> {
  return page ? query.limit(page.pageSize).offset((page.page - 1) * page.pageSize) : query
}

/**
 * One page of a filtered query's rows (`rows` chooses their columns and order) and how many rows it has in
 * all, read side by side; without a page, every row (and so no count to read).
 */
export async function pageWithTotal<DB, TB extends keyof DB, O, R>(
  filtered: SelectQueryBuilder<DB, TB, O>,
  rows: (query: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, R>,
  page: PageRequest | undefined,
): Promise<{ rows: R[]; total: number }> {
  if (!page) {
    const all = (await rows(filtered).execute()) as R[]
    return { rows: all, total: all.length }
  }
  const [found, count] = await Promise.all([
    onePage(rows(filtered), page).execute(),
    filtered.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows: found as R[], total: Number((count as { n: number | string }).n) }
}
