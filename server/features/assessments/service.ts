import { AppError, found } from '../../core/errors'
import type { AuthContext } from '../../core/access'
import { isoAt } from '../../core/clock'
import type { DbOrTrx } from '../../core/db/database'
import type { WriteOutcome } from '../../core/writes'
import {
  applicableItems,
  computeScores,
  type TAnswerInput,
  type TAssessment,
  type TAssessmentStatus,
  type TAssessmentSummary,
} from '../../../src/models/assessment'
import { naRefused, type TChecklistItem } from '../../../src/models/checklist'
import type { TEvidenceFile } from '../../../src/models/file'
import type { TOwnership, TPartyOrg } from '../../../src/models/org'
import type { FileLinkSigner } from '../files/store'
import { filesRepository, toEvidenceFile } from '../files/repository'
import type { OwnerChange } from '../files/service'
import { campaignById, openCampaign } from './campaigns'
import { checklistRepository } from './checklistRepository'
import { assessmentsRepository, type AssessedEnterprise, type AssessmentRow } from './repository'

/** A self-assessment: one enterprise × one campaign, answered item by item on the items that apply to it. */

export interface LoadedAssessment {
  row: AssessmentRow
  enterprise: AssessedEnterprise
  items: TChecklistItem[]
}

/**
 * The assessment of that enterprise, with the items that apply to it; another enterprise's id is a 404.
 * `lock`: for a write, its row locked until the transaction ends, so every check that follows (status,
 * campaign, answers) holds until commit: concurrent submits, reviews and saves run one after another.
 */
export async function loadAssessment(
  db: DbOrTrx,
  enterpriseId: number,
  assessmentId: number,
  lock = false,
): Promise<LoadedAssessment> {
  const row = await found(
    lock
      ? assessmentsRepository.lock(db, enterpriseId, assessmentId)
      : assessmentsRepository.find(db, enterpriseId, assessmentId),
  )
  const enterprise = await assessmentsRepository.enterprise(db, enterpriseId)
  const items = applicableItems(await checklistRepository.items(db, row.template_id), enterprise)
  return { row, enterprise, items }
}

export function isEditable(status: TAssessmentStatus): boolean {
  return status === 'draft' || status === 'returned'
}

export function assertEditable(status: TAssessmentStatus) {
  if (!isEditable(status)) throw new AppError(409, 'ASSESSMENT_LOCKED')
}

/** The assessment while it may change: draft or returned (409 ASSESSMENT_LOCKED), its campaign open. */
export async function editableAssessment(
  db: DbOrTrx,
  enterpriseId: number,
  assessmentId: number,
  lock = false,
): Promise<LoadedAssessment> {
  const loaded = await loadAssessment(db, enterpriseId, assessmentId, lock)
  assertEditable(loaded.row.status)
  await openCampaign(db, loaded.row.campaign_id)
  return loaded
}

/**
 * An evidence file's owner part (uploadFile / removeFile `within`): the assessment checked again under its
 * lock, so no file comes or goes once a concurrent submit or close has committed.
 */
export const whileEditable =
  (enterpriseId: number, assessmentId: number): OwnerChange =>
  async (trx, change) => {
    await editableAssessment(trx, enterpriseId, assessmentId, true)
    await change()
    return {}
  }

export async function evidenceOf(
  db: DbOrTrx,
  links: FileLinkSigner,
  assessmentId: number,
): Promise<TEvidenceFile[]> {
  const rows = await filesRepository.listOf(db, { assessmentId })
  return rows.map((r) => toEvidenceFile(r, links))
}

export async function assessmentView(
  db: DbOrTrx,
  links: FileLinkSigner,
  enterpriseId: number,
  assessmentId: number,
): Promise<TAssessment> {
  const { row, enterprise, items } = await loadAssessment(db, enterpriseId, assessmentId)
  const answers = await assessmentsRepository.answers(db, assessmentId)
  const history = await assessmentsRepository.history(db, assessmentId)
  const applicableCodes = new Set(items.map((i) => i.code))
  return {
    id: row.id,
    campaign: await campaignById(db, row.campaign_id),
    enterprise,
    status: row.status,
    templateVersion: await checklistRepository.templateVersion(db, row.template_id),
    items,
    answers: answers.filter((a) => applicableCodes.has(a.itemCode)),
    evidence: await evidenceOf(db, links, assessmentId),
    scores: computeScores(items, answers),
    history,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  }
}

