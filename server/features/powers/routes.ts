import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZIdParam } from '../../../src/models/common'
import {
  ZDecisionCreate,
  ZDecisionDetail,
  ZDecisionList,
  ZDecisionListQuery,
  ZDecisionUpdate,
  ZPowerDraftUpdate,
  ZPowerOverview,
  ZPowerPublish,
  ZPowerVersion,
} from '../../../src/models/powers'
import { POWERS_KEEPER_ROLES } from '../../../src/models/roles'
import { ENTERPRISE_SUPERVISORS, enterpriseAccess, OUTSIDERS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { featureRoutes, sharedDeclaration, ZEnterpriseParams } from '../../core/routes'
import { evidenceUploadRoute, uploadEvidence } from '../files/service'
import type { DbOrTrx } from '../../core/db/database'
import type { FastifyRequest } from 'fastify'
import { acknowledge, powersOverview, publish, updateDraft, versionView } from './powersService'
import { correctDecision, createDecision, decisionDetail, listDecisions } from './decisions'

/**
 * 国企“一把手”权力清单 / 负面清单 and the “三重一大” log (task 12): kept by the enterprise's liaison and
 * head, read by its supervising departments and the office; a supervising department acknowledges (已阅) a
 * published version. Anyone else gets the 404 of a missing enterprise; a non-国企 403 POWERS_NOT_SOE.
 */
const keepers = enterpriseAccess(POWERS_KEEPER_ROLES)
const readers = enterpriseAccess(POWERS_KEEPER_ROLES, OUTSIDERS)

const ZVersionParams = z.object({ enterpriseId: ZIdParam, version: ZIdParam })
const ZDecisionParams = z.object({ enterpriseId: ZIdParam, decisionId: ZIdParam })

const powersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'powers')
  const base = '/api/v1/enterprises/:enterpriseId/powers'
  const decisions = '/api/v1/enterprises/:enterpriseId/decisions'
  const ctx = (request: FastifyRequest & { params: { enterpriseId: number } }, db: DbOrTrx = app.db) => ({
    db,
    auth: requireAuth(request),
    enterpriseId: request.params.enterpriseId,
    now: app.clock(),
    links: app.fileLinks,
  })
  /** The keepers' writes on the enterprise's list and log. */
  const keeperWrite = sharedDeclaration({ access: keepers, params: ZEnterpriseParams })
  /** The routes on one published version, answered with it. */
  const onVersion = sharedDeclaration({ params: ZVersionParams, response: { 200: ZPowerVersion } })
  /** The routes on one decision, answered with it (and its corrections). */
  const onDecision = sharedDeclaration({ params: ZDecisionParams, response: { 200: ZDecisionDetail } })

  route(
    'GET',
    base,
    {
      access: readers,
      summary: '“一把手”权力清单（草稿与已发布版本）',
      params: ZEnterpriseParams,
      response: { 200: ZPowerOverview },
    },
    async (request) => powersOverview(ctx(request)),
  )

  write(
    'PUT',
    `${base}/draft`,
    keeperWrite({
      summary: '修改权力清单草稿（带修订号，过期 409 POWERS_STALE）',
      body: ZPowerDraftUpdate,
      response: { 200: ZPowerOverview },
      action: 'powers.edit',
    }),
    (request, trx) => updateDraft(ctx(request, trx), request.body),
  )

  write(
    'POST',
    `${base}/versions`,
    keeperWrite({
      summary: '发布权力清单（生成新版本，发布后不可修改）',
      body: ZPowerPublish,
      response: { 201: ZPowerVersion },
      action: 'powers.publish',
    }),
    (request, trx) => publish(ctx(request, trx), request.body.revision),
  )

  route(
    'GET',
    `${base}/versions/:version`,
    onVersion({ access: readers, summary: '权力清单的一个已发布版本' }),
    async (request) => versionView(ctx(request), request.params.version),
  )

  write(
    'POST',
    `${base}/versions/:version/acknowledgements`,
    onVersion({
      access: ENTERPRISE_SUPERVISORS,
      summary: '监管部门已阅权力清单版本',
      action: 'powers.acknowledge',
    }),
    (request, trx) => acknowledge(ctx(request, trx), request.params.version),
  )

  route(
    'GET',
    decisions,
    {
      access: readers,
      summary: '“三重一大”决策记录（分页，按类别、年度筛选）',
      params: ZEnterpriseParams,
      querystring: ZDecisionListQuery,
      response: { 200: ZDecisionList },
    },
    async (request) => listDecisions(ctx(request), request.query),
  )

  route(
    'GET',
    `${decisions}/:decisionId`,
    onDecision({ access: readers, summary: '“三重一大”决策记录详情（含更正记录）' }),
    async (request) => decisionDetail(ctx(request), request.params.decisionId),
  )

  write(
    'POST',
    decisions,
    keeperWrite({
      summary: '登记“三重一大”决策',
      body: ZDecisionCreate,
      response: { 201: ZDecisionDetail },
      action: 'decision.create',
    }),
    (request, trx) => createDecision(ctx(request, trx), request.body),
  )

  write(
    'PUT',
    `${decisions}/:decisionId`,
    onDecision({
      access: keepers,
      summary: '更正“三重一大”决策记录（带版本号和更正说明，过期 409 DECISION_STALE）',
      body: ZDecisionUpdate,
      action: 'decision.correct',
    }),
    (request, trx) => correctDecision(ctx(request, trx), request.params.decisionId, request.body),
  )

  route(
    'POST',
    `${decisions}/:decisionId/attachments`,
    evidenceUploadRoute(keepers, '上传“三重一大”决策附件（multipart 字段 file）', ZDecisionParams),
    async (request, reply) => {
      const { enterpriseId, decisionId } = request.params
      await decisionDetail(ctx(request), decisionId)
      const owner = { kind: 'decision', enterpriseId, decisionId } as const
      return uploadEvidence(request, reply, {
        action: 'decision.attach',
        owner,
        target: { enterpriseId, decisionId },
      })
    },
  )
}
export default powersRoutes
