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
 * `items`, `total`, `page` and `pageSize`.
 */
export const pagingFields = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
}
