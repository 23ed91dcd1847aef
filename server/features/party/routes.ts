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
  ZPartySupervisionPage,
  ZPartySupervisionQuery,
} from '../../../src/models/meeting'
import { ZId } from '../../../src/models/org'
import { SIGNED_IN, SUPERVISORS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { addGroup, addMember, branchDetail, myBranches, updateMember } from './branches'
import { branchCompliance, dueForUser, partySupervisionPage } from './compliance'
import { yearExport } from './workbook'
import { BRANCH_READERS, BRANCH_WRITERS, branchOf } from './access'
import { featureRoutes } from '../../core/routes'
import { sendAttachment, XLSX_CONTENT_TYPE } from '../../core/http'
import { exportFileName } from '../../../src/models/exportName'
import { shanghaiDate, shanghaiParts } from '../../../src/models/shanghaiTime'

export const ZBranchParams = z.object({ enterpriseId: ZId, branchId: ZId })
export const BRANCH = '/api/v1/enterprises/:enterpriseId/party-branches/:branchId'

/** 三会一课: the caller's branches and what is due, the supervisors' view, a branch's roll and calendar. */
const partyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'party')

  // ---------- the caller's own ----------

  route(
    'GET',
    '/api/v1/party/branches',
    {
      access: SIGNED_IN,
      summary: '我的党支部（书记、支委、党员，或企业联络员、负责人）',
      response: { 200: z.object({ branches: z.array(ZBranchSummary) }) },
    },
    async (request) => ({ branches: await myBranches(app.db, requireAuth(request)) }),
  )

  route(
    'GET',
    '/api/v1/party/due',
    {
      access: SIGNED_IN,
      summary: '7天内到期的三会一课（本人填写记录的支部）',
      response: { 200: z.object({ items: z.array(ZDueItem) }) },
    },
    async (request) => ({ items: await dueForUser(app.db, requireAuth(request), app.clock()) }),
  )

  route(
    'GET',
    '/api/v1/supervision/party',
    {
      access: SUPERVISORS,
      summary: '监管：所监管企业各党支部本月是否报送、年度完成率（未报送在前，分页）',
      querystring: ZPartySupervisionQuery,
      response: { 200: ZPartySupervisionPage },
    },
    async (request) => partySupervisionPage(app.db, requireAuth(request), app.clock(), request.query),
  )

  // ---------- a branch ----------

  route(
    'GET',
    BRANCH,
    {
      access: BRANCH_READERS,
      summary: '党支部：书记、党员名册、党小组',
      params: ZBranchParams,
      response: { 200: ZBranchDetail },
    },
    async (request) => branchDetail(app.db, branchOf(request)),
  )

  write(
    'POST',
    `${BRANCH}/members`,
    {
      access: BRANCH_WRITERS,
      summary: '添加党员（可关联本企业成员账号）',
      params: ZBranchParams,
      body: ZPartyMemberCreate,
      response: { 201: ZPartyMember },
      action: 'party_member.create',
    },
    (request, trx) => addMember(trx, branchOf(request), request.body, app.clock()),
  )

  write(
    'PATCH',
    `${BRANCH}/members/:memberId`,
    {
      access: BRANCH_WRITERS,
      summary: '修改党员信息（职务、党小组、转出）',
      params: ZBranchParams.extend({ memberId: ZId }),
      body: ZPartyMemberUpdate,
      response: { 200: ZPartyMember },
      action: 'party_member.update',
    },
    (request, trx) =>
      updateMember(trx, branchOf(request), request.params.memberId, request.body, app.clock()),
  )

  write(
    'POST',
    `${BRANCH}/groups`,
    {
      access: BRANCH_WRITERS,
      summary: '新增党小组',
      params: ZBranchParams,
      body: ZPartyGroupCreate,
      response: { 201: ZPartyGroup },
      action: 'party_group.create',
    },
    (request, trx) => addGroup(trx, branchOf(request), request.body.name, app.clock()),
  )

  route(
    'GET',
    `${BRANCH}/compliance`,
    {
      access: BRANCH_READERS,
      summary: '三会一课日历：各类型每月/每季度 已完成 / 待开展 / 已逾期，年度完成率',
      params: ZBranchParams,
      querystring: ZComplianceQuery,
      response: { 200: ZCompliance },
    },
    async (request) => {
      const now = app.clock()
      const year = request.query.year ?? shanghaiParts(now).year
      return branchCompliance(app.db, branchOf(request).branch, year, now)
    },
  )

  route(
    'GET',
    `${BRANCH}/year.xlsx`,
    {
      access: BRANCH_READERS,
      summary: '导出支部年度三会一课台账（Excel）',
      params: ZBranchParams,
      querystring: ZComplianceQuery,
    },
    async (request, reply) => {
      const { branch } = branchOf(request)
      const now = app.clock()
      const year = request.query.year ?? shanghaiParts(now).year
      const { content } = await app.exporter.run(yearExport, branch, year, now)
      return sendAttachment(reply, {
        name: exportFileName({
          organisation: branch.name,
          title: `${year}年三会一课台账`,
          at: now,
          ext: 'xlsx',
        }),
        asciiName: `branch-${request.params.branchId}-${year}-${shanghaiDate(now)}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        content,
      })
    },
  )
}
export default partyRoutes
