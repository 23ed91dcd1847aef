import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Db } from '../../core/db/database'
import { authContextOf } from '../../core/auth'
import { isoAt } from '../../core/clock'
import type { TReminderRun } from '../../../src/models/reminder'
import type { TTodoKind } from '../../../src/models/todo'
import { shanghaiDate, shanghaiHour } from '../../../src/models/shanghaiTime'
import { allTodos } from '../todos/service'
import { messageData, REMINDER_PAGE } from './messages'
import { remindersRepository, type ReminderKey } from './repository'
import { templateIdsOf, type ReminderTemplates } from './service'
import type { SubscribeMessageSender } from './wechatSend'

/** A send WeChat was too busy for is tried again on later runs, this many times in all. */
export const MAX_ATTEMPTS = 3

export interface ReminderDeps {
  db: Db
  client: SubscribeMessageSender
  templates: ReminderTemplates
  log: FastifyBaseLogger
}

/** The server's reminders: the configured templates, and one run of the sender (tests call it with their clock). */
export interface Reminders {
  templates: ReminderTemplates
  run(now: number): Promise<TReminderRun>
}

const ROLLBACK = new Error('claim lost')

/** Takes one accept and the to-do in one transaction: both, or neither (another run has them). */
async function claim(
  db: Db,
  key: ReminderKey,
  templateId: string,
  at: string,
): Promise<{ grantId: number; attempts: number } | null> {
  try {
    return await db.transaction().execute(async (trx) => {
      const grantId = await remindersRepository.claimGrant(trx, key.userId, templateId, at)
      if (grantId === null) throw ROLLBACK
      const attempts = await remindersRepository.claimReminder(trx, key, grantId, at)
      if (attempts === null) throw ROLLBACK
      return { grantId, attempts }
    })
  } catch (error) {
    if (error === ROLLBACK) return null
    throw error
  }
}

/**
 * One run: for each user with unused accepts, their to-do list (the same one 任务 shows), and for each
 * kind whose template they accepted, ONE message about the most urgent to-do of that kind that is new
 * (appeared since they subscribed) or newly overdue. The accept is spent with the send; the to-do's
 * (kind, key, occasion) row makes sure it is never sent again for the same occasion. A send WeChat
 * certainly did not make (busy, no token) gives the accept back and is tried on later runs, at most
 * MAX_ATTEMPTS times; any other failure is final. Failures are logged without the token.
 */
export async function sendReminders(deps: ReminderDeps, now: number): Promise<TReminderRun> {
  const run = { sent: 0, failed: 0, skipped: 0 }
  const templateIds = templateIdsOf(deps.templates)
  if (templateIds.length === 0 || !deps.client.configured) return run
  const { db } = deps
  const today = shanghaiDate(now)
  const at = isoAt(now)
  for (const user of await remindersRepository.usersWithGrants(db, templateIds)) {
    const todos = await allTodos(db, await authContextOf(db, user), now)
    const dealt = await remindersRepository.dealtWith(db, user.id)
    const pending = await remindersRepository.pending(db, user.id)
    const kinds = [...new Set(todos.map((t) => t.kind))] as TTodoKind[]
    for (const kind of kinds) {
      const templateId = deps.templates[kind]
      if (!templateId || !(pending[templateId] > 0)) continue
      const todo = todos.find((t) => {
        if (t.kind !== kind) return false
        const status = dealt.get(`${t.kind}|${t.key}|${t.overdue ? 'overdue' : 'new'}`)
        return status === undefined || status === 'retry'
      })
      if (!todo) continue
      const occasion = todo.overdue ? 'overdue' : 'new'
      const key: ReminderKey = { userId: user.id, kind, todoKey: todo.key, occasion }
      const claimed = await claim(db, key, templateId, at)
      if (!claimed) {
        run.skipped += 1
        continue
      }
      pending[templateId] -= 1
      const outcome = await deps.client.send({
        touser: user.openid,
        templateId,
        page: REMINDER_PAGE,
        data: messageData(todo, occasion, today),
      })
      if (outcome.ok) {
        await remindersRepository.settle(
          db,
          key,
          claimed.grantId,
          { status: 'sent', result: 'ok', releaseGrant: false },
          at,
        )
        run.sent += 1
        continue
      }
      const again = outcome.retry && claimed.attempts < MAX_ATTEMPTS
      const result = `${outcome.errcode} ${outcome.errmsg}`.replace(/access_token=[^&\s]*/g, 'access_token=…')
      deps.log.warn(
        { userId: user.id, kind, todo: todo.key, occasion, attempt: claimed.attempts, retry: again, result },
        'reminder not sent',
      )
      await remindersRepository.settle(
        db,
        key,
        claimed.grantId,
        // WeChat sent nothing when it may be retried: the accept is still the user's.
        { status: again ? 'retry' : 'failed', result, releaseGrant: outcome.retry },
        at,
      )
      run.failed += 1
    }
  }
  return run
}

/** Reminders go out in the day only (北京时间 08:00–21:00): an overdue notice at 00:05 wakes people. */
export function isReminderHour(now: number): boolean {
  const hour = shanghaiHour(now)
  return hour >= 8 && hour < 21
}

/**
 * The production timer (server.ts starts it, never app.ts: tests and the demo build many apps and must
 * not have them send on their own). A run that outlasts the interval is not overlapped. Returns stop.
 */
export function startReminderTimer(app: FastifyInstance, intervalMs: number): () => void {
  let running = false
  const tick = async () => {
    const now = app.clock()
    if (running || !isReminderHour(now)) return
    running = true
    try {
      const run = await app.reminders.run(now)
      if (run.sent || run.failed) app.log.info(run, 'reminders sent')
    } catch (error) {
      app.log.error({ err: error }, 'reminders failed')
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
