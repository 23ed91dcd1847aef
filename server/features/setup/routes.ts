import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { featureRoutes } from '../../core/routes'
import { perAddress, perUser } from '../../core/rateLimit'
import { ZAdminCodeRedeem, ZAdminCodeRedeemed } from '../../../src/models/setup'
import { SIGNED_IN } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { redeemAdminCode } from './service'

/** Switching on a county: the first administrator redeems the code that `npm run setup` printed. */
const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  const { write } = featureRoutes(app, 'setup')
  write(
    'POST',
    '/api/v1/setup/redeem',
    {
      access: SIGNED_IN,
      limits: [perAddress('admin-code', 20), perUser('admin-code', app.rateLimiter.login.perAccount)],
      summary: '凭管理员码成为领导小组办公室管理员（一次性，24小时有效）',
      body: ZAdminCodeRedeem,
      response: { 201: ZAdminCodeRedeemed },
      action: 'admin_code.redeem',
    },
    (request, trx) => redeemAdminCode(trx, requireAuth(request).user.id, request.body.code, app.clock()),
  )
}
export default setupRoutes
