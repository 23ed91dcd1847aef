import { AppError } from '../../core/errors'
import { isoAt } from '../../core/clock'
import type { WriteOutcome } from '../../core/writes'
import { computeScores, submitProblems, type TAssessment } from '../../../src/models/assessment'
import { rectifies } from '../../../src/models/checklist'
import type { EvidenceWrite } from '../files/service'
import { rectificationsRepository } from '../rectifications/repository'
import { assessmentView, editableAssessment, evidenceOf, loadAssessment } from './service'
import { assessmentsRepository } from './repository'
import { openCampaign } from './campaigns'
import { sectionScoreColumns } from './scoreColumns'
import { shanghaiDateAfterDays } from '../../../src/models/shanghaiTime'

/** 草稿 → 已提交 → 已通过 / 退回: submitting scores the assessment and turns 否 / 部分 into 整改 items. */

/** Proposed 整改 deadline for a finding: 否 is more urgent than 部分. */
export const FINDING_DEADLINE_DAYS = { no: 30, partial: 60 } as const

/** What a write answers: the assessment as it now stands. */
async function answer(
  w: EvidenceWrite,
  assessmentId: number,
  detail: unknown,
): Promise<WriteOutcome<TAssessment>> {
  const result = await assessmentView(w.db, w.links, w.enterpriseId, assessmentId)
  return { result, entityType: 'assessment', entityId: assessmentId, detail }
}

export async function submitAssessment(
  w: EvidenceWrite,
  assessmentId: number,
): Promise<WriteOutcome<TAssessment>> {
  const { db, links, auth, enterpriseId, now } = w
  const { row, items } = await editableAssessment(db, enterpriseId, assessmentId, true)
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
      problems.map((p) => ({ path: p.itemCode, message: p.message, kind: p.kind })),
    )
  }
  const scores = computeScores(items, answers)
  const at = isoAt(now)
  // Conditional on the campaign being open: a submit that loses to a concurrent close gets 409.
  const submitted = await assessmentsRepository.submitIfOpen(db, assessmentId, {
    overall_score: scores.overall,
    ...sectionScoreColumns(scores.sections),
    submitted_at: at,
    updated_at: at,
  })
  if (!submitted) {
    await openCampaign(db, row.campaign_id)
    throw new AppError(409, 'ASSESSMENT_LOCKED')
  }
  await assessmentsRepository.recordTransition(
    db,
    assessmentId,
    row.status,
    'submitted',
    auth.user.id,
    null,
    at,
  )

  // 否 / 部分 become 整改 items, once per item of this assessment; never on what the document only encourages.
  const existing = await assessmentsRepository.findingCodes(db, assessmentId)
  const byCode = new Map(items.map((i) => [i.code, i]))
  for (const answer of answers) {
    if ((answer.value !== 'no' && answer.value !== 'partial') || existing.has(answer.itemCode)) continue
    const item = byCode.get(answer.itemCode)
    if (!item || !rectifies(item, answer.value)) continue
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
  return answer(w, assessmentId, { overall: scores.overall })
}

/** Only a submitted assessment is reviewed. */
async function loadSubmitted(w: EvidenceWrite, assessmentId: number) {
  const loaded = await loadAssessment(w.db, w.enterpriseId, assessmentId, true)
  if (loaded.row.status !== 'submitted') throw new AppError(409, 'ASSESSMENT_NOT_SUBMITTED')
  return loaded
}

/** The reviewers' decision, recorded with its comment in the assessment's history. */
async function decide(
  w: EvidenceWrite,
  assessmentId: number,
  to: 'accepted' | 'returned',
  comment: string | null,
) {
  const at = isoAt(w.now)
  const reviewer = w.auth.user.id
  await assessmentsRepository.update(w.db, assessmentId, {
    status: to,
    reviewed_at: at,
    reviewed_by: reviewer,
    updated_at: at,
  })
  await assessmentsRepository.recordTransition(w.db, assessmentId, 'submitted', to, reviewer, comment, at)
}

export async function acceptAssessment(w: EvidenceWrite, assessmentId: number, comment: string | null) {
  await loadSubmitted(w, assessmentId)
  await decide(w, assessmentId, 'accepted', comment)
  return answer(w, assessmentId, { decision: 'accepted' })
}

export async function returnAssessment(
  w: EvidenceWrite,
  assessmentId: number,
  input: { comment?: string | null; items: { itemCode: string; comment: string }[] },
) {
  const { items } = await loadSubmitted(w, assessmentId)
  const codes = new Set(items.map((i) => i.code))
  const fields = input.items.flatMap((c, index) =>
    codes.has(c.itemCode)
      ? []
      : [{ path: `items.${index}.itemCode`, message: `自查项 ${c.itemCode} 不存在` }],
  )
  if (fields.length) throw new AppError(400, 'UNKNOWN_ITEM', undefined, fields)
  // Earlier comments are cleared: the new return says what is wrong now.
  await assessmentsRepository.setReviewComments(w.db, assessmentId, input.items)
  const summary =
    input.comment ?? `退回 ${input.items.length} 项：${input.items.map((c) => c.itemCode).join('、')}`
  await decide(w, assessmentId, 'returned', summary)
  return answer(w, assessmentId, { decision: 'returned', items: input.items.map((c) => c.itemCode) })
}
