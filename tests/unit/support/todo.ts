import type { TTodo } from '@/models/todo'

/** A to-do for unit tests: a plain 整改 unless told otherwise. */
export const todo = (over: Partial<TTodo>): TTodo => ({
  kind: 'rectification_open',
  key: 'k',
  title: 't',
  detail: 'd',
  dueDate: null,
  overdue: false,
  enterpriseId: 1,
  recordId: 1,
  ...over,
})
