import { z } from 'zod'
import { TODO_KINDS, ZTodoKind, type TTodo, type TTodoKind } from './todo'

/**
 * Reminders in the mini-program (订阅消息): the server names a WeChat template per to-do kind (kinds
 * without one are not offered); the user's tap asks WeChat for some of them; each 'accept' lets the
 * server send one message. The same to-do list (todo.ts) decides what a message is about.
 */

/** What wx.requestSubscribeMessage answered for each template, as the user chose it. */
export const ZSubscribeResult = z.enum(['accept', 'reject', 'ban', 'filter'])
export type TSubscribeResult = z.infer<typeof ZSubscribeResult>

/** WeChat's limit: at most 3 template ids in one wx.requestSubscribeMessage call. */
export const SUBSCRIBE_MAX_TEMPLATES = 3

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

/**
 * The template ids one tap asks for: those of the kinds in `kinds` (most urgent first), the ones without
 * an unused accept before the others, each template once, at most WeChat's 3.
 */
export function chooseTemplates(offer: TReminderOffer, kinds: readonly TTodoKind[]): string[] {
  const ids: string[] = []
  for (const kind of kinds) {
    const id = offer.templates[kind]
    if (id && !ids.includes(id)) ids.push(id)
  }
  const waiting = (id: string) => ((offer.pending[id] ?? 0) > 0 ? 1 : 0)
  // A stable sort: within each group the kinds keep their urgency order.
  return ids.sort((a, b) => waiting(a) - waiting(b)).slice(0, SUBSCRIBE_MAX_TEMPLATES)
}

/** The kinds of a to-do list in the list's order (the most urgent item's kind first), each once. */
export function kindsByUrgency(items: readonly TTodo[], counts: Partial<Record<TTodoKind, number>>) {
  const kinds: TTodoKind[] = []
  for (const item of items) if (!kinds.includes(item.kind)) kinds.push(item.kind)
  // Kinds beyond the list's limit still count, after those shown.
  for (const kind of TODO_KINDS) if ((counts[kind] ?? 0) > 0 && !kinds.includes(kind)) kinds.push(kind)
  return kinds
}
