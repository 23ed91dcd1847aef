import { changedOne, type DbOrTrx } from '../../core/db/database'
import type { TodoReminderTable } from '../../core/db/schema'
import type { Occasion } from './messages'

/** New grants are kept under this purpose (rows of the earlier 三会一课 reminders say 'meeting_due'). */
const PURPOSE = 'todo'

export interface ReminderKey {
  userId: number
  kind: string
  todoKey: string
  occasion: Occasion
}

/**
 * The user's answers to WeChat subscribe requests (`subscribe_grants`: one row per template answered;
 * an unused 'accept' is one message the server may send) and the to-dos the reminders have dealt with
 * (`todo_reminders`, one row per user, to-do and occasion: a unique index).
 */
export const remindersRepository = {
  async recordGrants(
    db: DbOrTrx,
    userId: number,
    results: { templateId: string; result: string }[],
    now: string,
  ): Promise<void> {
    if (results.length === 0) return
    await db
      .insertInto('subscribe_grants')
      .values(
        results.map((r) => ({
          user_id: userId,
          template_id: r.templateId,
          purpose: PURPOSE,
          result: r.result,
          created_at: now,
          used_at: null,
          send_result: null,
        })),
      )
      .execute()
  },

  /** Unused accepts of the user, per template id. */
  async pending(db: DbOrTrx, userId: number): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom('subscribe_grants')
      .select((eb) => ['template_id', eb.fn.countAll<number | string>().as('n')])
      .where('user_id', '=', userId)
      .where('result', '=', 'accept')
      .where('used_at', 'is', null)
      .groupBy('template_id')
      .execute()
    return Object.fromEntries(rows.map((r) => [r.template_id, Number(r.n)]))
  },

  /** Users with unused accepts of these templates (enabled accounts only), with their openid. */
  async usersWithGrants(db: DbOrTrx, templateIds: string[]) {
    if (templateIds.length === 0) return []
    return db
      .selectFrom('users as u')
      .selectAll('u')
      .where('u.disabled_at', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('subscribe_grants as g')
            .select('g.id')
            .whereRef('g.user_id', '=', 'u.id')
            .where('g.result', '=', 'accept')
            .where('g.used_at', 'is', null)
            .where('g.template_id', 'in', templateIds),
        ),
      )
      .orderBy('u.id')
      .execute()
  },

  /** What the reminders already did about this user's to-dos: `${kind}|${key}|${occasion}` → status. */
  async dealtWith(db: DbOrTrx, userId: number): Promise<Map<string, TodoReminderTable['status']>> {
    const rows = await db
      .selectFrom('todo_reminders')
      .select(['kind', 'todo_key', 'occasion', 'status'])
      .where('user_id', '=', userId)
      .execute()
    return new Map(rows.map((r) => [`${r.kind}|${r.todo_key}|${r.occasion}`, r.status]))
  },

  /** Marks to-dos as known (the user was looking at them when they subscribed): no message for them. */
  async markKnown(db: DbOrTrx, keys: ReminderKey[], now: string): Promise<void> {
    if (keys.length === 0) return
    await db
      .insertInto('todo_reminders')
      .values(
        keys.map((k) => ({
          user_id: k.userId,
          kind: k.kind,
          todo_key: k.todoKey,
          occasion: k.occasion,
          status: 'known' as const,
          attempts: 0,
          grant_id: null,
          result: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['user_id', 'kind', 'todo_key', 'occasion']).doNothing())
      .execute()
  },

  /** Takes one unused accept of the template for one message; its id, or null when none is left. */
  async claimGrant(db: DbOrTrx, userId: number, templateId: string, now: string): Promise<number | null> {
    const grant = await db
      .selectFrom('subscribe_grants')
      .select('id')
      .where('user_id', '=', userId)
      .where('template_id', '=', templateId)
      .where('result', '=', 'accept')
      .where('used_at', 'is', null)
      .orderBy('id')
      .executeTakeFirst()
    if (!grant) return null
    // Conditional: another run that took it first leaves nothing to update.
    const claimed = await changedOne(
      db
        .updateTable('subscribe_grants')
        .set({ used_at: now, send_result: 'sending' })
        .where('id', '=', grant.id)
        .where('used_at', 'is', null),
    )
    return claimed ? grant.id : null
  },

  /**
   * Takes the to-do for sending: a new row, or a 'retry' row back to 'sending'. Its attempt number, or
   * null when another run has it (the unique index, or the conditional update).
   */
  async claimReminder(db: DbOrTrx, key: ReminderKey, grantId: number, now: string): Promise<number | null> {
    const inserted = await db
      .insertInto('todo_reminders')
      .values({
        user_id: key.userId,
        kind: key.kind,
        todo_key: key.todoKey,
        occasion: key.occasion,
        status: 'sending',
        attempts: 1,
        grant_id: grantId,
        result: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['user_id', 'kind', 'todo_key', 'occasion']).doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return 1
    const resumed = await db
      .updateTable('todo_reminders')
      .set((eb) => ({
        status: 'sending',
        attempts: eb('attempts', '+', 1),
        grant_id: grantId,
        updated_at: now,
      }))
      .where('user_id', '=', key.userId)
      .where('kind', '=', key.kind)
      .where('todo_key', '=', key.todoKey)
      .where('occasion', '=', key.occasion)
      .where('status', '=', 'retry')
      .returning('attempts')
      .executeTakeFirst()
    return resumed ? resumed.attempts : null
  },

  /** Records how the send went, on the to-do and on the accept it used (given back when `releaseGrant`: WeChat sent nothing). */
  async settle(
    db: DbOrTrx,
    key: ReminderKey,
    grantId: number,
    outcome: { status: 'sent' | 'retry' | 'failed'; result: string; releaseGrant: boolean },
    now: string,
  ): Promise<void> {
    await db
      .updateTable('todo_reminders')
      .set({ status: outcome.status, result: outcome.result, updated_at: now })
      .where('user_id', '=', key.userId)
      .where('kind', '=', key.kind)
      .where('todo_key', '=', key.todoKey)
      .where('occasion', '=', key.occasion)
      .execute()
    await db
      .updateTable('subscribe_grants')
      .set(
        outcome.releaseGrant
          ? { used_at: null, send_result: null }
          : { send_result: outcome.result.slice(0, 200) },
      )
      .where('id', '=', grantId)
      .execute()
  },
}
