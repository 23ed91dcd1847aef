import type { DbOrTrx } from '../../core/db/database'
import type { TTodo } from '../../../src/models/todo'
import { milestoneDeadline } from '../../../src/models/milestones'
import { milestonesRepository as repo } from './repository'

type Draft = Omit<TTodo, 'overdue'>

/**
 * The 实施步骤 (三、（二）1.) in 任务. For the liaison of each enterprise: its 清廉建设工作领导小组 until one
 * is set up, and its 实施方案 until filed with a supervising department (again after a return), both due by
 * the deadline that binds the enterprise. For the 监管员 of the department a 实施方案 was filed with: to
 * receive it (已收到 or 退回).
 */
export async function milestoneTodos(
  db: DbOrTrx,
  liaisonOf: number[],
  supervising: number[],
): Promise<Draft[]> {
  const [enterprises, countyDeadline, returned, toReceive] = await Promise.all([
    repo.unfinished(db, liaisonOf),
    liaisonOf.length > 0 ? repo.countyDeadline(db) : null,
    repo.latestStatuses(db, liaisonOf),
    repo.toReceive(db, supervising),
  ])
  const drafts: Draft[] = []
  for (const e of enterprises) {
    const dueDate = milestoneDeadline(e.milestone_deadline, countyDeadline)
    const base = { kind: 'milestone_missing' as const, detail: e.name, dueDate, enterpriseId: e.id }
    if (!e.leading_group_date)
      drafts.push({
        ...base,
        key: `milestone:${e.id}:leading-group`,
        title: '成立本企业清廉建设工作领导小组',
        recordId: null,
      })
    if (!e.plan_filed_date) {
      const wasReturned = returned.get(e.id) === 'returned'
      drafts.push({
        ...base,
        // A return is a new occasion: reminded again.
        key: `milestone:${e.id}:plan${wasReturned ? ':returned' : ''}`,
        title: wasReturned ? '实施方案被退回，请修改后重新报送' : '制定本企业实施方案并报送监管部门',
        recordId: null,
      })
    }
  }
  for (const f of toReceive)
    drafts.push({
      kind: 'plan_receive',
      key: `plan-receive:${f.id}`,
      title: `接收「${f.enterprise_name}」的实施方案`,
      detail: `第 ${f.revision} 次报送 · ${f.department_name}`,
      dueDate: null,
      enterpriseId: f.enterprise_id,
      recordId: f.id,
    })
  return drafts
}
