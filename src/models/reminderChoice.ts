// No zod here: the main package (tab pages) imports it, and zod stays in the subpackages.
import { TODO_KINDS, type TTodoKind } from './todoKinds'
import type { TTodo } from './todo'
import type { TReminderOffer } from './reminder'

/** WeChat's limit: at most 3 template ids in one wx.requestSubscribeMessage call. */
export const SUBSCRIBE_MAX_TEMPLATES = 3

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
