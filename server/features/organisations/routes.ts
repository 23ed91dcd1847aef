import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { featureRoutes, ZEnterpriseParams } from '../../core/routes'
import { z } from 'zod'
import {
  ZDepartment,
  ZEnterprise,
  ZEnterpriseCreate,
  ZEnterpriseUpdate,
  ZId,
  ZPartyBranch,
  ZPartyBranchCreate,
} from '../../../src/models/org'
import {
  ENTERPRISE_LIAISON_OR_OFFICE,
  ENTERPRISE_OFFICE,
  ENTERPRISE_VIEWERS,
  OFFICE,
  SIGNED_IN,
} from '../../core/access'
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

const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'organisations')
  route(
    'GET',
    '/api/v1/departments',
    {
      access: SIGNED_IN,
      summary: '监管部门列表（在任的；retired=true 时也列出已撤销的，排在最后）',
      querystring: z.object({ retired: z.enum(['true', 'false']).default('false') }),
      response: { 200: z.object({ departments: z.array(ZDepartment) }) },
      errorAnswers: false,
    },
    async (request) => ({
      departments: await departmentsRepository.list(app.db, { retired: request.query.retired === 'true' }),
    }),
  )

  route(
    'GET',
    '/api/v1/enterprises',
    {
      access: SIGNED_IN,
      summary: '可见的企业（办公室：全部；监管员：所监管；其他：本企业）',
      response: { 200: z.object({ enterprises: z.array(ZEnterprise) }) },
    },
    async (request) => ({ enterprises: await listVisibleEnterprises(app.db, requireAuth(request)) }),
  )

  write(
    'POST',
    '/api/v1/enterprises',
    {
      access: OFFICE,
      summary: '登记企业（统一社会信用代码按 GB 32100 校验）',
      body: ZEnterpriseCreate,
      response: { 201: ZEnterprise },
      action: 'enterprise.create',
    },
    (request, trx) =>
      createEnterprise(trx, request.body, requireAuth(request).user.id, app.clock(), app.dialect),
  )

  route(
    'GET',
    '/api/v1/enterprises/:enterpriseId',
    {
      access: ENTERPRISE_VIEWERS,
      summary: '企业资料',
      params: ZEnterpriseParams,
      response: { 200: ZEnterprise },
    },
    async (request) => {
      const enterprise = await enterprisesRepository.get(app.db, request.params.enterpriseId)
      if (!enterprise) throw notFound()
      return enterprise
    },
  )

  route(
    'PATCH',
    '/api/v1/enterprises/:enterpriseId',
    {
      access: ENTERPRISE_LIAISON_OR_OFFICE,
      summary: '修改企业资料',
      params: ZEnterpriseParams,
      body: ZEnterpriseUpdate,
      response: { 200: ZEnterprise },
    },
    async (request, reply) => {
      if (!(await enterprisesRepository.get(app.db, request.params.enterpriseId))) throw notFound()
      return performWrite(request, reply, {
        action: 'enterprise.update',
        run: (trx) => updateEnterprise(trx, request.params.enterpriseId, request.body, app.clock()),
      })
    },
  )

  route(
    'PUT',
    '/api/v1/enterprises/:enterpriseId/supervisors/:departmentId',
    {
      access: ENTERPRISE_OFFICE,
      summary: '建立监管关系（部门 ↔ 企业）',
      params: z.object({ enterpriseId: ZId, departmentId: ZId }),
      response: { 200: ZEnterprise },
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

  route(
    'GET',
    '/api/v1/enterprises/:enterpriseId/branches',
    {
      access: ENTERPRISE_VIEWERS,
      summary: '企业党支部',
      params: ZEnterpriseParams,
      response: { 200: z.object({ branches: z.array(ZPartyBranch) }) },
    },
    async (request) => ({
      branches: await branchesRepository.listForEnterprise(app.db, request.params.enterpriseId),
    }),
  )

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/branches',
    {
      access: ENTERPRISE_LIAISON_OR_OFFICE,
      summary: '新增党支部',
      params: ZEnterpriseParams,
      body: ZPartyBranchCreate,
      response: { 201: ZPartyBranch },
      action: 'party_branch.create',
    },
    (request, trx) => createBranch(trx, request.params.enterpriseId, request.body, app.clock()),
  )
}
export default enterpriseRoutes
