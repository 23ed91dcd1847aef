import type { Generated } from 'kysely'
import type { SchemaColumns } from './columns'

export interface ChecklistTemplateTable {
  id: Generated<number>
  version: number
  note: string | null
  created_at: string
}

export interface ChecklistItemTable {
  template_id: number
  code: string
  position: number
  section: string
  /** '1'..'15', 'S' or 'R' */
  task: string
  question: string
  basis_ref: string
  basis_quote: string
  /** JSON array of ownership kinds */
  ownerships: string
  needs_party_org: number
  evidence_required: number
  evidence_hint: string
  weight: number
  /** v2 on: the programme's sentence around basis_quote, the task's title, the answer rules (JSON). */
  basis_sentence: string | null
  basis_title: string | null
  answer_rules: string | null
}

export interface CampaignTable {
  id: Generated<number>
  name: string
  period_start: string
  period_end: string
  due_date: string
  template_id: number
  created_by: number
  created_at: string
  /** Set when the office closes the campaign (已结束): its drafts can no longer be submitted. */
  closed_at: string | null
  /** 1: started for the whole county, so an enterprise registered while it is open joins it (0: chosen ones). */
  county_wide: number
}

export interface AssessmentTable {
  id: Generated<number>
  campaign_id: number
  enterprise_id: number
  template_id: number
  status: 'draft' | 'submitted' | 'returned' | 'accepted'
  overall_score: number | null
  /** JSON of the section scores computed at submit */
  section_scores: string | null
  /** Each section's score out of `section_scores` (written with it: `sectionScoreColumns`), for the figures. */
  score_politics: number | null
  score_operation: number | null
  score_culture: number | null
  score_supervision: number | null
  score_actions: number | null
  submitted_at: string | null
  reviewed_at: string | null
  reviewed_by: number | null
  created_at: string
  updated_at: string
}

export interface AssessmentAnswerTable {
  assessment_id: number
  item_code: string
  value: 'yes' | 'partial' | 'no' | 'na'
  note: string | null
  na_reason: string | null
  review_comment: string | null
  updated_by: number
  updated_at: string
}

export interface AssessmentEventTable {
  id: Generated<number>
  assessment_id: number
  from_status: string | null
  to_status: string
  actor_id: number
  comment: string | null
  created_at: string
}

/** The tables of `server/features/assessments/`. */
export interface AssessmentsTables {
  checklist_templates: ChecklistTemplateTable
  checklist_items: ChecklistItemTable
  campaigns: CampaignTable
  assessments: AssessmentTable
  assessment_answers: AssessmentAnswerTable
  assessment_events: AssessmentEventTable
}

export const assessmentsColumns = {
  checklist_templates: { id: true, version: true, note: true, created_at: true },
  checklist_items: {
    template_id: true,
    code: true,
    position: true,
    section: true,
    task: true,
    question: true,
    basis_ref: true,
    basis_quote: true,
    ownerships: true,
    needs_party_org: true,
    evidence_required: true,
    evidence_hint: true,
    weight: true,
    basis_sentence: true,
    basis_title: true,
    answer_rules: true,
  },
  campaigns: {
    id: true,
    name: true,
    period_start: true,
    period_end: true,
    due_date: true,
    template_id: true,
    created_by: true,
    created_at: true,
    closed_at: true,
    county_wide: true,
  },
  assessments: {
    id: true,
    campaign_id: true,
    enterprise_id: true,
    template_id: true,
    status: true,
    overall_score: true,
    section_scores: true,
    score_politics: true,
    score_operation: true,
    score_culture: true,
    score_supervision: true,
    score_actions: true,
    submitted_at: true,
    reviewed_at: true,
    reviewed_by: true,
    created_at: true,
    updated_at: true,
  },
  assessment_answers: {
    assessment_id: true,
    item_code: true,
    value: true,
    note: true,
    na_reason: true,
    review_comment: true,
    updated_by: true,
    updated_at: true,
  },
  assessment_events: {
    id: true,
    assessment_id: true,
    from_status: true,
    to_status: true,
    actor_id: true,
    comment: true,
    created_at: true,
  },
} as const satisfies SchemaColumns<AssessmentsTables>
