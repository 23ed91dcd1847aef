import { z } from 'zod'
import { TODO_KINDS, TODO_KIND_LABELS, type TTodoKind } from './todoKinds'

export { TODO_KINDS, TODO_KIND_LABELS, type TTodoKind }

export const ZTodoKind = z.enum(TODO_KINDS)

export const ZTodo = z
  .object({
    kind: ZTodoKind,
    /** Stable across loads (kind and record), for list keys and "already reminded". */
    key: z.string(),
    title: z.string(),
    detail: z.string(),
    /** The last day, 'YYYY-MM-DD' in 北京时间; null when the task has none. */
    dueDate: z.string().nullable(),
    overdue: z.boolean(),
    /** The records the task is about: the app decides which page opens them. */
    enterpriseId: z.number().int().nullable(),
    recordId: z.number().int().nullable(),
    /**
     * Set on the one item that stands for this many to-dos of its kind (TODO_GROUP_WORKLISTS), done from
     * the kind's 工作清单; its enterpriseId and recordId are then null.
     */
    count: z.number().int().optional(),
  })
  .meta({ id: 'Todo' })
export type TTodo = z.infer<typeof ZTodo>

export const TODO_LIST_LIMIT = 100

export const ZTodoList = z
  .object({
    /** Overdue first, then by the nearest last day; at most TODO_LIST_LIMIT. */
    items: z.array(ZTodo),
    /** All of them, also beyond the list's limit (the badge shows this). */
    total: z.number().int(),
    counts: z.partialRecord(ZTodoKind, z.number().int()),
  })
  .meta({ id: 'TodoList' })
export type TTodoList = z.infer<typeof ZTodoList>

/** Overdue first, then the nearest last day (none last), then the kinds' order: the list's one order. */
export function compareTodos(a: TTodo, b: TTodo): number {
  return (
    Number(b.overdue) - Number(a.overdue) ||
    (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
    TODO_KINDS.indexOf(a.kind) - TODO_KINDS.indexOf(b.kind) ||
    a.key.localeCompare(b.key)
  )
}

/**
 * The H5 digest at the top of 任务 (H5 has no subscribe messages): counts per kind, the kinds with
 * overdue items first, and what is new since the user last looked (kept on the server per user).
 */
export const ZTodoDigest = z
  .object({
    total: z.number().int(),
    overdue: z.number().int(),
    byKind: z.array(z.object({ kind: ZTodoKind, count: z.number().int(), overdue: z.number().int() })),
    /** To-dos the user did not have when they last looked (0 on a first look: nothing to compare with). */
    newCount: z.number().int(),
    /** Their keys (at most TODO_LIST_LIMIT), so the list can mark them. */
    newKeys: z.array(z.string()),
    /** When the user last looked; null the first time. */
    lastSeenAt: z.string().nullable(),
  })
  .meta({ id: 'TodoDigest' })
export type TTodoDigest = z.infer<typeof ZTodoDigest>

/** Per kind, the kinds with overdue items first (most overdue first), then the list's order of kinds. */
export function digestByKind(items: TTodo[]): TTodoDigest['byKind'] {
  const byKind = new Map<TTodoKind, { kind: TTodoKind; count: number; overdue: number }>()
  for (const item of items) {
    const entry = byKind.get(item.kind) ?? { kind: item.kind, count: 0, overdue: 0 }
    entry.count += 1
    if (item.overdue) entry.overdue += 1
    byKind.set(item.kind, entry)
  }
  return [...byKind.values()].sort(
    (a, b) => b.overdue - a.overdue || TODO_KINDS.indexOf(a.kind) - TODO_KINDS.indexOf(b.kind),
  )
}
