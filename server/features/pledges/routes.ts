import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZDepartmentPledgeCreate,
  ZEnterprisePledgeCreate,
  ZPledge,
  ZPledgeCountersign,
  ZPledgeCoverage,
  ZPledgeKind,
  ZPledgeReminderCreate,
  ZPledgeSummary,
  ZPledgeTemplate,
  ZPledgeTemplatePublish,
  ZPledgeTodo,
  ZPledgeWithdraw,
  ZSupervisionPledgePage,
  ZSupervisionPledgeQuery,
  yearField,
} from '../../../src/models/pledge'
import { ZPledgeVerification, ZChainAnchor } from '../../../src/models/pledgeVerification'
import { ENTERPRISE_ROLES, ZId } from '../../../src/models/org'
import {
  departmentAccess,
  ENTERPRISE_LIAISON,
  enterpriseAccess,
  OFFICE,
  OUTSIDERS,
  PUBLIC,
  SIGNED_IN,
  SUPERVISORS,
} from '../../core/access'
import { requireAuth } from '../../core/auth'
import { AppError } from '../../core/errors'
import { PLEDGE_VIEWERS, pledgeOf } from './access'
import { enterpriseCoverage, remindUnsigned, supervisionCoveragePage } from './coverage'
import { countersignPledge, startPledge, withdrawPledge, type PledgeContext } from './signing'
import { listTemplates, publishTemplate, templateById } from './templates'
import { verifyByCode } from './verify'
import { anchorChain, writeCheckpoint } from './anchoring'
import { findCounterparty, listMyPledges, pledgeTodo, pledgeView } from './views'
import { pledgeCertificateSvg } from './certificate'
import { featureRoutes, ZEnterpriseParams, ZDepartmentParams } from '../../core/routes'
import { perAddress } from '../../core/rateLimit'
import { sendAttachment } from '../../core/http'
import { shanghaiYear } from '../../../src/models/shanghaiTime'
import { oneLine } from '../../../src/models/textLimit'

/** Any member of the enterprise may call; the service applies each template's rule (head, 国企 …). */
const enterpriseSigners = enterpriseAccess(ENTERPRISE_ROLES)
/** 政商双边清廉承诺 started by a department's cadre. */
const departmentCadres = departmentAccess(['official'])
/** Coverage: the enterprise's liaison and head, its supervising departments and the office. */
const coverageViewers = enterpriseAccess(['liaison', 'head'], OUTSIDERS)
const liaison = ENTERPRISE_LIAISON

const ZPledgeParams = z.object({ pledgeId: ZId })
const ZYearQuery = z.object(yearField)

export interface PledgeRoutesOptions {
  chainKey: string
  /** Public verifications one client address may make per minute. */
  verifyPerMinute: number
  /** A checkpoint of the chain every this many entries. */
  checkpointEvery: number
}

