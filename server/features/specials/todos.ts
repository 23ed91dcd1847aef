import type { DbOrTrx } from '../../core/db/database'
import type { TTodo } from '../../../src/models/todo'
import { specialsRepository } from './repository'

/**
 * 专项整治：填报问题清单, for the liaison of each enterprise in an open 专项整治's scope until its list is
 * reported (a problem, or 无突出问题); overdue after the deadline.
 */
export async function specialTodos(db: DbOrTrx, liaisonOf: number[]): Promise<Omit<TTodo, 'overdue'>[]> {
  if (liaisonOf.length === 0) return []
  const rows = await specialsRepository.unreported(db, liaisonOf)
  return rows.map((r) => ({
    kind: 'special_report' as const,
    key: `special:${r.id}:${r.enterprise_id}`,
    title: '专项整治：填报问题清单',
    detail: `${r.title} · ${r.enterprise_name}`,
    dueDate: r.deadline,
    enterpriseId: r.enterprise_id,
    recordId: r.id,
  }))
}
