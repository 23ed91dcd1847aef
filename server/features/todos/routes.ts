import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZTodoDigest, ZTodoList } from '../../../src/models/todo'
import { SIGNED_IN, type AuthContext } from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'
import { requireAuth } from '../../core/auth'
import { featureRoutes } from '../../core/routes'
import { markTodosSeen, todoDigest, todosFor } from './service'

const todoRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route } = featureRoutes(app, 'todos')

  /** The caller's to-dos as of now, in one form or another: never cached, they change with every write. */
  const uncached = <T extends z.ZodType>(
    url: string,
    summary: string,
    answer: T,
    compute: (db: DbOrTrx, auth: AuthContext, now: number) => Promise<z.output<T>>,
  ) =>
    route('GET', url, { access: SIGNED_IN, summary, response: { 200: answer } }, async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return compute(app.db, requireAuth(request), app.clock())
    })

  uncached(
    '/api/v1/todos',
    '我的待办：督办催办、待签/待会签承诺、待自查、退回、待整改、整改通知、待审核、待核验、待阅看权力清单、三会一课到期、待审核加入申请',
    ZTodoList,
    todosFor,
  )
  uncached(
    '/api/v1/todos/digest',
    '待办摘要（H5）：各类数量、逾期在前、自上次查看以来新增',
    ZTodoDigest,
    todoDigest,
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