const pledgeRoutes: FastifyPluginAsyncZod<PledgeRoutesOptions> = async (app, opts) => {
  /** The chain entries each request appended, anchored once its write has committed. */
  const appendedBy = new WeakMap<FastifyRequest, number[]>()
  const context = (request: FastifyRequest): PledgeContext => {
    const agent = request.headers['user-agent']
    const appended: number[] = []
    appendedBy.set(request, appended)
    return {
      auth: requireAuth(request),
      chainKey: opts.chainKey,
      dialect: app.dialect,
      ip: request.ip ?? null,
      userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null,
      now: app.clock(),
      appended,
    }
  }

  // Every Nth entry is anchored by the process that appended it, after the commit (onSend follows the
  // write's transaction) and before the answer: exactly one writer per entry, whichever process it is.
  app.addHook('onSend', async (request, reply, payload) => {
    const appended = appendedBy.get(request)
    if (!appended || reply.statusCode >= 300) return payload
    for (const seq of appended.filter((s) => s % opts.checkpointEvery === 0)) {
      try {
        const outcome = await writeCheckpoint(app.db, opts.chainKey, app.pledgeCheckpoints, app.clock(), seq)
        if (outcome.broken) request.log.error({ broken: outcome.broken }, 'pledge chain not anchored')
      } catch (error) {
        // The pledge is signed and committed; a missed checkpoint only lengthens the next walk.
        request.log.error({ err: error }, 'pledge chain checkpoint failed')
      }
    }
    return payload
  })

  const { route, write } = featureRoutes(app, 'pledges')
  /** Both sides start a pledge alike: the same answer, the same audit action. */
  const start = { response: { 201: ZPledge }, action: 'pledge.sign' }

  route(
    'GET',
    '/api/v1/pledge-templates',
    {
      access: SIGNED_IN,
      summary: '承诺书模板（默认只列各类最新版本；all=true 列出全部版本）',
      querystring: z.object({
        kind: ZPledgeKind.optional(),
        all: z
          .enum(['true', 'false'])
          .optional()
          .transform((v) => v === 'true'),
      }),
      response: { 200: z.object({ templates: z.array(ZPledgeTemplate) }) },
    },
    async (request) => ({ templates: await listTemplates(app.db, request.query) }),
  )

  route(
    'GET',
    '/api/v1/pledge-templates/:templateId',
    {
      access: SIGNED_IN,
      summary: '一个版本的承诺书模板',
      params: z.object({ templateId: ZId }),
      response: { 200: ZPledgeTemplate },
    },
    async (request) => templateById(app.db, request.params.templateId),
  )

  write(
    'POST',
    '/api/v1/pledge-templates',
    {
      access: OFFICE,
      summary: '发布承诺书模板的新版本（已签署的承诺保留原版本）',
      body: ZPledgeTemplatePublish,
      response: { 201: ZPledgeTemplate },
      action: 'pledge_template.publish',
    },
    (request, trx) => publishTemplate(trx, requireAuth(request), request.body, app.clock()),
  )

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/pledges',
    {
      access: enterpriseSigners,
      summary:
        '企业方签署承诺：个人廉洁从业（职工）、企业诚信守法经营（负责人）、国有企业领导人员廉洁从业（国有/国有控股企业负责人）；或发起政商双边清廉承诺（负责人，须选部门）',
      params: ZEnterpriseParams,
      body: ZEnterprisePledgeCreate,
      ...start,
    },
    (request, trx) => {
      const { enterpriseId } = request.params
      const departmentId = request.body.departmentId ?? null
      return startPledge(trx, context(request), {
        ...request.body,
        side: 'enterprise',
        enterpriseId,
        departmentId,
      })
    },
  )

  write(
    'POST',
    '/api/v1/departments/:departmentId/pledges',
    {
      access: departmentCadres,
      summary: '党员干部发起政商双边清廉承诺（先签本方，待企业负责人签署）',
      params: ZDepartmentParams,
      body: ZDepartmentPledgeCreate,
      ...start,
    },
    (request, trx) => {
      const { departmentId } = request.params
      return startPledge(trx, context(request), { ...request.body, side: 'department', departmentId })
    },
  )

  route(
    'GET',
    '/api/v1/departments/:departmentId/pledge-counterparty',
    {
      access: departmentCadres,
      summary: '按统一社会信用代码查找政商双边承诺的企业',
      params: ZDepartmentParams,
      querystring: z.object({ creditCode: oneLine(z.string().trim().min(18).max(18), '统一社会信用代码') }),
      response: { 200: z.object({ id: z.number().int(), name: z.string() }) },
    },
    async (request) => findCounterparty(app.db, request.query.creditCode),
  )

  route(
    'GET',
    '/api/v1/pledges',
    {
      access: SIGNED_IN,
      summary: '我的承诺：本人签署或发起的，以及本人代表一方签署的双边承诺',
      response: { 200: z.object({ pledges: z.array(ZPledgeSummary) }) },
    },
    async (request) => ({ pledges: await listMyPledges(app.db, requireAuth(request), app.clock()) }),
  )

  route(
    'GET',
    '/api/v1/pledges/todo',
    {
      access: SIGNED_IN,
      summary: '待办：本年度未签的个人廉洁从业承诺、待本人签署的双边承诺',
      response: { 200: ZPledgeTodo },
    },
    async (request) => pledgeTodo(app.db, requireAuth(request), app.clock()),
  )

  write(
    'POST',
    '/api/v1/pledge-chain/checkpoints',
    {
      access: OFFICE,
      summary:
        '立即为廉洁承诺哈希链写链外锚点：链头的条数与 MAC，签名后追加到锚点文件（并补齐每 N 条一个、尚缺的锚点）',
      response: {
        200: z.object({
          checkpoint: ZChainAnchor.nullable(),
          written: z.boolean(),
          added: z.number().int(),
        }),
      },
      action: 'pledge_chain.checkpoint',
    },
    async (_request, trx) => {
      const { pledgeCheckpoints: log, clock } = app
      const outcome = await anchorChain(trx, opts.chainKey, log, clock(), opts.checkpointEvery)
      if (outcome.broken) throw new AppError(409, 'PLEDGE_CHAIN_BROKEN', outcome.broken.message)
      return {
        result: { checkpoint: outcome.checkpoint, written: outcome.written, added: outcome.added },
        entityType: 'pledge_chain',
        entityId: outcome.checkpoint?.count ?? null,
        detail: outcome.checkpoint,
      }
    },
  )

  route(
    'GET',
    '/api/v1/pledges/verify/:code',
    {
      // The unguessable code is the permission: anyone holding the certificate may check it. A check walks
      // from the nearest checkpoint (about PLEDGE_CHECKPOINT_EVERY entries); still a public route, limited.
      access: PUBLIC,
      limits: [perAddress('pledge-verify', opts.verifyPerMinute)],
      summary: '公开核验：按核验码重算正文与签名哈希、检查哈希链，返回签署人（手机号脱敏）与签署时间',
      params: z.object({ code: oneLine(z.string().max(40)) }),
      response: { 200: ZPledgeVerification },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return verifyByCode(app.db, opts.chainKey, app.pledgeCheckpoints, request.params.code, app.clock())
    },
  )

  route(
    'GET',
    '/api/v1/pledges/:pledgeId',
    {
      access: PLEDGE_VIEWERS,
      summary: '承诺书证书：正文、双方签名、时间、哈希与核验码',
      params: ZPledgeParams,
      response: { 200: ZPledge },
    },
    async (request) => pledgeView(app.db, requireAuth(request), pledgeOf(request), app.clock()),
  )

  route(
    'GET',
    '/api/v1/pledges/:pledgeId/certificate.svg',
    {
      access: PLEDGE_VIEWERS,
      summary: '导出承诺书证书图片（SVG，含签名、哈希与核验二维码）',
      params: ZPledgeParams,
      querystring: z.object({ origin: z.url().max(200).optional() }),
    },
    async (request, reply) => {
      const pledge = await pledgeView(app.db, requireAuth(request), pledgeOf(request), app.clock())
      const svg = pledgeCertificateSvg(pledge, request.query.origin ?? '')
      return sendAttachment(reply, {
        name: `${pledge.title}-${pledge.code}.svg`,
        asciiName: `pledge-${pledge.code}.svg`,
        contentType: 'image/svg+xml; charset=utf-8',
        content: Buffer.from(svg, 'utf8'),
      })
    },
  )

  write(
    'POST',
    '/api/v1/pledges/:pledgeId/countersign',
    {
      access: PLEDGE_VIEWERS,
      summary: '对方签署政商双边清廉承诺（仅所列部门的党员干部或所列企业的负责人）',
      params: ZPledgeParams,
      body: ZPledgeCountersign,
      response: { 200: ZPledge },
      action: 'pledge.countersign',
    },
    (request, trx) => countersignPledge(trx, context(request), request.params.pledgeId, request.body),
  )

  write(
    'POST',
    '/api/v1/pledges/:pledgeId/withdraw',
    {
      access: PLEDGE_VIEWERS,
      summary: '发起人撤回久未签署的双边承诺（记录在案，不删除）',
      params: ZPledgeParams,
      body: ZPledgeWithdraw,
      response: { 200: ZPledge },
      action: 'pledge.withdraw',
    },
    (request, trx) => withdrawPledge(trx, context(request), request.params.pledgeId, request.body.reason),
  )

  route(
    'GET',
    '/api/v1/enterprises/:enterpriseId/pledge-coverage',
    {
      access: coverageViewers,
      summary: '本年度个人廉洁从业承诺签署情况（未签在前，手机号脱敏）',
      params: ZEnterpriseParams,
      querystring: ZYearQuery,
      response: { 200: ZPledgeCoverage },
    },
    async (request) => {
      const year = request.query.year ?? shanghaiYear(app.clock())
      return enterpriseCoverage(app.db, request.params.enterpriseId, year)
    },
  )

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/pledge-reminders',
    {
      access: liaison,
      summary: '提醒未签署个人廉洁从业承诺的职工（不传 userIds 则提醒全部未签者；12小时内不重复提醒）',
      params: ZEnterpriseParams,
      body: ZPledgeReminderCreate,
      response: { 200: z.object({ reminded: z.number().int(), skipped: z.number().int() }) },
      action: 'pledge.remind',
    },
    (request, trx) => {
      const { enterpriseId } = request.params
      return remindUnsigned(trx, requireAuth(request), enterpriseId, request.body.userIds, app.clock())
    },
  )

  route(
    'GET',
    '/api/v1/supervision/pledge-coverage',
    {
      access: SUPERVISORS,
      tags: ['supervision'],
      summary:
        '所监管企业的廉洁承诺覆盖情况（个人承诺签署率、企业承诺、国企领导人员承诺、政商双边承诺；分页）',
      querystring: ZSupervisionPledgeQuery,
      response: { 200: ZSupervisionPledgePage },
    },
    async (request) => {
      const { year, ...page } = request.query
      return supervisionCoveragePage(app.db, requireAuth(request), year ?? shanghaiYear(app.clock()), page)
    },
  )
}

export default pledgeRoutes
