/** 工作清单 (supervisors, the office) and 催办: reads, and the 催办 write through the outbox. */
import {
  ZWorklistCounts,
  ZWorklistPage,
  type TUrgeCreate,
  type TWorklist,
  type TWorklistCounts,
  type TWorklistPage,
} from '@/models/worklists'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'

const BASE = '/api/v1/supervision/worklists'
export const WORKLIST_PAGE_SIZE = 20

/** The number of rows of each list, with the same search as the lists. */
export function fetchWorklistCounts(q: string): Promise<TWorklistCounts> {
  return request({ path: BASE, query: q ? { q } : undefined, schema: ZWorklistCounts })
}

export function fetchWorklist(
  list: TWorklist,
  filter: { q: string; order: 'oldest' | 'newest'; page: number },
): Promise<TWorklistPage> {
  return request({
    path: `${BASE}/${list}`,
    query: {
      order: filter.order,
      page: String(filter.page),
      pageSize: String(WORKLIST_PAGE_SIZE),
      ...(filter.q ? { q: filter.q } : {}),
    },
    schema: ZWorklistPage,
  })
}

export const URGE_WRITE_KIND = 'supervision.urge'

/** 催办 one matter of an enterprise (at most once a day: a second is refused with the server's reason). */
export function queueUrge(body: TUrgeCreate, enterpriseName: string): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: '/api/v1/supervision/urges',
    body,
    label: `催办「${enterpriseName}」`,
    kind: URGE_WRITE_KIND,
  })
}
