import type { DbOrTrx } from '../../core/db/database'
import { AppError, found } from '../../core/errors'
import { isoAt } from '../../core/clock'
import type { WriteOutcome } from '../../core/writes'
import type { TRectification } from '../../../src/models/rectification'
import {
  addMonths,
  reviewOverdue,
  riskAreaLabel,
  riskLevel,
  RISK_STATUS_LABELS,
  type TRisk,
  type TRiskArea,
  type TRiskCreate,
  type TRiskDetail,
  type TRiskList,
  type TRiskRectify,
  type TRiskReviewBody,
  type TRiskUpdate,
} from '../../../src/models/risk'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import type { EvidenceWrite } from '../files/service'
import { filesRepository, toEvidenceFile } from '../files/repository'
import { openRectification, rectificationView } from '../rectifications/service'
import { risksRepository, type RiskRow } from './repository'
import { alertOccasion, riskAlertView } from './alertService'

/** 廉洁风险点 (tasks 7, 13): the register, its reviews (动态管理) and the 整改 a supervisor raises from it. */

function toRisk(row: RiskRow, today: string): TRisk {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    area: row.area as TRiskArea,
    areaName: riskAreaLabel(row.area as TRiskArea, row.area_name),
    post: row.post,
    description: row.description,
    likelihood: row.likelihood,
    impact: row.impact,
    level: row.level,
    measures: row.measures,
    owner: row.owner,
    reviewCycle: row.review_cycle,
    nextReviewDate: row.next_review_date,
    reviewOverdue: reviewOverdue(row.status, row.next_review_date, today),
    status: row.status,
    rectificationId: row.rectification_id,
    version: row.version,
    updatedAt: row.updated_at,
  }
}

/** One risk as the caller sees it (its alert's 阅知 for the caller's departments); another enterprise's 404. */
export async function riskDetail(w: EvidenceWrite, id: number): Promise<TRiskDetail> {
  const { db } = w
  const row = await found(risksRepository.find(db, w.enterpriseId, id))
  const [files, history, rectificationOpen, alert] = await Promise.all([
    filesRepository.listOf(db, { riskId: id }),
    risksRepository.history(db, id),
    risksRepository.rectificationOpen(db, row.rectification_id),
    riskAlertView(w, row),
  ])
  return {
    ...toRisk(row, shanghaiDate(w.now)),
    rectificationOpen,
    alert,
    attachments: files.map((f) => toEvidenceFile(f, w.links)),
    history: history.map((h) => ({
      kind: h.kind,
      note: h.note,
      fromLevel: h.from_level,
      toLevel: h.to_level,
      actorName: h.name,
      createdAt: h.created_at,
    })),
  }
}

export async function listRisks(
  db: DbOrTrx,
  enterpriseId: number,
  paging: { page: number; pageSize: number },
  now: number,
): Promise<TRiskList> {
  const today = shanghaiDate(now)
  const [rows, summary, ownership] = await Promise.all([
    risksRepository.page(db, enterpriseId, paging),
    risksRepository.summary(db, enterpriseId, today),
    risksRepository.ownership(db, enterpriseId),
  ])
  const { total, ...counts } = summary
  return { ownership, items: rows.map((r) => toRisk(r, today)), total, ...paging, summary: counts }
}

/** The fields a create or an edit sets; the next review is one cycle from today unless given. */
function riskFields(input: TRiskCreate, today: string) {
  const nextReviewDate = input.nextReviewDate ?? addMonths(today, input.reviewCycle)
  if (nextReviewDate < today)
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [
      { path: 'nextReviewDate', message: '下次复核日期不能早于今天' },
    ])
  return {
    area: input.area,
    area_name: input.area === 'other' ? (input.areaName ?? null) : null,
    post: input.post,
    description: input.description,
    likelihood: input.likelihood,
    impact: input.impact,
    level: riskLevel(input.likelihood, input.impact),
    measures: input.measures,
    owner: input.owner,
    review_cycle: input.reviewCycle,
    next_review_date: nextReviewDate,
  }
}

async function answer(w: EvidenceWrite, id: number, detail: unknown): Promise<WriteOutcome<TRiskDetail>> {
  const result = await riskDetail(w, id)
  return { result, entityType: 'risk', entityId: id, detail }
}

const stale = () => new AppError(409, 'RISK_STALE')

/** The risk as the writer read it: another enterprise's or a missing one 404, one since moved on 409 RISK_STALE. */
async function readAt(w: EvidenceWrite, id: number, version: number): Promise<RiskRow> {
  const current = await found(risksRepository.find(w.db, w.enterpriseId, id))
  if (current.version !== version) throw stale()
  return current
}