export async function listEnterpriseAssessments(
  db: DbOrTrx,
  enterpriseId: number,
): Promise<TAssessmentSummary[]> {
  const rows = await assessmentsRepository.listOfEnterprise(db, enterpriseId)
  const summaries: TAssessmentSummary[] = []
  for (const r of rows) {
    const items = applicableItems(await checklistRepository.items(db, r.template_id), {
      ownership: r.ownership as TOwnership,
      partyOrg: r.party_org as TPartyOrg,
    })
    const codes = new Set(items.map((i) => i.code))
    const answered = (await assessmentsRepository.answeredCodes(db, r.id)).filter((c) => codes.has(c)).length
    summaries.push({
      id: r.id,
      campaign: await campaignById(db, r.campaign_id),
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      status: r.status,
      applicableCount: items.length,
      answeredCount: answered,
      overall: r.overall_score,
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
    })
  }
  return summaries
}

/**
 * 不适用 on an item whose rules refuse it (v2 on: 底线 and 规定动作): one field per such answer, its kind
 * stable for the app. A missing note for 否 / 部分 is a submit problem instead (the note comes after the choice).
 */
function checkAnswerRules(items: TChecklistItem[], answers: TAnswerInput[]) {
  const byCode = new Map(items.map((i) => [i.code, i]))
  const fields = answers.flatMap((a, index) =>
    naRefused(byCode.get(a.itemCode)!, a.value)
      ? [{ path: `answers.${index}.value`, message: NA_REFUSED_MESSAGE(a.itemCode), kind: 'na_not_allowed' }]
      : [],
  )
  if (fields.length) throw new AppError(400, 'ANSWER_NA_NOT_ALLOWED', undefined, fields)
}

const NA_REFUSED_MESSAGE = (code: string) => `自查项 ${code} 是每家企业都须落实的要求，不能选择“不适用”`

/** Draft answers: saved as often as the app likes (upsert per item), only while the assessment is editable. */
export async function saveAnswers(
  db: DbOrTrx,
  auth: AuthContext,
  enterpriseId: number,
  assessmentId: number,
  answers: TAnswerInput[],
  now: number,
): Promise<WriteOutcome<{ saved: number; answeredCount: number; applicableCount: number }>> {
  const { items } = await editableAssessment(db, enterpriseId, assessmentId, true)
  const codes = new Set(items.map((i) => i.code))
  const fields = answers.flatMap((a, index) =>
    codes.has(a.itemCode)
      ? []
      : [{ path: `answers.${index}.itemCode`, message: `自查项 ${a.itemCode} 不存在或不适用于本企业` }],
  )
  if (fields.length) throw new AppError(400, 'UNKNOWN_ITEM', undefined, fields)
  checkAnswerRules(items, answers)
  const seen = new Set<string>()
  const at = isoAt(now)
  for (const a of answers) {
    if (seen.has(a.itemCode)) continue
    seen.add(a.itemCode)
    await assessmentsRepository.saveAnswer(db, assessmentId, a.itemCode, {
      value: a.value,
      note: a.note ?? null,
      na_reason: a.value === 'na' ? (a.naReason ?? null) : null,
      updated_by: auth.user.id,
      updated_at: at,
    })
  }
  await assessmentsRepository.update(db, assessmentId, { updated_at: at })
  const answered = (await assessmentsRepository.answers(db, assessmentId)).filter((a) =>
    codes.has(a.itemCode),
  ).length
  return {
    result: { saved: seen.size, answeredCount: answered, applicableCount: items.length },
    entityType: 'assessment',
    entityId: assessmentId,
    detail: { items: [...seen] },
  }
}
