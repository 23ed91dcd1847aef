import crypto from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { positiveIntParam } from './access'
import type { Insertable, Selectable, Transaction, Updateable } from 'kysely'
import type { AuditLogTable, Database, IdempotencyKeyTable } from './db/schema'
import type { Db, DbOrTrx } from './db/database'
import { hotQuery } from './db/hotQuery'
import { isoAt } from './clock'
import { AppError } from './errors'

/**
 * Every write runs through here: one transaction holding the change, its audit row and (when the
 * client sent an Idempotency-Key) the key's claim and stored response. A finished one is replayed
 * instead of executed again.
 */
export interface WriteOutcome<T> {
  result: T
  entityType: string
  entityId: string | number | null
  detail?: unknown
  /** HTTP status of this particular outcome when it differs from the write's usual one (e.g. 200 for "already done"). */
  status?: number
  /** The organisation the write belongs to when only the run knows it (e.g. an enterprise it created). */
  organisation?: AuditOrganisation | null
  /**
   * The write's new row, not inserted yet (PostgreSQL sign-ins): `performWrite` inserts it in one
   * statement with the audit row and, with an Idempotency-Key, the stored answer (data-modifying CTEs), a
   * round trip fewer. When the row does not land (ON CONFLICT: a concurrent request inserted its twin
   * first) neither do they, and `otherwise` gives the outcome to record and answer instead.
   */
  deferredInsert?: DeferredInsert<T>
}

export interface DeferredInsert<T> {
  /** Inserts the row, and with it the audit row and (when given) the stored answer: whether they landed. */
  insertFinishing(trx: Transaction<Database>, audit: AuditRow, done: FinishRow | null): Promise<boolean>
  otherwise(trx: Transaction<Database>): Promise<WriteOutcome<T>>
}

/** A key's row as a write finds it: what `judgeExisting` looks at. */
export type KeySeen = Pick<
  Selectable<IdempotencyKeyTable>,
  'request_hash' | 'state' | 'response_status' | 'response_body' | 'updated_at'
>
/** A key stored with its answer at once (`AtOnce`). */
export type NewKeyRow = Insertable<IdempotencyKeyTable>

/**
 * PostgreSQL: a write tried first without a transaction (see `WriteOptions.atOnce`): what a read outside
 * one found. The caller's row of the Idempotency-Key (a replay, answered without a write), or the write
 * to make in one autocommit statement, or neither (null: the full path answers).
 */
export interface AtOnce<T> {
  keySeen?: KeySeen
  write: {
    outcome: WriteOutcome<T>
    /**
     * One statement (atomic by itself): the write, its audit row and, with a key, the key stored done with
     * its answer. True only when all landed; false or an error when none did (the full path then answers).
     */
    commit(audit: AuditRow, key: NewKeyRow | null): Promise<boolean>
  } | null
}

/** The organisation an audit row is filed under (the office filters the log by it). */
export interface AuditOrganisation {
  kind: 'enterprise' | 'department'
  id: number
}

export interface WriteOptions<T> {
  action: string
  /** HTTP status of a successful result (201 for creations). */
  status?: number
  /** The user the write is recorded against, for writes made before sign-in (login). */
  actorId?: number | null
  /** What identifies the request when the body does not (file uploads): hashed instead of the body. */
  fingerprint?: unknown
  /**
   * The organisation the write belongs to. Default: the route's `:enterpriseId` (else `:departmentId`)
   * param; null when it belongs to none. The outcome's own `organisation` wins over both.
   */
  organisation?: AuditOrganisation | null
  /**
   * The answer carries a bearer credential (a login token, a display token): with an Idempotency-Key only
   * a marker is stored (the key, never the answer) and a repeat is refused instead of replayed.
   */
  secretResult?: boolean
  run: (trx: Transaction<Database>) => Promise<WriteOutcome<T>>
  /**
   * PostgreSQL, for a hot write (QR sign-in): tried first with a read and one autocommit statement instead
   * of a transaction (4 round trips fewer). It only has to be sure when it says the write landed: anything
   * else (null, a write that did not land, an error) runs the full path, which answers every case.
   */
  atOnce?: (db: Db, key: { scope: number; key: string } | null) => Promise<AtOnce<T> | null>
}

/** An edit's audit detail: the fields that changed, as they were and as they are now. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
  const pick = (of: T) => Object.fromEntries(changed.map((k) => [k, of[k]])) as Partial<T>
  return { before: pick(before), after: pick(after) }
}

/** The organisation named by the route's params: `:enterpriseId`, else `:departmentId`; null otherwise. */
export function organisationOfRequest(request: FastifyRequest): AuditOrganisation | null {
  const enterpriseId = positiveIntParam(request, 'enterpriseId')
  if (enterpriseId !== null) return { kind: 'enterprise', id: enterpriseId }
  const departmentId = positiveIntParam(request, 'departmentId')
  if (departmentId !== null) return { kind: 'department', id: departmentId }
  return null
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/
/** A claim older than this belongs to a request that died: a retry may take it over. */
const STALE_CLAIM_MS = 60_000

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
}