export async function createRisk(w: EvidenceWrite, input: TRiskCreate): Promise<WriteOutcome<TRiskDetail>> {
  const at = isoAt(w.now)
  const fields = riskFields(input, shanghaiDate(w.now))
  const id = await risksRepository.insert(w.db, {
    enterprise_id: w.enterpriseId,
    ...fields,
    status: 'active',
    starter_code: input.starterCode ?? null,
    rectification_id: null,
    version: 1,
    created_by: w.auth.user.id,
    created_at: at,
    updated_at: at,
  })
  await risksRepository.record(w.db, id, {
    kind: 'created',
    note: null,
    levels: [null, fields.level],
    actor: w.auth.user.id,
    at,
  })
  return answer(w, id, { level: fields.level, starter: input.starterCode ?? null })
}

/** An edit on the version the editor read (stale → 409 RISK_STALE). */
export async function updateRisk(
  w: EvidenceWrite,
  id: number,
  input: TRiskUpdate,
): Promise<WriteOutcome<TRiskDetail>> {
  const current = await readAt(w, id, input.version)
  const at = isoAt(w.now)
  const today = shanghaiDate(w.now)
  const fields = riskFields(input, today)
  const after = { ...fields, status: input.status }
  if (
    !(await risksRepository.update(w.db, id, input.version, {
      ...after,
      alert_occasion: alertOccasion(current, after, today),
      updated_at: at,
    }))
  )
    throw stale()
  await risksRepository.record(w.db, id, {
    kind: 'edited',
    note: current.status !== input.status ? `状态改为${RISK_STATUS_LABELS[input.status]}` : null,
    levels: [current.level, fields.level],
    actor: w.auth.user.id,
    at,
  })
  return answer(w, id, { level: fields.level, status: input.status })
}

/** A review: note and the level now; the next review is one cycle from today (北京时间). */
export async function reviewRisk(
  w: EvidenceWrite,
  id: number,
  input: TRiskReviewBody,
): Promise<WriteOutcome<TRiskDetail>> {
  const current = await readAt(w, id, input.version)
  if (current.status !== 'active') throw new AppError(409, 'RISK_NOT_ACTIVE')
  const at = isoAt(w.now)
  const today = shanghaiDate(w.now)
  const level = riskLevel(input.likelihood, input.impact)
  const next = addMonths(today, current.review_cycle)
  const changes = {
    likelihood: input.likelihood,
    impact: input.impact,
    level,
    next_review_date: next,
    alert_occasion: alertOccasion(current, { ...current, level, next_review_date: next }, today),
    updated_at: at,
  }
  if (!(await risksRepository.update(w.db, id, input.version, changes))) throw stale()
  await risksRepository.record(w.db, id, {
    kind: 'reviewed',
    note: input.note,
    levels: [current.level, level],
    actor: w.auth.user.id,
    at,
  })
  return answer(w, id, { from: current.level, to: level, nextReviewDate: next })
}

/**
 * A supervisor turns the risk into a 整改 (source `risk`, linked both ways). One open 整改 a risk: of two
 * at once, the second finds the version moved and is refused (its 整改 is rolled back with it).
 */
export async function raiseRectification(
  w: EvidenceWrite,
  id: number,
  input: TRiskRectify,
): Promise<WriteOutcome<TRectification>> {
  const current = await found(risksRepository.find(w.db, w.enterpriseId, id))
  if (current.status !== 'active') throw new AppError(409, 'RISK_NOT_ACTIVE')
  const title = `廉洁风险点整改：${riskAreaLabel(current.area as TRiskArea, current.area_name)} · ${current.post}`
  const { detail, deadline } = input
  const raised = { source: 'risk', risk_id: id, title, detail, deadline } as const
  const rectificationId = await openRectification(w, raised, '将廉洁风险点转为整改')
  const at = isoAt(w.now)
  const linked = await risksRepository.update(
    w.db,
    id,
    current.version,
    { rectification_id: rectificationId, updated_at: at },
    { onlyWithoutOpenRectification: true },
  )
  if (!linked) throw new AppError(409, 'RISK_RECTIFICATION_OPEN')
  await risksRepository.record(w.db, id, {
    kind: 'rectification',
    note: input.detail,
    levels: [null, null],
    actor: w.auth.user.id,
    at,
  })
  const result = await rectificationView(w.db, w.links, w.enterpriseId, rectificationId, w.now)
  return { result, entityType: 'rectification', entityId: rectificationId, detail: { riskId: id } }
}

/** The 整改 raised from a risk was closed (已销号): the risk is 已整改, with an entry in its history. */
export async function rectificationClosed(
  db: DbOrTrx,
  rectificationId: number,
  actorId: number,
  now: number,
): Promise<void> {
  const risk = await risksRepository.ofRectification(db, rectificationId)
  if (!risk || risk.status !== 'active') return
  const at = isoAt(now)
  await risksRepository.update(db, risk.id, risk.version, { status: 'rectified', updated_at: at })
  await risksRepository.record(db, risk.id, {
    kind: 'rectified',
    note: null,
    levels: [risk.level, risk.level],
    actor: actorId,
    at,
  })
}
