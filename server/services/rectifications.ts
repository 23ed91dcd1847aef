import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { DbOrTrx } from '../db/database'
import { nowIso } from '../db/database'
import { AppError, notFound } from '../lib/errors'
import type { AuthContext } from '../plugins/auth'
import {
  isOverdue,
  type TRectification,
  type TRectificationNotice,
  type TRectificationStatus,
} from '../../src/models/assessment'
import type { WriteOutcome } from './writes'
import type { FileLinkSigner } from '../lib/files'
import { shanghaiDate } from '../../src/models/shanghaiTime'

type Trx = Transaction<Database>

/** Today's date in the county's time zone (Asia/Shanghai, UTC+8, no daylight saving). */
export function todayInShanghai(now = Date.now()): string {
  return shanghaiDate(now)
}

export async function rectificationView(
  db: DbOrTrx,
  links: FileLinkSigner,
  enterpriseId: number,
  id: number,
): Promise<TRectification> {
  const row = await db
    .selectFrom('rectifications as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .selectAll('r')
    .select('e.name as enterprise_name')
    .where('r.id', '=', id)
    .where('r.enterprise_id', '=', enterpriseId)
    .executeTakeFirst()
  if (!row) throw notFound()
  const evidence = await db
    .selectFrom('evidence_files')
    .selectAll()
    .where('rectification_id', '=', id)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  const history = await db
    .selectFrom('rectification_events as ev')
    .leftJoin('users as u', 'u.id', 'ev.actor_id')
    .select(['ev.from_status', 'ev.to_status', 'ev.comment', 'ev.created_at', 'u.name'])
    .where('ev.rectification_id', '=', id)
    .orderBy('ev.id')
    .execute()
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    source: row.source,
    assessmentId: row.assessment_id,
    itemCode: row.item_code,
    title: row.title,
    detail: row.detail,
    deadline: row.deadline,
    status: row.status,
    overdue: isOverdue(row.status, row.deadline, todayInShanghai()),
    response: row.response,
    evidence: evidence.map((f) => ({
      id: f.id,
      itemCode: f.item_code ?? '',
      filename: f.filename,
      mime: f.mime,
      size: f.size,
      sha256: f.sha256,
      url: links.link(f.id),
      createdAt: f.created_at,
    })),
    history: history.map((h) => ({
      fromStatus: h.from_status as TRectificationStatus | null,
      toStatus: h.to_status as TRectificationStatus,
      actorName: h.name,
      comment: h.comment,
      createdAt: h.created_at,
    })),
    updatedAt: row.updated_at,
  }
}

export async function listRectifications(
  db: DbOrTrx,
  links: FileLinkSigner,
  enterpriseId: number,
): Promise<TRectification[]> {
  const ids = await db
    .selectFrom('rectifications')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('deadline')
    .orderBy('id')
    .execute()
  return Promise.all(ids.map((r) => rectificationView(db, links, enterpriseId, r.id)))
}

