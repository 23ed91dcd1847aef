/**
 * 三会一课: typed reads (request.ts), the record writes queued in the outbox (outbox.ts), attachments
 * (upload.ts) and the Word / Excel exports (platform download).
 */
import { z } from 'zod'
import {
  ZBranchDetail,
  ZBranchSummary,
  ZCompliance,
  ZMeeting,
  ZMeetingAttachment,
  ZMeetingSummary,
  ZMeetingTemplate,
  ZPartySupervisionPage,
  type TAttachmentKind,
  type TBranchDetail,
  type TBranchSummary,
  type TCompliance,
  type TMeeting,
  type TMeetingAttachment,
  type TMeetingSave,
  type TMeetingSummary,
  type TMeetingTemplate,
  type TPartySupervisionPage,
  meetingRecordTitle,
} from '@/models/meeting'
import { MEETING_TYPE_LABELS, type TMeetingType } from '@/models/meetingCompliance'
import { exportFileName } from '@/models/exportName'
import { getOutbox, type OutboxEntry } from './outbox'
import type { PickedFile } from './platform/types'
import { openApiFile } from './download'
import { parseBody, request } from './request'
import { queueUpload } from './upload'

export const MEETING_WRITE_KINDS = {
  create: 'meeting.create',
  update: 'meeting.update',
  submit: 'meeting.submit',
  attachmentRemove: 'meeting.attachment.remove',
  remove: 'meeting.delete',
  attachmentUpload: 'meeting.attachment.upload',
  signInSession: 'meeting.sign_in_session',
  member: 'party_member.save',
  group: 'party_group.create',
} as const

export const branchPath = (eid: number, bid: number) => `/api/v1/enterprises/${eid}/party-branches/${bid}`
export const meetingPath = (eid: number, bid: number, mid: number) =>
  `${branchPath(eid, bid)}/meetings/${mid}`

const ZBranchList = z.object({ branches: z.array(ZBranchSummary) })
const ZMeetingList = z.object({ meetings: z.array(ZMeetingSummary) })

export async function fetchMyBranches(): Promise<TBranchSummary[]> {
  return (await request({ path: '/api/v1/party/branches', schema: ZBranchList })).branches
}

export function fetchBranch(eid: number, bid: number): Promise<TBranchDetail> {
  return request({ path: branchPath(eid, bid), schema: ZBranchDetail })
}

export function fetchCompliance(eid: number, bid: number, year?: number): Promise<TCompliance> {
  return request({ path: `${branchPath(eid, bid)}/compliance`, query: { year }, schema: ZCompliance })
}

export async function fetchMeetings(eid: number, bid: number, year?: number): Promise<TMeetingSummary[]> {
  return (await request({ path: `${branchPath(eid, bid)}/meetings`, query: { year }, schema: ZMeetingList }))
    .meetings
}

export function fetchMeeting(eid: number, bid: number, mid: number): Promise<TMeeting> {
  return request({ path: meetingPath(eid, bid, mid), schema: ZMeeting })
}

export function fetchMeetingTemplate(
  eid: number,
  bid: number,
  type: TMeetingType,
): Promise<TMeetingTemplate> {
  return request({
    path: `${branchPath(eid, bid)}/meetings/template`,
    query: { type },
    schema: ZMeetingTemplate,
  })
}

/** 三会一课监管, a page at a time (未报送 first). */
export function fetchPartySupervision(page: number): Promise<TPartySupervisionPage> {
  return request({ path: '/api/v1/supervision/party', query: { page }, schema: ZPartySupervisionPage })
}

const typeLabel = (body: TMeetingSave) => MEETING_TYPE_LABELS[body.type]

/** 新建会议记录 through the outbox (created once, whatever the network does). */
export function queueCreateMeeting(eid: number, bid: number, body: TMeetingSave): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${branchPath(eid, bid)}/meetings`,
    body,
    label: `${body.submit ? '提交' : '保存'}${typeLabel(body)}记录`,
    kind: MEETING_WRITE_KINDS.create,
  })
}

/** 修改 (or, for a submitted record, 更正 with its reason) through the outbox. */
export function queueUpdateMeeting(eid: number, bid: number, mid: number, body: TMeetingSave): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: meetingPath(eid, bid, mid),
    body,
    label: `${body.correctionReason ? '更正' : body.submit ? '提交' : '保存'}${typeLabel(body)}记录`,
    kind: MEETING_WRITE_KINDS.update,
  })
}

export function queueSubmitMeeting(eid: number, bid: number, mid: number, type: TMeetingType): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${meetingPath(eid, bid, mid)}/submit`,
    label: `提交${MEETING_TYPE_LABELS[type]}记录`,
    kind: MEETING_WRITE_KINDS.submit,
  })
}

