import { z } from 'zod'
import { ZDealingRef } from './dealings'
import { enterpriseRef, pageOf, pagingFields, personRef, rowIds, ZRowId } from './common'
import { lines, oneLine, severalLines } from './textLimit'

/**
 * 廉洁承诺: templates written from 《县清廉企业建设实施方案》 (each clause cites its task and the phrase it
 * comes from), signed pledges, the two-sided 政商 pledge, and the public check of a pledge by its code.
 */
export const PLEDGE_KINDS = ['personal', 'enterprise', 'soe_leader', 'government_business'] as const
export const ZPledgeKind = z.enum(PLEDGE_KINDS)
export type TPledgeKind = z.infer<typeof ZPledgeKind>

export const PLEDGE_KIND_LABELS: Record<TPledgeKind, string> = {
  personal: '个人廉洁从业承诺书',
  enterprise: '企业诚信守法经营承诺书',
  soe_leader: '国有企业领导人员廉洁从业承诺书',
  government_business: '政商双边清廉承诺书',
}

/** Who signs each kind (the server decides; the app only uses it to offer the right buttons). */
export const PLEDGE_SIGNER_LABELS: Record<TPledgeKind, string> = {
  personal: '本企业职工',
  enterprise: '企业负责人',
  soe_leader: '国有独资、国有控股企业负责人',
  government_business: '部门党员干部与企业负责人',
}

// Ownerships whose heads sign the 国有企业领导人员廉洁从业承诺书: one rule with the checklist, kept in ./org.
export { SOE_LEADER_OWNERSHIPS } from './org'

/** 待对方签署 → 已生效; 已撤回 when its starter gave up waiting (recorded, never deleted). */
export const PLEDGE_STATUSES = ['pending', 'effective', 'withdrawn'] as const
export const ZPledgeStatus = z.enum(PLEDGE_STATUSES)
export type TPledgeStatus = z.infer<typeof ZPledgeStatus>
export const PLEDGE_STATUS_LABELS: Record<TPledgeStatus, string> = {
  pending: '待对方签署',
  effective: '已生效',
  withdrawn: '已撤回',
}

/** The side a signature stands for: the one signer of a one-sided pledge signs as 'enterprise'. */
export const PLEDGE_SIDES = ['enterprise', 'department'] as const
export const ZPledgeSide = z.enum(PLEDGE_SIDES)
export type TPledgeSide = z.infer<typeof ZPledgeSide>
export const PLEDGE_SIDE_LABELS: Record<TPledgeSide, string> = {
  enterprise: '企业方',
  department: '党员干部方',
}

/** A starter may withdraw a two-sided pledge the other side has not signed after this many days. */
export const PLEDGE_WITHDRAW_AFTER_DAYS = 7
/** Signature images: PNG only, at most this many bytes. */
export const SIGNATURE_MAX_BYTES = 512 * 1024

// ---------- templates ----------

/** Where a clause comes from: '任务N' (二、主要任务) or a part of the document, and the exact phrase. */
export const ZPledgeBasis = z.object({
  ref: oneLine(z.string().trim().min(2).max(40), '依据'),
  quote: severalLines(z.string().trim().min(2).max(200), '原文'),
})

/** 'both' (双方共同承诺), or one side of a two-sided pledge; one-sided pledges use 'both'. */
export const ZClauseParty = z.enum(['both', 'department', 'enterprise'])

export const ZPledgeClause = z.object({
  text: severalLines(z.string().trim().min(4, '条款至少4个字').max(400, '条款不超过400个字'), '条款'),
  party: ZClauseParty.default('both'),
  basis: ZPledgeBasis.nullable().optional(),
})
export type TPledgeClause = z.input<typeof ZPledgeClause>

/**
 * The content of one version. `preamble` and the clauses may name the parties with placeholders:
 * {{signer}} (the one who signs a one-sided pledge), {{enterprise}}, {{department}}.
 */
export const ZPledgeTemplateContent = z.object({
  title: oneLine(z.string().trim().min(4).max(40), '标题'),
  preamble: severalLines(z.string().trim().min(4).max(400), '导语'),
  clauses: z.array(ZPledgeClause).min(1, '至少一条承诺').max(30),
  closing: lines(400, '结语').default(''),
})
export type TPledgeTemplateContent = z.output<typeof ZPledgeTemplateContent>
export type TPledgeTemplateContentInput = z.input<typeof ZPledgeTemplateContent>

export const ZPledgeTemplate = z
  .object({
    id: z.number().int(),
    kind: ZPledgeKind,
    version: z.number().int(),
    content: ZPledgeTemplateContent,
    note: z.string().nullable(),
    createdAt: z.string(),
    /** The newest version of its kind: the only one that can be signed. */
    current: z.boolean(),
  })
  .meta({ id: 'PledgeTemplate' })
