import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { parseJoinLink } from '../../../src/models/joinLink'
import { oneLine } from '../../../src/models/textLimit'

/**
 * The links an invite or administrator QR carries (`/qr/join?code=…`, `/qr/admin?code=…`, see
 * src/models/joinLink.ts). In WeChat the scanner opens the mini-program's join page directly (the
 * 扫普通链接二维码打开小程序 rule); any other browser lands here and is sent to the H5 join page.
 * Outside /api: no token, nothing read from the database.
 */
const joinLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const path of ['join', 'admin'] as const) {
    app.get(
      `/qr/${path}`,
      { schema: { hide: true, querystring: z.object({ code: oneLine(z.string().max(40)).optional() }) } },
      async (request, reply) => {
        const link = parseJoinLink(`http://x/qr/${path}?code=${encodeURIComponent(request.query.code ?? '')}`)
        const query = link ? `?kind=${link.kind}&code=${encodeURIComponent(link.code)}` : ''
        return reply.redirect(`/#/packages/org/pages/join/index${query}`, 302)
      },
    )
  }
}
export default joinLinkRoutes