/** 开启扫码签到: the meeting's QR session (an event with the rotating QR); opening it again is harmless. */
export function queueSignInSession(eid: number, bid: number, mid: number): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${meetingPath(eid, bid, mid)}/sign-in-session`,
    label: '开启会议扫码签到',
    kind: MEETING_WRITE_KINDS.signInSession,
  })
}

/** 党员名册: add a member (optionally linked to an account of the enterprise). */
export function queueAddMember(
  eid: number,
  bid: number,
  body: { name: string; branchRole: string; groupId?: number | null; userId?: number | null },
): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${branchPath(eid, bid)}/members`,
    body,
    label: `添加党员${body.name}`,
    kind: MEETING_WRITE_KINDS.member,
  })
}

export function queueUpdateMember(
  eid: number,
  bid: number,
  memberId: number,
  body: { active?: boolean; branchRole?: string; groupId?: number | null },
): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PATCH',
    path: `${branchPath(eid, bid)}/members/${memberId}`,
    body,
    label: '修改党员信息',
    kind: MEETING_WRITE_KINDS.member,
  })
}

export function queueAddGroup(eid: number, bid: number, name: string): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${branchPath(eid, bid)}/groups`,
    body: { name },
    label: `新增党小组${name}`,
    kind: MEETING_WRITE_KINDS.group,
  })
}

/** 删除草稿 (only a draft; the server refuses a submitted record). */
export function queueDeleteMeeting(eid: number, bid: number, mid: number, type: TMeetingType): OutboxEntry {
  return getOutbox().enqueue({
    method: 'DELETE',
    path: meetingPath(eid, bid, mid),
    label: `删除${MEETING_TYPE_LABELS[type]}记录草稿`,
    kind: MEETING_WRITE_KINDS.remove,
  })
}

/** A submitted record's attachments change only with a 更正 reason (kept in its history). */
const withReason = (reason?: string) => (reason ? `correctionReason=${encodeURIComponent(reason)}` : '')

export function queueRemoveAttachment(
  eid: number,
  bid: number,
  mid: number,
  fileId: number,
  correctionReason?: string,
): OutboxEntry {
  const query = withReason(correctionReason)
  return getOutbox().enqueue({
    method: 'DELETE',
    path: `${meetingPath(eid, bid, mid)}/attachments/${fileId}${query ? `?${query}` : ''}`,
    label: correctionReason ? '更正：撤下会议附件' : '撤下会议附件',
    kind: MEETING_WRITE_KINDS.attachmentRemove,
  })
}

/** Where a 签到表 / 现场照片 of a record is posted (uploads waiting for it start with this path). */
export const attachmentUploadPath = (eid: number, bid: number, mid: number, kind: TAttachmentKind) =>
  `${meetingPath(eid, bid, mid)}/attachments?kind=${kind}`

/** 签到表 / 现场照片 through the outbox: kept on the device and sent once when the network allows. */
export function queueMeetingAttachment(
  eid: number,
  bid: number,
  mid: number,
  kind: TAttachmentKind,
  file: PickedFile,
  correctionReason?: string,
): Promise<OutboxEntry> {
  const query = withReason(correctionReason)
  return queueUpload({
    path: `${attachmentUploadPath(eid, bid, mid, kind)}${query ? `&${query}` : ''}`,
    file,
    label: `${correctionReason ? '更正：' : ''}${kind === 'photo' ? '上传会议现场照片' : '上传会议签到表'}`,
    kind: MEETING_WRITE_KINDS.attachmentUpload,
  })
}

/** The stored attachment in an upload's answer (a string in the mini-program), or null. */
export function attachmentFromResponse(data: unknown): TMeetingAttachment | null {
  const parsed = ZMeetingAttachment.safeParse(parseBody(data))
  return parsed.success ? parsed.data : null
}

/** 导出 Word: the record in the 会议记录 layout. */
export function openMeetingDocx(eid: number, bid: number, meeting: TMeeting): Promise<void> {
  const name = exportFileName({
    organisation: meeting.branchName,
    title: meetingRecordTitle(meeting.type),
    at: meeting.startsAt,
    ext: 'docx',
  })
  return openApiFile(`${meetingPath(eid, bid, meeting.id)}/record.docx`, name, 'docx')
}

/** 导出年度台账 (Excel). */
export function openYearWorkbook(eid: number, bid: number, branchName: string, year: number): Promise<void> {
  return openApiFile(
    `${branchPath(eid, bid)}/year.xlsx?year=${year}`,
    exportFileName({ organisation: branchName, title: `${year}年三会一课台账`, at: Date.now(), ext: 'xlsx' }),
    'xlsx',
  )
}
