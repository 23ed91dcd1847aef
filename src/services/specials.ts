/** 专项整治: typed calls of its API (request.ts) and its writes queued in the outbox. */
import {
  ZEnterpriseSpecials,
  ZSpecialCompletion,
  ZSpecialDetail,
  ZSpecialList,
  ZSpecialSheet,
  type TSpecialCreate,
  type TSpecialProblemCreate,
  type TSpecialProblemUpdate,
} from '@/models/special'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'
import { enterprisePath } from './assessments'

export const SPECIAL_PAGE_SIZE = 20
const base = '/api/v1/specials'
const sheetPath = (eid: number, sid: number) => `${enterprisePath(eid)}/specials/${sid}`

export function fetchSpecials(page: number, q?: string) {
  return request({ path: base, query: { page, pageSize: SPECIAL_PAGE_SIZE, q }, schema: ZSpecialList })
}

export function fetchSpecial(sid: number) {
  return request({ path: `${base}/${sid}`, schema: ZSpecialDetail })
}

export function fetchCompletion(sid: number, page: number, q?: string) {
  return request({
    path: `${base}/${sid}/enterprises`,
    query: { page, pageSize: SPECIAL_PAGE_SIZE, q },
    schema: ZSpecialCompletion,
  })
}

export function fetchEnterpriseSpecials(eid: number) {
  return request({ path: `${enterprisePath(eid)}/specials`, schema: ZEnterpriseSpecials })
}

/** One enterprise's list: as the issuer drills into it, or as the enterprise reads it. */
export function fetchSheet(eid: number, sid: number, asIssuer: boolean) {
  return request({
    path: asIssuer ? `${base}/${sid}/enterprises/${eid}` : sheetPath(eid, sid),
    schema: ZSpecialSheet,
  })
}

export function queueSpecialOpen(body: TSpecialCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: base,
    body,
    label: `开展专项整治「${body.title}」`,
    kind: 'special.create',
  })
}

export function queueSpecialClose(sid: number, version: number): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${base}/${sid}/close`,
    body: { version },
    label: '结束专项整治',
    kind: 'special.close',
  })
}

export function queueSheetReport(eid: number, sid: number): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${sheetPath(eid, sid)}/report`,
    label: '报送突出问题清单',
    kind: 'special.report',
  })
}

export function queueProblemCreate(eid: number, sid: number, body: TSpecialProblemCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `${sheetPath(eid, sid)}/problems`,
    body,
    label: '填报突出问题',
    kind: 'special.problem.create',
  })
}

export function queueProblemUpdate(
  eid: number,
  sid: number,
  pid: number,
  body: TSpecialProblemUpdate,
): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PUT',
    path: `${sheetPath(eid, sid)}/problems/${pid}`,
    body,
    label: '更新突出问题整改进展',
    kind: 'special.problem.update',
  })
}
