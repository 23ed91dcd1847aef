import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { signInPayload } from '../../../src/models/signInLink'
import { oneLine } from '../../../src/models/textLimit'

/**
 * The link an event's sign-in QR carries (`/s?c=QL1.…`, see src/models/signInLink.ts). WeChat's scanner
 * opens the mini-program's sign-in page directly; any other browser lands here and is sent to the H5
 * sign-in page with the payload. Outside /api: no token, nothing read from the database.
 */
const signInLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/s',
    { schema: { hide: true, querystring: z.object({ c: oneLine(z.string().max(200)).optional() }) } },
    async (request, reply) => {
      const payload = signInPayload(request.query.c ?? '')
      const query = payload ? `?c=${encodeURIComponent(payload)}` : ''
      return reply.redirect(`/#/packages/events/pages/signin/index${query}`, 302)
    },
  )
}
export default signInLinkRoutes
