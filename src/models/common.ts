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

/** The id columns are 32-bit integers: no id beyond this names a record (PostgreSQL refuses it outright). */
export const MAX_ID = 2_147_483_647

/** A calendar day as the API writes it (YYYY-MM-DD, 北京时间 where it is a deadline). */
export const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

/** A record id in a body: a positive integer the id column can hold. */
export const ZRowId = z.number().int().positive().max(MAX_ID)

/** A record id in a path or a querystring (text coerced to a number), bounded like `ZRowId`. */
export const ZIdParam = z.coerce.number().int().positive().max(MAX_ID)

/** A list of record ids in a body: each bounded, none repeated (a repeated id is a mistake, not a second record). */
export const rowIds = (max: number, label = 'id') =>
  z
    .array(ZRowId)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, `${label}不能重复`)

/**
 * One entry of a record's history, oldest first: what happened (`fields`), then who did it (null once the
 * account is gone) and when.
 */
export const historyEntry = <S extends z.ZodRawShape>(fields: S) =>
  z.object({ ...fields, actorName: z.string().nullable(), createdAt: z.string() })

/**
 * A supervising department's acknowledgement of a record it was shown (权力清单 阅看, 风险预警 阅知): which
 * department, who (null once the account is gone), when.
 */
export const ZDepartmentAck = z.object({
  departmentName: z.string(),
  userName: z.string().nullable(),
  acknowledgedAt: z.string(),
})
export type TDepartmentAck = z.infer<typeof ZDepartmentAck>

/** A person as a roll lists them: the account, the name, the phone masked (null: none on file). */
export const personRef = { userId: z.number().int(), name: z.string(), phoneMasked: z.string().nullable() }

/** The enterprise a row belongs to, by id and by name (as the lists show it). */
export const enterpriseRef = { enterpriseId: z.number().int(), enterpriseName: z.string() }
