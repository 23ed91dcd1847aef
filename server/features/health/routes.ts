import { isoAt } from '../../core/clock'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { sql } from 'kysely'
import { ZHealth } from '../../../src/models/common'
import { PUBLIC } from '../../core/access'

const healthRoutes: FastifyPluginAsyncZod<{ mode: 'production' | 'demo' | 'test' }> = async (app, opts) => {
  app.get(
    '/api/health',
    {
      config: { access: PUBLIC },
      schema: { tags: ['system'], summary: '健康检查', response: { 200: ZHealth } },
    },
    async () => {
      await sql`select 1`.execute(app.db)
      return { status: 'ok' as const, database: app.dialect, mode: opts.mode, time: isoAt(app.clock()) }
    },
  )
}
export default healthRoutes
