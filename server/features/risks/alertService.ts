import { isoAt } from '../../core/clock'
import { supervisingDepartments, toDepartmentAck } from '../../core/access'
import { AppError, found } from '../../core/errors'
import type { WriteOutcome } from '../../core/writes'
import { alertAcknowledgeable, type TRiskAlert, type TRiskDetail } from '../../../src/models/risk'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import type { EvidenceWrite } from '../files/service'
import { riskAlertsRepository } from './alertRepository'
import { risksRepository, type RiskRow } from './repository'
import { riskDetail } from './service'

/**
 * 风险预警 阅知: a supervising department takes note of a risk's 高 alert, and it leaves that department's
 * 任务 until the next occasion (the 风险预警 work list keeps it, counted 已阅知). Modelled on the 权力清单
 * 阅看 (server/features/powers): one row per department and occasion, as a version is there.
 *
 * The occasion is `risks.alert_occasion`, a counter the risk's writes move on (`alertOccasion`), rather than
 * something read off the row:
 * - not the risk's `version`: it moves on every review, every link to a 整改. A 高 risk reviewed on time and
 *   still as controlled is no news, and a 阅知 that did not survive it would bring the alert back every cycle,
 *   which is what 阅知 is for ending;
 * - not a digest of level, post and measures: a risk lowered to 中 and raised to 高 again with the same words
 *   would match the old 阅知, yet the enterprise has judged it 高 anew;
 * - not the review date: an overdue review is a new occasion, but a risk rescheduled on time is not.
 */

type RiskState = Pick<
  RiskRow,
  'status' | 'level' | 'post' | 'area' | 'area_name' | 'description' | 'measures' | 'next_review_date'
>

/**
 * The occasion after a write that takes the risk from `before` to `after` (北京时间 `today`): a new one when the
 * risk is an 有效 高 risk after it and was not before, when its area, post, description or measures changed,
 * or when its review date had passed (a late review, or a new date set in place of one). Otherwise the same.
 */
export function alertOccasion(before: RiskRow, after: RiskState, today: string): number {
  const alerting = (r: RiskState) => r.status === 'active' && r.level === 'high'
  if (!alerting(after)) return before.alert_occasion
  const changed = (['area', 'area_name', 'post', 'description', 'measures'] as const).some(
    (k) => before[k] !== after[k],
  )
  const news = !alerting(before) || changed || before.next_review_date < today
  return news ? before.alert_occasion + 1 : before.alert_occasion
}

/** The risk's alert for the caller: this occasion's 阅知, and whether one of their departments still may. */
export async function riskAlertView(w: EvidenceWrite, row: RiskRow): Promise<TRiskAlert> {
  const [acks, departments] = await Promise.all([
    riskAlertsRepository.acks(w.db, row.id, row.alert_occasion),
    supervisingDepartments(w.db, w.auth, row.enterprise_id),
  ])
  const done = new Set(acks.map((a) => a.department_id))
  const open = alertAcknowledgeable(
    { status: row.status, level: row.level, nextReviewDate: row.next_review_date },
    shanghaiDate(w.now),
  )
  return {
    occasion: row.alert_occasion,
    acks: acks.map(toDepartmentAck),
    canAcknowledge: open && departments.some((d) => !done.has(d)),
  }
}

/**
 * 阅知 of the occasion read by each of the caller's departments that supervise the enterprise, once each: a
 * second one (or two at once) records nothing more and answers the same. An occasion that has moved on
 * answers 409 RISK_ALERT_STALE (the supervisor has not seen what changed); an alert that is no 高 one to take
 * note of (an overdue review, a risk no longer 有效 or 高) 409 RISK_ALERT_NOT_ACKNOWLEDGEABLE.
 */
export async function acknowledgeAlert(
  w: EvidenceWrite,
  id: number,
  occasion: number,
): Promise<WriteOutcome<TRiskDetail>> {
  const row = await found(risksRepository.find(w.db, w.enterpriseId, id))
  if (row.alert_occasion !== occasion) throw new AppError(409, 'RISK_ALERT_STALE')
  const risk = { status: row.status, level: row.level, nextReviewDate: row.next_review_date }
  if (!alertAcknowledgeable(risk, shanghaiDate(w.now)))
    throw new AppError(409, 'RISK_ALERT_NOT_ACKNOWLEDGEABLE')
  // The route lets in only the enterprise's supervising departments: there is at least one.
  const departments = await supervisingDepartments(w.db, w.auth, w.enterpriseId)
  const recorded = await riskAlertsRepository.acknowledge(
    w.db,
    id,
    occasion,
    departments,
    w.auth.user.id,
    isoAt(w.now),
  )
  return {
    result: await riskDetail(w, id),
    entityType: 'risk',
    entityId: id,
    detail: { occasion, departments: recorded },
  }
}
