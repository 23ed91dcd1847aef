import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ZAdminCodeRedeem, ZAdminCodeRedeemed } from '../../../src/models/setup'
import { SIGNED_IN } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { errorResponses } from '../../core/http'
import { performWrite } from '../../core/writes'
import { redeemAdminCode } from './service'

/** Switching on a county: the first administrator redeems the code that `npm run setup` printed. */
const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/setup/redeem',
    {
      // A wrong guess costs little, yet guesses are limited per address all the same.
      config: { access: SIGNED_IN, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags: ['setup'],
        summary: '凭管理员码成为领导小组办公室管理员（一次性，24小时有效）',
        body: ZAdminCodeRedeem,
        response: { 201: ZAdminCodeRedeemed, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'admin_code.redeem',
        status: 201,
        run: (trx) => redeemAdminCode(trx, requireAuth(request).user.id, request.body.code, app.clock()),
      }),
  )
}
export default setupRoutes
