import { z } from 'zod'
import { enterpriseRef, rowIds, ZDay } from './common'
import { lines, oneLine, severalLines, textOf } from './textLimit'
import {
  SECTIONS,
  ZChecklistItem,
  ZSection,
  needsEvidence,
  noteMissing,
  type TChecklistItem,
  type TSection,
} from './checklist'
import { ZOwnership, ZPartyOrg, type TOwnership, type TPartyOrg } from './org'
import { ZEvidenceFile } from './file'
import { ZMilestoneSummary } from './milestones'
import { chineseDay } from './shanghaiTime'

// The file model lives in ./file; re-exported for tests/component fixtures that import it from here.
export { ZEvidenceFile, type TEvidenceFile } from './file'

/** 是 / 部分 / 否 / 不适用 */
export const ANSWER_VALUES = ['yes', 'partial', 'no', 'na'] as const
export const ZAnswerValue = z.enum(ANSWER_VALUES)
export type TAnswerValue = z.infer<typeof ZAnswerValue>
export const ANSWER_LABELS: Record<TAnswerValue, string> = {
  yes: '是',
  partial: '部分',
  no: '否',
  na: '不适用',
}

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const
export const ZAssessmentStatus = z.enum(ASSESSMENT_STATUSES)
export type TAssessmentStatus = z.infer<typeof ZAssessmentStatus>
export const ASSESSMENT_STATUS_LABELS: Record<TAssessmentStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '退回修改',
  accepted: '已通过',
}

// ---------- applicability and scoring: pure, shared by the app (progress) and the server (the record) ----------

export interface EnterpriseKind {
  ownership: TOwnership
  partyOrg: TPartyOrg
}

/** The items that bind this enterprise: its ownership kind, and a party organisation where the duty needs one. */
export function applicableItems<T extends Pick<TChecklistItem, 'applicability'>>(
  items: T[],
  enterprise: EnterpriseKind,
): T[] {
  return items.filter(
    (item) =>
      item.applicability.ownerships.includes(enterprise.ownership) &&
      (!item.applicability.needsPartyOrg || enterprise.partyOrg !== 'none'),
  )
}

export interface AnswerLike {
  itemCode: string
  value: TAnswerValue
  note?: string | null
  naReason?: string | null
}

const VALUE_CREDIT: Record<Exclude<TAnswerValue, 'na'>, number> = { yes: 1, partial: 0.5, no: 0 }

export interface SectionScore {
  section: TSection
  /** 0-100 with one decimal, or null when nothing in the section counts (all 不适用 or no items). */
  score: number | null
  applicable: number
  answered: number
  weightCounted: number
}

export interface Scores {
  sections: SectionScore[]
  overall: number | null
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}

/**
 * A dimension scored on fewer items than this gets no score of its own (null, shown as —): with one item a
 * single answer would swing it from 0 to 100. Its answers still count in the overall score. Applies to
 * templates whose items carry answer rules (v2 on); v1 assessments score as they always did.
 */
export const MIN_SCORED_PER_SECTION = 3

/**
 * Score = Σ weight × credit / Σ weight over the applicable items answered 是/部分/否 (是 1, 部分 0.5, 否 0),
 * as a percentage. 不适用 (with its reason) leaves the item out of both sums.
 */
export function computeScores(items: TChecklistItem[], answers: AnswerLike[]): Scores {
  const byCode = new Map(answers.map((a) => [a.itemCode, a]))
  let totalWeight = 0
  let totalEarned = 0
  const minScored = items.some((i) => i.rules) ? MIN_SCORED_PER_SECTION : 1
  const sections = SECTIONS.map((section): SectionScore => {
    const sectionItems = items.filter((i) => i.section === section)
    let weight = 0
    let earned = 0
    let answered = 0
    let scored = 0
    for (const item of sectionItems) {
      const answer = byCode.get(item.code)
      if (!answer) continue
      answered += 1
      if (answer.value === 'na') continue
      scored += 1
      weight += item.weight
      earned += item.weight * VALUE_CREDIT[answer.value]
    }
    totalWeight += weight
    totalEarned += earned
    return {
      section,
      score: weight > 0 && scored >= minScored ? round1((earned / weight) * 100) : null,
      applicable: sectionItems.length,
      answered,
      weightCounted: weight,
    }
  })
  return { sections, overall: totalWeight > 0 ? round1((totalEarned / totalWeight) * 100) : null }
}

export type SubmitProblemKind = 'unanswered' | 'evidence_missing' | 'na_reason_missing' | 'note_missing'
export interface SubmitProblem {
  itemCode: string
  kind: SubmitProblemKind
  message: string
}

