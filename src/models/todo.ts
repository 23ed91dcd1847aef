import { z } from 'zod'

/**
 * What waits for the caller (任务): one list computed on the server from every flow, so the tab, its
 * badge and the reminders agree. The kinds, in the order the list shows them when nothing is overdue.
 */
export const TODO_KINDS = [
  'rectification_returned',
  'rectification_notice',
  'rectification_open',
  'assessment_returned',
  'assessment_fill',
  'pledge_countersign',
  'pledge_sign',
  'meeting_due',
  'assessment_review',
  'rectification_verify',
  'member_pending',
] as const
export const ZTodoKind = z.enum(TODO_KINDS)
export type TTodoKind = z.infer<typeof ZTodoKind>

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