export function hashRequest(method: string, path: string, body: unknown): string {
  return crypto
    .createHash('sha256')
    .update(`${method} ${path}\n${stableStringify(body ?? null)}`)
    .digest('hex')
}

function requestHash(request: FastifyRequest, fingerprint: unknown): string {
  return hashRequest(request.method, request.url.split('?')[0], fingerprint ?? request.body)
}

function claimRow(request: FastifyRequest, scope: number, key: string, hash: string, now: string) {
  return {
    user_id: scope,
    key,
    method: request.method,
    path: request.url.split('?')[0],
    request_hash: hash,
    state: 'in_progress',
    response_status: null,
    response_body: null,
    created_at: now,
    updated_at: now,
  } as const
}

function keyRow(db: DbOrTrx, scope: number, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst()
}

/**
 * A key seen before: the stored answer to replay, or an error (another body, not replayable, still in
 * flight); undefined when its claim is stale (its request died) and may be taken over.
 */
function judgeExisting(
  existing: KeySeen,
  hash: string,
  now: number,
): { replay: { status: number | null; body: unknown } } | undefined {
  if (existing.request_hash !== hash) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED')
  if (existing.state === 'done') {
    if (existing.response_body === null) throw new AppError(409, 'IDEMPOTENCY_NOT_REPLAYABLE')
    return { replay: { status: existing.response_status, body: JSON.parse(existing.response_body) } }
  }
  if (now - Date.parse(existing.updated_at) < STALE_CLAIM_MS)
    throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS')
  return undefined
}

/**
 * The key claimed for this request (one statement when it is new), or the earlier answer to replay. A
 * claim still `in_progress` after its commit was left by a server that claimed in a transaction of its
 * own (before claims shared the write's): fresh, it answers 409; stale, its request died and this one
 * takes it over.
 */
async function claimKey(
  trx: Transaction<Database>,
  row: ReturnType<typeof claimRow>,
  clock: () => number,
): Promise<{ claimId: number } | { replay: { status: number | null; body: unknown } }> {
  const [claimed] = (await insertClaim(trx, row)).rows
  if (claimed) return { claimId: claimed.id }
  const existing = await keyRow(trx, row.user_id, row.key)
  if (!existing) throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS')
  const earlier = judgeExisting(existing, row.request_hash, clock())
  if (earlier) return earlier
  const takeover = await trx
    .updateTable('idempotency_keys')
    .set({ updated_at: isoAt(clock()) })
    .where('id', '=', existing.id)
    .where('state', '=', 'in_progress')
    .where('updated_at', '=', existing.updated_at)
    .executeTakeFirst()
  if (Number(takeover.numUpdatedRows) !== 1) throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS')
  return { claimId: existing.id }
}

// The statements every idempotent write runs, compiled once (see hotQuery).
const insertClaim = hotQuery((db, row: ReturnType<typeof claimRow>) =>
  db
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('id'),
)
export type AuditRow = Insertable<AuditLogTable>
type DoneRow = Pick<
  Updateable<IdempotencyKeyTable>,
  'state' | 'response_status' | 'response_body' | 'updated_at'
>
/** A key's stored answer: its claim's id and what it is updated with. */
export type FinishRow = DoneRow & { id: number }
const insertAudit = hotQuery((db, row: AuditRow) => db.insertInto('audit_log').values(row))
const markDone = hotQuery((db, v: DoneRow & { id: number }) => {
  const { id, ...done } = v
  return db.updateTable('idempotency_keys').set(done).where('id', '=', id)
})
/** PostgreSQL: the audit row and the stored answer in one statement (a round trip fewer). */
const auditAndMarkDone = hotQuery((db, v: DoneRow & { id: number; audit: AuditRow }) => {
  const { id, audit, ...done } = v
  return db
    .with('audited', (qc) => qc.insertInto('audit_log').values(audit))
    .updateTable('idempotency_keys')
    .set(done)
    .where('id', '=', id)
})

