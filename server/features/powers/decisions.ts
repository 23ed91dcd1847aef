import { AppError, found } from '../../core/errors'
import { isoAt } from '../../core/clock'
import { changedFields, type WriteOutcome } from '../../core/writes'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import type {
  TDecision,
  TDecisionCreate,
  TDecisionDetail,
  TDecisionList,
  TDecisionCategory,
  TDecisionSnapshot,
  TDecisionUpdate,
} from '../../../src/models/powers'
import type { FileLinkSigner } from '../files/store'
import { filesRepository, toEvidenceFile } from '../files/repository'
import { decisionsRepository, type DecisionRow } from './repository'
import { isKeeper, soeEnterprise, type PowersContext } from './powersService'

/**
 * The “三重一大” decision log (task 12). An entry is corrected, never silently overwritten: every create and
 * correction keeps a revision row with the fields it changed, before and after, and why.
 */

export interface DecisionContext extends PowersContext {
  links: FileLinkSigner
}

function toDecision(row: DecisionRow): TDecision {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    subject: row.subject,
    category: row.category,
    decidedOn: row.decided_on,
    meeting: row.meeting,
    attendees: row.attendees,
    result: row.result,
    version: row.version,
    updatedAt: row.updated_at,
  }
}

const snapshot = (d: TDecisionSnapshot): TDecisionSnapshot => ({
  subject: d.subject,
  category: d.category,
  decidedOn: d.decidedOn,
  meeting: d.meeting,
  attendees: d.attendees,
  result: d.result,
})

export async function listDecisions(
  c: DecisionContext,
  query: { page: number; pageSize: number; category?: TDecisionCategory; year?: number },
): Promise<TDecisionList> {
  await soeEnterprise(c.db, c.enterpriseId)
  // decided_on is a 北京时间 date: a year is its dates from 01-01 to 12-31.
  const [from, to] =
    query.year !== undefined ? [`${query.year}-01-01`, `${query.year}-12-31`] : [undefined, undefined]
  const [{ rows, total }, years] = await Promise.all([
    decisionsRepository.page(
      c.db,
      c.enterpriseId,
      { category: query.category, from, to },
      query.page,
      query.pageSize,
    ),
    decisionsRepository.years(c.db, c.enterpriseId),
  ])
  return {
    canEdit: isKeeper(c),
    items: rows.map(toDecision),
    total,
    page: query.page,
    pageSize: query.pageSize,
    years,
  }
}

export async function decisionDetail(c: DecisionContext, id: number): Promise<TDecisionDetail> {
  await soeEnterprise(c.db, c.enterpriseId)
  const row = await found(decisionsRepository.find(c.db, c.enterpriseId, id))
  const [files, revisions] = await Promise.all([
    filesRepository.listOf(c.db, { decisionId: id }),
    decisionsRepository.revisions(c.db, id),
  ])
  return {
    ...toDecision(row),
    canEdit: isKeeper(c),
    attachments: files.map((f) => toEvidenceFile(f, c.links)),
    revisions: revisions.map((r) => ({
      before: r.before === null ? null : (JSON.parse(r.before) as Partial<TDecisionSnapshot>),
      after: JSON.parse(r.after) as Partial<TDecisionSnapshot>,
      note: r.note,
      actorName: r.name,
      createdAt: r.created_at,
    })),
  }
}

/** The meeting's date is a 北京时间 date not after today. */
function checkDate(decidedOn: string, now: number) {
  if (decidedOn > shanghaiDate(now))
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [
      { path: 'decidedOn', message: '决策日期不能晚于今天' },
    ])
}

const columns = (d: TDecisionSnapshot) => ({
  subject: d.subject,
  category: d.category,
  decided_on: d.decidedOn,
  meeting: d.meeting,
  attendees: d.attendees,
  result: d.result,
})

/** Keeps a write's change in the decision's history; the write answers the decision as it now stands. */
async function recorded(
  c: DecisionContext,
  id: number,
  at: string,
  change: { before: string | null; after: string; note: string | null },
  detail: Record<string, unknown>,
): Promise<WriteOutcome<TDecisionDetail>> {
  await decisionsRepository.record(c.db, {
    decision_id: id,
    ...change,
    actor_id: c.auth.user.id,
    created_at: at,
  })
  return { result: await decisionDetail(c, id), entityType: 'major_decision', entityId: id, detail }
}

export async function createDecision(
  c: DecisionContext,
  input: TDecisionCreate,
): Promise<WriteOutcome<TDecisionDetail>> {
  await soeEnterprise(c.db, c.enterpriseId)
  checkDate(input.decidedOn, c.now)
  const at = isoAt(c.now)
  const after = snapshot(input)
  const id = await decisionsRepository.insert(c.db, {
    enterprise_id: c.enterpriseId,
    ...columns(after),
    created_by: c.auth.user.id,
    created_at: at,
  })
  const detail = { category: input.category, decidedOn: input.decidedOn }
  return recorded(c, id, at, { before: null, after: JSON.stringify(after), note: null }, detail)
}

/** A correction on the version read (stale → 409 DECISION_STALE), kept with what it changed and why. */
export async function correctDecision(
  c: DecisionContext,
  id: number,
  input: TDecisionUpdate,
): Promise<WriteOutcome<TDecisionDetail>> {
  await soeEnterprise(c.db, c.enterpriseId)
  const current = await found(decisionsRepository.find(c.db, c.enterpriseId, id))
  if (current.version !== input.version) throw new AppError(409, 'DECISION_STALE')
  checkDate(input.decidedOn, c.now)
  const at = isoAt(c.now)
  const { before, after } = changedFields(snapshot(toDecision(current)), snapshot(input))
  if (
    !(await decisionsRepository.update(c.db, c.enterpriseId, id, input.version, {
      ...columns(snapshot(input)),
      updated_at: at,
    }))
  )
    throw new AppError(409, 'DECISION_STALE')
  const change = { before: JSON.stringify(before), after: JSON.stringify(after), note: input.note }
  return recorded(c, id, at, change, { before, after, note: input.note })
}
