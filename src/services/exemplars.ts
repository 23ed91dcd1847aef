/** 示范点 / 示范企业 (office): rounds, candidates side by side, choosing, the 公示; and the public 公示. */
import {
  ZExemplarPublicNotice,
  ZExemplarRoundDetail,
  ZExemplarRoundList,
  type TExemplarPublicNotice,
  type TExemplarPublish,
  type TExemplarRoundCreate,
  type TExemplarRoundDetail,
  type TExemplarRoundList,
} from '@/models/exemplars'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'
import { webOrigin } from './platform/env'
import { supervisionPages } from './routes'

const ROUNDS = '/api/v1/exemplars/rounds'
export const EXEMPLAR_ROUND_PAGE_SIZE = 20

export function fetchExemplarRounds(page: number): Promise<TExemplarRoundList> {
  return request({
    path: ROUNDS,
    query: { page, pageSize: EXEMPLAR_ROUND_PAGE_SIZE },
    schema: ZExemplarRoundList,
  })
}

export function fetchExemplarRound(roundId: number): Promise<TExemplarRoundDetail> {
  return request({ path: `${ROUNDS}/${roundId}`, schema: ZExemplarRoundDetail })
}

/** The public 公示: no login. */
export function fetchExemplarNotice(code: string): Promise<TExemplarPublicNotice> {
  return request({
    path: `/api/v1/exemplars/notices/${encodeURIComponent(code)}`,
    auth: false,
    schema: ZExemplarPublicNotice,
  })
}

const enqueue = (method: 'POST' | 'DELETE', path: string, label: string, body?: unknown): OutboxEntry =>
  getOutbox().enqueue({ method, path, ...(body ? { body } : {}), label, kind: 'exemplar' })

export const queueCreateRound = (body: TExemplarRoundCreate) =>
  enqueue('POST', ROUNDS, `发起示范选树「${body.name}」`, body)

export const queueProposeCandidate = (roundId: number, enterpriseId: number, name: string) =>
  enqueue('POST', `${ROUNDS}/${roundId}/candidates`, `提名候选企业「${name}」`, { enterpriseId })

export const queueRemoveCandidate = (roundId: number, enterpriseId: number, name: string) =>
  enqueue('DELETE', `${ROUNDS}/${roundId}/candidates/${enterpriseId}`, `移出候选企业「${name}」`)

export const queueChoose = (roundId: number, enterpriseId: number, name: string, chosen: boolean) =>
  enqueue(
    chosen ? 'POST' : 'DELETE',
    `${ROUNDS}/${roundId}/candidates/${enterpriseId}/choose`,
    `${chosen ? '选定' : '取消选定'}「${name}」`,
  )

export const queuePublish = (roundId: number, body: TExemplarPublish) =>
  enqueue('POST', `${ROUNDS}/${roundId}/publish`, '发布示范公示', body)

export const queueCancelRound = (roundId: number, name: string) =>
  enqueue('POST', `${ROUNDS}/${roundId}/cancel`, `取消评选「${name}」`)

/** The 公示's public H5 address: anyone may open it, without the app or a login. */
export function exemplarNoticeUrl(code: string): string {
  return `${webOrigin()}/#${supervisionPages.exemplarNotice(code)}`
}
