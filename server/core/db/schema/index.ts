import { type OrganisationsTables, organisationsColumns } from './organisations'
import { type AuthTables, authColumns } from './auth'
import { type SetupTables, setupColumns } from './setup'
import { type WritesTables, writesColumns } from './writes'
import { type AuditTables, auditColumns } from './audit'
import { type ImportsTables, importsColumns } from './imports'
import { type MilestonesTables, milestonesColumns } from './milestones'
import { type FilesTables, filesColumns } from './files'
import { type AssessmentsTables, assessmentsColumns } from './assessments'
import { type RectificationsTables, rectificationsColumns } from './rectifications'
import { type EventsTables, eventsColumns } from './events'
import { type PartyTables, partyColumns } from './party'
import { type RemindersTables, remindersColumns } from './reminders'
import { type TodosTables, todosColumns } from './todos'
import { type PledgesTables, pledgesColumns } from './pledges'
import { type SupervisionTables, supervisionColumns } from './supervision'
import { type ExemplarsTables, exemplarsColumns } from './exemplars'
import { type DealingsTables, dealingsColumns } from './dealings'
import { type RisksTables, risksColumns } from './risks'
import { type SpecialsTables, specialsColumns } from './specials'
import { type PowersTables, powersColumns } from './powers'
import { type QuizTables, quizColumns } from './quiz'
import type { SchemaColumns } from './columns'

export type * from './organisations'
export type * from './auth'
export type * from './setup'
export type * from './writes'
export type * from './audit'
export type * from './imports'
export type * from './milestones'
export type * from './files'
export type * from './assessments'
export type * from './rectifications'
export type * from './events'
export type * from './party'
export type * from './reminders'
export type * from './todos'
export type * from './pledges'
export type * from './supervision'
export type * from './exemplars'
export type * from './dealings'
export type * from './risks'
export type * from './specials'
export type * from './powers'
export type * from './quiz'

/**
 * Table types, one per table, shared by SQLite and PostgreSQL. Timestamps are ISO-8601 UTC text and
 * dates are 'YYYY-MM-DD' text on both databases, so rows map the same way everywhere; booleans are 0/1.
 * Each module of this folder holds the tables one feature of `server/features/` owns (`writes.ts`: the
 * Idempotency-Key table of `server/core/writes.ts`); this one assembles them.
 */
export interface Database
  extends
    OrganisationsTables,
    AuthTables,
    SetupTables,
    WritesTables,
    AuditTables,
    ImportsTables,
    MilestonesTables,
    FilesTables,
    AssessmentsTables,
    RectificationsTables,
    EventsTables,
    PartyTables,
    RemindersTables,
    TodosTables,
    PledgesTables,
    SupervisionTables,
    ExemplarsTables,
    DealingsTables,
    RisksTables,
    SpecialsTables,
    PowersTables,
    QuizTables {}

/**
 * Every table and column of `Database` at runtime (the migration test compares a freshly migrated
 * database with it). Each module's list is checked against its interfaces; `satisfies` here checks
 * that every table of `Database` has one.
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
} as const satisfies SchemaColumns<Database>
