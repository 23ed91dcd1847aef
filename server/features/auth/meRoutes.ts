import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ZMe, ZProfileUpdate, ZUser } from '../../../src/models/auth'
import { SIGNED_IN } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { membershipsRepository } from '../organisations/membershipsRepository'
import { toUser, usersRepository } from './repository'
import { featureRoutes } from '../../core/routes'
import { isoAt } from '../../core/clock'

const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'me')

  route(
    'GET',
    '/api/v1/me',
    { access: SIGNED_IN, summary: '当前用户与所属组织、角色', response: { 200: ZMe } },
    async (request) => {
      const { user } = requireAuth(request)
      return { user: toUser(user), memberships: await membershipsRepository.listForUser(app.db, user.id) }
    },
  )

  write(
    'PATCH',
    '/api/v1/me',
    {
      access: SIGNED_IN,
      summary: '修改个人资料',
      body: ZProfileUpdate,
      response: { 200: ZUser },
      action: 'user.update',
    },
    async (request, trx) => {
      const { user } = requireAuth(request)
      const row = await usersRepository.update(trx, user.id, request.body, isoAt(app.clock()))
      const detail = { fields: Object.keys(request.body) }
      return { result: toUser(row), entityType: 'user', entityId: row.id, detail }
    },
  )
}
export default meRoutes
