import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/assessments/`. */
export const assessmentsColumns = {
  checklist_templates: {
    id: autoId,
    version: num,
    note: textOrNull,
    created_at: text,
  },
  checklist_items: {
    template_id: num,
    code: text,
    position: num,
    section: text,
    /** '1'..'15', 'S' or 'R' */
    task: text,
    question: text,
    basis_ref: text,
    basis_quote: text,
    /** JSON array of ownership kinds */
    ownerships: text,
    needs_party_org: num,
    evidence_required: num,
    evidence_hint: text,
    weight: num,
    /** v2 on: the programme's sentence around basis_quote, the task's title, the answer rules (JSON). */
    basis_sentence: textOrNull,
    basis_title: textOrNull,
    answer_rules: textOrNull,
  },
  campaigns: {
    id: autoId,
    name: text,
    period_start: text,
    period_end: text,
    due_date: text,
    template_id: num,
    created_by: num,
    created_at: text,
    /** Set when the office closes the campaign (已结束): its drafts can no longer be submitted. */
    closed_at: textOrNull,
    /** 1: started for the whole county, so an enterprise registered while it is open joins it (0: chosen ones). */
    county_wide: num,
  },
  assessments: {
    id: autoId,
    campaign_id: num,
    enterprise_id: num,
    template_id: num,
    status: column<'draft' | 'submitted' | 'returned' | 'accepted'>(),
    overall_score: numOrNull,
    /** JSON of the section scores computed at submit */
    section_scores: textOrNull,
    /** Each section's score out of `section_scores` (written with it: `sectionScoreColumns`), for the figures. */
    score_politics: numOrNull,
    score_operation: numOrNull,
    score_culture: numOrNull,
    score_supervision: numOrNull,
    score_actions: numOrNull,
    submitted_at: textOrNull,
    reviewed_at: textOrNull,
    reviewed_by: numOrNull,
    created_at: text,
    updated_at: text,
  },
  assessment_answers: {
    assessment_id: num,
    item_code: text,
    value: column<'yes' | 'partial' | 'no' | 'na'>(),
    note: textOrNull,
    na_reason: textOrNull,
    review_comment: textOrNull,
    updated_by: num,
    updated_at: text,
  },
  assessment_events: {
    id: autoId,
    assessment_id: num,
    from_status: textOrNull,
    to_status: text,
    actor_id: num,
    comment: textOrNull,
    created_at: text,
  },
}
