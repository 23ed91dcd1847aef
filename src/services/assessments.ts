/**
 * 自查自评 and 整改: typed calls of the API (request.ts) and the writes queued in the outbox (outbox.ts).
 * Reads return parsed data; writes return the queued entry and the caller decides how long to wait
 * (components/settleWrite.ts). Evidence uploads are multipart and go through services/upload.ts.
 */
import { z } from 'zod'
import {
  ANSWER_LABELS,
  ZAssessment,
  ZAssessmentSummary,
  ZCampaign,
  ZSupervisionOverview,
  type TAnswerValue,
  type TAssessment,
  type TAssessmentSummary,
  type TCampaign,
  type TCampaignCreate,
  type TCampaignUpdate,
  type TSupervisionOverview,
} from '@/models/assessment'
import { ZRectification, type TRectification, type TRectificationNotice } from '@/models/rectification'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'

/** Outbox `kind`s of the writes below: pages recognise their own entries (pending, refused, delivered). */
export const ASSESSMENT_WRITE_KINDS = {
  answers: 'assessment.answers',
  evidenceRemove: 'assessment.evidence.remove',
  submit: 'assessment.submit',
  accept: 'assessment.accept',
  return: 'assessment.return',
  rectificationRespond: 'rectification.respond',
  rectificationVerify: 'rectification.verify',
  campaignCreate: 'campaign.create',
  campaignUpdate: 'campaign.update',
  campaignClose: 'campaign.close',
  evidenceUpload: 'assessment.evidence.upload',
  rectificationNotice: 'rectification.notice',
} as const

export const enterprisePath = (eid: number) => `/api/v1/enterprises/${eid}`
export const assessmentPath = (eid: number, aid: number) => `${enterprisePath(eid)}/assessments/${aid}`
export const rectificationPath = (eid: number, rid: number) => `${enterprisePath(eid)}/rectifications/${rid}`

const ZAssessmentList = z.object({ assessments: z.array(ZAssessmentSummary) })
const ZRectificationList = z.object({ rectifications: z.array(ZRectification) })

/** The enterprise's assessments, newest campaign first. */
export async function fetchAssessments(eid: number): Promise<TAssessmentSummary[]> {
  const res = await request({ path: `${enterprisePath(eid)}/assessments`, schema: ZAssessmentList })
  return res.assessments
}

/** One assessment: the items that apply to the enterprise, answers, evidence, scores and history. */
export function fetchAssessment(eid: number, aid: number): Promise<TAssessment> {
  return request({ path: assessmentPath(eid, aid), schema: ZAssessment })
}

export interface AnswerDraft {
  itemCode: string
  value: TAnswerValue
  note: string | null
  naReason: string | null
}

/**
 * PUT …/answers with one answer, through the outbox. The whole answer is sent every time (the server
 * replaces note and reason too), so entries sent in order leave the last one standing.
 */
export function queueAnswer(eid: number, aid: number, answer: AnswerDraft): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: `${assessmentPath(eid, aid)}/answers`,
    body: {
      answers: [
        {
          itemCode: answer.itemCode,
          value: answer.value,
          note: answer.note?.trim() ? answer.note.trim() : null,
          naReason: answer.value === 'na' && answer.naReason?.trim() ? answer.naReason.trim() : null,
        },
      ],
    },
    label: `自查答案 ${answer.itemCode}：${ANSWER_LABELS[answer.value]}`,
    kind: ASSESSMENT_WRITE_KINDS.answers,
  })
}

/** DELETE …/evidence/:fileId through the outbox (the server keeps the record, the file leaves the answer). */
export function queueEvidenceRemoval(
  eid: number,
  aid: number,
  fileId: number,
  itemCode: string,
): OutboxEntry {
  return getOutbox().enqueue({
    method: 'DELETE',
    path: `${assessmentPath(eid, aid)}/evidence/${fileId}`,
    label: `撤下佐证材料（${itemCode}）`,
    kind: ASSESSMENT_WRITE_KINDS.evidenceRemove,
  })
}

/** POST …/submit through the outbox: sent after every answer queued before it. */
export function queueSubmit(eid: number, aid: number, campaignName: string): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${assessmentPath(eid, aid)}/submit`,
    label: `提交自查：${campaignName}`,
    kind: ASSESSMENT_WRITE_KINDS.submit,
  })
}

/** Supervisor: POST …/accept. */
export function queueAccept(
  eid: number,
  aid: number,
  comment: string | null,
  enterpriseName: string,
): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${assessmentPath(eid, aid)}/accept`,
    body: { comment: comment?.trim() ? comment.trim() : null },
    label: `审核通过：${enterpriseName}`,
    kind: ASSESSMENT_WRITE_KINDS.accept,
  })
}

