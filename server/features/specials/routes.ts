import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZIdParam } from '../../../src/models/common'
import {
  ZEnterpriseSpecials,
  ZSpecialCompletion,
  ZSpecialCompletionQuery,
  ZSpecialCreate,
  ZSpecialDetail,
  ZSpecialList,
  ZSpecialListQuery,
  ZSpecialProblemCreate,
  ZSpecialProblemUpdate,
  ZSpecialSheet,
  ZSpecialUpdate,
  ZVersionBody,
} from '../../../src/models/special'
import { ENTERPRISE_ROLES } from '../../../src/models/roles'
import { enterpriseAccess, SUPERVISORS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { featureRoutes, sharedDeclaration, ZEnterpriseParams } from '../../core/routes'
import {
  closeSpecial,
  listSpecials,
  openSpecial,
  specialCompletion,
  specialDetail,
  updateSpecial,
  type SpecialWrite,
} from './service'
import {
  addProblem,
  enterpriseSheet,
  enterpriseSpecials,
  issuerSheet,
  reportSheet,
  updateProblem,
} from './sheets'
import type { FastifyRequest } from 'fastify'
import type { DbOrTrx } from '../../core/db/database'

const ZSpecialParams = z.object({ specialId: ZIdParam })
const ZIssuerSheetParams = z.object({ specialId: ZIdParam, enterpriseId: ZIdParam })
const ZSheetParams = z.object({ enterpriseId: ZIdParam, specialId: ZIdParam })
const ZProblemParams = ZSheetParams.extend({ problemId: ZIdParam })
/** The list is kept by the enterprise's liaison and head, read by all its members (the issuer reads it under /specials). */
const keepers = enterpriseAccess(['liaison', 'head'])
const members = enterpriseAccess(ENTERPRISE_ROLES)

function issuerWrite(request: FastifyRequest, db: DbOrTrx): SpecialWrite {
  return { db, auth: requireAuth(request), now: request.server.clock() }
}
function sheetWrite(request: FastifyRequest & { params: { enterpriseId: number } }, db: DbOrTrx) {
  return { ...issuerWrite(request, db), enterpriseId: request.params.enterpriseId }
}

const specialRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'specials')
  const base = '/api/v1/specials'
  const sheet = '/api/v1/enterprises/:enterpriseId/specials'

  route(
    'GET',
    base,
    {
      access: SUPERVISORS,
      summary: '专项整治（本部门开展的；办公室：全部）',
      querystring: ZSpecialListQuery,
      response: { 200: ZSpecialList },
    },
    async (request) => listSpecials(app.db, requireAuth(request), request.query, app.clock()),
  )

  write(
    'POST',
    base,
    {
      access: SUPERVISORS,
      summary: '开展专项整治（范围在开展时确定）',
      body: ZSpecialCreate,
      response: { 201: ZSpecialDetail },
      action: 'special.create',
    },
    (request, trx) => openSpecial(issuerWrite(request, trx), request.body),
  )

  route(
    'GET',
    `${base}/:specialId`,
    {
      access: SUPERVISORS,
      summary: '专项整治详情',
      params: ZSpecialParams,
      response: { 200: ZSpecialDetail },
    },
    async (request) => specialDetail(app.db, requireAuth(request), request.params.specialId, app.clock()),
  )

  /** The issuer's writes on one 专项整治, answered with it as it now stands. */
  const specialWrite = sharedDeclaration({
    access: SUPERVISORS,
    params: ZSpecialParams,
    response: { 200: ZSpecialDetail },
  })

  write(
    'PUT',
    `${base}/:specialId`,
    specialWrite({
      summary: '修改专项整治（带版本号，过期 409 SPECIAL_STALE）',
      body: ZSpecialUpdate,
      action: 'special.update',
    }),
    (request, trx) => updateSpecial(issuerWrite(request, trx), request.params.specialId, request.body),
  )

  write(
    'POST',
    `${base}/:specialId/close`,
    specialWrite({ summary: '结束专项整治', body: ZVersionBody, action: 'special.close' }),
    (request, trx) => closeSpecial(issuerWrite(request, trx), request.params.specialId, request.body.version),
  )

  route(
    'GET',
    `${base}/:specialId/enterprises`,
    {
      access: SUPERVISORS,
      summary: '专项整治各企业填报和整改情况',
      params: ZSpecialParams,
      querystring: ZSpecialCompletionQuery,
      response: { 200: ZSpecialCompletion },
    },
    async (request) =>
      specialCompletion(app.db, requireAuth(request), request.params.specialId, request.query, app.clock()),
  )

  route(
    'GET',
    `${base}/:specialId/enterprises/:enterpriseId`,
    {
      access: SUPERVISORS,
      summary: '一家企业的突出问题清单（开展部门查看）',
      params: ZIssuerSheetParams,
      response: { 200: ZSpecialSheet },
    },
    async (request) => {
      const { specialId, enterpriseId } = request.params
      return issuerSheet(app.db, requireAuth(request), specialId, enterpriseId, app.clock())
    },
  )

  route(
    'GET',
    sheet,
    {
      access: members,
      summary: '本企业的专项整治',
      params: ZEnterpriseParams,
      response: { 200: ZEnterpriseSpecials },
    },
    async (request) => enterpriseSpecials(app.db, request.params.enterpriseId, app.clock()),
  )

  route(
    'GET',
    `${sheet}/:specialId`,
    {
      access: members,
      summary: '本企业的突出问题清单',
      params: ZSheetParams,
      response: { 200: ZSpecialSheet },
    },
    async (request) =>
      enterpriseSheet(app.db, request.params.specialId, request.params.enterpriseId, app.clock()),
  )

  /** The enterprise's writes on its list, answered with the list as it now stands. */
  const sheetEdit = sharedDeclaration({ access: keepers, params: ZSheetParams })

  write(
    'POST',
    `${sheet}/:specialId/report`,
    sheetEdit({
      summary: '报送突出问题清单（可为无突出问题）',
      response: { 200: ZSpecialSheet },
      action: 'special.report',
    }),
    (request, trx) => reportSheet(sheetWrite(request, trx), request.params.specialId),
  )

  write(
    'POST',
    `${sheet}/:specialId/problems`,
    sheetEdit({
      summary: '填报突出问题',
      body: ZSpecialProblemCreate,
      response: { 201: ZSpecialSheet },
      action: 'special.problem.create',
    }),
    (request, trx) => addProblem(sheetWrite(request, trx), request.params.specialId, request.body),
  )

  write(
    'PUT',
    `${sheet}/:specialId/problems/:problemId`,
    sheetEdit({
      summary: '更新突出问题及整改进展（带版本号，过期 409 SPECIAL_PROBLEM_STALE）',
      params: ZProblemParams,
      body: ZSpecialProblemUpdate,
      response: { 200: ZSpecialSheet },
      action: 'special.problem.update',
    }),
    (request, trx) => {
      const { specialId, problemId } = request.params
      return updateProblem(sheetWrite(request, trx), specialId, problemId, request.body)
    },
  )
}
export default specialRoutes
