import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * Table types, one per table, shared by SQLite and PostgreSQL. Timestamps are ISO-8601 UTC text and
 * dates are 'YYYY-MM-DD' text on both databases, so rows map the same way everywhere; booleans are 0/1.
 */
export interface DepartmentTable {
  id: Generated<number>
  name: string
  is_office: number
  created_at: string
  /** Set when the office retires it: it keeps its name and history and supervises nothing. */
  retired_at: string | null
}

export interface EnterpriseTable {
  id: Generated<number>
  name: string
  credit_code: string
  ownership: string
  party_org: string
  industry: string | null
  leading_group_date: string | null
  plan_filed_date: string | null
  demonstration: number
  liaison_name: string | null
  liaison_phone: string | null
  created_at: string
  updated_at: string
  /** The 实施步骤 deadline the office set for this enterprise (null: the programme's). */
  milestone_deadline: string | null
}

export interface LeadingGroupMemberTable {
  id: Generated<number>
  enterprise_id: number
  position: number
  name: string
  title: string
  group_role: string
  created_at: string
}

export interface PlanFilingTable {
  id: Generated<number>
  enterprise_id: number
  /** 1, 2, … per enterprise: unique, so two filings of the same number cannot both be written. */
  revision: number
  department_id: number
  /** JSON array of evidence_files ids */
  file_ids: string
  status: 'submitted' | 'received' | 'returned'
  submitted_by: number
  submitted_at: string
  decided_by: number | null
  decided_at: string | null
  return_reason: string | null
}

export interface EnterpriseImportTable {
  id: Generated<number>
  created_by: number
  filename: string
  sha256: string
  /** parsing → ready → committed, or failed */
  state: string
  processed: number
  total: number
  /** JSON: rows per status */
  counts: string | null
  error_message: string | null
  /** The result workbook in the file store. */
  result_key: string | null
  /** JSON: what the commit did (replayed to a second commit). */
  commit_result: string | null
  created_at: string
  updated_at: string
  committed_at: string | null
}

export interface EnterpriseImportRowTable {
  import_id: number
  /** The row's number in the worksheet (the header is row 1). */
  row_no: number
  status: string
  reason: string | null
  name: string | null
  credit_code: string | null
  /** JSON: the row as checked (TImportRowData) */
  data: string | null
}

export interface SupervisionLinkTable {
  department_id: number
  enterprise_id: number
  created_at: string
}

export interface PartyBranchTable {
  id: Generated<number>
  enterprise_id: number
  name: string
  secretary_user_id: number | null
  created_at: string
}

export interface UserTable {
  id: Generated<number>
  openid: string
  unionid: string | null
  name: string
  phone: string | null
  /** WeChat session_key: kept on the server only, never serialised. */
  session_key: string | null
  disabled_at: string | null
  created_at: string
  updated_at: string
}

export interface MembershipTable {
  id: Generated<number>
  user_id: number
  organisation_kind: 'department' | 'enterprise'
  organisation_id: number
  role: string
  /** removed: the person left (ended by the liaison); the row and their records stay. */
  status: 'pending' | 'approved' | 'rejected' | 'removed'
  invite_id: number | null
  decided_by: number | null
  decided_at: string | null
  created_at: string
}

export interface AdminCodeTable {
  id: Generated<number>
  department_id: number
  code_sha256: string
  expires_at: string
  created_at: string
  revoked_at: string | null
  redeemed_by: number | null
  redeemed_at: string | null
}

/** An invite names exactly one organisation: an enterprise or a department. */
export interface InviteTable {
  id: Generated<number>
  code: string
  enterprise_id: number | null
  department_id: number | null
  role: string
  created_by: number
  expires_at: string
  max_uses: number
  uses: number
  revoked_at: string | null
  created_at: string
}

export interface IdempotencyKeyTable {
  id: Generated<number>
  user_id: number
  key: string
  method: string
  path: string
  request_hash: string
  state: 'in_progress' | 'done'
  response_status: number | null
  response_body: string | null
  created_at: string
  updated_at: string
}

export interface AuditLogTable {
  id: Generated<number>
  user_id: number | null
  action: string
  entity_type: string
  entity_id: string | null
  detail: string | null
  ip: string | null
  created_at: string
  /** The organisation the write belongs to (the route's enterprise or department), when it has one. */
  organisation_kind: 'enterprise' | 'department' | null
  organisation_id: number | null
}

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

