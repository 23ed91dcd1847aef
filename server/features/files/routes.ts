import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZId } from '../../../src/models/org'
import { PUBLIC } from '../../core/access'
import { found, notFound } from '../../core/errors'
import { featureRoutes } from '../../core/routes'
import { filesRepository } from './repository'
import { oneLine } from '../../../src/models/textLimit'

/** Files are shown in <Image> tags, which send no token: the signed link is the permission. */
const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route } = featureRoutes(app, 'assessments')

  route(
    'GET',
    '/api/v1/files/:fileId',
    {
      // The signed link is the permission: it was handed out only to someone allowed to see the record.
      access: PUBLIC,
      summary: '查看佐证文件（签名链接）',
      params: z.object({ fileId: ZId }),
      querystring: z.object({
        expires: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        sig: oneLine(z.string().max(100)),
      }),
    },
    async (request, reply) => {
      const { fileId } = request.params
      if (!app.fileLinks.verify(fileId, request.query.expires, request.query.sig)) throw notFound()
      const file = await found(filesRepository.findById(app.db, fileId))
      // A deleted draft's attachments have had their bytes released: an old link finds nothing.
      const bytes = await app.fileStore.open(file.storage_key)
      if (!bytes) throw notFound()
      reply.header('content-type', file.mime)
      reply.header('cache-control', 'private, max-age=600')
      // Only images are shown in place (in <Image>); anything else is downloaded, never rendered by the browser.
      const disposition = file.mime.startsWith('image/') ? 'inline' : 'attachment'
      reply.header(
        'content-disposition',
        `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      )
      if (bytes.size !== undefined) reply.header('content-length', bytes.size)
      return reply.send(bytes.stream)
    },
  )
}
export default fileRoutes
