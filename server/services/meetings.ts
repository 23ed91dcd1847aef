import ExcelJS from 'exceljs'
import type { Transaction } from 'kysely'
import type { Database, MeetingRow, PartyBranchRow } from '../db/schema'
import type { DbOrTrx } from '../db/database'
import { AppError, invalid, notFound } from '../lib/errors'
import type { FileLinkSigner } from '../lib/files'
import { MAX_ID, isOffice, type AuthContext } from '../plugins/auth'
import type { WriteOutcome } from './writes'
import { createEvent } from './events'
import {
  BRANCH_WRITER_ROLES,
  MEETING_EVENT_KIND,
  MEETING_STATUS_LABELS,
  type TAttachmentKind,
  type TBranchDetail,
  type TBranchRole,
  type TBranchSummary,
  type TCompliance,
  type TDueItem,
  type TMeeting,
  type TMeetingAttendance,
  type TMeetingSaveData,
  type TMeetingSummary,
  type TMeetingTemplate,
  type TPartyMember,
  type TPartySupervision,
} from '../../src/models/meeting'
import {
  CELL_STATUS_LABELS,
  MEETING_RULES,
  MEETING_TYPE_LABELS,
  computeCompliance,
  type ComplianceGroup,
  dueSoon,
  formatShanghaiMinute,
  monthPeriod,
  shanghaiMonthStart,
  shanghaiParts,
  type ComplianceMeeting,
  type TMeetingType,
} from '../../src/models/meetingCompliance'

type Trx = Transaction<Database>
const iso = (ms: number) => new Date(ms).toISOString()

/** Enterprise roles that read every branch of their enterprise (besides the branch's own members). */
const ENTERPRISE_READER_ROLES = ['liaison', 'head', 'branch_secretary']

// ---------- who may do what with a branch ----------

export interface BranchContext {
  branch: PartyBranchRow
  enterpriseName: string
  canWrite: boolean
}

async function writerOf(db: DbOrTrx, auth: AuthContext, branch: PartyBranchRow): Promise<boolean> {
  if (branch.secretary_user_id === auth.user.id) return true
  const row = await db
    .selectFrom('party_members')
    .select('id')
    .where('branch_id', '=', branch.id)
    .where('user_id', '=', auth.user.id)
    .where('active', '=', 1)
    .where('branch_role', 'in', [...BRANCH_WRITER_ROLES])
    .executeTakeFirst()
  return row !== undefined
}

/**
 * The branch named in the URL, within the enterprise the route's access check admitted the caller to.
 * Readers: the branch's own members, the enterprise's liaison / head / branch secretaries, its
 * supervising departments and the office. Writers: the branch's secretary and committee. A branch of
 * another enterprise answers like a missing one; an employee of the enterprise who is none of these is
 * told 403.
 */
export async function loadBranch(
  db: DbOrTrx,
  auth: AuthContext,
  enterpriseId: number,
  branchId: number,
  need: 'read' | 'write',
): Promise<BranchContext> {
  if (branchId > MAX_ID) throw notFound()
  const branch = await db
    .selectFrom('party_branches as b')
    .innerJoin('enterprises as e', 'e.id', 'b.enterprise_id')
    .selectAll('b')
    .select('e.name as enterprise_name')
    .where('b.id', '=', branchId)
    .where('b.enterprise_id', '=', enterpriseId)
    .executeTakeFirst()
  if (!branch) throw notFound()
  const { enterprise_name, ...row } = branch
  const canWrite = await writerOf(db, auth, row)
  const context = { branch: row, enterpriseName: enterprise_name, canWrite }
  if (need === 'write') {
    if (!canWrite) throw new AppError(403, 'MEETING_NO_BRANCH_WRITER')
    return context
  }
  if (canWrite) return context
  const enterpriseReader = auth.memberships.some(
    (m) =>
      m.organisation_kind === 'enterprise' &&
      m.organisation_id === enterpriseId &&
      ENTERPRISE_READER_ROLES.includes(m.role),
  )
  if (enterpriseReader) return context
  const member = await db
    .selectFrom('party_members')
    .select('id')
    .where('branch_id', '=', branchId)
    .where('user_id', '=', auth.user.id)
    .where('active', '=', 1)
    .executeTakeFirst()
  if (member) return context
  // Supervisors and the office passed the route's check only if they may see this enterprise.
  const enterpriseMember = auth.memberships.some(
    (m) => m.organisation_kind === 'enterprise' && m.organisation_id === enterpriseId,
  )
  if (!enterpriseMember) return context
  throw new AppError(403, 'FORBIDDEN')
}

// ---------- branches, members, groups ----------

type MemberRow = {
  id: number
  branch_id: number
  user_id: number | null
  name: string
  branch_role: TBranchRole
  group_id: number | null
  active: number
}

