import { z } from 'zod'
import { enterpriseRef, pageOf, pagingFields, ZRowId } from './common'
import { line, lines, oneLine, textOf } from './textLimit'
import { MEETING_TYPES, MEETING_TYPE_LABELS, type TMeetingType } from './meetingCompliance'
import { storedFileWith } from './file'
import { ZPartyOrg } from './org'

/**
 * 三会一课: party branches, their members and groups, meeting records and the compliance calendar.
 * Task 1 of 《县清廉企业建设实施方案》: “通过支部“三会一课”、主题党日活动、职工大会等多种形式，加强对
 * 党中央重大决策部署……的学习领会”.
 */
export const ZMeetingType = z.enum(MEETING_TYPES)

/** 书记 / 副书记 / 委员 / 党员: the first three form the 支部委员会 and may write records. */
export const BRANCH_ROLES = ['secretary', 'deputy_secretary', 'committee', 'member'] as const
export const ZBranchRole = z.enum(BRANCH_ROLES)
export type TBranchRole = z.infer<typeof ZBranchRole>
export const BRANCH_ROLE_LABELS: Record<TBranchRole, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  committee: '委员',
  member: '党员',
}
export const BRANCH_WRITER_ROLES: readonly TBranchRole[] = ['secretary', 'deputy_secretary', 'committee']

/**
 * Who is expected (应到) at a meeting of this type, among the branch's members: 支部委员会 the committee
 * (书记、副书记、委员), 党小组会 the members of its group, every other type the whole branch; active
 * members only. Server and app count with this one rule, so the record, the .docx and the .xlsx agree.
 */
export function rollOf<T extends { active: boolean; branchRole: TBranchRole; groupId: number | null }>(
  members: readonly T[],
  type: TMeetingType,
  groupId: number | null,
): T[] {
  return members.filter(
    (m) =>
      m.active &&
      (type !== 'committee' || BRANCH_WRITER_ROLES.includes(m.branchRole)) &&
      (type !== 'group' || (groupId !== null && m.groupId === groupId)),
  )
}

export const ATTACHMENT_KINDS = ['sign_sheet', 'photo', 'other'] as const
export const ZAttachmentKind = z.enum(ATTACHMENT_KINDS)
export type TAttachmentKind = z.infer<typeof ZAttachmentKind>
export const ATTACHMENT_KIND_LABELS: Record<TAttachmentKind, string> = {
  sign_sheet: '签到表',
  photo: '现场照片',
  other: '其他材料',
}

export const MEETING_STATUSES = ['draft', 'submitted'] as const
export const ZMeetingStatus = z.enum(MEETING_STATUSES)
export type TMeetingStatus = z.infer<typeof ZMeetingStatus>
export const MEETING_STATUS_LABELS: Record<TMeetingStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
}

const ZIsoTime = z.iso
  .datetime({ offset: true, message: '时间格式应为 ISO 8601（如 2026-05-01T09:00:00+08:00）' })
  .transform((s) => new Date(s).toISOString())

/** Why a submitted record is corrected (its text, its attendance or its attachments): kept in its history. */
export const ZCorrectionReason = oneLine(
  textOf(2, '请填写更正原因（至少2个字）', 200, '更正原因不超过200个字'),
  '更正原因',
)

// ---------- branches, members, groups ----------

export const ZPartyMember = z
  .object({
    id: z.number().int(),
    branchId: z.number().int(),
    userId: z.number().int().nullable(),
    name: z.string(),
    branchRole: ZBranchRole,
    groupId: z.number().int().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'PartyMember' })
export type TPartyMember = z.infer<typeof ZPartyMember>

export const ZPartyMemberCreate = z
  .object({
    name: oneLine(z.string().trim().min(2, '姓名至少2个字').max(30, '姓名不超过30个字'), '姓名'),
    /** The member's account, when they have one (an approved member of the enterprise). */
    userId: ZRowId.nullable().optional(),
    branchRole: ZBranchRole.default('member'),
    groupId: ZRowId.nullable().optional(),
  })
  .meta({ id: 'PartyMemberCreate' })

export const ZPartyMemberUpdate = z
  .object({
    name: oneLine(z.string().trim().min(2, '姓名至少2个字').max(30, '姓名不超过30个字'), '姓名'),
    userId: ZRowId.nullable(),
    branchRole: ZBranchRole,
    groupId: ZRowId.nullable(),
    /** false: 转出 / 不再计入应到. */
    active: z.boolean(),
  })
  .partial()
  .meta({ id: 'PartyMemberUpdate' })

export const ZPartyGroup = z
  .object({ id: z.number().int(), name: z.string(), memberCount: z.number().int() })
  .meta({ id: 'PartyGroup' })

export const ZPartyGroupCreate = z
  .object({
    name: oneLine(textOf(2, '党小组名称至少2个字', 30, '党小组名称不超过30个字'), '党小组名称'),
  })
  .meta({ id: 'PartyGroupCreate' })

