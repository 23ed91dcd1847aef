/** 政商交往清单: typed calls of its API (request.ts) and its writes queued in the outbox. */
import {
  DEALING_LIST_LABELS,
  ZDealingLists,
  ZDealingVersion,
  type TDealingDraftCreate,
  type TDealingDraftUpdate,
  type TDealingListKind,
} from '@/models/dealings'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'

export const DEALINGS_PATH = '/api/v1/dealings'
const versionPath = (id: number) => `${DEALINGS_PATH}/versions/${id}`

export function fetchDealingLists() {
  return request({ path: DEALINGS_PATH, schema: ZDealingLists })
}

export function fetchDealingVersion(id: number) {
  return request({ path: versionPath(id), schema: ZDealingVersion })
}

export function queueDealingDraft(body: TDealingDraftCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${DEALINGS_PATH}/versions`,
    body,
    label: `起草${DEALING_LIST_LABELS[body.kind]}`,
    kind: 'dealings.draft',
  })
}

export function queueDealingUpdate(
  id: number,
  kind: TDealingListKind,
  body: TDealingDraftUpdate,
): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: versionPath(id),
    body,
    label: `修改${DEALING_LIST_LABELS[kind]}草稿`,
    kind: 'dealings.update',
  })
}

export function queueDealingPublish(id: number, kind: TDealingListKind, revision: number): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${versionPath(id)}/publish`,
    body: { revision },
    label: `发布${DEALING_LIST_LABELS[kind]}`,
    kind: 'dealings.publish',
  })
}
