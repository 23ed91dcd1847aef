import fp from 'fastify-plugin'
import type { DatabaseHandle } from './database'

/** Exposes the Kysely handle opened by the caller (server.ts or a test); closes it with the app. */
export default fp<{ database: DatabaseHandle; closeWithApp: boolean }>(async function dbPlugin(app, opts) {
  app.decorate('db', opts.database.db)
  app.decorate('dialect', opts.database.dialect)
  app.decorate('accessVersion', opts.database.accessVersion ?? null)
  if (opts.closeWithApp) app.addHook('onClose', async () => opts.database.close())
})
