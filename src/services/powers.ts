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
import { type OutboxEntry } from './outbox'
import { queueWrite } from './queueWrite'
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
  return queueWrite('PUT', `${powersPath(eid)}/draft`, body, '保存权力清单草稿', POWERS_WRITE_KINDS.draft)
}

export function queuePowerPublish(eid: number, revision: number): OutboxEntry {
  return queueWrite(
    'POST',
    `${powersPath(eid)}/versions`,
    { revision },
    '发布权力清单',
    POWERS_WRITE_KINDS.publish,
  )
}

export function queuePowerAcknowledge(eid: number, version: number): OutboxEntry {
  return queueWrite(
    'POST',
    `${powersPath(eid)}/versions/${version}/acknowledgements`,
    undefined,
    `已阅权力清单第${version}版`,
    POWERS_WRITE_KINDS.acknowledge,
  )
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
  return queueWrite(
    'POST',
    decisionsPath(eid),
    body,
    `登记“三重一大”决策「${body.subject}」`,
    POWERS_WRITE_KINDS.decisionCreate,
  )
}

export function queueDecisionCorrect(eid: number, did: number, body: TDecisionUpdate): OutboxEntry {
  return queueWrite(
    'PUT',
    `${decisionsPath(eid)}/${did}`,
    body,
    `更正“三重一大”决策「${body.subject}」`,
    POWERS_WRITE_KINDS.decisionCorrect,
  )
}

export function queueDecisionAttachment(eid: number, did: number, file: PickedFile): Promise<OutboxEntry> {
  return queueUpload({
    path: `${decisionsPath(eid)}/${did}/attachments`,
    file,
    label: '上传“三重一大”决策附件',
    kind: POWERS_WRITE_KINDS.decisionAttach,
  })
}