const PROBLEM_MESSAGES: Record<SubmitProblemKind, string> = {
  unanswered: '尚未作答',
  evidence_missing: '该项要求上传佐证材料',
  na_reason_missing: '选择“不适用”须说明理由',
  note_missing: '选择“否”或“部分”须在说明中写明未落实的内容',
}

/**
 * What stops a submit: every applicable item answered, evidence where required, a reason for 不适用, and
 * (v2 on) a note for 否 / 部分 as the item's rules ask.
 */
export function submitProblems(
  items: TChecklistItem[],
  answers: AnswerLike[],
  evidenceCount: (itemCode: string) => number,
): SubmitProblem[] {
  const byCode = new Map(answers.map((a) => [a.itemCode, a]))
  const problems: SubmitProblem[] = []
  for (const item of items) {
    const answer = byCode.get(item.code)
    let kind: SubmitProblemKind | null = null
    if (!answer) kind = 'unanswered'
    else if (answer.value === 'na' && !answer.naReason?.trim()) kind = 'na_reason_missing'
    else if (noteMissing(item, answer)) kind = 'note_missing'
    else if (needsEvidence(item, answer.value) && evidenceCount(item.code) === 0) kind = 'evidence_missing'
    if (kind) problems.push({ itemCode: item.code, kind, message: PROBLEM_MESSAGES[kind] })
  }
  return problems
}

/**
 * The figures a page shows about one assessment's answers, each counted once, so that they add up:
 * answered + unanswered = items; incomplete (answered, but evidence or the 不适用 reason missing) and
 * notApplicable are parts of answered.
 */
export function answerCounts(
  items: TChecklistItem[],
  answers: AnswerLike[],
  problems: readonly { itemCode: string; kind: SubmitProblemKind }[],
) {
  const codes = new Set(items.map((i) => i.code))
  const given = answers.filter((a) => codes.has(a.itemCode))
  return {
    items: items.length,
    answered: given.length,
    unanswered: items.length - given.length,
    incomplete: problems.filter((p) => p.kind !== 'unanswered' && codes.has(p.itemCode)).length,
    notApplicable: given.filter((a) => a.value === 'na').length,
  }
}

/** 不适用 answers among these items (a section's, say): answered, but not scored. */
export function notApplicableCount(items: TChecklistItem[], answers: AnswerLike[]): number {
  const codes = new Set(items.map((i) => i.code))
  return answers.filter((a) => codes.has(a.itemCode) && a.value === 'na').length
}

// ---------- API shapes ----------

/** A campaign's name; PostgreSQL refuses NUL in text, so every control character is refused with a message. */
const ZCampaignName = oneLine(textOf(2, '期次名称至少2个字', 60, '期次名称不超过60个字'), '期次名称')

/** What the office writes of a campaign: its name and its three dates. */
const campaignFields = z.object({ name: ZCampaignName, periodStart: ZDay, periodEnd: ZDay, dueDate: ZDay })

export const ZCampaignCreate = campaignFields
  .extend({
    /** Target enterprises; empty means every enterprise of the county. */
    enterpriseIds: rowIds(10000, '企业').default([]),
  })
  .meta({ id: 'CampaignCreate' })
export type TCampaignCreate = z.input<typeof ZCampaignCreate>

/** Changing a campaign (the office): any of its name and dates; the dates are checked again as a whole. */
export const ZCampaignUpdate = campaignFields.partial().meta({ id: 'CampaignUpdate' })
export type TCampaignUpdate = z.input<typeof ZCampaignUpdate>

export interface CampaignDates {
  periodStart: string
  periodEnd: string
  dueDate: string
}

/**
 * The dates of a campaign against each other and against today (北京时间 YYYY-MM-DD): one message per field.
 * `dueDateChanged` false skips the check against today (an existing campaign renamed after its deadline).
 */
export function campaignDateProblems(
  dates: CampaignDates,
  today: string,
  dueDateChanged = true,
): { path: keyof CampaignDates; message: string }[] {
  const problems: { path: keyof CampaignDates; message: string }[] = []
  if (dates.periodStart > dates.periodEnd)
    problems.push({ path: 'periodEnd', message: '自查期间的结束日期不能早于开始日期' })
  if (dates.dueDate < dates.periodStart)
    problems.push({ path: 'dueDate', message: '截止日期不能早于自查期间的开始日期' })
  else if (dueDateChanged && dates.dueDate < today)
    problems.push({ path: 'dueDate', message: `截止日期不能早于今天（${chineseDay(today)}）` })
  return problems
}

