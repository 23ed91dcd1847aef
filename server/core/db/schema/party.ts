import type { Generated, Selectable } from 'kysely'
import type { SchemaColumns } from './columns'

export interface PartyBranchTable {
  id: Generated<number>
  enterprise_id: number
  name: string
  secretary_user_id: number | null
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

export type PartyBranchRow = Selectable<PartyBranchTable>
export type PartyMemberRow = Selectable<PartyMemberTable>
export type MeetingRow = Selectable<MeetingTable>

/** The tables of `server/features/party/`. */
export interface PartyTables {
  party_branches: PartyBranchTable
  party_groups: PartyGroupTable
  party_members: PartyMemberTable
  meetings: MeetingTable
  meeting_attendance: MeetingAttendanceTable
  meeting_revisions: MeetingRevisionTable
}

export const partyColumns = {
  party_branches: { id: true, enterprise_id: true, name: true, secretary_user_id: true, created_at: true },
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
} as const satisfies SchemaColumns<PartyTables>
