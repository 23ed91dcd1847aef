import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZUrgeCreate,
  ZUrgeListQuery,
  ZUrgePage,
  ZUrgeResult,
  ZWorklist,
  ZWorklistCounts,
  ZWorklistPage,
  ZWorklistQuery,
} from '../../../src/models/worklists'
import { SUPERVISORS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { featureRoutes } from '../../core/routes'
import { createUrge, urgePage, worklistCounts, worklistPage } from './worklistService'

/** 工作清单 (逾期整改, 待核验, 待审核, 未提交自查) of the caller's reach, and 催办. */
const worklistRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'supervision')

  route(
    'GET',
    '/api/v1/supervision/worklists',
    {
      access: SUPERVISORS,
      summary: '工作清单各项数量（逾期整改、待核验、待审核、未提交自查），可按企业名称或信用代码搜索',
      querystring: ZWorklistQuery.pick({ q: true }),
      response: { 200: ZWorklistCounts },
    },
    async (request) => worklistCounts(app.db, requireAuth(request), request.query.q, app.clock()),
  )

  route(
    'GET',
    '/api/v1/supervision/worklists/:list',
    {
      access: SUPERVISORS,
      summary: '一份工作清单（分页、搜索、最早或最新在前）：所监管企业，办公室为全部企业',
      params: z.object({ list: ZWorklist }),
      querystring: ZWorklistQuery,
      response: { 200: ZWorklistPage },
    },
    async (request) =>
      worklistPage(app.db, requireAuth(request), request.params.list, request.query, app.clock()),
  )

  write(
    'POST',
    '/api/v1/supervision/urges',
    {
      access: SUPERVISORS,
      summary: '催办：提醒企业联络员办理逾期整改或提交自查（每项每天一次），进入其待办并发送订阅消息',
      body: ZUrgeCreate,
      response: { 201: ZUrgeResult },
      action: 'supervision.urge',
    },
    async (request, trx) => createUrge(trx, requireAuth(request), request.body, app.clock()),
  )

  route(
    'GET',
    '/api/v1/supervision/urges',
    {
      access: SUPERVISORS,
      summary: '一家企业收到的催办记录（最新在前，分页）',
      querystring: ZUrgeListQuery,
      response: { 200: ZUrgePage },
    },
    async (request) => {
      const { enterpriseId, ...page } = request.query
      return urgePage(app.db, requireAuth(request), enterpriseId, page)
    },
  )
}
export default worklistRoutes
