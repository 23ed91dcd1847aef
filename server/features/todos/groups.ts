import { compareTodos, type TTodo } from '../../../src/models/todo'
import { TODO_GROUP_FROM, TODO_GROUP_WORKLISTS, type TGroupedTodoKind } from '../../../src/models/todoKinds'

/** What one item says for a kind's many to-dos: the enterprises first, since 工作清单 lists them. */
const GROUP_TEXT: Record<TGroupedTodoKind, (enterprises: number, items: number) => [string, string]> = {
  assessment_review: (e, n) => [`${e}家企业的自查待审核`, `共 ${n} 份，在工作清单「待审核」中逐一审核`],
  rectification_verify: (e, n) => [`${e}家企业的整改待核验`, `共 ${n} 项，在工作清单「待核验」中逐一核验`],
  risk_alert: (e, n) => [
    `${e}家企业有廉洁风险预警`,
    `共 ${n} 个风险点（高风险或逾期未复核），在工作清单「风险预警」中查看`,
  ],
}

const grouped = (kind: TTodo['kind']): kind is TGroupedTodoKind => kind in TODO_GROUP_WORKLISTS

/**
 * The list as 任务 shows it: a kind of TODO_GROUP_WORKLISTS with TODO_GROUP_FROM or more to-dos becomes one
 * item in the place of its most urgent (overdue if any is, its nearest last day), every other to-do as it
 * is. Then at most `limit`, the groups always among them: they are few, and each stands for many.
 */
export function groupedTodos(items: TTodo[], limit: number): TTodo[] {
  const byKind = new Map<TGroupedTodoKind, TTodo[]>()
  for (const item of items) {
    if (!grouped(item.kind)) continue
    const members = byKind.get(item.kind) ?? []
    members.push(item)
    byKind.set(item.kind, members)
  }
  const groups: TTodo[] = []
  for (const [kind, members] of byKind) {
    if (members.length < TODO_GROUP_FROM) continue
    // `items` are in the list's order: the first is the most urgent.
    const first = members[0]
    const [title, detail] = GROUP_TEXT[kind](new Set(members.map((m) => m.enterpriseId)).size, members.length)
    groups.push({
      kind,
      key: `group:${kind}`,
      title,
      detail,
      dueDate: first.dueDate,
      overdue: first.overdue,
      enterpriseId: null,
      recordId: null,
      count: members.length,
    })
  }
  const collapsed = new Set(groups.map((g) => g.kind))
  const kept = items.filter((i) => !collapsed.has(i.kind))
  return [...groups, ...kept.slice(0, Math.max(0, limit - groups.length))].sort(compareTodos)
}