export type TPledgeTemplate = z.infer<typeof ZPledgeTemplate>

export const ZPledgeTemplatePublish = z
  .object({
    kind: ZPledgeKind,
    content: ZPledgeTemplateContent,
    note: lines(200, '说明').nullable().optional(),
  })
  .meta({ id: 'PledgeTemplatePublish' })
export type TPledgeTemplatePublish = z.input<typeof ZPledgeTemplatePublish>

const CN_NUMBERS = '一二三四五六七八九十'
/** 一 … 三十, as the numbering of clauses. */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUMBERS[n - 1]
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens > 1 ? CN_NUMBERS[tens - 1] : ''}十${ones ? CN_NUMBERS[ones - 1] : ''}`
}

export interface PledgeParties {
  signer?: string
  enterprise?: string
  department?: string
}

function fill(text: string, parties: PledgeParties): string {
  return text.replace(/\{\{(signer|enterprise|department)\}\}/g, (_, key: keyof PledgeParties) => {
    return parties[key] ?? '＿＿＿＿'
  })
}

const PARTY_HEADINGS: Record<'both' | 'department' | 'enterprise', string> = {
  both: '双方共同承诺：',
  department: '党员干部承诺：',
  enterprise: '企业承诺：',
}

/**
 * The exact text a pledge records (its SHA-256 is what is signed): the title, the preamble, the numbered
 * clauses (grouped by side for a two-sided pledge) and the closing, with the parties' names filled in.
 * The app shows this very string; the server stores it.
 */
export function renderPledgeText(
  kind: TPledgeKind,
  content: TPledgeTemplateContentInput,
  parties: PledgeParties,
): string {
  const lines: string[] = [content.title.trim(), '', fill(content.preamble.trim(), parties)]
  let n = 0
  const clause = (c: TPledgeClause) => `${chineseNumber(++n)}、${fill(c.text.trim(), parties)}`
  if (kind === 'government_business') {
    for (const party of ['both', 'department', 'enterprise'] as const) {
      const group = content.clauses.filter((c) => (c.party ?? 'both') === party)
      if (group.length === 0) continue
      lines.push(PARTY_HEADINGS[party], ...group.map(clause))
    }
  } else lines.push(...content.clauses.map(clause))
  const closing = (content.closing ?? '').trim()
  if (closing) lines.push(fill(closing, parties))
  return lines.join('\n')
}

// ---------- signing ----------

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 应为64位十六进制')

/**
 * Base64 PNG, with or without the data: prefix (NutUI Signature on H5 gives a data URL). Its size and type
 * are checked on the decoded bytes (SIGNATURE_TOO_LARGE / SIGNATURE_NOT_PNG); the body limit caps the rest.
 */
const ZSignatureImage = severalLines(z.string().min(16, '请先签名'), '签名').transform((s) =>
  s.replace(/^data:image\/[a-z]+;base64,/, '').replace(/\s+/g, ''),
)

const signFields = {
  /** The version the signer read: it must still be the newest of its kind. */
  templateId: ZRowId,
  /** SHA-256 (hex) of the exact text the signer's device showed (renderPledgeText). */
  textSha256: ZSha256,
  signaturePng: ZSignatureImage,
  /**
   * 政商 pledges: the 政商交往清单 versions the signer's page showed (ids). When given, they must still be the
   * ones in force (409 DEALINGS_CHANGED); the pledge records the versions in force either way.
   */
  dealingVersionIds: z.array(ZRowId).max(3).optional(),
}

/** An enterprise member signs (personal, enterprise, soe_leader) or starts a 政商 pledge naming a department. */
export const ZEnterprisePledgeCreate = z
  .object({ ...signFields, departmentId: ZRowId.nullable().optional() })
  .meta({ id: 'EnterprisePledgeCreate' })

/** A department's cadre starts a 政商 pledge naming an enterprise. */
export const ZDepartmentPledgeCreate = z
  .object({ ...signFields, enterpriseId: ZRowId })
  .meta({ id: 'DepartmentPledgeCreate' })

export const ZPledgeCountersign = z
  .object({ textSha256: ZSha256, signaturePng: ZSignatureImage })
  .meta({ id: 'PledgeCountersign' })

export const ZPledgeWithdraw = z
  .object({ reason: oneLine(z.string().trim().min(2, '请说明撤回原因').max(200), '撤回原因') })
  .meta({ id: 'PledgeWithdraw' })

// ---------- records ----------

export const ZPledgeSignature = z.object({
  id: z.number().int(),
  side: ZPledgeSide,
  signerUserId: z.number().int(),
  signerName: z.string(),
  phoneMasked: z.string().nullable(),
  organisationKind: z.enum(['enterprise', 'department']),
  organisationId: z.number().int(),
  organisationName: z.string(),
  signedAt: z.string(),
  signatureSha256: z.string(),
  /** data:image/png;base64,… (only in the certificate, for its parties). */
  image: z.string().optional(),
  chainSeq: z.number().int(),
})

export const ZPledgeParty = z.object({ id: z.number().int(), name: z.string() })

export const ZPledgeSummary = z
  .object({
    id: z.number().int(),
    code: z.string(),
    kind: ZPledgeKind,
    title: z.string(),
    templateVersion: z.number().int(),
    status: ZPledgeStatus,
    enterprise: ZPledgeParty,
    department: ZPledgeParty.nullable(),
    startedBy: z.object({ userId: z.number().int(), name: z.string(), side: ZPledgeSide }),
    createdAt: z.string(),
    effectiveAt: z.string().nullable(),
    /** The caller can counter-sign it now. */
    canCountersign: z.boolean(),
    /** The caller started it and it has waited long enough to be withdrawn. */
    canWithdraw: z.boolean(),
  })
  .meta({ id: 'PledgeSummary' })
export type TPledgeSummary = z.infer<typeof ZPledgeSummary>

export const ZPledge = ZPledgeSummary.extend({
  text: z.string(),
  textSha256: z.string(),
  signatures: z.array(ZPledgeSignature),
  withdrawn: z.object({ at: z.string(), byName: z.string(), reason: z.string() }).nullable(),
  /** The public verify page's path (the app builds the full link). */
  verifyPath: z.string(),
  /** 政商 pledges from migration 0029: the 政商交往清单 versions in force when it was started (else empty). */
  dealings: z.array(ZDealingRef),
}).meta({ id: 'Pledge' })
export type TPledge = z.infer<typeof ZPledge>

// ---------- coverage ----------

export const ZPledgeCoverageMember = z.object({
  ...personRef,
  signedAt: z.string().nullable(),
  pledgeCode: z.string().nullable(),
  remindedAt: z.string().nullable(),
})

export const ZPledgeCoverage = z
  .object({
    ...enterpriseRef,
    year: z.number().int(),
    total: z.number().int(),
    signed: z.number().int(),
    members: z.array(ZPledgeCoverageMember),
  })
  .meta({ id: 'PledgeCoverage' })
export type TPledgeCoverage = z.infer<typeof ZPledgeCoverage>

export const ZPledgeReminderCreate = z
  .object({ userIds: rowIds(5000, '人员').optional() })
  .meta({ id: 'PledgeReminderCreate' })

export const ZSupervisionPledgeRow = z.object({
  ...enterpriseRef,
  ownership: z.string(),
  members: z.number().int(),
  personalSigned: z.number().int(),
  /** personalSigned / members, 0..1 (3 decimals), null with no members. */
  personalRate: z.number().nullable(),
  enterprisePledge: z.boolean(),
  /** null: the enterprise is not 国有 / 国有控股, the pledge does not apply. */
  soeLeaderPledge: z.boolean().nullable(),
  governmentBusinessEffective: z.number().int(),
  governmentBusinessPending: z.number().int(),
})
export type TSupervisionPledgeRow = z.infer<typeof ZSupervisionPledgeRow>

export const ZSupervisionPledgeCoverage = z
  .object({ year: z.number().int(), enterprises: z.array(ZSupervisionPledgeRow) })
  .meta({ id: 'SupervisionPledgeCoverage' })
export type TSupervisionPledgeCoverage = z.infer<typeof ZSupervisionPledgeCoverage>

/** A year of pledges (北京时间; this year when left out). */
export const yearField = { year: z.coerce.number().int().min(2022).max(2100).optional() }

export const ZSupervisionPledgeQuery = z.object({ ...yearField, ...pagingFields })

/**
 * 承诺监管 a page at a time, in the order of the whole list: a department's 2,000 enterprises at once are too
 * many for one phone screen and for one mini-program setData.
 */
export const ZSupervisionPledgePage = z
  .object({ year: z.number().int(), ...pageOf(ZSupervisionPledgeRow) })
  .meta({ id: 'SupervisionPledgePage' })
export type TSupervisionPledgePage = z.infer<typeof ZSupervisionPledgePage>

/** What the signed-in user has to do about pledges (首页 / 任务). */
export const ZPledgeTodo = z
  .object({
    personal: z.array(
      z.object({
        ...enterpriseRef,
        remindedAt: z.string().nullable(),
      }),
    ),
    countersign: z.array(ZPledgeSummary),
  })
  .meta({ id: 'PledgeTodo' })
export type TPledgeTodo = z.infer<typeof ZPledgeTodo>
