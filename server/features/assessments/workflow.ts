import { AppError } from '../../core/errors'
import type { AuthContext } from '../../core/access'
import { isoAt } from '../../core/clock'
import type { DbOrTrx } from '../../core/db/database'
import type { WriteOutcome } from '../../core/writes'
import { computeScores, submitProblems, type TAssessment } from '../../../src/models/assessment'
import type { FileLinkSigner } from '../files/store'
import { rectificationsRepository } from '../rectifications/repository'
import { assertEditable, assessmentView, evidenceOf, loadAssessment } from './service'
import { assessmentsRepository } from './repository'
import { shanghaiDateAfterDays } from '../../../src/models/shanghaiTime'

/** 草稿 → 已提交 → 已通过 / 退回: submitting scores the assessment and turns 否 / 部分 into 整改 items. */

/** Proposed 整改 deadline for a finding: 否 is more urgent than 部分. */
export const FINDING_DEADLINE_DAYS = { no: 30, partial: 60 } as const

export async function submitAssessment(
  db: DbOrTrx,
  links: FileLinkSigner,
  auth: AuthContext,
  enterpriseId: number,
  assessmentId: number,
  now: number,
): Promise<WriteOutcome<TAssessment>> {
  const { row, items } = await loadAssessment(db, enterpriseId, assessmentId)
  assertEditable(row.status)
  const answers = await assessmentsRepository.answers(db, assessmentId)
  const evidence = await evidenceOf(db, links, assessmentId)
  const problems = submitProblems(
    items,
    answers,
    (code) => evidence.filter((e) => e.itemCode === code).length,
  )
  if (problems.length) {
    throw new AppError(
      422,
      'ASSESSMENT_INCOMPLETE',
      `自查表尚未完成：还有 ${problems.length} 项需要处理`,
      problems.map((p) => ({ path: p.itemCode, message: p.message })),
    )
  }
  const scores = computeScores(items, answers)
  const at = isoAt(now)
  await assessmentsRepository.update(db, assessmentId, {
    status: 'submitted',
    overall_score: scores.overall,
    section_scores: JSON.stringify(scores.sections),
    submitted_at: at,
    updated_at: at,
  })
  await assessmentsRepository.recordTransition(
    db,
    assessmentId,
    row.status,
    'submitted',
    auth.user.id,
    null,
    at,
  )

  // 否 / 部分 become 整改 items, once per item of this assessment.
  const existing = await assessmentsRepository.findingCodes(db, assessmentId)
  const byCode = new Map(items.map((i) => [i.code, i]))
  for (const answer of answers) {
    if ((answer.value !== 'no' && answer.value !== 'partial') || existing.has(answer.itemCode)) continue
    const item = byCode.get(answer.itemCode)
    if (!item) continue
    await rectificationsRepository.open(
      db,
      {
        enterprise_id: enterpriseId,
        source: 'finding',
        assessment_id: assessmentId,
        item_code: item.code,
        title: item.question,
        detail: answer.note,
        // Counted from the day of submission in 北京时间, like every deadline it is compared with.
        deadline: shanghaiDateAfterDays(now, FINDING_DEADLINE_DAYS[answer.value]),
        created_by: auth.user.id,
      },
      `自查“${answer.value === 'no' ? '否' : '部分'}”生成`,
      at,
    )
  }
  return {
    result: await assessmentView(db, links, enterpriseId, assessmentId),
    entityType: 'assessment',
    entityId: assessmentId,
    detail: { overall: scores.overall },
  }
}

export async function acceptAssessment(
  db: DbOrTrx,
  links: FileLinkSigner,
  auth: AuthContext,
  enterpriseId: number,
  assessmentId: number,
  comment: string | null,
  now: number,
) {
  const { row } = await loadAssessment(db, enterpriseId, assessmentId)
  if (row.status !== 'submitted') throw new AppError(409, 'ASSESSMENT_NOT_SUBMITTED')
  const at = isoAt(now)
  await assessmentsRepository.update(db, assessmentId, {
    status: 'accepted',
    reviewed_at: at,
    reviewed_by: auth.user.id,
    updated_at: at,
  })
  await assessmentsRepository.recordTransition(
    db,
    assessmentId,
    'submitted',
    'accepted',
    auth.user.id,
    comment,
    at,
  )
  return {
    result: await assessmentView(db, links, enterpriseId, assessmentId),
    entityType: 'assessment',
    entityId: assessmentId,
    detail: { decision: 'accepted' },
  }
}

export async function returnAssessment(
  db: DbOrTrx,
  links: FileLinkSigner,
  auth: AuthContext,
  enterpriseId: number,
  assessmentId: number,
  input: { comment?: string | null; items: { itemCode: string; comment: string }[] },
  now: number,
) {
  const { row, items } = await loadAssessment(db, enterpriseId, assessmentId)
  if (row.status !== 'submitted') throw new AppError(409, 'ASSESSMENT_NOT_SUBMITTED')
  const codes = new Set(items.map((i) => i.code))
  const fields = input.items.flatMap((c, index) =>
    codes.has(c.itemCode)
      ? []
      : [{ path: `items.${index}.itemCode`, message: `自查项 ${c.itemCode} 不存在` }],
  )
  if (fields.length) throw new AppError(400, 'UNKNOWN_ITEM', undefined, fields)
  const at = isoAt(now)
  // Earlier comments are cleared: the new return says what is wrong now.
  await assessmentsRepository.setReviewComments(db, assessmentId, input.items)
  await assessmentsRepository.update(db, assessmentId, {
    status: 'returned',
    reviewed_at: at,
    reviewed_by: auth.user.id,
    updated_at: at,
  })
  const summary =
    input.comment ?? `退回 ${input.items.length} 项：${input.items.map((c) => c.itemCode).join('、')}`
  await assessmentsRepository.recordTransition(
    db,
    assessmentId,
    'submitted',
    'returned',
    auth.user.id,
    summary,
    at,
  )
  return {
    result: await assessmentView(db, links, enterpriseId, assessmentId),
    entityType: 'assessment',
    entityId: assessmentId,
    detail: { decision: 'returned', items: input.items.map((c) => c.itemCode) },
  }
}
