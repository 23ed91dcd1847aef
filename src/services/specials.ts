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
import { type OutboxEntry } from './outbox'
import { queueWrite } from './queueWrite'
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
  return queueWrite('POST', base, body, `开展专项整治「${body.title}」`, 'special.create')
}

export function queueSpecialClose(sid: number, version: number): OutboxEntry {
  return queueWrite('POST', `${base}/${sid}/close`, { version }, '结束专项整治', 'special.close')
}

export function queueSheetReport(eid: number, sid: number): OutboxEntry {
  return queueWrite('POST', `${sheetPath(eid, sid)}/report`, undefined, '报送突出问题清单', 'special.report')
}

export function queueProblemCreate(eid: number, sid: number, body: TSpecialProblemCreate): OutboxEntry {
  return queueWrite('POST', `${sheetPath(eid, sid)}/problems`, body, '填报突出问题', 'special.problem.create')
}

export function queueProblemUpdate(
  eid: number,
  sid: number,
  pid: number,
  body: TSpecialProblemUpdate,
): OutboxEntry {
  return queueWrite(
    'PUT',
    `${sheetPath(eid, sid)}/problems/${pid}`,
    body,
    '更新突出问题整改进展',
    'special.problem.update',
  )
}
