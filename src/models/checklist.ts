import { z } from 'zod'
import { ZOwnership } from './org'

/**
 * The self-assessment checklist, written from the programme document: 4 dimensions (四廉) → the 15 tasks
 * → items, plus the 规定动作 of its 实施步骤 and 工作要求 as their own section.
 */
export const DIMENSIONS = ['politics', 'operation', 'culture', 'supervision'] as const
export const SECTIONS = [...DIMENSIONS, 'actions'] as const
export const ZSection = z.enum(SECTIONS)
export type TSection = z.infer<typeof ZSection>
export const SECTION_LABELS: Record<TSection, string> = {
  politics: '清廉政治',
  operation: '清廉经营',
  culture: '清廉文化',
  supervision: '清廉监管',
  actions: '规定动作',
}

/** Task 1-15 of 二、主要任务; 'S' = 三、实施步骤, 'R' = 四、工作要求. */
export const ZTaskRef = z.union([z.number().int().min(1).max(15), z.enum(['S', 'R'])])
export type TTaskRef = z.infer<typeof ZTaskRef>

/** Which section each task belongs to, as the document groups them. */
export function sectionOfTask(task: TTaskRef): TSection {
  if (task === 'S' || task === 'R') return 'actions'
  if (task <= 4) return 'politics'
  if (task <= 8) return 'operation'
  if (task <= 11) return 'culture'
  return 'supervision'
}

/**
 * How an item may be answered (v2 on), enforced on the server and mirrored in the app:
 * - naAllowed: 不适用 is refused on duties that bind every enterprise the item applies to (底线, 规定动作);
 * - noteFor / noteMinLength: 否 and 部分 must say what is missing, in at least that many characters;
 * - evidenceFor: the answers that need 佐证 when the item asks for evidence (never 否 or 不适用);
 * - rectifyOn: the answers that open a 整改 on acceptance; empty for what the document only
 *   encourages (探索, 鼓励, 等活动), where 否 is an honest answer and not a fault.
 */
export const ZAnswerRules = z.object({
  naAllowed: z.boolean(),
  noteFor: z.array(z.enum(['partial', 'no'])),
  noteMinLength: z.number().int().min(0).max(100),
  evidenceFor: z.array(z.enum(['yes', 'partial'])),
  rectifyOn: z.array(z.enum(['partial', 'no'])),
})
export type TAnswerRules = z.infer<typeof ZAnswerRules>

/** v1 items carry no rules: these are how v1 always answered (不适用 anywhere, notes optional). */
export const V1_ANSWER_RULES: TAnswerRules = {
  naAllowed: true,
  noteFor: [],
  noteMinLength: 0,
  evidenceFor: ['yes', 'partial'],
  rectifyOn: ['partial', 'no'],
}

export const ZChecklistItem = z
  .object({
    /** Stable across template versions: e.g. 'T07-03'. */
    code: z.string().regex(/^(T(0[1-9]|1[0-5])|S|R)-\d{2}$/),
    section: ZSection,
    task: ZTaskRef,
    /** The question as the enterprise answers it (是 / 部分 / 否 / 不适用). */
    question: z.string().min(6),
    basis: z.object({
      /** e.g. '任务7' or '实施步骤（二）1' */
      ref: z.string(),
      /** A phrase copied exactly from the programme document. */
      quote: z.string().min(4),
      /** v2 on: the whole sentence (or clause) of the document that contains the quote, verbatim. */
      sentence: z.string().optional(),
      /** v2 on: the title of the cited task (or part of 实施步骤 / 工作要求), e.g. '坚持把党的政治建设摆在首位'. */
      title: z.string().optional(),
    }),
    applicability: z.object({
      ownerships: z.array(ZOwnership).min(1),
      needsPartyOrg: z.boolean(),
    }),
    evidence: z.object({
      required: z.boolean(),
      /** What counts as evidence, in the enterprise's words. */
      hint: z.string(),
    }),
    weight: z.number().int().min(1).max(5),
    /** v2 on; absent on v1 items, which answer as they always did. */
    rules: ZAnswerRules.optional(),
  })
  .meta({ id: 'ChecklistItem' })
export type TChecklistItem = z.infer<typeof ZChecklistItem>

/** The rules an item answers by: its own (v2 on), or v1's. */
export function answerRules(item: Pick<TChecklistItem, 'rules'>): TAnswerRules {
  return item.rules ?? V1_ANSWER_RULES
}

/** Whether this answer needs 佐证 on this item (the “须上传” tag shows only then). */
export function needsEvidence(
  item: Pick<TChecklistItem, 'rules' | 'evidence'>,
  value: string | null | undefined,
) {
  return item.evidence.required && (answerRules(item).evidenceFor as string[]).includes(value ?? '')
}

/** Whether accepting this answer opens a 整改 (never for 探索 / 鼓励 items). */
export function rectifies(item: Pick<TChecklistItem, 'rules'>, value: string) {
  return (answerRules(item).rectifyOn as string[]).includes(value)
}

/** 不适用 on a duty that binds every enterprise it applies to: refused when saved. */
export function naRefused(item: Pick<TChecklistItem, 'rules'>, value: string): boolean {
  return value === 'na' && !answerRules(item).naAllowed
}

/**
 * 否 / 部分 without the note their rules ask for. Checked at submit, like the 不适用 reason: the app saves the
 * answer the moment it is chosen, before the note is typed.
 */
export function noteMissing(
  item: Pick<TChecklistItem, 'rules'>,
  answer: { value: string; note?: string | null },
): boolean {
  const rules = answerRules(item)
  if (!(rules.noteFor as string[]).includes(answer.value)) return false
  return (answer.note ?? '').trim().length < Math.max(rules.noteMinLength, 1)
}
