/** 廉洁风险点: typed calls of the register's API (request.ts) and its writes queued in the outbox. */
import {
  ZRiskDetail,
  ZRiskList,
  type TRiskCreate,
  type TRiskRectify,
  type TRiskReviewBody,
  type TRiskUpdate,
} from '@/models/risk'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'
import { enterprisePath } from './assessments'

export const RISK_WRITE_KINDS = {
  create: 'risk.create',
  update: 'risk.update',
  review: 'risk.review',
  rectify: 'risk.rectify',
  detach: 'risk.detach',
  acknowledge: 'risk.acknowledge',
} as const

export const RISK_PAGE_SIZE = 20
export const risksPath = (eid: number) => `${enterprisePath(eid)}/risks`
export const riskPath = (eid: number, rid: number) => `${risksPath(eid)}/${rid}`

export function fetchRisks(eid: number, page: number) {
  return request({ path: risksPath(eid), query: { page, pageSize: RISK_PAGE_SIZE }, schema: ZRiskList })
}

export function fetchRisk(eid: number, rid: number) {
  return request({ path: riskPath(eid, rid), schema: ZRiskDetail })
}

export function queueRiskCreate(eid: number, body: TRiskCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: risksPath(eid),
    body,
    label: `登记廉洁风险点「${body.post}」`,
    kind: RISK_WRITE_KINDS.create,
  })
}

export function queueRiskUpdate(eid: number, rid: number, body: TRiskUpdate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: riskPath(eid, rid),
    body,
    label: `修改廉洁风险点「${body.post}」`,
    kind: RISK_WRITE_KINDS.update,
  })
}

export function queueRiskReview(eid: number, rid: number, body: TRiskReviewBody): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${riskPath(eid, rid)}/reviews`,
    body,
    label: '复核廉洁风险点',
    kind: RISK_WRITE_KINDS.review,
  })
}

export function queueRiskRectify(eid: number, rid: number, body: TRiskRectify): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${riskPath(eid, rid)}/rectification`,
    body,
    label: '廉洁风险点转为整改',
    kind: RISK_WRITE_KINDS.rectify,
  })
}

/** DELETE …/attachments/:fileId: 撤下 an attachment of a 有效 risk (the server keeps the record). */
export function queueRiskAttachmentRemoval(eid: number, rid: number, fileId: number): OutboxEntry {
  return getOutbox().enqueue({
    method: 'DELETE',
    path: `${riskPath(eid, rid)}/attachments/${fileId}`,
    label: '撤下廉洁风险点附件',
    kind: RISK_WRITE_KINDS.detach,
  })
}

/** 阅知 of a risk's 高 alert, the occasion the supervisor read (a changed one answers 409 RISK_ALERT_STALE). */
export function queueRiskAcknowledge(eid: number, rid: number, occasion: number): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${riskPath(eid, rid)}/alerts/${occasion}/acknowledgements`,
    label: '阅知廉洁风险预警',
    kind: RISK_WRITE_KINDS.acknowledge,
  })
}