export interface EvidenceFileTable {
  id: Generated<number>
  enterprise_id: number
  assessment_id: number | null
  item_code: string | null
  rectification_id: number | null
  filename: string
  mime: string
  size: number
  sha256: string
  storage_key: string
  uploaded_by: number
  deleted_at: string | null
  created_at: string
  /** A meeting record's attachment (签到表, 现场照片): its meeting and kind. */
  meeting_id: number | null
  attachment_kind: string | null
  /** A risk point's attachment. */
  risk_id: number | null
  /** A “三重一大” decision's attachment. */
  major_decision_id: number | null
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

export interface RectificationTable {
  id: Generated<number>
  enterprise_id: number
  source: 'finding' | 'notice' | 'risk'
  assessment_id: number | null
  item_code: string | null
  title: string
  detail: string | null
  deadline: string
  status: 'open' | 'awaiting_verification' | 'closed' | 'returned'
  response: string | null
  created_by: number | null
  created_at: string
  updated_at: string
  /** The risk point a supervisor raised this 整改 from (source 'risk'). */
  risk_id: number | null
}

export interface RectificationEventTable {
  id: Generated<number>
  rectification_id: number
  from_status: string | null
  to_status: string
  actor_id: number | null
  comment: string | null
  created_at: string
}

export interface EventTable {
  id: Generated<number>
  kind: string
  title: string
  description: string | null
  organiser_kind: 'enterprise' | 'department'
  organiser_id: number
  starts_at: string
  ends_at: string
  sign_in_opens_at: string
  sign_in_closes_at: string
  place_name: string | null
  place_lat: number | null
  place_lng: number | null
  place_radius_m: number | null
  /** base64url of 32 random bytes: signs the rotating QR; never leaves the server. */
  qr_secret: string
  created_by: number
  created_at: string
  updated_at: string
  /** Set when the organiser cancels the event (已取消): kept, but out of every list of upcoming events and rate. */
  cancelled_at: string | null
}

export interface EventAudienceTable {
  event_id: number
  enterprise_id: number
}

export interface EventDisplayTokenTable {
  id: Generated<number>
  event_id: number
  /** SHA-256 (hex) of the token: the token itself is shown once, to its creator. */
  token_hash: string
  created_by: number
  created_at: string
  expires_at: string
  revoked_at: string | null
  revoked_by: number | null
}

export interface SignInTable {
  id: Generated<number>
  event_id: number
  user_id: number
  /** The audience enterprise the attendee counts for. */
  enterprise_id: number
  method: 'scan' | 'offline' | 'proxy'
  signed_in_at: string
  received_at: string
  scanned_at: string | null
  slot: number | null
  lat: number | null
  lng: number | null
  accuracy: number | null
  distance_m: number | null
  /** JSON array of flags */
  flags: string
  proxy_by: number | null
  proxy_reason: string | null
  created_at: string
}

export interface PledgeTemplateTable {
  id: Generated<number>
  kind: string
  version: number
  /** JSON of TPledgeTemplateContent */
  content: string
  note: string | null
  created_by: number | null
  created_at: string
}

export interface PledgeTable {
  id: Generated<number>
  /** The public verify code (12 chars Crockford base32). */
  code: string
  kind: string
  template_id: number
  enterprise_id: number
  department_id: number | null
  /** The exact text signed, and its SHA-256 (hex). */
  text: string
  text_sha256: string
  status: 'pending' | 'effective' | 'withdrawn'
  started_by: number
  started_side: 'enterprise' | 'department'
  created_at: string
  effective_at: string | null
  withdrawn_at: string | null
  withdrawn_by: number | null
  withdraw_reason: string | null
  /** 政商 pledges from 0029: the 政商交往清单 versions in force when started (JSON array of ids); else null. */
  dealing_version_ids: string | null
}

export interface PledgeSignatureTable {
  id: Generated<number>
  pledge_id: number
  side: 'enterprise' | 'department'
  signer_user_id: number
  signer_name: string
  organisation_kind: 'enterprise' | 'department'
  organisation_id: number
  text_sha256: string
  /** base64 of the PNG as received */
  signature_png: string
  signature_sha256: string
  signed_at: string
  ip: string | null
  user_agent: string | null
  chain_seq: number
}

export interface PledgeChainTable {
  seq: number
  pledge_id: number
  signature_id: number | null
  action: 'sign' | 'withdraw'
  payload: string
  prev_mac: string
  mac: string
  created_at: string
  /** 1: the payload alone is keyed (entries written before 0020); 2: the row's columns too. */
  mac_version: number
}

export interface PledgeReminderTable {
  id: Generated<number>
  enterprise_id: number
  user_id: number
  year: number
  sent_by: number
  created_at: string
}

export interface PartyGroupTable {
  id: Generated<number>
  branch_id: number
  name: string
  created_at: string
}

export interface PartyMemberTable {
  id: Generated<number>
  branch_id: number
  user_id: number | null
  name: string
  branch_role: 'secretary' | 'deputy_secretary' | 'committee' | 'member'
  group_id: number | null
  active: number
  created_at: string
  updated_at: string
}

export interface MeetingTable {
  id: Generated<number>
  branch_id: number
  enterprise_id: number
  type: string
  group_id: number | null
  topic: string
  starts_at: string
  place: string
  host: string
  recorder: string
  expected_count: number
  present_count: number
  non_member_attendees: string
  minutes: string
  decisions: string
  status: 'draft' | 'submitted'
  submitted_at: string | null
  submitted_by: number | null
  revision: number
  sign_in_event_id: number | null
  created_by: number
  created_at: string
  updated_at: string
}

export interface MeetingAttendanceTable {
  meeting_id: number
  member_id: number
  status: 'present' | 'absent'
  reason: string | null
  method: 'tick' | 'scan'
}

export interface MeetingRevisionTable {
  id: Generated<number>
  meeting_id: number
  revision: number
  reason: string
  /** JSON of the record before the correction */
  snapshot: string
  /** JSON array of what changed ({ label, before, after }); null on corrections made before it was kept. */
  changes: string | null
  changed_by: number
  created_at: string
}

export interface SubscribeGrantTable {
  id: Generated<number>
  user_id: number
  template_id: string
  purpose: string
  result: string
  created_at: string
  used_at: string | null
  send_result: string | null
}

export interface TodoReminderTable {
  id: Generated<number>
  user_id: number
  kind: string
  todo_key: string
  occasion: 'new' | 'overdue'
  status: 'known' | 'sending' | 'sent' | 'retry' | 'failed'
  attempts: Generated<number>
  grant_id: number | null
  result: string | null
  created_at: string
  updated_at: string
}

export interface TodoSeenTable {
  user_id: number
  /** JSON array of to-do keys */
  keys: string
  seen_at: string
}

/** 催办 (0022): one matter an enterprise owes, reminded by a department (null: the office), once a day. */
export interface UrgeTable {
  id: Generated<number>
  enterprise_id: number
  department_id: number | null
  kind: 'rectification' | 'campaign' | 'risk'
  item_id: number
  /** The 北京时间 day it was sent ('YYYY-MM-DD'). */
  day: string
  note: string | null
  created_by: number
  created_at: string
}

/** 督查专报 (0024): `sections` and `snapshot` are JSON text. */
export interface SupervisionReportTable {
  id: Generated<number>
  /** The department it covers; null: the office's report of every enterprise. */
  department_id: number | null
  number: number
  title: string
  period_start: string
  period_end: string
  status: 'draft' | 'final'
  version: number
  sections: string
  snapshot: string
  created_by: number
  created_at: string
  updated_at: string
  finalised_at: string | null
  /** JSON list of the section keys the user edited (0032); null on older rows. */
  edited_sections: string | null
}

/** 期号 counter of an issuer ('office' / 'd<id>') in a 北京时间 year (0032). */
export interface SupervisionReportNumberTable {
  issuer: string
  year: number
  last: number
}

/** 示范点 / 示范企业 selection rounds (0025); `notice_*` set once, when the 公示 is published. */
export interface ExemplarRoundTable {
  id: Generated<number>
  kind: 'pilot' | 'exemplar'
  name: string
  notice_code: string | null
  notice_starts: string | null
  notice_ends: string | null
  published_at: string | null
  published_by: number | null
  created_by: number
  created_at: string
  updated_at: string
  /** Set when the office cancels the round (0032); one 示范点 round stands uncancelled. */
  cancelled_at: string | null
}

/** A round's candidate (0025); `chosen_slot` unique per round: 'soe' / 'private' in a 示范点 round. */
export interface ExemplarCandidateTable {
  id: Generated<number>
  round_id: number
  enterprise_id: number
  class: 'soe' | 'private' | 'other'
  chosen_slot: string | null
  chosen_at: string | null
  chosen_by: number | null
  created_by: number
  created_at: string
}

/** A version of a 政商交往清单 (0029): a draft (`version` null) until published; `in_force_kind` unique. */
export interface DealingListVersionTable {
  id: Generated<number>
  kind: 'positive' | 'negative' | 'guidance'
  version: number | null
  /** JSON array of { text, basis } */
  items: string
  revision: number
  in_force_kind: string | null
  created_by: number
  created_at: string
  updated_at: string
  published_at: string | null
  published_by: number | null
}

export interface Database {
  departments: DepartmentTable
  enterprises: EnterpriseTable
  supervision_links: SupervisionLinkTable
  party_branches: PartyBranchTable
  users: UserTable
  memberships: MembershipTable
  invites: InviteTable
  enterprise_imports: EnterpriseImportTable
  enterprise_import_rows: EnterpriseImportRowTable
  admin_codes: AdminCodeTable
  idempotency_keys: IdempotencyKeyTable
  audit_log: AuditLogTable
  checklist_templates: ChecklistTemplateTable
  checklist_items: ChecklistItemTable
  campaigns: CampaignTable
  assessments: AssessmentTable
  assessment_answers: AssessmentAnswerTable
  evidence_files: EvidenceFileTable
  assessment_events: AssessmentEventTable
  rectifications: RectificationTable
  rectification_events: RectificationEventTable
  events: EventTable
  event_audience: EventAudienceTable
  event_display_tokens: EventDisplayTokenTable
  sign_ins: SignInTable
  party_groups: PartyGroupTable
  party_members: PartyMemberTable
  meetings: MeetingTable
  meeting_attendance: MeetingAttendanceTable
  meeting_revisions: MeetingRevisionTable
  subscribe_grants: SubscribeGrantTable
  todo_reminders: TodoReminderTable
  todo_seen: TodoSeenTable
  pledge_templates: PledgeTemplateTable
  pledges: PledgeTable
  pledge_signatures: PledgeSignatureTable
  pledge_chain: PledgeChainTable
  pledge_reminders: PledgeReminderTable
  leading_group_members: LeadingGroupMemberTable
  plan_filings: PlanFilingTable
  urges: UrgeTable
  supervision_reports: SupervisionReportTable
  supervision_report_numbers: SupervisionReportNumberTable
  exemplar_rounds: ExemplarRoundTable
  exemplar_candidates: ExemplarCandidateTable
  dealing_list_versions: DealingListVersionTable
  risks: RiskTable
  risk_history: RiskHistoryTable
  special_campaigns: SpecialCampaignTable
  special_scope: SpecialScopeTable
  special_problems: SpecialProblemTable
  special_problem_history: SpecialProblemHistoryTable
  access_version: AccessVersionTable
  county_settings: CountySettingsTable
  power_lists: PowerListTable
  power_list_versions: PowerListVersionTable
  power_list_acks: PowerListAckTable
  major_decisions: MajorDecisionTable
  major_decision_revisions: MajorDecisionRevisionTable
  quiz_questions: QuizQuestionTable
  quizzes: QuizTable
  quiz_papers: QuizPaperTable
}

/** 国企“一把手”权力清单 (task 12): the draft; `content` is JSON (`TPowerListContent`). */
export interface PowerListTable {
  id: Generated<number>
  enterprise_id: number
  content: string
  revision: number
  /** 1 while the draft differs from the last published version. */
  dirty: number
  published_version: number
  updated_by: number
  updated_at: string
}

export interface PowerListVersionTable {
  id: Generated<number>
  enterprise_id: number
  version: number
  content: string
  published_by: number
  published_at: string
}

export interface PowerListAckTable {
  id: Generated<number>
  version_id: number
  department_id: number
  user_id: number
  acknowledged_at: string
}

/** “三重一大” decision log (task 12). */
export interface MajorDecisionTable {
  id: Generated<number>
  enterprise_id: number
  subject: string
  category: 'decision' | 'personnel' | 'project' | 'funds'
  decided_on: string
  meeting: string
  attendees: string
  result: string
  version: number
  created_by: number
  created_at: string
  updated_at: string
}

/** A create or a correction of a decision: its fields before (null on create) and after, JSON. */
export interface MajorDecisionRevisionTable {
  id: Generated<number>
  decision_id: number
  before: string | null
  after: string
  note: string | null
  actor_id: number | null
  created_at: string
}

/** 专项整治 (migration 0027). */
export interface SpecialCampaignTable {
  id: Generated<number>
  title: string
  basis: string
  description: string
  deadline: string
  status: 'open' | 'closed'
  department_id: number
  by_office: number
  scope_label: string
  writes: Generated<number>
  version: number
  created_by: number
  created_at: string
  updated_at: string
  closed_at: string | null
}

export interface SpecialScopeTable {
  id: Generated<number>
  special_id: number
  enterprise_id: number
  reported_at: string | null
}

export interface SpecialProblemTable {
  id: Generated<number>
  special_id: number
  enterprise_id: number
  problem: string
  measure: string
  owner: string
  planned_date: string
  status: 'in_progress' | 'done'
  version: number
  created_by: number
  created_at: string
  updated_at: string
}

export interface SpecialProblemHistoryTable {
  id: Generated<number>
  problem_id: number
  kind: 'created' | 'edited' | 'note'
  note: string | null
  status: 'in_progress' | 'done' | null
  actor_id: number | null
  created_at: string
}

/** One row (id 1): moved by any change to users, memberships or departments (migration 0033). */
/** 廉政知识竞赛's bank (migration 0038); `options` and `answer` are JSON, `active`/`built_in` 0 or 1. */
export interface QuizQuestionTable {
  id: Generated<number>
  code: string
  kind: 'single' | 'multiple' | 'judge'
  stem: string
  options: string
  answer: string
  explanation: string
  /** '1'..'15', 'G', 'S', 'R'. */
  source_task: string
  source_phrase: string
  active: number
  built_in: number
  created_at: string
  updated_at: string
}

export interface QuizTable {
  id: Generated<number>
  title: string
  description: string | null
  starts_on: string
  ends_on: string
  question_count: number
  time_limit_minutes: number
  attempts_per_day: number
  created_by: number
  created_at: string
  closed_at: string | null
}

/** One drawn paper; `question_ids` and `answers` are JSON; `seconds` is submitted − started. */
export interface QuizPaperTable {
  id: Generated<number>
  quiz_id: number
  user_id: number
  enterprise_id: number
  day: string
  attempt_no: number
  question_ids: string
  started_at: string
  deadline_at: string
  submitted_at: string | null
  answers: string | null
  score: number | null
  right_count: number | null
  seconds: number | null
  status: 'open' | 'submitted' | 'late'
}

export interface AccessVersionTable {
  id: number
  version: number
}

/** One row (id 1): the county's settings, kept by the office (migration 0036). */
export interface CountySettingsTable {
  id: number
  /** The county-wide 领导小组与实施方案完成期限; null: the programme's. */
  milestone_deadline: string | null
  updated_by: number | null
  updated_at: string | null
}

export interface RiskTable {
  id: Generated<number>
  enterprise_id: number
  area: string
  area_name: string | null
  post: string
  description: string
  likelihood: number
  impact: number
  level: 'high' | 'medium' | 'low'
  measures: string
  owner: string
  review_cycle: number
  next_review_date: string
  status: 'active' | 'rectified' | 'closed'
  starter_code: string | null
  rectification_id: number | null
  version: number
  created_by: number
  created_at: string
  updated_at: string
}

export interface RiskHistoryTable {
  id: Generated<number>
  risk_id: number
  kind: 'created' | 'edited' | 'reviewed' | 'rectification' | 'rectified'
  note: string | null
  from_level: 'high' | 'medium' | 'low' | null
  to_level: 'high' | 'medium' | 'low' | null
  actor_id: number | null
  created_at: string
}

export type DepartmentRow = Selectable<DepartmentTable>
export type EnterpriseRow = Selectable<EnterpriseTable>
export type UserRow = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
export type MembershipRow = Selectable<MembershipTable>
export type InviteRow = Selectable<InviteTable>
export type PartyBranchRow = Selectable<PartyBranchTable>
export type EventRow = Selectable<EventTable>
export type SignInRow = Selectable<SignInTable>
export type PledgeRow = Selectable<PledgeTable>
export type PledgeSignatureRow = Selectable<PledgeSignatureTable>
export type PledgeChainRow = Selectable<PledgeChainTable>
export type MeetingRow = Selectable<MeetingTable>
export type PartyMemberRow = Selectable<PartyMemberTable>
export type StoredFileRow = Selectable<EvidenceFileTable>

/**
 * Every table and column of `Database` at runtime (the migration test compares a freshly migrated
 * database with it). `satisfies` checks it against the interfaces both ways: a column missing here or
 * one that is not in the types fails to compile.
 */
export const SCHEMA_COLUMNS = {
  departments: { id: true, name: true, is_office: true, created_at: true, retired_at: true },
  enterprises: {
    id: true,
    name: true,
    credit_code: true,
    ownership: true,
    party_org: true,
    industry: true,
    leading_group_date: true,
    plan_filed_date: true,
    demonstration: true,
    liaison_name: true,
    liaison_phone: true,
    created_at: true,
    updated_at: true,
    milestone_deadline: true,
  },
  enterprise_imports: {
    id: true,
    created_by: true,
    filename: true,
    sha256: true,
    state: true,
    processed: true,
    total: true,
    counts: true,
    error_message: true,
    result_key: true,
    commit_result: true,
    created_at: true,
    updated_at: true,
    committed_at: true,
  },
  enterprise_import_rows: {
    import_id: true,
    row_no: true,
    status: true,
    reason: true,
    name: true,
    credit_code: true,
    data: true,
  },
  supervision_links: { department_id: true, enterprise_id: true, created_at: true },
  party_branches: { id: true, enterprise_id: true, name: true, secretary_user_id: true, created_at: true },
  users: {
    id: true,
    openid: true,
    unionid: true,
    name: true,
    phone: true,
    session_key: true,
    disabled_at: true,
    created_at: true,
    updated_at: true,
  },
  memberships: {
    id: true,
    user_id: true,
    organisation_kind: true,
    organisation_id: true,
    role: true,
    status: true,
    invite_id: true,
    decided_by: true,
    decided_at: true,
    created_at: true,
  },
  admin_codes: {
    id: true,
    department_id: true,
    code_sha256: true,
    expires_at: true,
    created_at: true,
    revoked_at: true,
    redeemed_by: true,
    redeemed_at: true,
  },
  invites: {
    id: true,
    code: true,
    enterprise_id: true,
    department_id: true,
    role: true,
    created_by: true,
    expires_at: true,
    max_uses: true,
    uses: true,
    revoked_at: true,
    created_at: true,
  },
  idempotency_keys: {
    id: true,
    user_id: true,
    key: true,
    method: true,
    path: true,
    request_hash: true,
    state: true,
    response_status: true,
    response_body: true,
    created_at: true,
    updated_at: true,
  },
  audit_log: {
    id: true,
    user_id: true,
    action: true,
    entity_type: true,
    entity_id: true,
    detail: true,
    ip: true,
    created_at: true,
    organisation_kind: true,
    organisation_id: true,
  },
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
  evidence_files: {
    id: true,
    enterprise_id: true,
    assessment_id: true,
    item_code: true,
    rectification_id: true,
    filename: true,
    mime: true,
    size: true,
    sha256: true,
    storage_key: true,
    uploaded_by: true,
    deleted_at: true,
    created_at: true,
    meeting_id: true,
    attachment_kind: true,
    risk_id: true,
    major_decision_id: true,
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
  rectifications: {
    id: true,
    enterprise_id: true,
    source: true,
    assessment_id: true,
    item_code: true,
    title: true,
    detail: true,
    deadline: true,
    status: true,
    response: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    risk_id: true,
  },
  rectification_events: {
    id: true,
    rectification_id: true,
    from_status: true,
    to_status: true,
    actor_id: true,
    comment: true,
    created_at: true,
  },
  events: {
    id: true,
    kind: true,
    title: true,
    description: true,
    organiser_kind: true,
    organiser_id: true,
    starts_at: true,
    ends_at: true,
    sign_in_opens_at: true,
    sign_in_closes_at: true,
    place_name: true,
    place_lat: true,
    place_lng: true,
    place_radius_m: true,
    qr_secret: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    cancelled_at: true,
  },
  event_audience: { event_id: true, enterprise_id: true },
  event_display_tokens: {
    id: true,
    event_id: true,
    token_hash: true,
    created_by: true,
    created_at: true,
    expires_at: true,
    revoked_at: true,
    revoked_by: true,
  },
  sign_ins: {
    id: true,
    event_id: true,
    user_id: true,
    enterprise_id: true,
    method: true,
    signed_in_at: true,
    received_at: true,
    scanned_at: true,
    slot: true,
    lat: true,
    lng: true,
    accuracy: true,
    distance_m: true,
    flags: true,
    proxy_by: true,
    proxy_reason: true,
    created_at: true,
  },
  party_groups: { id: true, branch_id: true, name: true, created_at: true },
  party_members: {
    id: true,
    branch_id: true,
    user_id: true,
    name: true,
    branch_role: true,
    group_id: true,
    active: true,
    created_at: true,
    updated_at: true,
  },
  meetings: {
    id: true,
    branch_id: true,
    enterprise_id: true,
    type: true,
    group_id: true,
    topic: true,
    starts_at: true,
    place: true,
    host: true,
    recorder: true,
    expected_count: true,
    present_count: true,
    non_member_attendees: true,
    minutes: true,
    decisions: true,
    status: true,
    submitted_at: true,
    submitted_by: true,
    revision: true,
    sign_in_event_id: true,
    created_by: true,
    created_at: true,
    updated_at: true,
  },
  meeting_attendance: { meeting_id: true, member_id: true, status: true, reason: true, method: true },
  meeting_revisions: {
    id: true,
    meeting_id: true,
    revision: true,
    reason: true,
    snapshot: true,
    changes: true,
    changed_by: true,
    created_at: true,
  },
  subscribe_grants: {
    id: true,
    user_id: true,
    template_id: true,
    purpose: true,
    result: true,
    created_at: true,
    used_at: true,
    send_result: true,
  },
  todo_reminders: {
    id: true,
    user_id: true,
    kind: true,
    todo_key: true,
    occasion: true,
    status: true,
    attempts: true,
    grant_id: true,
    result: true,
    created_at: true,
    updated_at: true,
  },
  todo_seen: { user_id: true, keys: true, seen_at: true },
  pledge_templates: {
    id: true,
    kind: true,
    version: true,
    content: true,
    note: true,
    created_by: true,
    created_at: true,
  },
  pledges: {
    id: true,
    code: true,
    kind: true,
    template_id: true,
    enterprise_id: true,
    department_id: true,
    text: true,
    text_sha256: true,
    status: true,
    started_by: true,
    started_side: true,
    created_at: true,
    effective_at: true,
    withdrawn_at: true,
    withdrawn_by: true,
    withdraw_reason: true,
    dealing_version_ids: true,
  },
  pledge_signatures: {
    id: true,
    pledge_id: true,
    side: true,
    signer_user_id: true,
    signer_name: true,
    organisation_kind: true,
    organisation_id: true,
    text_sha256: true,
    signature_png: true,
    signature_sha256: true,
    signed_at: true,
    ip: true,
    user_agent: true,
    chain_seq: true,
  },
  pledge_chain: {
    seq: true,
    pledge_id: true,
    signature_id: true,
    action: true,
    payload: true,
    prev_mac: true,
    mac: true,
    created_at: true,
    mac_version: true,
  },
  pledge_reminders: {
    id: true,
    enterprise_id: true,
    user_id: true,
    year: true,
    sent_by: true,
    created_at: true,
  },
  leading_group_members: {
    id: true,
    enterprise_id: true,
    position: true,
    name: true,
    title: true,
    group_role: true,
    created_at: true,
  },
  plan_filings: {
    id: true,
    enterprise_id: true,
    revision: true,
    department_id: true,
    file_ids: true,
    status: true,
    submitted_by: true,
    submitted_at: true,
    decided_by: true,
    decided_at: true,
    return_reason: true,
  },
  urges: {
    id: true,
    enterprise_id: true,
    department_id: true,
    kind: true,
    item_id: true,
    day: true,
    note: true,
    created_by: true,
    created_at: true,
  },
  supervision_reports: {
    id: true,
    department_id: true,
    number: true,
    title: true,
    period_start: true,
    period_end: true,
    status: true,
    version: true,
    sections: true,
    snapshot: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    finalised_at: true,
    edited_sections: true,
  },
  supervision_report_numbers: { issuer: true, year: true, last: true },
  exemplar_rounds: {
    id: true,
    kind: true,
    name: true,
    notice_code: true,
    notice_starts: true,
    notice_ends: true,
    published_at: true,
    published_by: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    cancelled_at: true,
  },
  dealing_list_versions: {
    id: true,
    kind: true,
    version: true,
    items: true,
    revision: true,
    in_force_kind: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    published_at: true,
    published_by: true,
  },
  exemplar_candidates: {
    id: true,
    round_id: true,
    enterprise_id: true,
    class: true,
    chosen_slot: true,
    chosen_at: true,
    chosen_by: true,
    created_by: true,
    created_at: true,
  },
  risks: {
    id: true,
    enterprise_id: true,
    area: true,
    area_name: true,
    post: true,
    description: true,
    likelihood: true,
    impact: true,
    level: true,
    measures: true,
    owner: true,
    review_cycle: true,
    next_review_date: true,
    status: true,
    starter_code: true,
    rectification_id: true,
    version: true,
    created_by: true,
    created_at: true,
    updated_at: true,
  },
  risk_history: {
    id: true,
    risk_id: true,
    kind: true,
    note: true,
    from_level: true,
    to_level: true,
    actor_id: true,
    created_at: true,
  },
  special_campaigns: {
    id: true,
    title: true,
    basis: true,
    description: true,
    deadline: true,
    status: true,
    department_id: true,
    by_office: true,
    scope_label: true,
    writes: true,
    version: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    closed_at: true,
  },
  special_scope: { id: true, special_id: true, enterprise_id: true, reported_at: true },
  special_problems: {
    id: true,
    special_id: true,
    enterprise_id: true,
    problem: true,
    measure: true,
    owner: true,
    planned_date: true,
    status: true,
    version: true,
    created_by: true,
    created_at: true,
    updated_at: true,
  },
  special_problem_history: {
    id: true,
    problem_id: true,
    kind: true,
    note: true,
    status: true,
    actor_id: true,
    created_at: true,
  },
  access_version: { id: true, version: true },
  county_settings: { id: true, milestone_deadline: true, updated_by: true, updated_at: true },
  power_lists: {
    id: true,
    enterprise_id: true,
    content: true,
    revision: true,
    dirty: true,
    published_version: true,
    updated_by: true,
    updated_at: true,
  },
  power_list_versions: {
    id: true,
    enterprise_id: true,
    version: true,
    content: true,
    published_by: true,
    published_at: true,
  },
  power_list_acks: { id: true, version_id: true, department_id: true, user_id: true, acknowledged_at: true },
  major_decisions: {
    id: true,
    enterprise_id: true,
    subject: true,
    category: true,
    decided_on: true,
    meeting: true,
    attendees: true,
    result: true,
    version: true,
    created_by: true,
    created_at: true,
    updated_at: true,
  },
  major_decision_revisions: {
    id: true,
    decision_id: true,
    before: true,
    after: true,
    note: true,
    actor_id: true,
    created_at: true,
  },
  quiz_questions: {
    id: true,
    code: true,
    kind: true,
    stem: true,
    options: true,
    answer: true,
    explanation: true,
    source_task: true,
    source_phrase: true,
    active: true,
    built_in: true,
    created_at: true,
    updated_at: true,
  },
  quizzes: {
    id: true,
    title: true,
    description: true,
    starts_on: true,
    ends_on: true,
    question_count: true,
    time_limit_minutes: true,
    attempts_per_day: true,
    created_by: true,
    created_at: true,
    closed_at: true,
  },
  quiz_papers: {
    id: true,
    quiz_id: true,
    user_id: true,
    enterprise_id: true,
    day: true,
    attempt_no: true,
    question_ids: true,
    started_at: true,
    deadline_at: true,
    submitted_at: true,
    answers: true,
    score: true,
    right_count: true,
    seconds: true,
    status: true,
  },
} as const satisfies { [T in keyof Database]: Record<keyof Database[T], true> }
