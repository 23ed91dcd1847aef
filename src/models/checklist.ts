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
  })
  .meta({ id: 'ChecklistItem' })
export type TChecklistItem = z.infer<typeof ZChecklistItem>
