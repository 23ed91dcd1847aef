/**
 * bench/overview: 监管总览 at 2,000 and 20,000 enterprises with 4 campaigns each, SQLite and PostgreSQL,
 * over loopback HTTP as the office (who sees every enterprise: the widest scope).
 *
 *   npm run bench:overview [-- 2000,20000 [sqlite,postgres]]
 *
 * Three campaigns are added to the demo's (4 in all), then enterprises with an assessment in each of them,
 * an open 整改, members, pledges and sign-ins (tests/api/support/bulkEnterprises.ts) up to each size. Then the
 * median of RUNS calls of: the figures, the 三会一课 figures (their own route) and their drill-down, a drill-down list page (overdue-free "open 整改", 20 rows, compared
 * with an earlier campaign), a 200-row page, and one enterprise's rows (found by credit code), each with its
 * ratio to GET /api/health of the same run. Goal (issue 16): under 200 ms each at 20,000. Last, what the
 * response serialiser costs for a 200-row page: the full zod check per row against the envelope-only one.
 */
import os from 'node:os'
import type { AddressInfo } from 'node:net'
import { serializerCompiler } from 'fastify-type-provider-zod'
import { addLedgerEnterprises } from '../tests/api/support/bulkEnterprises'
import { responseSerializerCompiler } from '../server/core/serializer'
import { ZEnterpriseListPage } from '../src/models/supervisionOverview'
import { postgresReachable, startBenchServer, type BenchDb } from './support'
import { healthAlone, loadAverage, ms, officeToken, percentile } from './prober'

const SIZES = (process.argv[2] ?? '2000,20000').split(',').map(Number)
const DBS = (process.argv[3] ?? 'sqlite,postgres').split(',') as BenchDb[]
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const GOAL_MS = 200

async function addCampaigns(db: Awaited<ReturnType<typeof startBenchServer>>['app']['db']) {
  const first = await db.selectFrom('campaigns').selectAll().orderBy('id').executeTakeFirstOrThrow()
  const { id: _id, ...row } = first
  for (const year of [2023, 2024, 2025])
    await db
      .insertInto('campaigns')
      .values({
        ...row,
        name: `${year}年度清廉企业自查`,
        period_start: `${year}-01-01`,
        period_end: `${year}-12-31`,
        due_date: `${year}-12-31`,
        closed_at: `${year + 1}-01-15T00:00:00.000Z`,
        created_at: `${year}-01-01T00:00:00.000Z`,
      })
      .execute()
}

async function median(call: () => Promise<void>): Promise<number> {
  await call() // warm up (plans, caches)
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    await call()
    times.push(performance.now() - started)
  }
  return percentile(times, 50)
}

async function benchOne(kind: BenchDb) {
  const server = await startBenchServer(kind)
  try {
    await addCampaigns(server.app.db)
    await server.app.listen({ host: '127.0.0.1', port: 0 })
    const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`
    const token = await officeToken(base)
    const get = async (url: string) => {
      const res = await fetch(`${base}${url}`, {
        headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' },
      })
      const body = await res.text()
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`)
      return body
    }
    const campaigns = (await server.app.db.selectFrom('campaigns').select('id').orderBy('id').execute()).map(
      (c) => c.id,
    )
    let added = 0
    for (const size of SIZES) {
      await addLedgerEnterprises(server.app.db, size - added)
      added = size
      const probe = await server.app.db
        .selectFrom('enterprises')
        .select('credit_code')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      const health = percentile(await healthAlone(base, 200), 50)
      const routes: [string, string][] = [
        ['figures', '/api/v1/supervision/figures'],
        ['三会一课 figures (own route)', '/api/v1/supervision/figures/meetings'],
        ['list page (三会一课 低于50%)', '/api/v1/supervision/enterprises?meetings=low'],
        ['list page (未设立支部)', '/api/v1/supervision/enterprises?meetings=no_branch'],
        ['list page (受邀·暂无成员)', '/api/v1/supervision/enterprises?attendance=no_members'],
        ['list page (到会率 50%以下)', '/api/v1/supervision/enterprises?attendance=low'],
        [
          'list page (open 整改, 20, compared)',
          `/api/v1/supervision/enterprises?rectification=open&compareCampaignId=${campaigns[1]}&page=3`,
        ],
        ['list page (200 rows)', '/api/v1/supervision/enterprises?pageSize=200&page=2'],
        ['one enterprise (credit code)', `/api/v1/supervision/enterprises?q=${probe.credit_code}`],
      ]
      console.log(
        `\n[${kind}] ${size} enterprises × ${campaigns.length} campaigns   health p50 ${ms(health)}`,
      )
      for (const [label, url] of routes) {
        const bytes = (await get(url)).length
        const took = await median(async () => void (await get(url)))
        console.log(
          `  ${label.padEnd(36)} ${ms(took).padStart(9)} = ${Math.round(took / health)
            .toString()
            .padStart(4)} × health  ${(bytes / 1024).toFixed(0)} KB  ${
            size >= 20_000 ? (took < GOAL_MS ? 'goal met' : 'goal NOT met') : ''
          }   load ${loadAverage()}`,
        )
      }
      if (kind === DBS[0] && size === SIZES[0]) await serialiserCost(JSON.parse(await get(routes[2][1])))
    }
  } finally {
    await server.close()
  }
}

/** The serialiser alone on a real 200-row page: zod per row (before) against the envelope only (now). */
async function serialiserCost(page: unknown) {
  const route = { schema: ZEnterpriseListPage, method: 'GET', url: '/bench', httpStatus: '200' }
  const full = serializerCompiler(route as never)
  const light = responseSerializerCompiler(route as never)
  const time = (f: (d: unknown) => string) => {
    for (let i = 0; i < 20; i++) f(page)
    const started = performance.now()
    for (let i = 0; i < 200; i++) f(page)
    return (performance.now() - started) / 200
  }
  const [before, after] = [time(full), time(light)]
  console.log(
    `\n  serialising a 200-row page: zod per row ${ms(before)}, envelope only ${ms(after)} (${(before / after).toFixed(1)}× less)`,
  )
}

async function main() {
  console.log(`bench:overview — node ${process.version}, ${os.cpus().length} cpus, load ${loadAverage()}`)
  for (const kind of DBS) {
    if (kind === 'postgres' && !(await postgresReachable())) {
      console.log('\n[postgres] not reachable: skipped')
      continue
    }
    await benchOne(kind)
  }
  console.log(`\nload average after: ${loadAverage()}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