/** Supervisor: POST …/return with a comment per item. */
export function queueReturn(
  eid: number,
  aid: number,
  input: { comment: string | null; items: { itemCode: string; comment: string }[] },
  enterpriseName: string,
): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${assessmentPath(eid, aid)}/return`,
    body: {
      comment: input.comment?.trim() ? input.comment.trim() : null,
      items: input.items.map((i) => ({ itemCode: i.itemCode, comment: i.comment.trim() })),
    },
    label: `退回修改：${enterpriseName}（${input.items.length} 项）`,
    kind: ASSESSMENT_WRITE_KINDS.return,
  })
}

/** The enterprise's 整改 items, earliest deadline first. */
export async function fetchRectifications(eid: number): Promise<TRectification[]> {
  const res = await request({ path: `${enterprisePath(eid)}/rectifications`, schema: ZRectificationList })
  return res.rectifications
}

export function fetchRectification(eid: number, rid: number): Promise<TRectification> {
  return request({ path: rectificationPath(eid, rid), schema: ZRectification })
}

/** Liaison: POST …/respond (待整改 / 退回重改 → 待核验). */
export function queueRectificationResponse(
  eid: number,
  rid: number,
  input: { response: string; evidenceIds: number[] },
): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${rectificationPath(eid, rid)}/respond`,
    body: { response: input.response.trim(), evidenceIds: input.evidenceIds },
    label: '报送整改情况',
    kind: ASSESSMENT_WRITE_KINDS.rectificationRespond,
  })
}

/** Supervisor: POST …/verify (销号 or 退回). */
export function queueRectificationVerify(
  eid: number,
  rid: number,
  input: { decision: 'close' | 'return'; comment: string | null },
): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${rectificationPath(eid, rid)}/verify`,
    body: { decision: input.decision, comment: input.comment?.trim() ? input.comment.trim() : null },
    label: input.decision === 'close' ? '整改销号' : '退回整改',
    kind: ASSESSMENT_WRITE_KINDS.rectificationVerify,
  })
}

/** Supervisors and the office: the enterprises they oversee in one campaign (default: the latest). */
export function fetchSupervisionOverview(campaignId?: number): Promise<TSupervisionOverview> {
  return request({
    path: '/api/v1/supervision/overview',
    query: { campaignId },
    schema: ZSupervisionOverview,
  })
}

const ZCampaignList = z.object({ campaigns: z.array(ZCampaign) })

export async function fetchCampaigns(): Promise<TCampaign[]> {
  const res = await request({ path: '/api/v1/campaigns', schema: ZCampaignList })
  return res.campaigns
}

/** 发起自查期次 (office): one assessment per target enterprise, created once through the outbox. */
export function queueCreateCampaign(campaign: TCampaignCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: '/api/v1/campaigns',
    body: campaign,
    label: `发起自查「${campaign.name}」`,
    kind: ASSESSMENT_WRITE_KINDS.campaignCreate,
  })
}

/** 修改自查期次 (office): name and dates, checked again on the server. */
export function queueUpdateCampaign(id: number, changes: TCampaignUpdate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PATCH',
    path: `/api/v1/campaigns/${id}`,
    body: changes,
    label: `修改自查期次「${changes.name ?? id}」`,
    kind: ASSESSMENT_WRITE_KINDS.campaignUpdate,
  })
}

/** 结束期次 (office): unsubmitted assessments leave the to-dos and can no longer be submitted. */
export function queueCloseCampaign(id: number, name: string): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `/api/v1/campaigns/${id}/close`,
    label: `结束自查期次「${name}」`,
    kind: ASSESSMENT_WRITE_KINDS.campaignClose,
  })
}

/** 下发整改通知 (supervisor or office) through the outbox. */
export function queueRectificationNotice(eid: number, notice: TRectificationNotice): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${enterprisePath(eid)}/rectifications`,
    body: notice,
    label: `下发整改通知「${notice.title}」`,
    kind: ASSESSMENT_WRITE_KINDS.rectificationNotice,
  })
}

/** Where an item's evidence photo is posted (the item in the query, as the server expects it). */
export const evidenceUploadPath = (eid: number, aid: number, itemCode: string) =>
  `${assessmentPath(eid, aid)}/evidence?itemCode=${encodeURIComponent(itemCode)}`
