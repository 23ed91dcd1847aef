import { z } from 'zod'

export const ZHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  mode: z.enum(['production', 'demo', 'test']),
  time: z.string(),
})

export const ZOk = z.object({ ok: z.literal(true) })

/**
 * The paging of a list route's querystring (`?page=2&pageSize=50`, 1-based); its answer carries
 * `items`, `total`, `page` and `pageSize` (`pageOf`).
 */
export const pagingFields = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
}

/** The fields of one page of `item`s in a list route's answer. */
export function pageOf<T extends z.ZodType>(item: T) {
  return {
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }
}