export const ZCampaign = z
  .object({
    id: z.number().int(),
    name: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    dueDate: z.string(),
    templateVersion: z.number().int(),
    targetCount: z.number().int(),
    createdAt: z.string(),
    /** Set when the office closed the campaign (已结束). */
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'Campaign' })
export type TCampaign = z.infer<typeof ZCampaign>

export const ZSectionScore = z.object({
  section: ZSection,
  score: z.number().nullable(),
  applicable: z.number().int(),
  answered: z.number().int(),
  weightCounted: z.number(),
})

export const ZAnswerInput = z.object({
  itemCode: oneLine(z.string().min(1).max(16), '自查项编号'),
  value: ZAnswerValue,
  note: severalLines(z.string().trim().max(500, '说明不超过500字'), '说明').nullable().optional(),
  naReason: severalLines(z.string().trim().max(200, '不适用理由不超过200字'), '不适用理由')
    .nullable()
    .optional(),
})
export type TAnswerInput = z.infer<typeof ZAnswerInput>

export const ZAnswersSave = z
  .object({ answers: z.array(ZAnswerInput).min(1, '至少保存一项').max(300) })
  .meta({ id: 'AnswersSave' })

export const ZAnswer = z.object({
  itemCode: z.string(),
  value: ZAnswerValue,
  note: z.string().nullable(),
  naReason: z.string().nullable(),
  reviewComment: z.string().nullable(),
  updatedAt: z.string(),
})
export type TAnswer = z.infer<typeof ZAnswer>

export const ZAssessmentEvent = z.object({
  fromStatus: ZAssessmentStatus.nullable(),
  toStatus: ZAssessmentStatus,
  actorName: z.string(),
  comment: z.string().nullable(),
  createdAt: z.string(),
})

export const ZAssessmentSummary = z
  .object({
    id: z.number().int(),
    campaign: ZCampaign,
    ...enterpriseRef,
    status: ZAssessmentStatus,
    applicableCount: z.number().int(),
    answeredCount: z.number().int(),
    overall: z.number().nullable(),
    submittedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AssessmentSummary' })
export type TAssessmentSummary = z.infer<typeof ZAssessmentSummary>

export const ZAssessment = z
  .object({
    id: z.number().int(),
    campaign: ZCampaign,
    enterprise: z.object({
      id: z.number().int(),
      name: z.string(),
      ownership: ZOwnership,
      partyOrg: ZPartyOrg,
    }),
    status: ZAssessmentStatus,
    templateVersion: z.number().int(),
    items: z.array(ZChecklistItem),
    answers: z.array(ZAnswer),
    evidence: z.array(ZEvidenceFile),
    scores: z.object({ sections: z.array(ZSectionScore), overall: z.number().nullable() }),
    history: z.array(ZAssessmentEvent),
    submittedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Assessment' })
export type TAssessment = z.infer<typeof ZAssessment>

export const ZReturnBody = z
  .object({
    comment: lines(500, '意见').nullable().optional(),
    items: z
      .array(
        z.object({
          itemCode: oneLine(z.string().min(1).max(16), '自查项编号'),
          comment: severalLines(z.string().trim().min(1, '请填写退回意见').max(500), '退回意见'),
        }),
      )
      .min(1, '请至少对一项填写退回意见')
      .max(300),
  })
  .meta({ id: 'AssessmentReturn' })

export const ZAcceptBody = z
  .object({ comment: lines(500, '意见').nullable().optional() })
  .meta({ id: 'AssessmentAccept' })

// ---------- supervision ----------

export const ZSupervisedEnterprise = z
  .object({
    ...enterpriseRef,
    ownership: ZOwnership,
    partyOrg: ZPartyOrg,
    assessmentId: z.number().int().nullable(),
    status: ZAssessmentStatus.nullable(),
    overall: z.number().nullable(),
    sections: z.array(ZSectionScore),
    submittedAt: z.string().nullable(),
    openRectifications: z.number().int(),
    overdueRectifications: z.number().int(),
    /** 实施步骤: 领导小组 and 实施方案, 按时 / 逾期 / 未报. */
    milestones: ZMilestoneSummary,
  })
  .meta({ id: 'SupervisedEnterprise' })
export type TSupervisedEnterprise = z.infer<typeof ZSupervisedEnterprise>

export const ZSupervisionOverview = z
  .object({
    campaign: ZCampaign.nullable(),
    enterprises: z.array(ZSupervisedEnterprise),
  })
  .meta({ id: 'SupervisionOverview' })
export type TSupervisionOverview = z.infer<typeof ZSupervisionOverview>
