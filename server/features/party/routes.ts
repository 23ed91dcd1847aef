import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZBranchDetail,
  ZBranchSummary,
  ZCompliance,
  ZComplianceQuery,
  ZDueItem,
  ZPartyGroup,
  ZPartyGroupCreate,
  ZPartyMember,
  ZPartyMemberCreate,
  ZPartyMemberUpdate,
  ZPartySupervision,
  ZReminderRun,
  ZSubscribeConsent,
  ZSubscribeStatus,
} from '../../../src/models/meeting'
import { ZId } from '../../../src/models/org'
import { OFFICE, SIGNED_IN, SUPERVISORS } from '../../core/access'
import { SubscribeMessageSender, type SubscribeConfig } from './subscribeMessages'
import { requireAuth } from '../../core/auth'
import { addGroup, addMember, branchDetail, myBranches, updateMember } from './branches'
import { branchCompliance, dueForUser, partySupervision } from './compliance'
import { yearWorkbook } from './workbook'
import { BRANCH_READERS, BRANCH_WRITERS, branchOf } from './access'
import { recordConsent, sendMeetingReminders, subscribeStatus } from './reminders'
import { performWrite } from '../../core/writes'
import { errorResponses, sendAttachment, XLSX_CONTENT_TYPE } from '../../core/http'
import { shanghaiParts } from '../../../src/models/shanghaiTime'

export const ZBranchParams = z.object({ enterpriseId: ZId, branchId: ZId })
export const BRANCH = '/api/v1/enterprises/:enterpriseId/party-branches/:branchId'

export interface PartyRoutesOptions {
  subscribe: SubscribeConfig
  /** How often reminders are sent (0: never by timer). */
  reminderIntervalMs: number
}

