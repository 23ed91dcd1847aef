import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZStoredFile } from '../../../src/models/file'
import {
  ZLeadingGroupSave,
  ZMilestoneDeadlineSet,
  ZMilestones,
  ZPlanDecision,
  ZPlanFile,
  ZPlanFilingStatus,
} from '../../../src/models/milestones'
import { ZId } from '../../../src/models/org'
import { ZOk } from '../../../src/models/common'
import { type Access, ENTERPRISE_LIAISON, ENTERPRISE_VIEWERS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { errorResponses } from '../../core/http'
import { performWrite } from '../../core/writes'
import { toStoredFile } from '../files/repository'
import { uploadFile } from '../files/service'
import { decidePlan, filePlan, milestonesView, saveLeadingGroup, setMilestoneDeadline } from './service'

const BASE = '/api/v1/enterprises/:enterpriseId/milestones'
const ZParams = z.object({ enterpriseId: ZId })
/** A 监管员 of a department linked to the enterprise (the service then checks it is the filing's department). */
const LINKED_SUPERVISORS: Access = { kind: 'enterprise', param: 'enterpriseId', roles: [], supervisor: true }
/** The office, for an enterprise that exists. */
const OFFICE_OF_ENTERPRISE: Access = { kind: 'enterprise', param: 'enterpriseId', roles: [], office: true }

/** 实施步骤 milestones: the 领导小组 and the 实施方案 filed with a supervising department, against the deadline. */
const milestoneRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = app.fileLinks

  app.get(
    BASE,
    {
      config: { access: ENTERPRISE_VIEWERS },
      schema: {
        tags: ['milestones'],
        summary: '领导小组与实施方案报送情况（按时 / 逾期 / 未报）',
        params: ZParams,
        response: { 200: ZMilestones, ...errorResponses },
      },
    },
    async (request) => milestonesView(app.db, links, request.params.enterpriseId, app.clock()),
  )

  app.put(
    `${BASE}/leading-group`,
    {
      config: { access: ENTERPRISE_LIAISON },
      schema: {
        tags: ['milestones'],
        summary: '登记清廉建设工作领导小组：成立日期与成员（姓名、职务、组内职务）',
        params: ZParams,
        body: ZLeadingGroupSave,
        response: { 200: ZOk, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'milestones.leading_group.save',
        run: (trx) => saveLeadingGroup(trx, request.params.enterpriseId, request.body, app.clock()),
      }),
  )

  app.post(
    `${BASE}/plan/files`,
    {
      config: { access: ENTERPRISE_LIAISON },
      schema: {
        tags: ['milestones'],
        summary: '上传实施方案文件（PDF 或图片，multipart 字段 file），报送时引用',
        params: ZParams,
        response: {
          201: ZStoredFile,
          ...errorResponses,
          413: errorResponses[400],
          415: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const { enterpriseId } = request.params
      return uploadFile(request, reply, {
        action: 'milestones.plan.upload',
        owner: { kind: 'plan', enterpriseId },
        target: { enterpriseId, plan: true },
        view: (row) => toStoredFile(row, links),
      })
    },
  )

  app.post(
    `${BASE}/plan/filings`,
    {
      config: { access: ENTERPRISE_LIAISON },
      schema: {
        tags: ['milestones'],
        summary: '向监管部门报送实施方案（首次，或被退回后重新报送）',
        params: ZParams,
        body: ZPlanFile,
        response: { 201: z.object({ id: z.number().int(), revision: z.number().int() }), ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'milestones.plan.file',
        status: 201,
        run: (trx) =>
          filePlan(trx, requireAuth(request), request.params.enterpriseId, request.body, app.clock()),
      }),
  )

  app.post(
    `${BASE}/plan/filings/:filingId/decision`,
    {
      config: { access: LINKED_SUPERVISORS },
      schema: {
        tags: ['milestones'],
        summary: '监管部门处理报送的实施方案：已收到，或退回（须填原因）',
        params: ZParams.extend({ filingId: ZId }),
        body: ZPlanDecision,
        response: { 200: z.object({ id: z.number().int(), status: ZPlanFilingStatus }), ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: request.body.decision === 'receive' ? 'milestones.plan.receive' : 'milestones.plan.return',
        run: (trx) =>
          decidePlan(
            trx,
            requireAuth(request),
            request.params.enterpriseId,
            request.params.filingId,
            request.body,
            app.clock(),
          ),
      }),
  )

  app.put(
    `${BASE}/deadline`,
    {
      config: { access: OFFICE_OF_ENTERPRISE },
      schema: {
        tags: ['milestones'],
        summary: '设定后加入企业的完成期限（null 恢复为实施方案规定的 2022-06-15）',
        params: ZParams,
        body: ZMilestoneDeadlineSet,
        response: {
          200: z.object({ deadline: z.string(), programmeDeadline: z.boolean() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'milestones.deadline.set',
        run: (trx) =>
          setMilestoneDeadline(trx, request.params.enterpriseId, request.body.deadline, app.clock()),
      }),
  )
}
export default milestoneRoutes
