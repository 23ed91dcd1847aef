import type { DbOrTrx } from '../../core/db/database'
import type { TTodo } from '../../../src/models/todo'
import { powersRepository } from './repository'

type Draft = Omit<TTodo, 'overdue'>

/**
 * 权力清单 to read (task 12: the supervising departments 强化对国企「一把手」的监督): for the 监管员 of a
 * department that supervises a 国企, its current version until that department has acknowledged it (阅看).
 * One item per version, naming the caller's departments that still owe it; a newer version takes its place.
 */
export async function powerListTodos(db: DbOrTrx, supervising: number[]): Promise<Draft[]> {
  const rows = await powersRepository.unacknowledged(db, supervising)
  const byVersion = new Map<number, { row: (typeof rows)[number]; departments: string[] }>()
  for (const row of rows) {
    const entry = byVersion.get(row.id) ?? { row, departments: [] }
    entry.departments.push(row.department_name)
    byVersion.set(row.id, entry)
  }
  return [...byVersion.values()].map(({ row, departments }) => ({
    kind: 'power_list_unread' as const,
    key: `power-list-unread:${row.id}`,
    title: `阅看「${row.enterprise_name}」的权力清单`,
    detail: `第 ${row.version} 版 · ${departments.join('、')}`,
    dueDate: null,
    enterpriseId: row.enterprise_id,
    recordId: row.version,
  }))
}
