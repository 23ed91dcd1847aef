import { z } from 'zod'
import { ZTodoKind } from './todo'
import { SUBSCRIBE_MAX_TEMPLATES, chooseTemplates, kindsByUrgency } from './reminderChoice'

export { SUBSCRIBE_MAX_TEMPLATES, chooseTemplates, kindsByUrgency }

/**
 * Reminders in the mini-program (订阅消息): the server names a WeChat template per to-do kind (kinds
 * without one are not offered); the user's tap asks WeChat for some of them; each 'accept' lets the
 * server send one message. The same to-do list (todo.ts) decides what a message is about.
 */

/** What wx.requestSubscribeMessage answered for each template, as the user chose it. */
export const ZSubscribeResult = z.enum(['accept', 'reject', 'ban', 'filter'])
export type TSubscribeResult = z.infer<typeof ZSubscribeResult>

export const ZReminderOffer = z
  .object({
    /** The configured template of each kind that has one. */
    templates: z.partialRecord(ZTodoKind, z.string()),
    /** Accepts not yet used, per template id (each is one message the server may still send). */
    pending: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'ReminderOffer' })
export type TReminderOffer = z.infer<typeof ZReminderOffer>

export const ZReminderGrants = z
  .object({
    results: z
      .array(
        z.object({
          // WeChat's template ids are letters, digits, - and _ (anything else, a NUL say, is refused here).
          templateId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, '模板编号无效'),
          result: ZSubscribeResult,
        }),
      )
      .min(1)
      .max(SUBSCRIBE_MAX_TEMPLATES),
  })
  .meta({ id: 'ReminderGrants' })
export type TReminderGrants = z.infer<typeof ZReminderGrants>

export const ZReminderRun = z
  .object({
    /** Messages WeChat accepted. */
    sent: z.number().int(),
    /** Messages refused or not delivered (retried later only when WeChat was busy, at most 3 times). */
    failed: z.number().int(),
    /** Claims another run took first. */
    skipped: z.number().int(),
  })
  .meta({ id: 'ReminderRun' })
export type TReminderRun = z.infer<typeof ZReminderRun>
