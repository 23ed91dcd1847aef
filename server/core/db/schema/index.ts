import type { Insertable, Selectable, Updateable } from 'kysely'
import { organisationsColumns } from './organisations'
import { authColumns } from './auth'
import { setupColumns } from './setup'
import { writesColumns } from './writes'
import { auditColumns } from './audit'
import { importsColumns } from './imports'
import { milestonesColumns } from './milestones'
import { filesColumns } from './files'
import { assessmentsColumns } from './assessments'
import { rectificationsColumns } from './rectifications'
import { eventsColumns } from './events'
import { partyColumns } from './party'
import { remindersColumns } from './reminders'
import { todosColumns } from './todos'
import { pledgesColumns } from './pledges'
import { supervisionColumns } from './supervision'
import { exemplarsColumns } from './exemplars'
import { dealingsColumns } from './dealings'
import { risksColumns } from './risks'
import { specialsColumns } from './specials'
import { powersColumns } from './powers'
import { quizColumns } from './quiz'
import type { TablesOf } from './columns'

/**
 * Every table and column at runtime (the migration test compares a freshly migrated database with it).
 * Each module of this folder declares the tables one feature of `server/features/` owns (`writes.ts`: the
 * Idempotency-Key table of `server/core/writes.ts`), each column once with its type; this one assembles them.
 */
export const SCHEMA_COLUMNS = {
  ...organisationsColumns,
  ...authColumns,
  ...setupColumns,
  ...writesColumns,
  ...auditColumns,
  ...importsColumns,
  ...milestonesColumns,
  ...filesColumns,
  ...assessmentsColumns,
  ...rectificationsColumns,
  ...eventsColumns,
  ...partyColumns,
  ...remindersColumns,
  ...todosColumns,
  ...pledgesColumns,
  ...supervisionColumns,
  ...exemplarsColumns,
  ...dealingsColumns,
  ...risksColumns,
  ...specialsColumns,
  ...powersColumns,
  ...quizColumns,
}

/**
 * Table types, one per table, shared by SQLite and PostgreSQL. Timestamps are ISO-8601 UTC text and
 * dates are 'YYYY-MM-DD' text on both databases, so rows map the same way everywhere; booleans are 0/1.
 */
export type Database = TablesOf<typeof SCHEMA_COLUMNS>

// assessments
export type ChecklistItemTable = Database['checklist_items']
export type CampaignTable = Database['campaigns']
export type AssessmentTable = Database['assessments']

// audit
export type AuditLogTable = Database['audit_log']

// auth
export type UserRow = Selectable<Database['users']>
export type NewUser = Insertable<Database['users']>
export type UserUpdate = Updateable<Database['users']>

// dealings
export type DealingListVersionTable = Database['dealing_list_versions']

// events
export type EventRow = Selectable<Database['events']>
export type SignInRow = Selectable<Database['sign_ins']>

// exemplars
export type ExemplarRoundTable = Database['exemplar_rounds']
export type ExemplarCandidateTable = Database['exemplar_candidates']

// files
export type StoredFileRow = Selectable<Database['evidence_files']>

// imports
export type EnterpriseImportRowTable = Database['enterprise_import_rows']

// milestones
export type PlanFilingTable = Database['plan_filings']

// organisations
export type EnterpriseTable = Database['enterprises']
export type DepartmentRow = Selectable<Database['departments']>
export type EnterpriseRow = Selectable<EnterpriseTable>
export type MembershipRow = Selectable<Database['memberships']>
export type InviteRow = Selectable<Database['invites']>

// party
export type MeetingRevisionTable = Database['meeting_revisions']
export type PartyBranchRow = Selectable<Database['party_branches']>
export type PartyMemberRow = Selectable<Database['party_members']>
export type MeetingRow = Selectable<Database['meetings']>

// pledges
export type PledgeTemplateTable = Database['pledge_templates']
export type PledgeChainTable = Database['pledge_chain']
export type PledgeRow = Selectable<Database['pledges']>
export type PledgeSignatureRow = Selectable<Database['pledge_signatures']>
export type PledgeChainRow = Selectable<PledgeChainTable>

// powers
export type PowerListTable = Database['power_lists']
export type MajorDecisionTable = Database['major_decisions']
export type MajorDecisionRevisionTable = Database['major_decision_revisions']

// quiz
export type QuizQuestionTable = Database['quiz_questions']
export type QuizTable = Database['quizzes']
export type QuizPaperTable = Database['quiz_papers']

// rectifications
export type RectificationTable = Database['rectifications']

// reminders
export type TodoReminderTable = Database['todo_reminders']

// risks
export type RiskTable = Database['risks']
export type RiskHistoryTable = Database['risk_history']

// specials
export type SpecialCampaignTable = Database['special_campaigns']
export type SpecialScopeTable = Database['special_scope']
export type SpecialProblemTable = Database['special_problems']

// supervision
export type UrgeTable = Database['urges']
export type SupervisionReportTable = Database['supervision_reports']

// writes
export type IdempotencyKeyTable = Database['idempotency_keys']
