import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { DbOrTrx } from '../db/database'
import type { AuthContext } from '../plugins/auth'
import type { SubscribeMessageSender } from '../lib/subscribeMessages'
import type { WriteOutcome } from './writes'
import type { TSubscribeStatus } from '../../src/models/meeting'
import { MEETING_TYPE_LABELS } from '../../src/models/meetingCompliance'
import { dueForUser } from './meetings'

type Trx = Transaction<Database>
const PURPOSE = 'meeting_due'
/** The mini-program page a reminder opens. */
export const REMINDER_PAGE = 'packages/party/pages/calendar/index'

async function pendingGrants(db: DbOrTrx, userId: number): Promise<number> {
  const row = await db
    .selectFrom('subscribe_grants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('purpose', '=', PURPOSE)
    .where('result', '=', 'accept')
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function subscribeStatus(
  db: DbOrTrx,
  auth: AuthContext,
  sender: SubscribeMessageSender,
): Promise<TSubscribeStatus> {
  const template = sender.meetingTemplateId
  return { templateIds: template ? [template] : [], pending: await pendingGrants(db, auth.user.id) }
}

/** Keeps what the user answered on the tap: each accept is one message the server may send. */
export async function recordConsent(
  trx: Trx,
  auth: AuthContext,
  body: { purpose: 'meeting_due'; results: { templateId: string; result: string }[] },
  now: number,
): Promise<WriteOutcome<TSubscribeStatus & { recorded: number }>> {
  const created = new Date(now).toISOString()
  await trx
    .insertInto('subscribe_grants')
    .values(
      body.results.map((r) => ({
        user_id: auth.user.id,
        template_id: r.templateId,
        purpose: body.purpose,
        result: r.result,
        created_at: created,
        used_at: null,
        send_result: null,
      })),
    )
    .execute()
  const accepted = body.results.filter((r) => r.result === 'accept').length
  return {
    result: {
      recorded: body.results.length,
      templateIds: [...new Set(body.results.map((r) => r.templateId))],
      pending: await pendingGrants(trx, auth.user.id),
    },
    entityType: 'subscribe_grant',
    entityId: auth.user.id,
    detail: { purpose: body.purpose, accepted, rejected: body.results.length - accepted },
  }
}

/**
 * Sends one reminder to each user who agreed to one and has something falling due within 7 days (the
 * most urgent item), using up one accept each. Runs from a timer and from the office's button.
 */
export async function sendMeetingReminders(
  db: DbOrTrx,
  sender: SubscribeMessageSender,
  now: number,
): Promise<{ sent: number; failed: number; skipped: number }> {
  const templateId = sender.meetingTemplateId
  const result = { sent: 0, failed: 0, skipped: 0 }
  if (!templateId) return result
  const grants = await db
    .selectFrom('subscribe_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.user_id', 'u.openid', 'u.disabled_at'])
    .where('g.purpose', '=', PURPOSE)
    .where('g.result', '=', 'accept')
    .where('g.template_id', '=', templateId)
    .where('g.used_at', 'is', null)
    .orderBy('g.id')
    .execute()
  const seen = new Set<number>()
  for (const grant of grants) {
    // One message per user per run, whatever the number of accepts kept.
    if (seen.has(grant.user_id) || grant.disabled_at) continue
    seen.add(grant.user_id)
    const memberships = await db
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', grant.user_id)
      .where('status', '=', 'approved')
      .execute()
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', grant.user_id)
      .executeTakeFirstOrThrow()
    const due = await dueForUser(db, { user, memberships }, now)
    if (due.length === 0) {
      result.skipped += 1
      continue
    }
    // Claim the accept before sending: with several API processes (or a click during the timer's run)
    // only the one whose update takes it sends; a crash after the claim loses one accept, never doubles.
    const claimed = await db
      .updateTable('subscribe_grants')
      .set({ used_at: new Date(now).toISOString(), send_result: 'sending' })
      .where('id', '=', grant.id)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) {
      result.skipped += 1
      continue
    }
    const first = due[0]
    const outcome = await sender.send({
      touser: grant.openid,
      templateId,
      page: `${REMINDER_PAGE}?enterpriseId=${first.enterpriseId}&branchId=${first.branchId}`,
      data: {
        thing1: `${MEETING_TYPE_LABELS[first.type]}${first.groupName ? `（${first.groupName}）` : ''}待开展`,
        date2: first.lastDay,
        thing3: due.length > 1 ? `${first.branchName}等${due.length}项` : first.branchName,
      },
    })
    await db
      .updateTable('subscribe_grants')
      .set({ send_result: outcome.ok ? 'ok' : `${outcome.errcode} ${outcome.errmsg}`.slice(0, 200) })
      .where('id', '=', grant.id)
      .execute()
    if (outcome.ok) result.sent += 1
    else result.failed += 1
  }
  return result
}
