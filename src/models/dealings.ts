import { z } from 'zod'
import { ZRowId } from './common'
import { oneLine, severalLines } from './textLimit'

/**
 * 政商交往清单 (主要任务10 塑造亲清政商文化): 「建立落实政商交往的正面清单、负面清单和清廉民企建设引导清单，进一步
 * 明晰政商交往的界限、红线和底线」. The task's 牵头单位 (县委统战部、县工商联) and the office publish versioned lists;
 * every signed-in user reads the ones in force, and a 政商双边清廉承诺 records the versions it was signed under.
 */

export const DEALING_LIST_KINDS = ['positive', 'negative', 'guidance'] as const
export const ZDealingListKind = z.enum(DEALING_LIST_KINDS)
export type TDealingListKind = z.infer<typeof ZDealingListKind>

/** The three lists as task 10 names them. */
export const DEALING_LIST_LABELS: Record<TDealingListKind, string> = {
  positive: '政商交往正面清单',
  negative: '政商交往负面清单',
  guidance: '清廉民企建设引导清单',
}

/** The short names the certificate and the pledge page use after 《政商交往清单》. */
export const DEALING_LIST_SHORT: Record<TDealingListKind, string> = {
  positive: '正面清单',
  negative: '负面清单',
  guidance: '清廉民企建设引导清单',
}

/**
 * Who publishes besides the office: task 10's 牵头单位, by department name (the one place that names them;
 * the office sets departments up under these names from PROGRAMME_DEPARTMENTS). Their 监管员 edit and publish.
 */
export const DEALING_LIST_PUBLISHER_DEPARTMENTS = ['县委统战部', '县工商联'] as const

/** Where the lists come from in the programme (shown on the page). */
export const DEALING_LIST_BASIS = '主要任务10. 塑造亲清政商文化（牵头单位：县委统战部、县工商联）'

/**
 * Starter items: only the programme's own words (task 10, and the 亲清政商关系 of 主要目标), each citing where it
 * stands; tests/unit/models/dealings.test.ts checks each is verbatim in the seed text. The document gives no
 * list items of its own, so a first version holds only what it states and the page says the department
 * publishes the rest.
 */
export const DEALING_LIST_STARTER: Record<TDealingListKind, { text: string; basis: string }[]> = {
  positive: [
    {
      text: '建立起党政领导与企业家畅通、务实、高效、阳光的沟通载体，畅通政企沟通渠道',
      basis: '主要任务10. 塑造亲清政商文化',
    },
    { text: '进一步明晰政商交往的界限、红线和底线', basis: '主要任务10. 塑造亲清政商文化' },
  ],
  negative: [{ text: '进一步明晰政商交往的界限、红线和底线', basis: '主要任务10. 塑造亲清政商文化' }],
  guidance: [
    { text: '推动构建亲清政商关系', basis: '总体要求（二）主要目标' },
    { text: '营造良好的亲清政商环境', basis: '主要任务10. 塑造亲清政商文化' },
  ],
}

/** What the page says while a list holds only the programme's words. */
export const DEALING_LIST_REST_NOTE = '实施方案未列出具体条目，其余条目由县委统战部、县工商联制定发布。'

export const DEALING_LIST_MAX_ITEMS = 60

export const ZDealingItem = z.object({
  text: severalLines(z.string().trim().min(2, '条目至少2个字').max(500, '条目不超过500个字'), '条目'),
  basis: oneLine(z.string().trim().max(100, '依据不超过100个字'), '依据').nullable().optional(),
})
export type TDealingItem = z.infer<typeof ZDealingItem>

const ZItems = z.array(ZDealingItem).min(1, '请至少填写一条').max(DEALING_LIST_MAX_ITEMS)

export const ZDealingDraftCreate = z
  .object({ kind: ZDealingListKind, items: ZItems })
  .meta({ id: 'DealingDraftCreate' })
export type TDealingDraftCreate = z.input<typeof ZDealingDraftCreate>

/** An edit names the revision it was made on: a stale one is refused (409 DEALINGS_STALE). */
export const ZDealingDraftUpdate = z
  .object({ items: ZItems, revision: z.number().int().min(0) })
  .meta({ id: 'DealingDraftUpdate' })
export type TDealingDraftUpdate = z.input<typeof ZDealingDraftUpdate>

export const ZDealingPublish = z.object({ revision: z.number().int().min(0) }).meta({ id: 'DealingPublish' })

export const ZDealingVersionParams = z.object({
  versionId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
})

export const ZDealingVersion = z
  .object({
    id: z.number().int(),
    kind: ZDealingListKind,
    /** Null while a draft. */
    version: z.number().int().nullable(),
    status: z.enum(['draft', 'in_force', 'superseded']),
    items: z.array(z.object({ text: z.string(), basis: z.string().nullable() })),
    revision: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'DealingVersion' })
export type TDealingVersion = z.infer<typeof ZDealingVersion>

/** The page: per kind the version in force (or none yet) and the earlier ones by number. */
export const ZDealingLists = z
  .object({
    basis: z.string(),
    canPublish: z.boolean(),
    lists: z.array(
      z.object({
        kind: ZDealingListKind,
        label: z.string(),
        inForce: ZDealingVersion.nullable(),
        /** Published versions, newest first: number, id, when. */
        history: z.array(
          z.object({ id: z.number().int(), version: z.number().int(), publishedAt: z.string().nullable() }),
        ),
        /** Drafts, for those who may publish only. */
        drafts: z.array(ZDealingVersion),
      }),
    ),
  })
  .meta({ id: 'DealingLists' })
export type TDealingLists = z.infer<typeof ZDealingLists>

/** A pledge's reference to the lists it was signed under. */
export const ZDealingRef = z.object({
  id: ZRowId,
  kind: ZDealingListKind,
  version: z.number().int(),
})
export type TDealingRef = z.infer<typeof ZDealingRef>

/** 「依据《政商交往清单》正面清单第2版、负面清单第1版、…」 for the certificate and the pledge page. */
export function dealingBasisLine(refs: readonly Pick<TDealingRef, 'kind' | 'version'>[]): string {
  if (refs.length === 0) return ''
  const order = (k: TDealingListKind) => DEALING_LIST_KINDS.indexOf(k)
  const parts = [...refs]
    .sort((a, b) => order(a.kind) - order(b.kind))
    .map((r) => `${DEALING_LIST_SHORT[r.kind]}第${r.version}版`)
  return `依据《政商交往清单》${parts.join('、')}`
}
