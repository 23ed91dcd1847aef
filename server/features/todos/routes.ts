import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZTodoDigest, ZTodoList } from '../../../src/models/todo'
import { SIGNED_IN } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { featureRoutes } from '../../core/routes'
import { markTodosSeen, todoDigest, todosFor } from './service'

const todoRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route } = featureRoutes(app, 'todos')

  route(
    'GET',
    '/api/v1/todos',
    {
      access: SIGNED_IN,
      summary:
        '我的待办：待签/待会签承诺、待自查、退回、待整改、整改通知、待审核、待核验、三会一课到期、待审批成员',
      response: { 200: ZTodoList },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return todosFor(app.db, requireAuth(request), app.clock())
    },
  )

  route(
    'GET',
    '/api/v1/todos/digest',
    {
      access: SIGNED_IN,
      summary: '待办摘要（H5）：各类数量、逾期在前、自上次查看以来新增',
      response: { 200: ZTodoDigest },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return todoDigest(app.db, requireAuth(request), app.clock())
    },
  )

  // Not a write of the user's (no audit row, no outbox): the page notes that it has been looked at.
  route(
    'PUT',
    '/api/v1/todos/seen',
    {
      access: SIGNED_IN,
      summary: '记录本人已查看待办（H5 摘要的“新增”从此刻算起）',
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    async (request) => {
      await markTodosSeen(app.db, requireAuth(request), app.clock())
      return { ok: true as const }
    },
  )
}
export default todoRoutes
