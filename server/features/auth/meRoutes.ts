import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ZMe, ZProfileUpdate, ZUser } from '../../../src/models/auth'
import { SIGNED_IN } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { membershipsRepository } from '../organisations/membershipsRepository'
import { toUser, usersRepository } from './repository'
import { performWrite } from '../../core/writes'
import { errorResponses } from '../../core/http'
import { isoAt } from '../../core/clock'

const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/me',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['me'],
        summary: '当前用户与所属组织、角色',
        response: { 200: ZMe, ...errorResponses },
      },
    },
    async (request) => {
      const auth = requireAuth(request)
      return {
        user: toUser(auth.user),
        memberships: await membershipsRepository.listForUser(app.db, auth.user.id),
      }
    },
  )

  app.patch(
    '/api/v1/me',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['me'],
        summary: '修改个人资料',
        body: ZProfileUpdate,
        response: { 200: ZUser, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request)
      return performWrite(request, reply, {
        action: 'user.update',
        run: async (trx) => {
          const row = await usersRepository.update(trx, auth.user.id, request.body, isoAt(app.clock()))
          return {
            result: toUser(row),
            entityType: 'user',
            entityId: row.id,
            detail: { fields: Object.keys(request.body) },
          }
        },
      })
    },
  )
}
export default meRoutes