const memberView = (r: MemberRow): TPartyMember => ({
  id: r.id,
  branchId: r.branch_id,
  userId: r.user_id,
  name: r.name,
  branchRole: r.branch_role,
  groupId: r.group_id,
  active: r.active === 1,
})

const ROLE_ORDER: Record<TBranchRole, number> = {
  secretary: 0,
  deputy_secretary: 1,
  committee: 2,
  member: 3,
}

async function membersOf(db: DbOrTrx, branchId: number): Promise<TPartyMember[]> {
  const rows = await db
    .selectFrom('party_members')
    .select(['id', 'branch_id', 'user_id', 'name', 'branch_role', 'group_id', 'active'])
    .where('branch_id', '=', branchId)
    .orderBy('id')
    .execute()
  return rows
    .map(memberView)
    .sort((a, b) => ROLE_ORDER[a.branchRole] - ROLE_ORDER[b.branchRole] || a.id - b.id)
}

async function groupsOf(db: DbOrTrx, branchId: number) {
  return db
    .selectFrom('party_groups')
    .select(['id', 'name'])
    .where('branch_id', '=', branchId)
    .orderBy('id')
    .execute()
}

export async function branchDetail(db: DbOrTrx, ctx: BranchContext): Promise<TBranchDetail> {
  const { branch } = ctx
  const [members, groups, secretary] = await Promise.all([
    membersOf(db, branch.id),
    groupsOf(db, branch.id),
    branch.secretary_user_id
      ? db
          .selectFrom('users')
          .select(['id', 'name'])
          .where('id', '=', branch.secretary_user_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ])
  return {
    id: branch.id,
    name: branch.name,
    enterpriseId: branch.enterprise_id,
    enterpriseName: ctx.enterpriseName,
    canWrite: ctx.canWrite,
    secretary: secretary ? { userId: secretary.id, name: secretary.name } : null,
    members,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      memberCount: members.filter((m) => m.active && m.groupId === g.id).length,
    })),
  }
}

/** The branches the caller works with: as secretary, as a party member, or as an enterprise lead. */
export async function myBranches(db: DbOrTrx, auth: AuthContext): Promise<TBranchSummary[]> {
  const leadEnterprises = [
    ...new Set(
      auth.memberships
        .filter((m) => m.organisation_kind === 'enterprise' && ENTERPRISE_READER_ROLES.includes(m.role))
        .map((m) => m.organisation_id),
    ),
  ]
  const memberRows = await db
    .selectFrom('party_members')
    .select(['branch_id', 'branch_role'])
    .where('user_id', '=', auth.user.id)
    .where('active', '=', 1)
    .execute()
  const rows = await db
    .selectFrom('party_branches as b')
    .innerJoin('enterprises as e', 'e.id', 'b.enterprise_id')
    .select(['b.id', 'b.name', 'b.enterprise_id', 'b.secretary_user_id', 'e.name as enterprise_name'])
    .where((eb) =>
      eb.or([
        eb('b.secretary_user_id', '=', auth.user.id),
        ...(memberRows.length
          ? [
              eb(
                'b.id',
                'in',
                memberRows.map((m) => m.branch_id),
              ),
            ]
          : []),
        ...(leadEnterprises.length ? [eb('b.enterprise_id', 'in', leadEnterprises)] : []),
      ]),
    )
    .orderBy('b.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    canWrite:
      r.secretary_user_id === auth.user.id ||
      memberRows.some((m) => m.branch_id === r.id && BRANCH_WRITER_ROLES.includes(m.branch_role)),
  }))
}

async function checkGroup(db: DbOrTrx, branchId: number, groupId: number | null | undefined, path: string) {
  if (groupId === null || groupId === undefined) return
  const group = await db
    .selectFrom('party_groups')
    .select('id')
    .where('id', '=', groupId)
    .where('branch_id', '=', branchId)
    .executeTakeFirst()
  if (!group) throw invalid(path, '该党小组不属于本支部')
}

async function checkMemberUser(db: DbOrTrx, enterpriseId: number, userId: number | null | undefined) {
  if (userId === null || userId === undefined) return
  const membership = await db
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', userId)
    .where('organisation_kind', '=', 'enterprise')
    .where('organisation_id', '=', enterpriseId)
    .where('status', '=', 'approved')
    .executeTakeFirst()
  if (!membership) throw invalid('userId', '关联账号须为本企业已审核的成员')
}

