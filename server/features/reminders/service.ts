import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import type { AuthContext } from '../../core/access'
import type { WriteOutcome } from '../../core/writes'
import { isoAt } from '../../core/clock'
import type { TReminderGrants, TReminderOffer } from '../../../src/models/reminder'
import type { TTodo, TTodoKind } from '../../../src/models/todo'
import { allTodos } from '../todos/service'
import { remindersRepository, type ReminderKey } from './repository'

/** The template of each to-do kind that has one (WECHAT_SUBSCRIBE_TEMPLATES). */
export type ReminderTemplates = Partial<Record<TTodoKind, string>>

export function templateIdsOf(templates: ReminderTemplates): string[] {
  return [...new Set(Object.values(templates).filter((id): id is string => Boolean(id)))]
}

/** The keys under which the reminders remember a to-do: once when it appears, once when it is overdue. */
export function reminderKeys(userId: number, todo: TTodo): ReminderKey[] {
  const base = { userId, kind: todo.kind, todoKey: todo.key }
  return todo.overdue
    ? [
        { ...base, occasion: 'new' },
        { ...base, occasion: 'overdue' },
      ]
    : [{ ...base, occasion: 'new' }]
}

/** What the app may ask WeChat for: the configured templates, and the user's unused accepts. */
export async function reminderOffer(
  db: DbOrTrx,
  auth: AuthContext,
  templates: ReminderTemplates,
): Promise<TReminderOffer> {
  return { templates, pending: await remindersRepository.pending(db, auth.user.id) }
}

/**
 * Keeps what the user answered on the tap (only for configured templates: an id the server does not
 * know could never be sent). The to-dos of the accepted kinds that the user has now are marked known:
 * the user was looking at them, so a message is for what is new from here on, or falls overdue.
 */
export async function recordGrants(
  trx: Transaction<Database>,
  auth: AuthContext,
  templates: ReminderTemplates,
  body: TReminderGrants,
  now: number,
): Promise<WriteOutcome<TReminderOffer & { recorded: number }>> {
  const known = new Set(templateIdsOf(templates))
  const results = body.results.filter((r) => known.has(r.templateId))
  const at = isoAt(now)
  await remindersRepository.recordGrants(trx, auth.user.id, results, at)
  const accepted = new Set(results.filter((r) => r.result === 'accept').map((r) => r.templateId))
  if (accepted.size > 0) {
    const todos = await allTodos(trx, auth, now)
    const covered = todos.filter((t) => {
      const id = templates[t.kind]
      return id !== undefined && accepted.has(id)
    })
    await remindersRepository.markKnown(
      trx,
      covered.flatMap((t) => reminderKeys(auth.user.id, t)),
      at,
    )
  }
  return {
    result: {
      recorded: results.length,
      ...(await reminderOffer(trx, auth, templates)),
    },
    entityType: 'subscribe_grant',
    entityId: auth.user.id,
    detail: {
      accepted: [...accepted],
      answered: results.length,
      ignored: body.results.length - results.length,
    },
  }
}
