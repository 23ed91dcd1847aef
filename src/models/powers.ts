import { z } from 'zod'
import { historyEntry, pageOf, pagingFields, ZDay, ZDepartmentAck, ZRowId } from './common'
import { ZOwnership } from './org'
import { ZEvidenceFile } from './file'
import { line, lines } from './textLimit'

export { SOE_LEADER_OWNERSHIPS } from './org'
export * from './powersStarter'

/**
 * 国企“一把手”权力清单和负面清单 and the “三重一大” decision log (task 12). Only 国有独资 and 国有控股
 * enterprises keep them (`SOE_LEADER_OWNERSHIPS`, the same rule as the 国有企业领导人员 pledge).
 */

export const POWER_SECTIONS = ['decision', 'execution', 'supervision'] as const
export const ZPowerSection = z.enum(POWER_SECTIONS)
export type TPowerSection = z.infer<typeof ZPowerSection>

export const ZPowerItem = z.object({
  section: ZPowerSection,
  power: line(200, '职权').min(2, '请填写职权'),
  basis: lines(500, '依据').min(2, '请填写依据'),
  procedure: lines(1000, '程序').min(2, '请填写程序'),
})
export type TPowerItem = z.infer<typeof ZPowerItem>

export const ZNegativeItem = z.object({
  item: lines(500, '负面事项').min(2, '请填写不得从事的事项'),
  basis: lines(500, '依据').min(2, '请填写依据'),
})
export type TNegativeItem = z.infer<typeof ZNegativeItem>

export const ZPowerListContent = z
  .object({
    items: z.array(ZPowerItem).max(100, '职权不超过100项'),
    negatives: z.array(ZNegativeItem).max(100, '负面清单不超过100项'),
  })
  .meta({ id: 'PowerListContent' })
export type TPowerListContent = z.infer<typeof ZPowerListContent>

/** An edit of the draft, on the revision read (0: the first edit, from the starter). */
export const ZPowerDraftUpdate = z
  .object({ revision: z.number().int().min(0), content: ZPowerListContent })
  .meta({ id: 'PowerDraftUpdate' })
export type TPowerDraftUpdate = z.input<typeof ZPowerDraftUpdate>

export const ZPowerPublish = z.object({ revision: z.number().int().min(1) }).meta({ id: 'PowerPublish' })

export const ZPowerVersionSummary = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  publishedByName: z.string().nullable(),
  acks: z.array(ZDepartmentAck),
})

export const ZPowerVersion = ZPowerVersionSummary.extend({
  content: ZPowerListContent,
  /** The caller's supervising departments that have not acknowledged this version yet. */
  canAcknowledge: z.boolean(),
}).meta({ id: 'PowerVersion' })
export type TPowerVersion = z.infer<typeof ZPowerVersion>

export const ZPowerDraft = z.object({
  revision: z.number().int(),
  /** Changed since the last published version (or never published). */
  dirty: z.boolean(),
  content: ZPowerListContent,
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
})
export type TPowerDraft = z.infer<typeof ZPowerDraft>

export const ZPowerOverview = z
  .object({
    enterpriseId: ZRowId,
    enterpriseName: z.string(),
    ownership: ZOwnership,
    /** The liaison or head: may edit and publish. */
    canEdit: z.boolean(),
    /** The draft, for the liaison and head only (supervisors read published versions). */
    draft: ZPowerDraft.nullable(),
    /** Newest first. */
    versions: z.array(ZPowerVersionSummary),
  })
  .meta({ id: 'PowerOverview' })
export type TPowerOverview = z.infer<typeof ZPowerOverview>

// ——— “三重一大” ———

export const DECISION_CATEGORIES = ['decision', 'personnel', 'project', 'funds'] as const
// Its own message: the app checks without zod's Chinese locale (the server's), and a form left without a
// category would otherwise say zod's English 「Invalid option: expected one of …」 under 类别.
export const ZDecisionCategory = z.enum(DECISION_CATEGORIES, { error: '请选择决策类别' })
export type TDecisionCategory = z.infer<typeof ZDecisionCategory>
export const DECISION_CATEGORY_LABELS: Record<TDecisionCategory, string> = {
  decision: '重大决策',
  personnel: '重要人事任免',
  project: '重大项目安排',
  funds: '大额资金运作',
}

const decisionFields = {
  subject: line(200, '事项').min(2, '请填写事项'),
  category: ZDecisionCategory,
  /** 北京时间 date of the meeting; not after today. */
  decidedOn: ZDay,
  meeting: line(60, '会议').min(2, '请填写决策会议'),
  attendees: lines(500, '参会人员').min(2, '请填写参会人员'),
  result: lines(2000, '决策结果').min(2, '请填写决策结果'),
}

export const ZDecisionCreate = z.object(decisionFields).meta({ id: 'DecisionCreate' })
export type TDecisionCreate = z.input<typeof ZDecisionCreate>

/** A correction: the fields as they should be, the version read and why. */
export const ZDecisionUpdate = z
  .object({
    ...decisionFields,
    version: z.number().int().min(1),
    note: lines(500, '更正说明').min(2, '请填写更正说明'),
  })
  .meta({ id: 'DecisionUpdate' })
export type TDecisionUpdate = z.input<typeof ZDecisionUpdate>

/** A decision's own fields: what a correction may change (and its history shows). */
const ZDecisionSnapshot = z.object({
  subject: z.string(),
  category: ZDecisionCategory,
  decidedOn: z.string(),
  meeting: z.string(),
  attendees: z.string(),
  result: z.string(),
})
export type TDecisionSnapshot = z.infer<typeof ZDecisionSnapshot>

export const ZDecision = z
  .object({
    id: ZRowId,
    enterpriseId: ZRowId,
    ...ZDecisionSnapshot.shape,
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Decision' })
export type TDecision = z.infer<typeof ZDecision>

export const ZDecisionDetail = ZDecision.extend({
  canEdit: z.boolean(),
  attachments: z.array(ZEvidenceFile),
  /** Oldest first: the record as entered, then every correction with the fields it changed. */
  revisions: z.array(
    historyEntry({
      before: ZDecisionSnapshot.partial().nullable(),
      after: ZDecisionSnapshot.partial(),
      note: z.string().nullable(),
    }),
  ),
}).meta({ id: 'DecisionDetail' })
export type TDecisionDetail = z.infer<typeof ZDecisionDetail>

export const ZDecisionListQuery = z.object({
  ...pagingFields,
  category: ZDecisionCategory.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
})
export type TDecisionListQuery = z.input<typeof ZDecisionListQuery>

export const ZDecisionList = z
  .object({
    canEdit: z.boolean(),
    ...pageOf(ZDecision),
    /** The years that have entries, newest first (the year filter's choices). */
    years: z.array(z.number().int()),
  })
  .meta({ id: 'DecisionList' })
export type TDecisionList = z.infer<typeof ZDecisionList>
