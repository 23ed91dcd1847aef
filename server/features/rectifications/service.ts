import type { DbOrTrx } from '../../core/db/database'
import { AppError, found } from '../../core/errors'
import { isoAt } from '../../core/clock'
import type { WriteOutcome } from '../../core/writes'
import type {
  TRectification,
  TRectificationNotice,
  TRectificationStatus,
} from '../../../src/models/rectification'
import { isOverdue, rectificationTimeliness } from '../../../src/models/rectificationTimeliness'
import type { FileLinkSigner } from '../files/store'
import type { EvidenceWrite } from '../files/service'
import { filesRepository, toEvidenceFile } from '../files/repository'
import { rectificationsRepository } from './repository'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import { rectificationClosed } from '../risks/service'

/** 整改: from a self-assessment finding, a supervisor's 整改通知 (or a risk point); deadlines are 北京时间 dates. */

export async function rectificationView(
  db: DbOrTrx,
  links: FileLinkSigner,
  enterpriseId: number,
  id: number,
  now: number,
): Promise<TRectification> {
  const row = await found(rectificationsRepository.find(db, enterpriseId, id))
  const evidence = await filesRepository.listOf(db, { rectificationId: id })
  const history = await rectificationsRepository.history(db, id)
  const submittedAt = (await rectificationsRepository.submittedAt(db, { id })).get(id) ?? null
  const today = shanghaiDate(now)
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    source: row.source,
    assessmentId: row.assessment_id,
    itemCode: row.item_code,
    riskId: row.risk_id,
    title: row.title,
    detail: row.detail,
    deadline: row.deadline,
    status: row.status,
    overdue: isOverdue(row.status, row.deadline, today),
    submittedAt,
    timeliness: rectificationTimeliness({ status: row.status, deadline: row.deadline, submittedAt }, today),
    response: row.response,
    evidence: evidence.map((f) => toEvidenceFile(f, links)),
    history,
    updatedAt: row.updated_at,
  }
}

export async function listRectifications(
  db: DbOrTrx,
  links: FileLinkSigner,
  enterpriseId: number,
  now: number,
): Promise<TRectification[]> {
  const ids = await rectificationsRepository.idsOfEnterprise(db, enterpriseId)
  return Promise.all(ids.map((id) => rectificationView(db, links, enterpriseId, id, now)))
}

async function transition(
  db: DbOrTrx,
  id: number,
  from: TRectificationStatus,
  to: TRectificationStatus,
  actorId: number,
  comment: string | null,
  now: number,
  extra: { response?: string } = {},
) {
  const at = isoAt(now)
  if (!(await rectificationsRepository.transition(db, id, from, to, at, extra)))
    throw new AppError(409, 'RECTIFICATION_STATE')
  await rectificationsRepository.recordEvent(db, id, from, to, actorId, comment, at)
}

/** What a write answers: the rectification as it now stands. */
async function answer(w: EvidenceWrite, id: number, detail: unknown): Promise<WriteOutcome<TRectification>> {
  const result = await rectificationView(w.db, w.links, w.enterpriseId, id, w.now)
  return { result, entityType: 'rectification', entityId: id, detail }
}

/** The liaison reports what was done, with evidence: 待整改 / 退回重改 → 待核验. */
export async function respondToRectification(
  w: EvidenceWrite,
  id: number,
  input: { response: string; evidenceIds: number[] },
): Promise<WriteOutcome<TRectification>> {
  const { db, enterpriseId } = w
  const current = await rectificationView(db, w.links, enterpriseId, id, w.now)
  if (current.status !== 'open' && current.status !== 'returned')
    throw new AppError(409, 'RECTIFICATION_STATE')
  if (input.evidenceIds.length) {
    const known = await filesRepository.liveIdsOfEnterprise(db, enterpriseId, input.evidenceIds)
    const missing = input.evidenceIds.findIndex((fid) => !known.has(fid))
    if (missing >= 0)
      throw new AppError(400, 'VALIDATION_FAILED', undefined, [
        { path: `evidenceIds.${missing}`, message: '佐证文件不存在' },
      ])
    await filesRepository.attachToRectification(db, id, input.evidenceIds)
  }
  await transition(db, id, current.status, 'awaiting_verification', w.auth.user.id, input.response, w.now, {
    response: input.response,
  })
  return answer(w, id, { evidence: input.evidenceIds })
}

/** The supervisor checks the response: 待核验 → 已销号, or back to 退回重改 with a comment. */
export async function verifyRectification(
  w: EvidenceWrite,
  id: number,
  input: { decision: 'close' | 'return'; comment?: string | null },
): Promise<WriteOutcome<TRectification>> {
  const current = await rectificationView(w.db, w.links, w.enterpriseId, id, w.now)
  if (current.status !== 'awaiting_verification') throw new AppError(409, 'RECTIFICATION_STATE')
  const to = input.decision === 'close' ? 'closed' : 'returned'
  await transition(w.db, id, 'awaiting_verification', to, w.auth.user.id, input.comment ?? null, w.now)
  // A 整改 raised from a 廉洁风险点 settles the risk when it is closed.
  if (to === 'closed' && current.source === 'risk') await rectificationClosed(w.db, id, w.auth.user.id, w.now)
  return answer(w, id, { decision: input.decision })
}

/**
 * A 整改 a supervising department or the office raises (a notice, or from a risk): a new 待整改 item for
 * the enterprise, with the issuer and `what` it did in its history. The deadline is a date in the
 * county's time zone, today or later.
 */
export async function openRectification(
  w: EvidenceWrite,
  raised: { source: 'notice' | 'risk'; risk_id?: number; title: string; detail: string; deadline: string },
  what: string,
): Promise<number> {
  if (raised.deadline < shanghaiDate(w.now))
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [
      { path: 'deadline', message: '整改期限不能早于今天' },
    ])
  const issuer = await rectificationsRepository.issuerName(w.db, w.auth.user.id, w.enterpriseId)
  const values = { enterprise_id: w.enterpriseId, assessment_id: null, item_code: null, ...raised }
  const comment = `${issuer ?? '监管部门'}${what}`
  return rectificationsRepository.open(w.db, { ...values, created_by: w.auth.user.id }, comment, isoAt(w.now))
}

/** 整改通知 from a supervising department or the office. */
export async function issueRectificationNotice(
  w: EvidenceWrite,
  input: Required<TRectificationNotice>,
): Promise<WriteOutcome<TRectification>> {
  const { title, detail, deadline } = input
  const id = await openRectification(w, { source: 'notice', title, detail, deadline }, '下发整改通知')
  return answer(w, id, { source: 'notice', deadline: input.deadline })
}
