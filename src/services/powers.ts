/** 权力清单 / 负面清单 and the “三重一大” log (task 12): typed reads and the writes queued in the outbox. */
import {
  ZDecisionDetail,
  ZDecisionList,
  ZPowerOverview,
  ZPowerVersion,
  type TDecisionCategory,
  type TDecisionCreate,
  type TDecisionUpdate,
  type TPowerDraftUpdate,
} from '@/models/powers'
import type { PickedFile } from './platform/types'
import { enterprisePath } from './assessments'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'
import { queueUpload } from './upload'

export const POWERS_WRITE_KINDS = {
  draft: 'powers.draft',
  publish: 'powers.publish',
  acknowledge: 'powers.acknowledge',
  decisionCreate: 'decision.create',
  decisionCorrect: 'decision.correct',
  decisionAttach: 'decision.attach',
} as const

export const DECISION_PAGE_SIZE = 20
const powersPath = (eid: number) => `${enterprisePath(eid)}/powers`
const decisionsPath = (eid: number) => `${enterprisePath(eid)}/decisions`

export function fetchPowers(eid: number) {
  return request({ path: powersPath(eid), schema: ZPowerOverview })
}

export function fetchPowerVersion(eid: number, version: number) {
  return request({ path: `${powersPath(eid)}/versions/${version}`, schema: ZPowerVersion })
}

export function queuePowerDraft(eid: number, body: TPowerDraftUpdate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: `${powersPath(eid)}/draft`,
    body,
    label: '保存权力清单草稿',
    kind: POWERS_WRITE_KINDS.draft,
  })
}

export function queuePowerPublish(eid: number, revision: number): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${powersPath(eid)}/versions`,
    body: { revision },
    label: '发布权力清单',
    kind: POWERS_WRITE_KINDS.publish,
  })
}

export function queuePowerAcknowledge(eid: number, version: number): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${powersPath(eid)}/versions/${version}/acknowledgements`,
    label: `已阅权力清单第${version}版`,
    kind: POWERS_WRITE_KINDS.acknowledge,
  })
}

export interface DecisionFilter {
  category?: TDecisionCategory
  year?: number
}

export function fetchDecisions(eid: number, page: number, filter: DecisionFilter) {
  return request({
    path: decisionsPath(eid),
    query: { page, pageSize: DECISION_PAGE_SIZE, category: filter.category, year: filter.year },
    schema: ZDecisionList,
  })
}

export function fetchDecision(eid: number, did: number) {
  return request({ path: `${decisionsPath(eid)}/${did}`, schema: ZDecisionDetail })
}

export function queueDecisionCreate(eid: number, body: TDecisionCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: decisionsPath(eid),
    body,
    label: `登记“三重一大”决策「${body.subject}」`,
    kind: POWERS_WRITE_KINDS.decisionCreate,
  })
}

export function queueDecisionCorrect(eid: number, did: number, body: TDecisionUpdate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: `${decisionsPath(eid)}/${did}`,
    body,
    label: `更正“三重一大”决策「${body.subject}」`,
    kind: POWERS_WRITE_KINDS.decisionCorrect,
  })
}

export function queueDecisionAttachment(eid: number, did: number, file: PickedFile): Promise<OutboxEntry> {
  return queueUpload({
    path: `${decisionsPath(eid)}/${did}/attachments`,
    file,
    label: '上传“三重一大”决策附件',
    kind: POWERS_WRITE_KINDS.decisionAttach,
  })
}
