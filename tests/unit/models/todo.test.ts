import { compareTodos, TODO_KINDS } from '@/models/todo'
import { todo } from '../support/todo'

describe('the to-do order', () => {
  it('puts overdue first, then the nearest last day, undated last, then the kinds in their order', () => {
    const list = [
      todo({ key: 'undated-review', kind: 'assessment_review' }),
      todo({ key: 'undated-sign', kind: 'pledge_sign' }),
      todo({ key: 'later', dueDate: '2026-05-01' }),
      todo({ key: 'overdue-late', dueDate: '2026-03-05', overdue: true }),
      todo({ key: 'soon', dueDate: '2026-03-20' }),
      todo({ key: 'overdue-early', dueDate: '2026-03-01', overdue: true }),
    ]
    expect([...list].sort(compareTodos).map((t) => t.key)).toEqual([
      'overdue-early',
      'overdue-late',
      'soon',
      'later',
      'undated-sign',
      'undated-review',
    ])
  })

  it('names every kind once', () => {
    expect(new Set(TODO_KINDS).size).toBe(TODO_KINDS.length)
  })
})
