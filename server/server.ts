import { loadEnv } from './env'
import { buildServer, prepareDatabase } from './bootstrap'
import { startReminderTimer } from './features/reminders/sender'

/** Only listens: everything else is built by app.ts. */
async function main() {
  const env = loadEnv()
  const database = await prepareDatabase(env)
  const server = await buildServer(env, database)
  // Reminders are sent by a timer in production only: demo users have no real WeChat account, and
  // tests build many apps (they call app.reminders.run with their own clock instead).
  const stopReminders =
    env.APP_MODE === 'production' && env.REMINDER_INTERVAL_MINUTES > 0
      ? startReminderTimer(server, env.REMINDER_INTERVAL_MINUTES * 60_000)
      : () => undefined

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    server.log.info({ signal }, 'shutting down: finishing in-flight requests')
    const timer = setTimeout(() => process.exit(1), 10_000)
    timer.unref()
    stopReminders()
    await server.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))

  const address = await server.listen({ host: env.HOST, port: env.PORT })
  const url = address.replace('127.0.0.1', 'localhost')
  console.log(
    `\n清廉企业 is running (${env.APP_MODE} mode, ${database.dialect}):\n  App:      ${url}/\n  API docs: ${url}/api/docs\n`,
  )
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
