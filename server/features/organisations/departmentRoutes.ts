import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { featureRoutes, sharedDeclaration, ZDepartmentParams } from '../../core/routes'
import { z } from 'zod'
import {
  ZDepartmentCreate,
  ZDepartmentEnterprisePage,
  ZDepartmentEnterpriseQuery,
  ZDepartmentRename,
  ZDepartmentRetireResult,
  ZSupervisionRule,
  ZSupervisionRuleResult,
} from '../../../src/models/department'
import { ZDepartment, ZEnterprise, ZId } from '../../../src/models/org'
import { OFFICE } from '../../core/access'
import {
  createDepartment,
  departmentEnterprises,
  linkByRule,
  renameDepartment,
  retireDepartment,
  unlinkSupervisor,
} from './departments'

/** The office sets up the county's supervising departments and which enterprises each supervises. */
const departmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'organisations')
  write(
    'POST',
    '/api/v1/departments',
    {
      access: OFFICE,
      summary: '新建监管部门（领导小组办公室）',
      body: ZDepartmentCreate,
      response: { 201: ZDepartment },
      action: 'department.create',
    },
    (request, trx) => createDepartment(trx, request.body.name, app.clock()),
  )

  /** The office's routes on one department. */
  const onDepartment = sharedDeclaration({ access: OFFICE, params: ZDepartmentParams })

  write(
    'PATCH',
    '/api/v1/departments/:departmentId',
    onDepartment({
      summary: '重命名监管部门（领导小组办公室）',
      body: ZDepartmentRename,
      response: { 200: ZDepartment },
      action: 'department.rename',
    }),
    (request, trx) => renameDepartment(trx, request.params.departmentId, request.body.name),
  )

  write(
    'POST',
    '/api/v1/departments/:departmentId/supervision-rules',
    onDepartment({
      summary: '按企业性质批量建立监管关系（如：民营 → 县委统战部）',
      body: ZSupervisionRule,
      response: { 200: ZSupervisionRuleResult },
      action: 'supervision.rule',
    }),
    (request, trx) => linkByRule(trx, request.params.departmentId, request.body.ownerships, app.clock()),
  )

  write(
    'POST',
    '/api/v1/departments/:departmentId/retire',
    onDepartment({
      summary: '撤销监管部门：保留名称与记录，不再监管任何企业，其人员的部门角色失效（领导小组办公室）',
      response: { 200: ZDepartmentRetireResult },
      action: 'department.retire',
    }),
    (request, trx) => retireDepartment(trx, request.params.departmentId, app.clock()),
  )

  route(
    'GET',
    '/api/v1/departments/:departmentId/enterprises',
    onDepartment({
      summary: '部门所监管（或未监管）的企业，按名称或信用代码查找，分页（领导小组办公室）',
      querystring: ZDepartmentEnterpriseQuery,
      response: { 200: ZDepartmentEnterprisePage },
    }),
    async (request) =>
      departmentEnterprises(app.db, request.params.departmentId, {
        ...request.query,
        linked: request.query.linked === 'true',
      }),
  )

  write(
    'DELETE',
    '/api/v1/enterprises/:enterpriseId/supervisors/:departmentId',
    {
      access: OFFICE,
      summary: '取消监管关系（部门 ↔ 企业），下一次请求起生效（领导小组办公室）',
      params: z.object({ enterpriseId: ZId, departmentId: ZId }),
      response: { 200: ZEnterprise },
      action: 'supervision.unlink',
    },
    (request, trx) => unlinkSupervisor(trx, request.params.enterpriseId, request.params.departmentId),
  )
}
export default departmentRoutes
