import type { DbOrTrx } from '../../core/db/database'
import type { AuthContext } from '../../core/access'
import { AppError, found, notFound } from '../../core/errors'
import { isoAt } from '../../core/clock'
import type { WriteOutcome } from '../../core/writes'
import { shanghaiDate } from '../../../src/models/shanghaiTime'
import {
  specialProgress,
  type TEnterpriseSpecials,
  type TSpecialProblemCreate,
  type TSpecialProblemUpdate,
  type TSpecialSheet,
} from '../../../src/models/special'
import { specialsRepository } from './repository'
import { loadSpecial, toSpecial } from './service'

/**
 * An enterprise's 突出问题清单 in one 专项整治: kept by its liaison and head, read by its members and by
 * the issuer. An enterprise outside the scope finds no such 专项整治 (404). Every write takes its turn on
 * the 专项整治's row while it is open (`whileOpen`), so a close and a write never cross.
 */

export interface SheetWrite {
  db: DbOrTrx
  auth: AuthContext
  enterpriseId: number
  now: number
}

async function loadSheet(db: DbOrTrx, specialId: number, enterpriseId: number, now: number) {
  const [special, scope] = await Promise.all([
    specialsRepository.find(db, specialId),
    specialsRepository.scopeRow(db, specialId, enterpriseId),
  ])
  if (!special || !scope) throw notFound()
  const problems = await specialsRepository.problems(db, specialId, enterpriseId)
  const history = await specialsRepository.history(
    db,
    problems.map((p) => p.id),
  )
  const name = await db
    .selectFrom('enterprises')
    .select('name')
    .where('id', '=', enterpriseId)
    .executeTakeFirstOrThrow()
  const done = problems.filter((p) => p.status === 'done').length
  return {
    special: toSpecial(special, shanghaiDate(now)),
    enterpriseId,
    enterpriseName: name.name,
    progress: specialProgress(scope.reported_at !== null, problems.length, done),
    reportedAt: scope.reported_at,
    problems: problems.map((p) => ({
      id: p.id,
      problem: p.problem,
      measure: p.measure,
      owner: p.owner,
      plannedDate: p.planned_date,
      status: p.status,
      version: p.version,
      updatedAt: p.updated_at,
      history: history
        .filter((h) => h.problem_id === p.id)
        .map((h) => ({
          kind: h.kind,
          note: h.note,
          status: h.status,
          actorName: h.name,
          createdAt: h.created_at,
        })),
    })),
  } satisfies TSpecialSheet
}

/** The list as its enterprise reads it. */
export function enterpriseSheet(db: DbOrTrx, specialId: number, enterpriseId: number, now: number) {
  return loadSheet(db, specialId, enterpriseId, now)
}

/** The list as the issuer drills into it (the issuer's reach first: anyone else gets 404). */
export async function issuerSheet(
  db: DbOrTrx,
  auth: AuthContext,
  specialId: number,
  enterpriseId: number,
  now: number,
) {
  await loadSpecial(db, auth, specialId)
  return loadSheet(db, specialId, enterpriseId, now)
}

export async function enterpriseSpecials(
  db: DbOrTrx,
  enterpriseId: number,
  now: number,
): Promise<TEnterpriseSpecials> {
  const today = shanghaiDate(now)
  const rows = await specialsRepository.ofEnterprise(db, enterpriseId)
  return {
    items: rows.map((r) => ({
      ...toSpecial(r, today),
      progress: specialProgress(r.reported_at !== null, r.problems, r.done),
      problems: r.problems,
      problemsDone: r.done,
    })),
  }
}

/** The 专项整治 names this enterprise and is still open: the write takes its turn on it. */
async function openFor(w: SheetWrite, specialId: number) {
  await found(specialsRepository.scopeRow(w.db, specialId, w.enterpriseId))
  if (!(await specialsRepository.whileOpen(w.db, specialId))) throw new AppError(409, 'SPECIAL_CLOSED')
}

async function answer(w: SheetWrite, specialId: number, entityId: number, detail: unknown) {
  const result = await loadSheet(w.db, specialId, w.enterpriseId, w.now)
  return { result, entityType: 'special_sheet', entityId, detail } satisfies WriteOutcome<TSpecialSheet>
}

/** 无突出问题, or the list is complete for now: the list counts as reported (once; again is harmless). */
export async function reportSheet(w: SheetWrite, specialId: number): Promise<WriteOutcome<TSpecialSheet>> {
  await openFor(w, specialId)
  const first = await specialsRepository.markReported(w.db, specialId, w.enterpriseId, isoAt(w.now))
  return answer(w, specialId, specialId, { first })
}

export async function addProblem(
  w: SheetWrite,
  specialId: number,
  input: TSpecialProblemCreate,
): Promise<WriteOutcome<TSpecialSheet>> {
  await openFor(w, specialId)
  const at = isoAt(w.now)
  const id = await specialsRepository.insertProblem(w.db, {
    special_id: specialId,
    enterprise_id: w.enterpriseId,
    problem: input.problem,
    measure: input.measure,
    owner: input.owner,
    planned_date: input.plannedDate,
    status: 'in_progress',
    version: 1,
    created_by: w.auth.user.id,
    created_at: at,
    updated_at: at,
  })
  await specialsRepository.record(
    w.db,
    id,
    { kind: 'created', note: input.note ?? null, status: 'in_progress' },
    w.auth.user.id,
    at,
  )
  const first = await specialsRepository.markReported(w.db, specialId, w.enterpriseId, at)
  return answer(w, specialId, id, { specialId, first })
}

/** An edit and its progress note, on the version read (stale → 409 SPECIAL_PROBLEM_STALE). */
export async function updateProblem(
  w: SheetWrite,
  specialId: number,
  problemId: number,
  input: TSpecialProblemUpdate,
): Promise<WriteOutcome<TSpecialSheet>> {
  const current = await found(specialsRepository.findProblem(w.db, specialId, w.enterpriseId, problemId))
  if (current.version !== input.version) throw new AppError(409, 'SPECIAL_PROBLEM_STALE')
  await openFor(w, specialId)
  const at = isoAt(w.now)
  const changed = await specialsRepository.updateProblem(w.db, problemId, input.version, {
    problem: input.problem,
    measure: input.measure,
    owner: input.owner,
    planned_date: input.plannedDate,
    status: input.status,
    updated_at: at,
  })
  if (!changed) throw new AppError(409, 'SPECIAL_PROBLEM_STALE')
  const onlyNote =
    current.problem === input.problem &&
    current.measure === input.measure &&
    current.owner === input.owner &&
    current.planned_date === input.plannedDate &&
    current.status === input.status
  await specialsRepository.record(
    w.db,
    problemId,
    {
      kind: onlyNote ? 'note' : 'edited',
      note: input.note ?? null,
      status: current.status === input.status ? null : input.status,
    },
    w.auth.user.id,
    at,
  )
  return answer(w, specialId, problemId, { specialId, status: input.status })
}
