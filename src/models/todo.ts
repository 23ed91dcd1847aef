import { z } from 'zod'

/**
 * What waits for the caller (任务): one list computed on the server from every flow, so the tab, its
 * badge and the reminders agree. The kinds, in the order the list shows them when nothing is overdue.
 */
export const TODO_KINDS = [
  'urge',
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

/** The heading of each kind, as the H5 digest and the reminder settings name them. */
export const TODO_KIND_LABELS: Record<TTodoKind, string> = {
  urge: '督办催办',
  rectification_returned: '整改被退回',
  rectification_notice: '整改通知',
  rectification_open: '待整改',
  assessment_returned: '自查被退回',
  assessment_fill: '待自查',
  pledge_countersign: '待会签承诺',
  pledge_sign: '待签承诺',
  meeting_due: '三会一课到期',
  assessment_review: '待审核自查',
  rectification_verify: '待核验整改',
  member_pending: '待审批成员',
}

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
