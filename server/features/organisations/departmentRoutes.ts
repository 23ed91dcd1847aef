import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZDepartmentCreate,
  ZDepartmentRename,
  ZSupervisionRule,
  ZSupervisionRuleResult,
} from '../../../src/models/department'
import { ZDepartment, ZId } from '../../../src/models/org'
import { OFFICE } from '../../core/access'
import { errorResponses } from '../../core/http'
import { performWrite } from '../../core/writes'
import { createDepartment, linkByRule, renameDepartment } from './departments'

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
}
export default departmentRoutes