export async function addMember(
  trx: Trx,
  ctx: BranchContext,
  body: { name: string; userId?: number | null; branchRole: TBranchRole; groupId?: number | null },
  now: number,
): Promise<WriteOutcome<TPartyMember>> {
  await checkGroup(trx, ctx.branch.id, body.groupId, 'groupId')
  await checkMemberUser(trx, ctx.branch.enterprise_id, body.userId)
  if (body.userId) {
    const taken = await trx
      .selectFrom('party_members')
      .select('id')
      .where('branch_id', '=', ctx.branch.id)
      .where('user_id', '=', body.userId)
      .executeTakeFirst()
    if (taken) throw invalid('userId', '该账号已在本支部党员名册中')
  }
  const row = await trx
    .insertInto('party_members')
    .values({
      branch_id: ctx.branch.id,
      user_id: body.userId ?? null,
      name: body.name,
      branch_role: body.branchRole,
      group_id: body.groupId ?? null,
      active: 1,
      created_at: iso(now),
      updated_at: iso(now),
    })
    .returning(['id', 'branch_id', 'user_id', 'name', 'branch_role', 'group_id', 'active'])
    .executeTakeFirstOrThrow()
  return {
    result: memberView(row),
    entityType: 'party_member',
    entityId: row.id,
    detail: { branchId: ctx.branch.id, branchRole: row.branch_role },
  }
}

export async function updateMember(
  trx: Trx,
  ctx: BranchContext,
  memberId: number,
  body: {
    name?: string
    userId?: number | null
    branchRole?: TBranchRole
    groupId?: number | null
    active?: boolean
  },
  now: number,
): Promise<WriteOutcome<TPartyMember>> {
  if (memberId > MAX_ID) throw notFound()
  const existing = await trx
    .selectFrom('party_members')
    .select('id')
    .where('id', '=', memberId)
    .where('branch_id', '=', ctx.branch.id)
    .executeTakeFirst()
  if (!existing) throw notFound()
  await checkGroup(trx, ctx.branch.id, body.groupId, 'groupId')
  await checkMemberUser(trx, ctx.branch.enterprise_id, body.userId)
  const row = await trx
    .updateTable('party_members')
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.userId !== undefined ? { user_id: body.userId } : {}),
      ...(body.branchRole !== undefined ? { branch_role: body.branchRole } : {}),
      ...(body.groupId !== undefined ? { group_id: body.groupId } : {}),
      ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
      updated_at: iso(now),
    })
    .where('id', '=', memberId)
    .returning(['id', 'branch_id', 'user_id', 'name', 'branch_role', 'group_id', 'active'])
    .executeTakeFirstOrThrow()
  return { result: memberView(row), entityType: 'party_member', entityId: row.id, detail: body }
}

export async function addGroup(
  trx: Trx,
  ctx: BranchContext,
  name: string,
  now: number,
): Promise<WriteOutcome<{ id: number; name: string; memberCount: number }>> {
  const taken = await trx
    .selectFrom('party_groups')
    .select('id')
    .where('branch_id', '=', ctx.branch.id)
    .where('name', '=', name)
    .executeTakeFirst()
  if (taken) throw invalid('name', '本支部已有同名党小组')
  const row = await trx
    .insertInto('party_groups')
    .values({ branch_id: ctx.branch.id, name, created_at: iso(now) })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow()
  return {
    result: { id: row.id, name: row.name, memberCount: 0 },
    entityType: 'party_group',
    entityId: row.id,
    detail: { branchId: ctx.branch.id, name },
  }
}

// ---------- meeting records ----------

export async function loadMeeting(db: DbOrTrx, branchId: number, meetingId: number): Promise<MeetingRow> {
  if (meetingId > MAX_ID) throw notFound()
  const row = await db
    .selectFrom('meetings')
    .selectAll()
    .where('id', '=', meetingId)
    .where('branch_id', '=', branchId)
    .executeTakeFirst()
  if (!row) throw notFound()
  return row
}

async function attendanceOf(db: DbOrTrx, meetingId: number): Promise<TMeetingAttendance[]> {
  const rows = await db
    .selectFrom('meeting_attendance as a')
    .innerJoin('party_members as m', 'm.id', 'a.member_id')
    .select(['a.member_id', 'a.status', 'a.reason', 'a.method', 'm.name', 'm.branch_role'])
    .where('a.meeting_id', '=', meetingId)
    .execute()
  return rows
    .map((r) => ({
      memberId: r.member_id,
      name: r.name,
      branchRole: r.branch_role,
      status: r.status,
      reason: r.reason,
      method: r.method,
    }))
    .sort((a, b) => ROLE_ORDER[a.branchRole] - ROLE_ORDER[b.branchRole] || a.memberId - b.memberId)
}