export async function performWrite<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: WriteOptions<T>,
): Promise<T> {
  const db = request.server.db
  const clock = request.server.clock
  const status = options.status ?? 200
  const actorId = options.actorId !== undefined ? options.actorId : (request.auth?.user.id ?? null)
  const rawKey = request.headers['idempotency-key']
  const key = Array.isArray(rawKey) ? rawKey[0] : rawKey

  const execute = (trx: Transaction<Database>) => options.run(trx)
  const auditRow = (outcome: WriteOutcome<T>) => {
    const organisation =
      outcome.organisation !== undefined
        ? outcome.organisation
        : options.organisation !== undefined
          ? options.organisation
          : organisationOfRequest(request)
    return {
      // A login has no caller yet: the person it signs in is who acted.
      user_id:
        actorId ??
        (outcome.entityType === 'user' && typeof outcome.entityId === 'number' ? outcome.entityId : null),
      action: options.action,
      entity_type: outcome.entityType,
      entity_id: outcome.entityId === null ? null : String(outcome.entityId),
      detail: outcome.detail === undefined ? null : JSON.stringify(outcome.detail),
      ip: request.ip,
      created_at: isoAt(clock()),
      organisation_kind: organisation?.kind ?? null,
      organisation_id: organisation?.id ?? null,
    }
  }
  const dialect = request.server.dialect
  const audit = (trx: Transaction<Database>, outcome: WriteOutcome<T>) => insertAudit(trx, auditRow(outcome))
  if (key !== undefined && !KEY_PATTERN.test(key)) throw new AppError(400, 'IDEMPOTENCY_KEY_INVALID')
  // Keys are scoped to the caller; logins (no caller yet) share scope 0.
  const scope = request.auth?.user.id ?? 0
  const hash = key === undefined ? '' : requestHash(request, options.fingerprint)
  const now = isoAt(clock())

  if (options.atOnce && dialect === 'postgres') {
    const attempt = await options
      .atOnce(db, key === undefined ? null : { scope, key })
      .catch((error: unknown) => {
        request.log.debug({ err: error }, 'write at once: read failed, the full path answers')
        return null
      })
    if (attempt?.keySeen) {
      // As `claimKey` would judge it (it reads the same committed row): a replay, or the same error.
      const earlier = judgeExisting(attempt.keySeen, hash, clock())
      if (earlier) {
        reply.status(earlier.replay.status ?? status).header('idempotent-replayed', 'true')
        return earlier.replay.body as T
      }
    } else if (attempt?.write) {
      const { outcome, commit } = attempt.write
      const answered = outcome.status ?? status
      const stored =
        key === undefined
          ? null
          : {
              ...claimRow(request, scope, key, hash, now),
              state: 'done' as const,
              response_status: answered,
              response_body: options.secretResult ? null : JSON.stringify(outcome.result),
              updated_at: isoAt(clock()),
            }
      const landed = await commit(auditRow(outcome), stored).catch((error: unknown) => {
        request.log.debug({ err: error }, 'write at once: not landed, the full path answers')
        return false
      })
      if (landed) {
        reply.status(answered)
        return outcome.result
      }
    }
  }

  if (key === undefined) {
    const outcome = await db.transaction().execute(async (trx) => {
      const outcome = await execute(trx)
      const deferred = outcome.deferredInsert
      if (deferred) {
        if (await deferred.insertFinishing(trx, auditRow(outcome), null)) return outcome
        const instead = await deferred.otherwise(trx)
        await audit(trx, instead)
        return instead
      }
      await audit(trx, outcome)
      return outcome
    })
    reply.status(outcome.status ?? status)
    return outcome.result
  }

  /** The audit row and the stored answer: one statement on PostgreSQL (a round trip fewer). */
  const finish = async (
    trx: Transaction<Database>,
    claimId: number,
    outcome: WriteOutcome<T>,
  ): Promise<WriteOutcome<T>> => {
    const done = {
      state: 'done' as const,
      response_status: outcome.status ?? status,
      response_body: options.secretResult ? null : JSON.stringify(outcome.result),
      updated_at: isoAt(clock()),
    }
    const deferred = outcome.deferredInsert
    if (deferred) {
      // The row, its audit row and the stored answer in one statement; its twin won: answer that instead.
      if (await deferred.insertFinishing(trx, auditRow(outcome), { ...done, id: claimId })) return outcome
      return finish(trx, claimId, await deferred.otherwise(trx))
    }
    if (dialect === 'postgres') {
      await auditAndMarkDone(trx, { ...done, id: claimId, audit: auditRow(outcome) })
      return outcome
    }
    await audit(trx, outcome)
    await markDone(trx, { ...done, id: claimId })
    return outcome
  }

  // The claim shares the write's transaction on both databases: a failed write takes its claim with it,
  // and one COMMIT makes the change, its audit row and the stored answer durable together. On PostgreSQL
  // a duplicate in flight waits at the key's unique index until the first commits (then replays its
  // answer) or rolls back (then runs itself); SQLite runs one writer at a time anyway.
  const answer = await db.transaction().execute(async (trx) => {
    const claim = await claimKey(trx, claimRow(request, scope, key, hash, now), clock)
    if ('replay' in claim) return claim
    const outcome = await finish(trx, claim.claimId, await execute(trx))
    return { outcome }
  })
  if ('replay' in answer) {
    reply.status(answer.replay.status ?? status).header('idempotent-replayed', 'true')
    return answer.replay.body as T
  }
  reply.status(answer.outcome.status ?? status)
  return answer.outcome.result
}
