/** 监管部门 (the office): departments and which enterprises each supervises. */
import {
  ZDepartmentEnterprisePage,
  type TDepartmentCreate,
  type TDepartmentEnterprisePage,
  type TSupervisionRule,
} from '@/models/department'
import { ZDepartment, type TDepartment, type TEnterpriseCreateInput } from '@/models/org'
import { z } from 'zod'
import { getOutbox, type OutboxEntry } from './outbox'
import { request } from './request'

const ZDepartmentList = z.object({ departments: z.array(ZDepartment) })

/** The departments in service; with `retired` (the office's list), the retired ones too, listed last. */
export async function fetchDepartments(options: { retired?: boolean } = {}): Promise<TDepartment[]> {
  const query = options.retired ? { retired: 'true' } : undefined
  return (await request({ path: '/api/v1/departments', query, schema: ZDepartmentList })).departments
}

export function fetchDepartmentEnterprises(
  departmentId: number,
  filter: { linked: boolean; q: string; page: number },
): Promise<TDepartmentEnterprisePage> {
  return request({
    path: `/api/v1/departments/${departmentId}/enterprises`,
    query: { linked: String(filter.linked), page: String(filter.page), ...(filter.q ? { q: filter.q } : {}) },
    schema: ZDepartmentEnterprisePage,
  })
}

export const DEPARTMENT_WRITE_KINDS = {
  create: 'department.create',
  rename: 'department.rename',
  rule: 'supervision.rule',
  retire: 'department.retire',
  link: 'supervision.link',
  unlink: 'supervision.unlink',
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

export function queueDepartmentRetire(department: TDepartment): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: `/api/v1/departments/${department.id}/retire`,
    label: `撤销监管部门「${department.name}」`,
    kind: DEPARTMENT_WRITE_KINDS.retire,
  })
}

/** Links (or, with `linked: false`, unlinks) one enterprise to the department. */
export function queueSupervisionLink(
  departmentId: number,
  enterprise: { id: number; name: string },
  linked: boolean,
): OutboxEntry {
  return getOutbox().enqueue({
    method: linked ? 'PUT' : 'DELETE',
    path: `/api/v1/enterprises/${enterprise.id}/supervisors/${departmentId}`,
    label: `${linked ? '关联' : '取消关联'}「${enterprise.name}」`,
    kind: linked ? DEPARTMENT_WRITE_KINDS.link : DEPARTMENT_WRITE_KINDS.unlink,
  })
}

/** 登记企业 (the office): one enterprise by hand; the answer is the enterprise registered. */
export function queueEnterpriseCreate(body: TEnterpriseCreateInput): OutboxEntry {
  return getOutbox().enqueue({
    method: 'POST',
    path: '/api/v1/enterprises',
    body,
    label: `登记企业「${body.name}」`,
    kind: 'enterprise.create',
  })
}