async function transition(
  trx: Trx,
  id: number,
  from: TRectificationStatus,
  to: TRectificationStatus,
  actorId: number,
  comment: string | null,
  extra: { response?: string } = {},
) {
  const now = nowIso()
  const updated = await trx
    .updateTable('rectifications')
    .set({
      status: to,
      updated_at: now,
      ...(extra.response !== undefined ? { response: extra.response } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError(409, 'RECTIFICATION_STATE')
  await trx
    .insertInto('rectification_events')
    .values({
      rectification_id: id,
      from_status: from,
      to_status: to,
      actor_id: actorId,
      comment,
      created_at: now,
    })
    .execute()
}

/** The liaison reports what was done, with evidence: 待整改 / 退回重改 → 待核验. */
export async function respondToRectification(
  trx: Trx,
  links: FileLinkSigner,
  auth: AuthContext,
  enterpriseId: number,
  id: number,
  input: { response: string; evidenceIds: number[] },
): Promise<WriteOutcome<TRectification>> {
  const current = await rectificationView(trx, links, enterpriseId, id)
  if (current.status !== 'open' && current.status !== 'returned')
    throw new AppError(409, 'RECTIFICATION_STATE')
  if (input.evidenceIds.length) {
    const files = await trx
      .selectFrom('evidence_files')
      .select('id')
      .where('id', 'in', input.evidenceIds)
      .where('enterprise_id', '=', enterpriseId)
      .where('deleted_at', 'is', null)
      .execute()
    const known = new Set(files.map((f) => f.id))
    const missing = input.evidenceIds.findIndex((fid) => !known.has(fid))
    if (missing >= 0)
      throw new AppError(400, 'VALIDATION_FAILED', undefined, [
        { path: `evidenceIds.${missing}`, message: '佐证文件不存在' },
      ])
    await trx
      .updateTable('evidence_files')
      .set({ rectification_id: id })
      .where('id', 'in', input.evidenceIds)
      .execute()
  }
  await transition(trx, id, current.status, 'awaiting_verification', auth.user.id, input.response, {
    response: input.response,
  })
  return {
    result: await rectificationView(trx, links, enterpriseId, id),
    entityType: 'rectification',
    entityId: id,
    detail: { evidence: input.evidenceIds },
  }
}

/** The supervisor checks the response: 待核验 → 已销号, or back to 退回重改 with a comment. */
export async function verifyRectification(
  trx: Trx,
  links: FileLinkSigner,
  auth: AuthContext,
  enterpriseId: number,
  id: number,
  input: { decision: 'close' | 'return'; comment?: string | null },
): Promise<WriteOutcome<TRectification>> {
  const current = await rectificationView(trx, links, enterpriseId, id)
  if (current.status !== 'awaiting_verification') throw new AppError(409, 'RECTIFICATION_STATE')
  await transition(
    trx,
    id,
    'awaiting_verification',
    input.decision === 'close' ? 'closed' : 'returned',
    auth.user.id,
    input.comment ?? null,
  )
  return {
    result: await rectificationView(trx, links, enterpriseId, id),
    entityType: 'rectification',
    entityId: id,
    detail: { decision: input.decision },
  }
}

/**
 * 整改通知 from a supervising department or the office: a new 待整改 item for the enterprise, with the
 * issuer in its history. The deadline is a date in the county's time zone, today or later.
 */
export async function issueRectificationNotice(
  trx: Trx,
  links: FileLinkSigner,
  auth: AuthContext,
  enterpriseId: number,
  input: Required<TRectificationNotice>,
  now: number,
): Promise<WriteOutcome<TRectification>> {
  if (input.deadline < todayInShanghai(now))
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [
      { path: 'deadline', message: '整改期限不能早于今天' },
    ])
  const at = new Date(now).toISOString()
  const issuer = await trx
    .selectFrom('memberships as m')
    .innerJoin('departments as d', 'd.id', 'm.organisation_id')
    .select('d.name')
    .where('m.user_id', '=', auth.user.id)
    .where('m.organisation_kind', '=', 'department')
    .where('m.status', '=', 'approved')
    .where((eb) =>
      eb.or([
        eb('m.role', '=', 'office'),
        eb(
          'm.organisation_id',
          'in',
          eb
            .selectFrom('supervision_links')
            .select('department_id')
            .where('enterprise_id', '=', enterpriseId),
        ),
      ]),
    )
    .orderBy('d.id')
    .executeTakeFirst()
  const rect = await trx
    .insertInto('rectifications')
    .values({
      enterprise_id: enterpriseId,
      source: 'notice',
      assessment_id: null,
      item_code: null,
      title: input.title,
      detail: input.detail,
      deadline: input.deadline,
      status: 'open',
      response: null,
      created_by: auth.user.id,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('rectification_events')
    .values({
      rectification_id: rect.id,
      from_status: null,
      to_status: 'open',
      actor_id: auth.user.id,
      comment: `${issuer?.name ?? '监管部门'}下发整改通知`,
      created_at: at,
    })
    .execute()
  return {
    result: await rectificationView(trx, links, enterpriseId, rect.id),
    entityType: 'rectification',
    entityId: rect.id,
    detail: { source: 'notice', deadline: input.deadline },
  }
}