export const ZBranchSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    ...enterpriseRef,
    /** The caller may write records (secretary or committee member). */
    canWrite: z.boolean(),
  })
  .meta({ id: 'BranchSummary' })
export type TBranchSummary = z.infer<typeof ZBranchSummary>

export const ZBranchDetail = ZBranchSummary.extend({
  secretary: z.object({ userId: z.number().int(), name: z.string() }).nullable(),
  members: z.array(ZPartyMember),
  groups: z.array(ZPartyGroup),
}).meta({ id: 'BranchDetail' })
export type TBranchDetail = z.infer<typeof ZBranchDetail>

// ---------- meeting records ----------

export const ZAttendanceInput = z.object({
  memberId: ZRowId,
  status: z.enum(['present', 'absent']),
  /** Required for an absentee before the record is submitted. */
  reason: line(100, '缺席原因').nullable().optional(),
})

/** A record as saved: drafts may be incomplete; submitting checks completeness. */
export const ZMeetingSave = z
  .object({
    type: ZMeetingType,
    /** 党小组会: the group that met. */
    groupId: ZRowId.nullable().optional(),
    topic: line(200, '议题').default(''),
    startsAt: ZIsoTime,
    place: line(100, '地点').default(''),
    host: line(30, '主持人').default(''),
    recorder: line(30, '记录人').default(''),
    /** The roll's members not listed here are recorded absent (reason still to give). */
    attendance: z
      .array(ZAttendanceInput)
      .max(1000)
      .default([])
      .superRefine((rows, ctx) => {
        const seen = new Set<number>()
        rows.forEach((r, i) => {
          if (seen.has(r.memberId))
            ctx.addIssue({ code: 'custom', path: [i, 'memberId'], message: '同一党员重复出现' })
          seen.add(r.memberId)
        })
      }),
    /** 列席人员 */
    nonMemberAttendees: lines(300, '列席人员').default(''),
    minutes: lines(20000, '会议纪要').default(''),
    decisions: lines(5000, '决议').default(''),
    /** Required to change a submitted record: kept with the previous version. */
    correctionReason: ZCorrectionReason.optional(),
    /** Submit in the same request (草稿 → 已提交). */
    submit: z.boolean().default(false),
  })
  .meta({ id: 'MeetingSave' })
export type TMeetingSave = z.input<typeof ZMeetingSave>
export type TMeetingSaveData = z.output<typeof ZMeetingSave>

export const ZMeetingAttendance = z.object({
  memberId: z.number().int(),
  name: z.string(),
  branchRole: ZBranchRole,
  status: z.enum(['present', 'absent']),
  reason: z.string().nullable(),
  /** 勾选 or 扫码签到 */
  method: z.enum(['tick', 'scan']),
})
export type TMeetingAttendance = z.infer<typeof ZMeetingAttendance>

/** A meeting's 签到表 or 现场照片: the one stored-file model (./file) with its kind. */
export const ZMeetingAttachment = storedFileWith('kind', ZAttachmentKind).meta({ id: 'MeetingAttachment' })
export type TMeetingAttachment = z.infer<typeof ZMeetingAttachment>

/** One thing a correction changed, in readable Chinese (meetingRevision.ts computes and words them). */
export const ZMeetingChange = z.object({ label: z.string(), before: z.string(), after: z.string() })
export type TMeetingChange = z.infer<typeof ZMeetingChange>

export const ZMeetingRevision = z.object({
  revision: z.number().int(),
  reason: z.string(),
  changedBy: z.string(),
  changedAt: z.string(),
  /** The record as it was before this correction. */
  previous: z.record(z.string(), z.unknown()),
  /** What changed, before → after (shown shortened); null on corrections recorded before they were kept. */
  changes: z.array(ZMeetingChange).nullable(),
})
export type TMeetingRevision = z.infer<typeof ZMeetingRevision>

export const ZMeeting = z
  .object({
    id: z.number().int(),
    branchId: z.number().int(),
    branchName: z.string(),
    ...enterpriseRef,
    type: ZMeetingType,
    groupId: z.number().int().nullable(),
    groupName: z.string().nullable(),
    topic: z.string(),
    startsAt: z.string(),
    place: z.string(),
    host: z.string(),
    recorder: z.string(),
    /** 应到 / 实到 */
    expected: z.number().int(),
    present: z.number().int(),
    attendance: z.array(ZMeetingAttendance),
    nonMemberAttendees: z.string(),
    minutes: z.string(),
    decisions: z.string(),
    status: ZMeetingStatus,
    submittedAt: z.string().nullable(),
    revision: z.number().int(),
    history: z.array(ZMeetingRevision),
    attachments: z.array(ZMeetingAttachment),
    /** The QR sign-in event of this meeting, when one was opened. */
    signInEventId: z.number().int().nullable(),
    canWrite: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Meeting' })
export type TMeeting = z.infer<typeof ZMeeting>

export const ZMeetingSummary = ZMeeting.pick({
  id: true,
  type: true,
  groupId: true,
  groupName: true,
  topic: true,
  startsAt: true,
  status: true,
  expected: true,
  present: true,
  revision: true,
})
  .extend({ attachmentCount: z.number().int() })
  .meta({ id: 'MeetingSummary' })
export type TMeetingSummary = z.infer<typeof ZMeetingSummary>

export const ZMeetingListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  type: ZMeetingType.optional(),
})

