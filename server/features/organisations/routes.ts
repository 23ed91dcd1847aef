import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ENTERPRISE_ROLES,
  ZDepartment,
  ZEnterprise,
  ZEnterpriseCreate,
  ZEnterpriseUpdate,
  ZId,
  ZPartyBranch,
  ZPartyBranchCreate,
} from '../../../src/models/org'
import { OFFICE, SIGNED_IN, type Access } from '../../core/access'
import { notFound } from '../../core/errors'
import { requireAuth } from '../../core/auth'
import { branchesRepository, departmentsRepository, enterprisesRepository } from './repository'
import {
  createBranch,
  createEnterprise,
  linkSupervisor,
  listVisibleEnterprises,
  updateEnterprise,
} from './service'
import { performWrite } from '../../core/writes'
import { errorResponses } from '../../core/http'

const ZEnterpriseParams = z.object({ enterpriseId: ZId })
const anyMember: Access = {
  kind: 'enterprise',
  param: 'enterpriseId',
  roles: ENTERPRISE_ROLES,
  supervisor: true,
  office: true,
}
const liaisonOrOffice: Access = {
  kind: 'enterprise',
  param: 'enterpriseId',
  roles: ['liaison'],
  office: true,
}

const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/departments',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['organisations'],
        summary: '监管部门列表（在任的；retired=true 时也列出已撤销的，排在最后）',
        querystring: z.object({ retired: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ departments: z.array(ZDepartment) }) },
      },
    },
    async (request) => ({
      departments: await departmentsRepository.list(app.db, { retired: request.query.retired === 'true' }),
    }),
  )

  app.get(
    '/api/v1/enterprises',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['organisations'],
        summary: '可见的企业（办公室：全部；监管员：所监管；其他：本企业）',
        response: { 200: z.object({ enterprises: z.array(ZEnterprise) }), ...errorResponses },
      },
    },
    async (request) => ({ enterprises: await listVisibleEnterprises(app.db, requireAuth(request)) }),
  )

  app.post(
    '/api/v1/enterprises',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['organisations'],
        summary: '登记企业（统一社会信用代码按 GB 32100 校验）',
        body: ZEnterpriseCreate,
        response: { 201: ZEnterprise, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'enterprise.create',
        status: 201,
        run: (trx) => createEnterprise(trx, request.body, app.clock()),
      }),
  )

  app.get(
    '/api/v1/enterprises/:enterpriseId',
    {
      config: { access: anyMember },
      schema: {
        tags: ['organisations'],
        summary: '企业资料',
        params: ZEnterpriseParams,
        response: { 200: ZEnterprise, ...errorResponses },
      },
    },
    async (request) => {
      const enterprise = await enterprisesRepository.get(app.db, request.params.enterpriseId)
      if (!enterprise) throw notFound()
      return enterprise
    },
  )

  app.patch(
    '/api/v1/enterprises/:enterpriseId',
    {
      config: { access: liaisonOrOffice },
      schema: {
        tags: ['organisations'],
        summary: '修改企业资料',
        params: ZEnterpriseParams,
        body: ZEnterpriseUpdate,
        response: { 200: ZEnterprise, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!(await enterprisesRepository.get(app.db, request.params.enterpriseId))) throw notFound()
      return performWrite(request, reply, {
        action: 'enterprise.update',
        run: (trx) => updateEnterprise(trx, request.params.enterpriseId, request.body, app.clock()),
      })
    },
  )

  app.put(
    '/api/v1/enterprises/:enterpriseId/supervisors/:departmentId',
    {
      config: { access: { kind: 'enterprise', param: 'enterpriseId', roles: [], office: true } },
      schema: {
        tags: ['organisations'],
        summary: '建立监管关系（部门 ↔ 企业）',
        params: z.object({ enterpriseId: ZId, departmentId: ZId }),
        response: { 200: ZEnterprise, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!(await enterprisesRepository.get(app.db, request.params.enterpriseId))) throw notFound()
      return performWrite(request, reply, {
        action: 'supervision.link',
        run: (trx) =>
          linkSupervisor(trx, request.params.enterpriseId, request.params.departmentId, app.clock()),
      })
    },
  )

  app.get(
    '/api/v1/enterprises/:enterpriseId/branches',
    {
      config: { access: anyMember },
      schema: {
        tags: ['organisations'],
        summary: '企业党支部',
        params: ZEnterpriseParams,
        response: { 200: z.object({ branches: z.array(ZPartyBranch) }), ...errorResponses },
      },
    },
    async (request) => ({
      branches: await branchesRepository.listForEnterprise(app.db, request.params.enterpriseId),
    }),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/branches',
    {
      config: { access: liaisonOrOffice },
      schema: {
        tags: ['organisations'],
        summary: '新增党支部',
        params: ZEnterpriseParams,
        body: ZPartyBranchCreate,
        response: { 201: ZPartyBranch, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'party_branch.create',
        status: 201,
        run: (trx) => createBranch(trx, request.params.enterpriseId, request.body, app.clock()),
      }),
  )
}
export default enterpriseRoutes
