/**
 * Pure helpers of the self-assessment screens: the server's copy of an assessment plus what this device
 * still has in the outbox for it (answers not yet delivered, evidence being removed, a submit on its way).
 */
import {
  computeScores,
  submitProblems,
  type SubmitProblem,
  type TAnswer,
  type TAnswerValue,
  type TAssessment,
} from '@/models/assessment'
import type { TEvidenceFile } from '@/models/file'
import {
  SECTIONS,
  needsEvidence as needsEvidenceByRule,
  rectifies,
  type TChecklistItem,
  type TSection,
} from '@/models/checklist'
import type { OutboxEntry } from './outbox'
import { ASSESSMENT_WRITE_KINDS, assessmentPath, type AnswerDraft } from './assessments'

export interface AssessmentView {
  /** The assessment with the outbox's pending writes applied. */
  assessment: TAssessment
  /** Items with an answer not yet delivered. */
  pendingCodes: Set<string>
  /** Items whose last answer the server refused, with its reason. */
  refusedCodes: Map<string, string>
  /** A submit waiting in the outbox. */
  submitPending: boolean
}

function isAnswersBody(body: unknown): body is { answers: AnswerDraft[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { answers?: unknown }).answers)
}

/** Upserts one answer; keeps the reviewer's comment on the item. */
export function withAnswer(assessment: TAssessment, draft: AnswerDraft, at = new Date()): TAssessment {
  const previous = assessment.answers.find((a) => a.itemCode === draft.itemCode)
  const next: TAnswer = {
    itemCode: draft.itemCode,
    value: draft.value,
    note: draft.note?.trim() ? draft.note.trim() : null,
    naReason: draft.value === 'na' && draft.naReason?.trim() ? draft.naReason.trim() : null,
    reviewComment: previous?.reviewComment ?? null,
    updatedAt: at.toISOString(),
  }
  const answers = previous
    ? assessment.answers.map((a) => (a.itemCode === draft.itemCode ? next : a))
    : [...assessment.answers, next]
  return { ...assessment, answers }
}

export function withEvidence(assessment: TAssessment, file: TEvidenceFile): TAssessment {
  if (assessment.evidence.some((e) => e.id === file.id)) return assessment
  return { ...assessment, evidence: [...assessment.evidence, file] }
}

export function withoutEvidence(assessment: TAssessment, fileId: number): TAssessment {
  return { ...assessment, evidence: assessment.evidence.filter((e) => e.id !== fileId) }
}

/** The outbox's writes for this assessment, applied in the order they will be sent. */
export function overlayOutbox(
  assessment: TAssessment,
  eid: number,
  entries: readonly OutboxEntry[],
): AssessmentView {
  const base = assessmentPath(eid, assessment.id)
  let view = assessment
  const pendingCodes = new Set<string>()
  const refusedCodes = new Map<string, string>()
  let submitPending = false
  for (const entry of entries) {
    if (!entry.path.startsWith(`${base}/`)) continue
    if (entry.kind === ASSESSMENT_WRITE_KINDS.answers && isAnswersBody(entry.body)) {
      for (const draft of entry.body.answers) {
        if (entry.status === 'pending') {
          view = withAnswer(view, draft, new Date(entry.createdAt))
          pendingCodes.add(draft.itemCode)
          refusedCodes.delete(draft.itemCode)
        } else {
          refusedCodes.set(draft.itemCode, entry.lastError?.message ?? '未被接受')
        }
      }
    } else if (entry.kind === ASSESSMENT_WRITE_KINDS.evidenceRemove && entry.status === 'pending') {
      const id = Number(entry.path.slice(entry.path.lastIndexOf('/') + 1))
      view = withoutEvidence(view, id)
    } else if (entry.kind === ASSESSMENT_WRITE_KINDS.submit && entry.status === 'pending') {
      submitPending = true
    }
  }
  if (view !== assessment) {
    view = { ...view, scores: computeScores(view.items, view.answers) }
  }
  return { assessment: view, pendingCodes, refusedCodes, submitPending }
}

export function answerOf(assessment: TAssessment, code: string): TAnswer | undefined {
  return assessment.answers.find((a) => a.itemCode === code)
}

export function evidenceOf(assessment: TAssessment, code: string): TEvidenceFile[] {
  return assessment.evidence.filter((e) => e.itemCode === code)
}

/** What stops a submit, per item, computed the way the server does. */
export function problemsOf(assessment: TAssessment): SubmitProblem[] {
  return submitProblems(
    assessment.items,
    assessment.answers,
    (code) => assessment.evidence.filter((e) => e.itemCode === code).length,
  )
}

/** The first item without an answer after `fromCode` (wrapping around), or null when all are answered. */
export function nextUnanswered(assessment: TAssessment, fromCode?: string): TChecklistItem | null {
  const answered = new Set(assessment.answers.map((a) => a.itemCode))
  const items = assessment.items
  const start = fromCode ? items.findIndex((i) => i.code === fromCode) + 1 : 0
  for (let k = 0; k < items.length; k++) {
    const item = items[(start + k) % items.length]
    if (!answered.has(item.code) && item.code !== fromCode) return item
  }
  return null
}

export interface SectionGroup<T> {
  section: TSection
  entries: T[]
}

/** Entries grouped by section, in the order 清廉政治 … 规定动作; empty sections left out. */
export function groupBySection<T>(
  entries: readonly T[],
  sectionOf: (entry: T) => TSection,
): SectionGroup<T>[] {
  return SECTIONS.map((section) => ({
    section,
    entries: entries.filter((e) => sectionOf(e) === section),
  })).filter((g) => g.entries.length > 0)
}

/** 否 / 部分 answers that become 整改 (not on what the document only encourages: 探索, 鼓励). */
export function findingsOf(assessment: TAssessment): { item: TChecklistItem; answer: TAnswer }[] {
  const byCode = new Map(assessment.answers.map((a) => [a.itemCode, a]))
  return assessment.items.flatMap((item) => {
    const answer = byCode.get(item.code)
    return answer && rectifies(item, answer.value) ? [{ item, answer }] : []
  })
}

/** Whether an answer needs evidence before the submit (the item asks for it, and its rules name the answer). */
export function needsEvidence(item: TChecklistItem, value: TAnswerValue | undefined): boolean {
  return needsEvidenceByRule(item, value)
}

/** 0-100 as shown: one decimal only when it has one. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return '—'
  return Number.isInteger(score) ? String(score) : score.toFixed(1)
}