/** 三会一课: the caller's branches and what is due, reminders, the supervisors' view, a branch's roll and calendar. */
const partyRoutes: FastifyPluginAsyncZod<PartyRoutesOptions> = async (app, opts) => {
  const sender = new SubscribeMessageSender(opts.subscribe, () => app.clock())

  if (opts.reminderIntervalMs > 0 && sender.configured) {
    let timer: NodeJS.Timeout | null = null
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        sendMeetingReminders(app.db, sender, app.clock()).catch((error) =>
          app.log.error({ err: error }, 'meeting reminders failed'),
        )
      }, opts.reminderIntervalMs)
      timer.unref()
    })
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer)
    })
  }

  // ---------- the caller's own ----------

  app.get(
    '/api/v1/party/branches',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['party'],
        summary: '我的党支部（书记、支委、党员，或企业联络员、负责人）',
        response: { 200: z.object({ branches: z.array(ZBranchSummary) }), ...errorResponses },
      },
    },
    async (request) => ({ branches: await myBranches(app.db, requireAuth(request)) }),
  )

  app.get(
    '/api/v1/party/due',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['party'],
        summary: '7天内到期的三会一课（本人填写记录的支部）',
        response: { 200: z.object({ items: z.array(ZDueItem) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await dueForUser(app.db, requireAuth(request), app.clock()) }),
  )

  app.get(
    '/api/v1/party/subscriptions',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['party'],
        summary: '订阅消息：可申请的模板与本人尚未使用的同意次数',
        response: { 200: ZSubscribeStatus, ...errorResponses },
      },
    },
    async (request) => subscribeStatus(app.db, requireAuth(request), sender),
  )

  app.post(
    '/api/v1/party/subscriptions',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['party'],
        summary: '记录用户在小程序中对订阅消息的选择（每次同意可发送一条提醒）',
        body: ZSubscribeConsent,
        response: {
          201: ZSubscribeStatus.extend({ recorded: z.number().int() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'subscribe.consent',
        status: 201,
        run: (trx) => recordConsent(trx, requireAuth(request), request.body, app.clock()),
      }),
  )

  app.post(
    '/api/v1/party/reminders/send',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['party'],
        summary: '立即发送三会一课到期提醒（订阅消息）',
        response: { 200: ZReminderRun, ...errorResponses },
      },
    },
    async () => sendMeetingReminders(app.db, sender, app.clock()),
  )

  app.get(
    '/api/v1/supervision/party',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['party'],
        summary: '监管：所监管企业各党支部本月是否报送、年度完成率（未报送在前）',
        response: { 200: ZPartySupervision, ...errorResponses },
      },
    },
    async (request) => partySupervision(app.db, requireAuth(request), app.clock()),
  )

  // ---------- a branch ----------

  app.get(
    BRANCH,
    {
      config: { access: BRANCH_READERS },
      schema: {
        tags: ['party'],
        summary: '党支部：书记、党员名册、党小组',
        params: ZBranchParams,
        response: { 200: ZBranchDetail, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = branchOf(request)
      return branchDetail(app.db, ctx)
    },
  )

  app.post(
    `${BRANCH}/members`,
    {
      config: { access: BRANCH_WRITERS },
      schema: {
        tags: ['party'],
        summary: '添加党员（可关联本企业成员账号）',
        params: ZBranchParams,
        body: ZPartyMemberCreate,
        response: { 201: ZPartyMember, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = branchOf(request)
      return performWrite(request, reply, {
        action: 'party_member.create',
        status: 201,
        run: (trx) => addMember(trx, ctx, request.body, app.clock()),
      })
    },
  )

  app.patch(
    `${BRANCH}/members/:memberId`,
    {
      config: { access: BRANCH_WRITERS },
      schema: {
        tags: ['party'],
        summary: '修改党员信息（职务、党小组、转出）',
        params: ZBranchParams.extend({ memberId: ZId }),
        body: ZPartyMemberUpdate,
        response: { 200: ZPartyMember, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { memberId } = request.params
      const ctx = branchOf(request)
      return performWrite(request, reply, {
        action: 'party_member.update',
        run: (trx) => updateMember(trx, ctx, memberId, request.body, app.clock()),
      })
    },
  )

  app.post(
    `${BRANCH}/groups`,
    {
      config: { access: BRANCH_WRITERS },
      schema: {
        tags: ['party'],
        summary: '新增党小组',
        params: ZBranchParams,
        body: ZPartyGroupCreate,
        response: { 201: ZPartyGroup, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = branchOf(request)
      return performWrite(request, reply, {
        action: 'party_group.create',
        status: 201,
        run: (trx) => addGroup(trx, ctx, request.body.name, app.clock()),
      })
    },
  )

  app.get(
    `${BRANCH}/compliance`,
    {
      config: { access: BRANCH_READERS },
      schema: {
        tags: ['party'],
        summary: '三会一课日历：各类型每月/每季度 已完成 / 待开展 / 已逾期，年度完成率',
        params: ZBranchParams,
        querystring: ZComplianceQuery,
        response: { 200: ZCompliance, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = branchOf(request)
      const now = app.clock()
      return branchCompliance(app.db, ctx.branch, request.query.year ?? shanghaiParts(now).year, now)
    },
  )

  app.get(
    `${BRANCH}/year.xlsx`,
    {
      config: { access: BRANCH_READERS },
      schema: {
        tags: ['party'],
        summary: '导出支部年度三会一课台账（Excel）',
        params: ZBranchParams,
        querystring: ZComplianceQuery,
      },
    },
    async (request, reply) => {
      const { branchId } = request.params
      const ctx = branchOf(request)
      const now = app.clock()
      const year = request.query.year ?? shanghaiParts(now).year
      const content = await yearWorkbook(app.db, ctx.branch, year, now)
      return sendAttachment(reply, {
        name: `${ctx.branch.name}-${year}年三会一课台账.xlsx`,
        asciiName: `branch-${branchId}-${year}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        content,
      })
    },
  )

  // ---------- meeting records ----------
}
export default partyRoutes