/** The start of a new record from the last one of the same type (no attendance, no minutes). */
export const ZMeetingTemplate = z
  .object({
    fromMeetingId: z.number().int().nullable(),
    type: ZMeetingType,
    groupId: z.number().int().nullable(),
    topic: z.string(),
    place: z.string(),
    host: z.string(),
    recorder: z.string(),
    nonMemberAttendees: z.string(),
  })
  .meta({ id: 'MeetingTemplate' })
export type TMeetingTemplate = z.infer<typeof ZMeetingTemplate>

// ---------- compliance ----------

const ZCellStatus = z.enum(['done', 'due', 'overdue', 'not_yet'])
const ZRate = z.number().nullable()

export const ZCompliance = z
  .object({
    branchId: z.number().int(),
    branchName: z.string(),
    year: z.number().int(),
    rows: z.array(
      z.object({
        type: ZMeetingType,
        groupId: z.number().int().nullable(),
        groupName: z.string().nullable(),
        period: z.enum(['month', 'quarter']),
        rule: z.string(),
        cells: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            lastDay: z.string(),
            count: z.number().int(),
            /** Submitted records with nobody present: shown, not counted. */
            empty: z.number().int(),
            status: ZCellStatus,
            current: z.boolean(),
          }),
        ),
        required: z.number().int(),
        done: z.number().int(),
        rate: ZRate,
      }),
    ),
    byType: z.array(
      z.object({ type: ZMeetingType, required: z.number().int(), done: z.number().int(), rate: ZRate }),
    ),
    overall: z.object({ required: z.number().int(), done: z.number().int(), rate: ZRate }),
  })
  .meta({ id: 'Compliance' })
export type TCompliance = z.infer<typeof ZCompliance>

export const ZComplianceQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
})

export { ZDueItem, type TDueItem } from './meetingDue'

/** One branch on 三会一课监管: this month's reports and the year's rate. */
const ZPartySupervisionBranch = z.object({
  branchId: z.number().int(),
  branchName: z.string(),
  ...enterpriseRef,
  /** Submitted records held this month. */
  meetingsThisMonth: z.number().int(),
  reportedThisMonth: z.boolean(),
  lastMeetingAt: z.string().nullable(),
  rate: ZRate,
  byType: z.array(z.object({ type: ZMeetingType, rate: ZRate })),
})

/**
 * Enterprises whose profile names a party organisation but with no 党支部 registered (未设立支部): how
 * many, and the first 50 (all of them: 监管总览's list with `meetings=no_branch`).
 */
const ZWithoutBranch = z.object({
  total: z.number().int(),
  enterprises: z.array(
    z.object({ enterpriseId: z.number().int(), enterpriseName: z.string(), partyOrg: ZPartyOrg }),
  ),
})

export const ZPartySupervision = z
  .object({
    /** '2026-03': the month in 北京时间 the answer is about. */
    month: z.string(),
    year: z.number().int(),
    branches: z.array(ZPartySupervisionBranch),
    withoutBranch: ZWithoutBranch,
  })
  .meta({ id: 'PartySupervision' })
export type TPartySupervision = z.infer<typeof ZPartySupervision>

export const ZPartySupervisionQuery = z.object({ ...pagingFields })

/**
 * 三会一课监管 a page at a time (a county's 2,000 branches are too many for one phone screen, and for one
 * mini-program setData): who has not reported this month first, `missing` of them in all.
 */
export const ZPartySupervisionPage = z
  .object({
    month: z.string(),
    year: z.number().int(),
    ...pageOf(ZPartySupervisionBranch),
    /** Branches that have not reported this month, over every page. */
    missing: z.number().int(),
    withoutBranch: ZWithoutBranch,
  })
  .meta({ id: 'PartySupervisionPage' })
export type TPartySupervisionPage = z.infer<typeof ZPartySupervisionPage>

/**
 * A meeting's QR sign-in session is an event of the enterprise (the same rotating QR and scanner). The
 * events have no 三会一课 kind: 主题党日 and 党课 map to their own kinds, the other meetings to 专题培训.
 */
export const MEETING_EVENT_KIND = {
  member_assembly: 'training',
  committee: 'training',
  group: 'training',
  lecture: 'integrity_lecture',
  party_day: 'party_day',
  life_meeting: 'training',
} as const satisfies Record<TMeetingType, string>

/** The title of a record as printed: 支部委员会会议记录, 党课记录, 主题党日活动记录 … */
export function meetingRecordTitle(type: TMeetingType): string {
  if (type === 'lecture') return '党课记录'
  if (type === 'party_day') return '主题党日活动记录'
  return `${MEETING_TYPE_LABELS[type]}会议记录`
}
