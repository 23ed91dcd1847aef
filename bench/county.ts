/**
 * bench/county: a county at scale to walk by hand — the demo (APP_MODE=demo: its users, showcase 整改,
 * 风险点, 权力清单, 专项整治) plus SIZE enterprises supervised by 县财政局 (tests/api/support/bulkEnterprises.ts,
 * the benches' seeding), their activity then spread over the states a real county has: the current
 * campaign's self-assessments 未提交 / 草稿 / 退回 / 已审核 / 待审核, 整改 逾期 / 待核验 / 已销号, pledges and
 * 三会一课 missing at some, 廉洁风险点 (高 ones among them, some past their review), 权力清单 not yet read,
 * and the 县财政局's 专项整治 over all of them. Then it serves the H5 build on PORT until stopped.
 *
 *   npx tsx bench/county.ts [sqlite|postgres] [SIZE=2000]
 *   PORT=3931 SQLITE_FILE=/tmp/county.db H5_DIST=dist/h5 npx tsx bench/county.ts sqlite 2000
 *
 * SQLite: the file stays (SQLITE_FILE), so `APP_MODE=demo SQLITE_FILE=… npm start` can serve it again.
 * PostgreSQL: a schema of its own, dropped when the process is stopped (Ctrl-C / SIGTERM).
 * Sign in through POST /api/v1/auth/dev with the demo's openids (demo-supervisor-finance: 黄志强 of 县财政局;
 * demo-office: 覃秀 of the office).
 */
import os from 'node:os'
import path from 'node:path'
import { seedCounty } from './countySeed'
import { startBenchServer, type BenchDb } from './support'

const KIND = (process.argv[2] ?? 'sqlite') as BenchDb
const SIZE = Number(process.argv[3] ?? 2000)
const PORT = Number(process.env.PORT ?? 3931)

async function main() {
  const file = process.env.SQLITE_FILE ?? path.join(os.tmpdir(), 'county.db')
  const server = await startBenchServer(KIND, {
    APP_MODE: 'demo',
    SQLITE_FILE: file,
    SECRETS_FILE: process.env.SECRETS_FILE ?? `${file}.secrets.json`,
    H5_DIST: process.env.H5_DIST ?? 'dist/h5',
  })
  const started = performance.now()
  const now = Date.now()
  await seedCounty(server.app.db, SIZE, now)
  console.log(`[${KIND}] ${SIZE} enterprises seeded in ${Math.round(performance.now() - started)} ms`)
  await server.app.listen({ host: '127.0.0.1', port: PORT })
  console.log(`serving http://127.0.0.1:${PORT}/ ${KIND === 'sqlite' ? `(file ${file})` : ''}`)
  const stop = () => {
    // SQLite: the file is kept; only the bench's temporary folder goes.
    void server.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
