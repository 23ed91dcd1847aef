import { groupedTodos } from '../../../server/features/todos/groups'
import { compareTodos, type TTodo } from '../../../src/models/todo'

const item = (kind: TTodo['kind'], n: number, over: Partial<TTodo> = {}): TTodo => ({
  kind,
  key: `${kind}:${String(n).padStart(4, '0')}`,
  title: `${kind} ${n}`,
  detail: `企业${n}`,
  dueDate: null,
  overdue: false,
  enterpriseId: n,
  recordId: n,
  ...over,
})

describe('任务 of a supervisor of many enterprises (groupedTodos)', () => {
  it('keeps an item of many in the list however many single to-dos come before it', () => {
    // 权力清单 (no 工作清单 of its own: never grouped) come before 核验 in the list's order.
    const items = [
      ...Array.from({ length: 150 }, (_, i) => item('power_list_unread', i)),
      ...Array.from({ length: 12 }, (_, i) => item('rectification_verify', i % 6)),
    ].sort(compareTodos)
    const list = groupedTodos(items, 100)
    expect(list).toHaveLength(100)
    expect(list.filter((i) => i.kind === 'power_list_unread')).toHaveLength(99)
    expect(list.at(-1)).toMatchObject({
      key: 'group:rectification_verify',
      count: 12,
      title: '6家企业的整改待核验',
    })
  })

  it('puts the item of many where its most urgent one was: overdue, with its last day', () => {
    const items = [
      item('rectification_open', 1, { dueDate: '2026-03-20' }),
      ...Array.from({ length: 9 }, (_, i) => item('risk_alert', i + 10)),
      item('risk_alert', 2, { dueDate: '2026-03-01', overdue: true }),
    ].sort(compareTodos)
    expect(groupedTodos(items, 100).map((i) => [i.key, i.dueDate, i.overdue])).toEqual([
      ['group:risk_alert', '2026-03-01', true],
      ['rectification_open:0001', '2026-03-20', false],
    ])
  })
})
