import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import type { AuthContext } from '../../core/access'
import type { SubscribeMessageSender } from './subscribeMessages'
import type { WriteOutcome } from '../../core/writes'
import type { TSubscribeStatus } from '../../../src/models/meeting'
import { MEETING_TYPE_LABELS } from '../../../src/models/meetingCompliance'
import { dueForUser } from './compliance'
import { subscribeGrantsRepository } from './meetingsRepository'
import { isoAt } from '../../core/clock'

type Trx = Transaction<Database>
const PURPOSE = 'meeting_due'
/** The mini-program page a reminder opens. */
export const REMINDER_PAGE = 'packages/party/pages/calendar/index'

function pendingGrants(db: DbOrTrx, userId: number): Promise<number> {
  return subscribeGrantsRepository.pending(db, userId, PURPOSE)
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
  await subscribeGrantsRepository.record(trx, auth.user.id, body.purpose, body.results, isoAt(now))
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
  const grants = await subscribeGrantsRepository.unusedAccepts(db, PURPOSE, templateId)
  const seen = new Set<number>()
  for (const grant of grants) {
    // One message per user per run, whatever the number of accepts kept.
    if (seen.has(grant.user_id) || grant.disabled_at) continue
    seen.add(grant.user_id)
    const due = await dueForUser(db, await subscribeGrantsRepository.authOf(db, grant.user_id), now)
    if (due.length === 0) {
      result.skipped += 1
      continue
    }
    // Claim the accept before sending: with several API processes (or a click during the timer's run)
    // only the one whose update takes it sends; a crash after the claim loses one accept, never doubles.
    if (!(await subscribeGrantsRepository.claim(db, grant.id, isoAt(now)))) {
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
    await subscribeGrantsRepository.recordResult(
      db,
      grant.id,
      outcome.ok ? 'ok' : `${outcome.errcode} ${outcome.errmsg}`.slice(0, 200),
    )
    if (outcome.ok) result.sent += 1
    else result.failed += 1
  }
  return result
}
