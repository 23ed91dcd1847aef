import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { featureRoutes } from '../../core/routes'
import { ZTodoList } from '../../../src/models/todo'
import { SIGNED_IN } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { todosFor } from './service'

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
}
export default todoRoutes
