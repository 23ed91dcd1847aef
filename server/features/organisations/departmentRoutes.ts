import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
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
import { errorResponses } from '../../core/http'
import { performWrite } from '../../core/writes'
import {
  createDepartment,
  departmentEnterprises,
  linkByRule,
  renameDepartment,
  retireDepartment,
  unlinkSupervisor,
} from './departments'

const ZDepartmentParams = z.object({ departmentId: ZId })

/** The office sets up the county's supervising departments and which enterprises each supervises. */
const departmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/departments',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['organisations'],
        summary: '新建监管部门（领导小组办公室）',
        body: ZDepartmentCreate,
        response: { 201: ZDepartment, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'department.create',
        status: 201,
        run: (trx) => createDepartment(trx, request.body.name, app.clock()),
      }),
  )

  app.patch(
    '/api/v1/departments/:departmentId',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['organisations'],
        summary: '重命名监管部门（领导小组办公室）',
        params: ZDepartmentParams,
        body: ZDepartmentRename,
        response: { 200: ZDepartment, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'department.rename',
        run: (trx) => renameDepartment(trx, request.params.departmentId, request.body.name),
      }),
  )

  app.post(
    '/api/v1/departments/:departmentId/supervision-rules',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['organisations'],
        summary: '按企业性质批量建立监管关系（如：民营 → 县委统战部）',
        params: ZDepartmentParams,
        body: ZSupervisionRule,
        response: { 200: ZSupervisionRuleResult, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'supervision.rule',
        run: (trx) => linkByRule(trx, request.params.departmentId, request.body.ownerships, app.clock()),
      }),
  )

  app.post(
    '/api/v1/departments/:departmentId/retire',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['organisations'],
        summary: '撤销监管部门：保留名称与记录，不再监管任何企业，其人员的部门角色失效（领导小组办公室）',
        params: ZDepartmentParams,
        response: { 200: ZDepartmentRetireResult, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'department.retire',
        run: (trx) => retireDepartment(trx, request.params.departmentId, app.clock()),
      }),
  )

  app.get(
    '/api/v1/departments/:departmentId/enterprises',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['organisations'],
        summary: '部门所监管（或未监管）的企业，按名称或信用代码查找，分页（领导小组办公室）',
        params: ZDepartmentParams,
        querystring: ZDepartmentEnterpriseQuery,
        response: { 200: ZDepartmentEnterprisePage, ...errorResponses },
      },
    },
    async (request) =>
      departmentEnterprises(app.db, request.params.departmentId, {
        ...request.query,
        linked: request.query.linked === 'true',
      }),
  )

  app.delete(
    '/api/v1/enterprises/:enterpriseId/supervisors/:departmentId',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['organisations'],
        summary: '取消监管关系（部门 ↔ 企业），下一次请求起生效（领导小组办公室）',
        params: z.object({ enterpriseId: ZId, departmentId: ZId }),
        response: { 200: ZEnterprise, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'supervision.unlink',
        run: (trx) => unlinkSupervisor(trx, request.params.enterpriseId, request.params.departmentId),
      }),
  )
}
export default departmentRoutes
