/** 监管部门 (the office): departments and which enterprises each supervises. */
import type { TDepartmentCreate, TSupervisionRule } from '@/models/department'
import { getOutbox, type OutboxEntry } from './outbox'

export { fetchDepartments } from './pledges'

export const DEPARTMENT_WRITE_KINDS = {
  create: 'department.create',
  rename: 'department.rename',
  rule: 'supervision.rule',
} as const

export function queueDepartmentCreate(body: TDepartmentCreate): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: '/api/v1/departments',
    body,
    label: `新建监管部门「${body.name}」`,
    kind: DEPARTMENT_WRITE_KINDS.create,
  })
}

export function queueDepartmentRename(id: number, name: string): OutboxEntry {
  return getOutbox().enqueue({
    method: 'PATCH',
    path: `/api/v1/departments/${id}`,
    body: { name },
    label: `部门改名为「${name}」`,
    kind: DEPARTMENT_WRITE_KINDS.rename,
  })
}

export function queueSupervisionRule(id: number, body: TSupervisionRule): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `/api/v1/departments/${id}/supervision-rules`,
    body,
    label: '按企业性质建立监管关系',
    kind: DEPARTMENT_WRITE_KINDS.rule,
  })
}
