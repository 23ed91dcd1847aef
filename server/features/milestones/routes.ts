import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { featureRoutes, ZEnterpriseParams } from '../../core/routes'
import { performWrite } from '../../core/writes'
import { z } from 'zod'
import { ZStoredFile } from '../../../src/models/file'
import {
  DEADLINE_SOURCES,
  ZCountyDeadline,
  ZLeadingGroupSave,
  ZMilestoneDeadlineSet,
  ZMilestones,
  ZPlanDecision,
  ZPlanFile,
  ZPlanFilingStatus,
} from '../../../src/models/milestones'
import { ZId } from '../../../src/models/org'
import { ZOk } from '../../../src/models/common'
import {
  ENTERPRISE_LIAISON,
  ENTERPRISE_OFFICE,
  ENTERPRISE_SUPERVISORS,
  ENTERPRISE_VIEWERS,
  OFFICE,
} from '../../core/access'
import { requireAuth } from '../../core/auth'
import { errorResponses } from '../../core/http'
import { toStoredFile } from '../files/repository'
import { uploadFile } from '../files/service'
import {
  countyDeadlineView,
  decidePlan,
  filePlan,
  milestonesView,
  saveLeadingGroup,
  setCountyDeadline,
  setMilestoneDeadline,
} from './service'

const BASE = '/api/v1/enterprises/:enterpriseId/milestones'
/** The county-wide 领导小组与实施方案完成期限 (the office's). */
export const COUNTY_DEADLINE_PATH = '/api/v1/milestones/county-deadline'

/** 实施步骤 milestones: the 领导小组 and the 实施方案 filed with a supervising department, against the deadline. */
const milestoneRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'milestones')
  const links = app.fileLinks

  route(
    'GET',
    BASE,
    {
      access: ENTERPRISE_VIEWERS,
      summary: '领导小组与实施方案报送情况（按时 / 逾期 / 未报）',
      params: ZEnterpriseParams,
      response: { 200: ZMilestones },
    },
    async (request) => milestonesView(app.db, links, request.params.enterpriseId, app.clock()),
  )

  write(
    'PUT',
    `${BASE}/leading-group`,
    {
      access: ENTERPRISE_LIAISON,
      summary: '登记清廉建设工作领导小组：成立日期与成员（姓名、职务、组内职务）',
      params: ZEnterpriseParams,
      body: ZLeadingGroupSave,
      response: { 200: ZOk },
      action: 'milestones.leading_group.save',
    },
    (request, trx) => saveLeadingGroup(trx, request.params.enterpriseId, request.body, app.clock()),
  )

  route(
    'POST',
    `${BASE}/plan/files`,
    {
      access: ENTERPRISE_LIAISON,
      summary: '上传实施方案文件（PDF 或图片，multipart 字段 file），报送时引用',
      params: ZEnterpriseParams,
      response: { 201: ZStoredFile, 413: errorResponses[400], 415: errorResponses[400] },
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

  write(
    'POST',
    `${BASE}/plan/filings`,
    {
      access: ENTERPRISE_LIAISON,
      summary: '向监管部门报送实施方案（首次，或被退回后重新报送）',
      params: ZEnterpriseParams,
      body: ZPlanFile,
      response: { 201: z.object({ id: z.number().int(), revision: z.number().int() }) },
      action: 'milestones.plan.file',
    },
    (request, trx) =>
      filePlan(trx, requireAuth(request), request.params.enterpriseId, request.body, app.clock()),
  )

  // The audit action names the decision, so this write is declared as a route running performWrite.
  route(
    'POST',
    `${BASE}/plan/filings/:filingId/decision`,
    {
      // a 监管员 of a linked department; the service then checks it is the filing's department
      access: ENTERPRISE_SUPERVISORS,
      summary: '监管部门处理报送的实施方案：已收到，或退回（须填原因）',
      params: ZEnterpriseParams.extend({ filingId: ZId }),
      body: ZPlanDecision,
      response: { 200: z.object({ id: z.number().int(), status: ZPlanFilingStatus }) },
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

  write(
    'PUT',
    `${BASE}/deadline`,
    {
      access: ENTERPRISE_OFFICE,
      summary:
        '设定后加入企业的完成期限（不早于 2022-06-15；null 恢复为全县统一期限，未设定则为实施方案规定）',
      params: ZEnterpriseParams,
      body: ZMilestoneDeadlineSet,
      response: {
        200: z.object({
          deadline: z.string(),
          programmeDeadline: z.boolean(),
          deadlineSource: z.enum(DEADLINE_SOURCES),
        }),
      },
      action: 'milestones.deadline.set',
    },
    (request, trx) =>
      setMilestoneDeadline(trx, request.params.enterpriseId, request.body.deadline, app.clock()),
  )

  route(
    'GET',
    COUNTY_DEADLINE_PATH,
    {
      access: OFFICE,
      summary: '全县领导小组与实施方案完成期限（领导小组办公室）',
      response: { 200: ZCountyDeadline },
    },
    async () => countyDeadlineView(app.db),
  )

  write(
    'PUT',
    COUNTY_DEADLINE_PATH,
    {
      access: OFFICE,
      summary:
        '设定全县领导小组与实施方案完成期限（不早于 2022-06-15；null 恢复为实施方案规定；为个别企业设定的期限优先）',
      body: ZMilestoneDeadlineSet,
      response: { 200: ZCountyDeadline },
      action: 'milestones.county_deadline.set',
    },
    (request, trx) =>
      setCountyDeadline(trx, request.body.deadline, requireAuth(request).user.id, app.clock()),
  )
}
export default milestoneRoutes
