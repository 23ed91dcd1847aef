import { z } from 'zod'
import { formatShanghaiTime } from './shanghaiTime'
import { ZPledgeKind, ZPledgeSide, ZPledgeStatus } from './pledge'

/** The public check of a pledge by its 核验码, and of the hash chain that holds every pledge. */

export const CHAIN_BREAK_REASONS = [
  'text_hash',
  'signature_hash',
  'record',
  'link',
  'missing_entry',
  'status',
  'anchor',
  'missing',
] as const
export const ZChainBreakReason = z.enum(CHAIN_BREAK_REASONS)
export type TChainBreakReason = z.infer<typeof ZChainBreakReason>
export const CHAIN_BREAK_LABELS: Record<TChainBreakReason, string> = {
  text_hash: '承诺书正文与签署时的哈希不一致（正文被改动）',
  signature_hash: '签名图片与签署时的哈希不一致（签名被改动）',
  record: '签署记录与哈希链中登记的内容不一致（记录被改动）',
  link: '哈希链断裂（链上记录被改动、删除或插入）',
  missing_entry: '签署记录没有登记在哈希链中',
  status: '承诺状态与签署记录不符',
  anchor: '哈希链与链外锚点不符（链上记录被改动或替换）',
  missing: '链外锚点已登记的链记录不在数据库中（记录被删除）',
}

export const ZChainBreak = z.object({
  /** The chain entry where the first problem was found (null: the record has no entry). */
  seq: z.number().int().nullable(),
  pledgeCode: z.string().nullable(),
  reason: ZChainBreakReason,
  message: z.string(),
  /** reason missing: the entries the latest checkpoint vouches for that the database no longer has. */
  missing: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
})
export type TChainBreak = z.infer<typeof ZChainBreak>

/** A signed checkpoint of the chain's head, kept outside the database (append-only file). */
export const ZChainAnchor = z
  .object({
    /** The chain's length when anchored (the seq of the entry whose mac it names). */
    count: z.number().int(),
    mac: z.string(),
    at: z.string(),
  })
  .meta({ id: 'PledgeChainAnchor' })
export type TChainAnchor = z.infer<typeof ZChainAnchor>

/**
 * The latest checkpoint in one line (verify page, 工作台账). `when` writes its time: the 工作台账 keeps
 * `2026-12-04 10:00:00`, the verify page passes the app's own format.
 */
export function anchorSummary(
  anchor: TChainAnchor | null,
  when: (iso: string) => string = formatShanghaiTime,
): string {
  if (!anchor) return '尚未写入链外锚点'
  return `哈希链共 ${anchor.count} 条时写入 · ${when(anchor.at)}（北京时间）`
}

/** `第 12–15 条` (or `第 12 条`): a range of chain entries as the verify page and the 工作台账 print it. */
export function chainRange(from: number, to: number): string {
  return from === to ? `第 ${from} 条` : `第 ${from}–${to} 条`
}

export const ZPledgeVerification = z
  .object({
    code: z.string(),
    kind: ZPledgeKind,
    title: z.string(),
    templateVersion: z.number().int(),
    status: ZPledgeStatus,
    enterpriseName: z.string(),
    departmentName: z.string().nullable(),
    textSha256: z.string(),
    signers: z.array(
      z.object({
        side: ZPledgeSide,
        name: z.string(),
        phoneMasked: z.string().nullable(),
        organisationName: z.string(),
        signedAt: z.string(),
        signatureSha256: z.string(),
        chainSeq: z.number().int(),
      }),
    ),
    /** This pledge's own text, signatures and chain entries are as signed. */
    recordIntact: z.boolean(),
    /** The chain around this pledge links from its anchors and matches the records, and agrees with the latest checkpoint. */
    chainIntact: z.boolean(),
    intact: z.boolean(),
    /** Entries walked: from the nearest checkpoint before each of this pledge's entries up to it. */
    checkedEntries: z.number().int(),
    firstBroken: ZChainBreak.nullable(),
    /** The latest checkpoint the chain was compared with (null: none written yet). */
    anchor: ZChainAnchor.nullable(),
    checkedAt: z.string(),
  })
  .meta({ id: 'PledgeVerification' })
export type TPledgeVerification = z.infer<typeof ZPledgeVerification>

/** Verify codes: 12 characters of Crockford base32 (60 random bits), shown in groups of 4. */
export const VERIFY_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{12}$/
export function normaliseVerifyCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}
export function formatVerifyCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-')
}