export async function meetingAttachments(db: DbOrTrx, links: FileLinkSigner, meetingId: number) {
  const files = await db
    .selectFrom('evidence_files')
    .select(['id', 'attachment_kind', 'filename', 'mime', 'size', 'sha256', 'created_at'])
    .where('meeting_id', '=', meetingId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  return files.map((f) => ({
    id: f.id,
    kind: (f.attachment_kind ?? 'other') as TAttachmentKind,
    filename: f.filename,
    mime: f.mime,
    size: f.size,
    sha256: f.sha256,
    url: links.link(f.id),
    createdAt: f.created_at,
  }))
}

export async function meetingView(
  db: DbOrTrx,
  links: FileLinkSigner,
  ctx: BranchContext,
  row: MeetingRow,
): Promise<TMeeting> {
  const [attendance, attachments, revisions, group] = await Promise.all([
    attendanceOf(db, row.id),
    meetingAttachments(db, links, row.id),
    db
      .selectFrom('meeting_revisions as r')
      .innerJoin('users as u', 'u.id', 'r.changed_by')
      .select(['r.revision', 'r.reason', 'r.snapshot', 'r.created_at', 'u.name'])
      .where('r.meeting_id', '=', row.id)
      .orderBy('r.revision')
      .execute(),
    row.group_id
      ? db.selectFrom('party_groups').select('name').where('id', '=', row.group_id).executeTakeFirst()
      : Promise.resolve(undefined),
  ])
  // A draft with a QR session shows who has scanned in as present (saving or submitting keeps it).
  if (row.status === 'draft' && row.sign_in_event_id !== null) {
    const scanned = await scannedMembers(
      db,
      row.sign_in_event_id,
      attendance.map((a) => a.memberId),
    )
    for (const a of attendance)
      if (scanned.has(a.memberId) && !(a.status === 'absent' && a.reason)) {
        a.status = 'present'
        a.reason = null
        a.method = 'scan'
      }
  }
  const presentCount = attendance.filter((a) => a.status === 'present').length
  return {
    id: row.id,
    branchId: row.branch_id,
    branchName: ctx.branch.name,
    enterpriseId: row.enterprise_id,
    enterpriseName: ctx.enterpriseName,
    type: row.type as TMeetingType,
    groupId: row.group_id,
    groupName: group?.name ?? null,
    topic: row.topic,
    startsAt: row.starts_at,
    place: row.place,
    host: row.host,
    recorder: row.recorder,
    expected: row.expected_count,
    present: presentCount,
    attendance,
    nonMemberAttendees: row.non_member_attendees,
    minutes: row.minutes,
    decisions: row.decisions,
    status: row.status,
    submittedAt: row.submitted_at,
    revision: row.revision,
    history: revisions.map((r) => ({
      revision: r.revision,
      reason: r.reason,
      changedBy: r.name,
      changedAt: r.created_at,
      previous: JSON.parse(r.snapshot) as Record<string, unknown>,
    })),
    attachments,
    signInEventId: row.sign_in_event_id,
    canWrite: ctx.canWrite,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export async function listMeetings(
  db: DbOrTrx,
  branchId: number,
  query: { year?: number; type?: TMeetingType },
): Promise<TMeetingSummary[]> {
  let q = db
    .selectFrom('meetings as m')
    .leftJoin('party_groups as g', 'g.id', 'm.group_id')
    .select((eb) => [
      'm.id',
      'm.type',
      'm.group_id',
      'g.name as group_name',
      'm.topic',
      'm.starts_at',
      'm.status',
      'm.expected_count',
      'm.present_count',
      'm.revision',
      eb
        .selectFrom('evidence_files as f')
        .select((f) => f.fn.countAll<number>().as('n'))
        .whereRef('f.meeting_id', '=', 'm.id')
        .where('f.deleted_at', 'is', null)
        .as('attachment_count'),
    ])
    .where('m.branch_id', '=', branchId)
  if (query.year) {
    q = q
      .where('m.starts_at', '>=', iso(shanghaiMonthStart(query.year, 1)))
      .where('m.starts_at', '<', iso(shanghaiMonthStart(query.year + 1, 1)))
  }
  if (query.type) q = q.where('m.type', '=', query.type)
  const rows = await q.orderBy('m.starts_at', 'desc').orderBy('m.id', 'desc').limit(500).execute()
  return rows.map((r) => ({
    id: r.id,
    type: r.type as TMeetingType,
    groupId: r.group_id,
    groupName: r.group_name ?? null,
    topic: r.topic,
    startsAt: r.starts_at,
    status: r.status,
    expected: r.expected_count,
    present: r.present_count,
    revision: r.revision,
    attachmentCount: Number(r.attachment_count ?? 0),
  }))
}

/** A new record starts from the last one of the same type: its topic, place, host, recorder, 列席. */
export async function meetingTemplate(
  db: DbOrTrx,
  branchId: number,
  type: TMeetingType,
): Promise<TMeetingTemplate> {
  const last = await db
    .selectFrom('meetings')
    .selectAll()
    .where('branch_id', '=', branchId)
    .where('type', '=', type)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return {
    fromMeetingId: last?.id ?? null,
    type,
    groupId: last?.group_id ?? null,
    topic: last?.topic ?? '',
    place: last?.place ?? '',
    host: last?.host ?? '',
    recorder: last?.recorder ?? '',
    nonMemberAttendees: last?.non_member_attendees ?? '',
  }
}

/** The people expected (应到): active members of the branch, or of the group for a 党小组会. */
async function rollFor(db: DbOrTrx, branchId: number, groupId: number | null) {
  let q = db
    .selectFrom('party_members')
    .select(['id'])
    .where('branch_id', '=', branchId)
    .where('active', '=', 1)
  if (groupId !== null) q = q.where('group_id', '=', groupId)
  return (await q.execute()).map((r) => r.id)
}

/** Members whose account signed in to the meeting's QR session count as present (扫码). */
async function scannedMembers(
  db: DbOrTrx,
  eventId: number | null,
  memberIds: number[],
): Promise<Set<number>> {
  if (eventId === null || memberIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('party_members as m')
    .innerJoin('sign_ins as s', 's.user_id', 'm.user_id')
    .select('m.id')
    .where('s.event_id', '=', eventId)
    .where('m.id', 'in', memberIds)
    .execute()
  return new Set(rows.map((r) => r.id))
}

function completenessProblems(
  data: TMeetingSaveData,
  attendance: { memberId: number; status: string; reason: string | null }[],
  now: number,
) {
  const fields: { path: string; message: string }[] = []
  if (!data.topic) fields.push({ path: 'topic', message: '请填写议题' })
  if (!data.place) fields.push({ path: 'place', message: '请填写地点' })
  if (!data.host) fields.push({ path: 'host', message: '请填写主持人' })
  if (!data.recorder) fields.push({ path: 'recorder', message: '请填写记录人' })
  if (!data.minutes) fields.push({ path: 'minutes', message: '请填写会议纪要' })
  if (Date.parse(data.startsAt) > now)
    fields.push({ path: 'startsAt', message: '会议尚未开始，不能提交记录' })
  attendance.forEach((a) => {
    if (a.status === 'absent' && !a.reason)
      fields.push({ path: `attendance.${a.memberId}.reason`, message: '请填写缺席原因' })
  })
  return fields
}

function snapshotOf(row: MeetingRow, attendance: TMeetingAttendance[]) {
  return {
    type: row.type,
    groupId: row.group_id,
    topic: row.topic,
    startsAt: row.starts_at,
    place: row.place,
    host: row.host,
    recorder: row.recorder,
    expected: row.expected_count,
    present: row.present_count,
    attendance: attendance.map((a) => ({
      memberId: a.memberId,
      name: a.name,
      status: a.status,
      reason: a.reason,
    })),
    nonMemberAttendees: row.non_member_attendees,
    minutes: row.minutes,
    decisions: row.decisions,
  }
}

/**
 * Creates (existing = null) or changes a record. A submitted record changes only with a correction
 * reason, and the version before is kept in meeting_revisions. Attendance covers the roll: every member
 * expected is stored present or absent (absent with its reason), 扫码 sign-ins count as present.
 */
export async function saveMeeting(
  trx: Trx,
  links: FileLinkSigner,
  auth: AuthContext,
  ctx: BranchContext,
  existing: MeetingRow | null,
  data: TMeetingSaveData,
  now: number,
): Promise<WriteOutcome<TMeeting>> {
  const branchId = ctx.branch.id
  const groupId = data.type === 'group' ? (data.groupId ?? null) : null
  if (data.type === 'group' && groupId === null) throw invalid('groupId', '党小组会须选择党小组')
  await checkGroup(trx, branchId, groupId, 'groupId')
  const submitted = existing?.status === 'submitted'
  if (submitted && !data.correctionReason) throw new AppError(409, 'MEETING_CORRECTION_REASON_REQUIRED')

  // The roll: a draft follows the branch (or group) as it is; a submitted record keeps its people.
  const previousAttendance = existing ? await attendanceOf(trx, existing.id) : []
  const groupChanged = existing !== null && existing.group_id !== groupId
  const rollIds =
    submitted && !groupChanged
      ? previousAttendance.map((a) => a.memberId)
      : await rollFor(trx, branchId, groupId)
  const roll = new Set(rollIds)
  data.attendance.forEach((a, i) => {
    if (!roll.has(a.memberId)) throw invalid(`attendance.${i}.memberId`, '该党员不在本次会议的应到名单中')
  })
  const given = new Map(data.attendance.map((a) => [a.memberId, a]))
  const previous = new Map(previousAttendance.map((a) => [a.memberId, a]))
  const scanned = await scannedMembers(trx, existing?.sign_in_event_id ?? null, rollIds)
  const attendance = rollIds.map((memberId) => {
    const input = given.get(memberId)
    const before = previous.get(memberId)
    if (scanned.has(memberId) && input?.status !== 'absent')
      return { memberId, status: 'present' as const, reason: null, method: 'scan' as const }
    const status = input?.status ?? before?.status ?? 'absent'
    return {
      memberId,
      status,
      reason:
        status === 'absent' ? (input ? (input.reason ?? null) : (before?.reason ?? null)) || null : null,
      method: 'tick' as const,
    }
  })
  const present = attendance.filter((a) => a.status === 'present').length
  const willSubmit = submitted || data.submit
  if (willSubmit) {
    const fields = completenessProblems(data, attendance, now)
    if (fields.length) throw new AppError(400, 'MEETING_INCOMPLETE', undefined, fields)
  }

  const values = {
    type: data.type,
    group_id: groupId,
    topic: data.topic,
    starts_at: data.startsAt,
    place: data.place,
    host: data.host,
    recorder: data.recorder,
    expected_count: rollIds.length,
    present_count: present,
    non_member_attendees: data.nonMemberAttendees,
    minutes: data.minutes,
    decisions: data.decisions,
    updated_at: iso(now),
  }
  let row: MeetingRow
  if (!existing) {
    row = await trx
      .insertInto('meetings')
      .values({
        ...values,
        branch_id: branchId,
        enterprise_id: ctx.branch.enterprise_id,
        status: data.submit ? 'submitted' : 'draft',
        submitted_at: data.submit ? iso(now) : null,
        submitted_by: data.submit ? auth.user.id : null,
        revision: 0,
        sign_in_event_id: null,
        created_by: auth.user.id,
        created_at: iso(now),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  } else {
    if (submitted) {
      await trx
        .insertInto('meeting_revisions')
        .values({
          meeting_id: existing.id,
          revision: existing.revision + 1,
          reason: data.correctionReason!,
          snapshot: JSON.stringify(snapshotOf(existing, previousAttendance)),
          changed_by: auth.user.id,
          created_at: iso(now),
        })
        .execute()
    }
    row = await trx
      .updateTable('meetings')
      .set({
        ...values,
        ...(submitted
          ? { revision: existing.revision + 1 }
          : data.submit
            ? { status: 'submitted', submitted_at: iso(now), submitted_by: auth.user.id }
            : {}),
      })
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', existing.id).execute()
  }
  if (attendance.length)
    await trx
      .insertInto('meeting_attendance')
      .values(
        attendance.map((a) => ({
          meeting_id: row.id,
          member_id: a.memberId,
          status: a.status,
          reason: a.reason,
          method: a.method,
        })),
      )
      .execute()
  return {
    result: await meetingView(trx, links, ctx, row),
    entityType: 'meeting',
    entityId: row.id,
    detail: {
      branchId,
      type: row.type,
      status: row.status,
      ...(submitted ? { correction: data.correctionReason, revision: row.revision } : {}),
    },
  }
}

/**
 * 扫码签到 for a meeting: an event of the enterprise linked to the draft record, with the events' rotating
 * QR. Members whose account signs in count as present (扫码). Opening it again returns the same one.
 */
export async function openSignInSession(
  trx: Trx,
  links: FileLinkSigner,
  auth: AuthContext,
  ctx: BranchContext,
  meeting: MeetingRow,
  now: number,
): Promise<WriteOutcome<TMeeting>> {
  if (meeting.status === 'submitted') throw new AppError(409, 'MEETING_CORRECTION_REASON_REQUIRED')
  let row = meeting
  if (meeting.sign_in_event_id === null) {
    const starts = Date.parse(meeting.starts_at)
    const opens = Math.min(now, starts - 30 * 60_000)
    const closes = Math.max(now, starts) + 3 * 3600_000
    const title = `${MEETING_TYPE_LABELS[meeting.type as TMeetingType]}${meeting.topic ? `：${meeting.topic}` : ''}`
    const created = await createEvent(
      trx,
      auth,
      { kind: 'enterprise', id: ctx.branch.enterprise_id },
      {
        kind: MEETING_EVENT_KIND[meeting.type as TMeetingType],
        title: Array.from(title).slice(0, 60).join(''),
        description: `${ctx.branch.name}会议签到`,
        startsAt: iso(starts),
        endsAt: iso(Math.max(starts, now) + 2 * 3600_000),
        signInOpensAt: iso(opens),
        signInClosesAt: iso(closes),
        place: null,
      },
      [ctx.branch.enterprise_id],
      now,
    )
    row = await trx
      .updateTable('meetings')
      .set({ sign_in_event_id: created.result.id, updated_at: iso(now) })
      .where('id', '=', meeting.id)
      .returningAll()
      .executeTakeFirstOrThrow()
  }
  return {
    result: await meetingView(trx, links, ctx, row),
    entityType: 'meeting',
    entityId: row.id,
    detail: { signInEventId: row.sign_in_event_id },
  }
}

// ---------- compliance ----------

async function complianceMeetings(
  db: DbOrTrx,
  branchIds: number[],
  year: number,
): Promise<Map<number, ComplianceMeeting[]>> {
  const byBranch = new Map<number, ComplianceMeeting[]>(branchIds.map((id) => [id, []]))
  if (branchIds.length === 0) return byBranch
  const rows = await db
    .selectFrom('meetings')
    .select(['branch_id', 'type', 'starts_at', 'group_id', 'status'])
    .where('branch_id', 'in', branchIds)
    .where('status', '=', 'submitted')
    .where('starts_at', '>=', iso(shanghaiMonthStart(year, 1)))
    .where('starts_at', '<', iso(shanghaiMonthStart(year + 1, 1)))
    .execute()
  for (const r of rows)
    byBranch.get(r.branch_id)?.push({
      type: r.type as TMeetingType,
      startsAt: r.starts_at,
      groupId: r.group_id,
      status: r.status,
    })
  return byBranch
}

async function groupsByBranch(db: DbOrTrx, branchIds: number[]) {
  const byBranch = new Map<number, ComplianceGroup[]>(branchIds.map((id) => [id, []]))
  if (branchIds.length === 0) return byBranch
  const rows = await db
    .selectFrom('party_groups')
    .select(['id', 'name', 'branch_id', 'created_at'])
    .where('branch_id', 'in', branchIds)
    .orderBy('id')
    .execute()
  for (const r of rows)
    byBranch.get(r.branch_id)?.push({ id: r.id, name: r.name, since: Date.parse(r.created_at) })
  return byBranch
}

export async function branchCompliance(
  db: DbOrTrx,
  branch: PartyBranchRow,
  year: number,
  now: number,
): Promise<TCompliance> {
  const [meetings, groups] = await Promise.all([
    complianceMeetings(db, [branch.id], year),
    groupsByBranch(db, [branch.id]),
  ])
  const result = computeCompliance({
    year,
    now,
    meetings: meetings.get(branch.id) ?? [],
    groups: groups.get(branch.id) ?? [],
    since: Date.parse(branch.created_at),
  })
  return { branchId: branch.id, branchName: branch.name, ...result }
}

/** What falls due within 7 days in the branches the caller writes for (the 任务 tab). */
export async function dueForUser(db: DbOrTrx, auth: AuthContext, now: number): Promise<TDueItem[]> {
  const branches = (await myBranches(db, auth)).filter((b) => b.canWrite)
  if (branches.length === 0) return []
  const ids = branches.map((b) => b.id)
  const { year } = shanghaiParts(now)
  const [meetings, groups] = await Promise.all([complianceMeetings(db, ids, year), groupsByBranch(db, ids)])
  return branches.flatMap((b) =>
    dueSoon({ now, meetings: meetings.get(b.id) ?? [], groups: groups.get(b.id) ?? [] }).map((item) => ({
      ...item,
      branchId: b.id,
      branchName: b.name,
      enterpriseId: b.enterpriseId,
    })),
  )
}

/** For a supervisor: its enterprises' branches (the office: all), this month's reporting and the 完成率. */
export async function partySupervision(
  db: DbOrTrx,
  auth: AuthContext,
  now: number,
): Promise<TPartySupervision> {
  const { year, month } = shanghaiParts(now)
  const thisMonth = monthPeriod(year, month)
  const departmentIds = auth.memberships
    .filter((m) => m.organisation_kind === 'department' && m.role === 'supervisor')
    .map((m) => m.organisation_id)
  const office = isOffice(auth)
  if (!office && departmentIds.length === 0) return { month: thisMonth.key, year, branches: [] }
  let q = db
    .selectFrom('party_branches as b')
    .innerJoin('enterprises as e', 'e.id', 'b.enterprise_id')
    .select(['b.id', 'b.name', 'b.enterprise_id', 'b.created_at', 'e.name as enterprise_name'])
  if (!office)
    q = q.where('b.enterprise_id', 'in', (eb) =>
      eb.selectFrom('supervision_links').select('enterprise_id').where('department_id', 'in', departmentIds),
    )
  const branches = await q.orderBy('b.enterprise_id').orderBy('b.id').execute()
  const ids = branches.map((b) => b.id)
  const [meetings, groups, last] = await Promise.all([
    complianceMeetings(db, ids, year),
    groupsByBranch(db, ids),
    ids.length
      ? db
          .selectFrom('meetings')
          .select(['branch_id', (eb) => eb.fn.max('starts_at').as('last')])
          .where('branch_id', 'in', ids)
          .where('status', '=', 'submitted')
          .groupBy('branch_id')
          .execute()
      : Promise.resolve([]),
  ])
  const lastBy = new Map(last.map((r) => [r.branch_id, r.last as string | null]))
  const rows = branches.map((b) => {
    const mine = meetings.get(b.id) ?? []
    const result = computeCompliance({
      year,
      now,
      meetings: mine,
      groups: groups.get(b.id) ?? [],
      since: Date.parse(b.created_at),
    })
    const meetingsThisMonth = mine.filter((m) => {
      const at = Date.parse(m.startsAt)
      return at >= thisMonth.start && at < thisMonth.end
    }).length
    return {
      branchId: b.id,
      branchName: b.name,
      enterpriseId: b.enterprise_id,
      enterpriseName: b.enterprise_name,
      meetingsThisMonth,
      reportedThisMonth: meetingsThisMonth > 0,
      lastMeetingAt: lastBy.get(b.id) ?? null,
      rate: result.overall.rate,
      byType: result.byType.map((t) => ({ type: t.type, rate: t.rate })),
    }
  })
  // Who has not reported this month first.
  rows.sort((a, b) => Number(a.reportedThisMonth) - Number(b.reportedThisMonth))
  return { month: thisMonth.key, year, branches: rows }
}

// ---------- the year as a workbook ----------

export const YEAR_SHEET_COLUMNS = [
  '序号',
  '会议类型',
  '党小组',
  '时间（北京时间）',
  '地点',
  '议题',
  '主持人',
  '记录人',
  '应到',
  '实到',
  '缺席人员及原因',
  '列席',
  '决议',
  '状态',
  '更正次数',
] as const

export async function yearWorkbook(
  db: DbOrTrx,
  branch: PartyBranchRow,
  year: number,
  now: number,
): Promise<Buffer> {
  const rows = await db
    .selectFrom('meetings as m')
    .leftJoin('party_groups as g', 'g.id', 'm.group_id')
    .selectAll('m')
    .select('g.name as group_name')
    .where('m.branch_id', '=', branch.id)
    .where('m.starts_at', '>=', iso(shanghaiMonthStart(year, 1)))
    .where('m.starts_at', '<', iso(shanghaiMonthStart(year + 1, 1)))
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .execute()
  const absences = rows.length
    ? await db
        .selectFrom('meeting_attendance as a')
        .innerJoin('party_members as p', 'p.id', 'a.member_id')
        .select(['a.meeting_id', 'p.name', 'a.reason'])
        .where(
          'a.meeting_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('a.status', '=', 'absent')
        .execute()
    : []
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '清廉企业'
  workbook.created = new Date(now)
  const sheet = workbook.addWorksheet(`${year}年会议记录`, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = YEAR_SHEET_COLUMNS.map((header, i) => ({
    header,
    key: `c${i}`,
    width: [6, 14, 12, 18, 16, 36, 10, 10, 6, 6, 30, 20, 36, 8, 8][i],
  }))
  sheet.getRow(1).font = { bold: true }
  rows.forEach((r, i) => {
    sheet.addRow([
      i + 1,
      MEETING_TYPE_LABELS[r.type as TMeetingType] ?? r.type,
      r.group_name ?? '',
      formatShanghaiMinute(r.starts_at),
      r.place,
      r.topic,
      r.host,
      r.recorder,
      r.expected_count,
      r.present_count,
      absences
        .filter((a) => a.meeting_id === r.id)
        .map((a) => `${a.name}（${a.reason ?? '未填原因'}）`)
        .join('；'),
      r.non_member_attendees,
      r.decisions,
      MEETING_STATUS_LABELS[r.status],
      r.revision,
    ])
  })
  const compliance = await branchCompliance(db, branch, year, now)
  const calendar = workbook.addWorksheet('完成情况')
  const monthHeaders = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
  calendar.columns = [
    { header: '类型', key: 'type', width: 16 },
    { header: '要求', key: 'rule', width: 20 },
    ...monthHeaders.map((h, i) => ({ header: h, key: `m${i}`, width: 8 })),
    { header: '完成率', key: 'rate', width: 10 },
  ]
  calendar.getRow(1).font = { bold: true }
  for (const row of compliance.rows) {
    // A quarter's status is shown under its three months.
    const cells = monthHeaders.map((_, i) => {
      const cell = row.period === 'month' ? row.cells[i] : row.cells[Math.floor(i / 3)]
      return CELL_STATUS_LABELS[cell.status]
    })
    calendar.addRow([
      `${MEETING_TYPE_LABELS[row.type]}${row.groupName ? `（${row.groupName}）` : ''}`,
      row.rule,
      ...cells,
      row.rate === null ? '—' : `${Math.round(row.rate * 1000) / 10}%`,
    ])
  }
  const info = workbook.addWorksheet('支部信息')
  info.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 50 },
  ]
  info.addRows([
    ['支部', branch.name],
    ['年度', year],
    ['会议记录', rows.length],
    [
      '总体完成率',
      compliance.overall.rate === null ? '—' : `${Math.round(compliance.overall.rate * 1000) / 10}%`,
    ],
    ['规则', MEETING_RULES.map((r) => `${MEETING_TYPE_LABELS[r.type]}${r.text}`).join('；')],
  ])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
