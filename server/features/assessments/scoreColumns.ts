import type { SectionScore } from '../../../src/models/assessment'
import { SECTIONS } from '../../../src/models/checklist'
import type { AssessmentTable } from '../../core/db/schema'

/** The assessment columns holding the section scores: the JSON and each section's score on its own. */
export type SectionScoreColumns = Pick<
  AssessmentTable,
  | 'section_scores'
  | 'score_politics'
  | 'score_operation'
  | 'score_culture'
  | 'score_supervision'
  | 'score_actions'
>

/**
 * What an assessment's scores are written as, wherever they are written: the JSON (the page's detail) and,
 * from the same list, each section's score in its column (监管总览's figures and filters, migration 0031).
 */
export function sectionScoreColumns(
  sections: readonly Pick<SectionScore, 'section' | 'score'>[] | null,
): SectionScoreColumns {
  const of = (section: (typeof SECTIONS)[number]) =>
    sections?.find((s) => s.section === section)?.score ?? null
  return {
    section_scores: sections === null ? null : JSON.stringify(sections),
    score_politics: of('politics'),
    score_operation: of('operation'),
    score_culture: of('culture'),
    score_supervision: of('supervision'),
    score_actions: of('actions'),
  }
}
