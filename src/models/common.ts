import { z } from 'zod'

export const ZHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  mode: z.enum(['production', 'demo', 'test']),
  time: z.string(),
})

export const ZOk = z.object({ ok: z.literal(true) })
