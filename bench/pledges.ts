/**
 * bench/pledges: what the keyed hash chain costs as it grows. Employees each sign the personal pledge,
 * one chain growing to 2,000 and then 20,000 entries; at each length: the time of one signing, the public
 * verify of the first and of the last pledge (a verify walks from the nearest checkpoint before each of
 * the pledge's entries, so its cost should not grow with the chain), and the whole-chain check behind
 * `npm run pledges:verify` — on SQLite and on PostgreSQL, against GET /api/health in the same run.
 *
 *   npx tsx bench/pledges.ts      (BENCH_PLEDGES=2000,20000 to change the lengths)
 */
import os from 'node:os'
import { PNG } from 'pngjs'
import type { FastifyInstance } from 'fastify'
import { sha256Hex } from '../server/features/pledges/hashChain'
import { verifyWholeChain } from '../server/features/pledges/verify'
import { renderPledgeText, type TPledgeTemplate } from '../src/models/pledge'
import { addEmployees, PG_URL, postgresReachable, startBenchServer, type BenchDb } from './support'

/** Chain lengths measured, growing one chain: BENCH_PLEDGES=2000,20000 (the default). */
const SIZES = (process.env.BENCH_PLEDGES ?? '2000,20000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b)
const VERIFIES = Number(process.env.BENCH_VERIFIES ?? 15)

/** A 300×100 handwritten-looking stroke, different per signer (so every image hash differs). */
function signature(seed: number): string {
  const png = new PNG({ width: 300, height: 100 })
  png.data.fill(255)
  for (let x = 10; x < 290; x++) {
    const y = Math.round(50 + 30 * Math.sin((x + seed) / 17))
    for (let dy = -1; dy <= 1; dy++) {
      const i = ((y + dy) * 300 + x) * 4
      png.data[i] = png.data[i + 1] = png.data[i + 2] = 20
    }
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint()
  const value = await fn()
  return [Number(process.hrtime.bigint() - start) / 1e6, value]
}

async function token(app: FastifyInstance, openid: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { openid } })
  return res.json().token as string
}

async function runOn(kind: BenchDb) {
  const bench = await startBenchServer(kind)
  const { app, env } = bench
  const db = bench.database.db
  try {
    const enterprise = await db
      .selectFrom('enterprises')
      .select(['id', 'name'])
      .where('name', '=', '县恒达食品有限公司')
      .executeTakeFirstOrThrow()
    const total = SIZES[SIZES.length - 1]
    const openids = Array.from({ length: total }, (_, i) => `bench-signer-${String(i).padStart(5, '0')}`)
    await addEmployees(db, enterprise.id, openids)
    const first = await token(app, openids[0])
    const templates = (
      await app.inject({
        method: 'GET',
        url: '/api/v1/pledge-templates?kind=personal',
        headers: { authorization: `Bearer ${first}` },
      })
    ).json().templates as TPledgeTemplate[]
    const template = templates[0]

    const verify = async (code: string) => {
      const samples: number[] = []
      // Two unmeasured calls first: the first call of a code path pays for compiling it.
      for (let i = -2; i < VERIFIES; i++) {
        const [took, res] = await timed(() =>
          app.inject({ method: 'GET', url: `/api/v1/pledges/verify/${encodeURIComponent(code)}` }),
        )
        if (res.statusCode !== 200 || res.json().intact !== true)
          throw new Error(`verify failed: ${res.statusCode} ${res.body}`)
        if (i >= 0) samples.push(took)
      }
      return median(samples)
    }

    const signTimes: number[] = []
    const codes: string[] = []
    for (const size of SIZES) {
      // Each employee signs once: the chain grows to `size` entries.
      for (let i = codes.length; i < size; i++) {
        const bearer = i === 0 ? first : await token(app, openids[i])
        const text = renderPledgeText('personal', template.content, {
          signer: `职工${i}`,
          enterprise: enterprise.name,
        })
        const [took, res] = await timed(() =>
          app.inject({
            method: 'POST',
            url: `/api/v1/enterprises/${enterprise.id}/pledges`,
            headers: { authorization: `Bearer ${bearer}` },
            payload: { templateId: template.id, textSha256: sha256Hex(text), signaturePng: signature(i) },
          }),
        )
        if (res.statusCode !== 201) throw new Error(`signing ${i} failed: ${res.statusCode} ${res.body}`)
        signTimes.push(took)
        codes.push(res.json().code as string)
      }
      // Baseline: the trivial route, same server, same run, measured at this size.
      const health: number[] = []
      for (let i = 0; i < 200; i++)
        health.push((await timed(() => app.inject({ method: 'GET', url: '/api/health' })))[0])
      const verifyFirst = await verify(codes[0])
      const verifyLast = await verify(codes[codes.length - 1])
      const [whole, check] = await timed(() =>
        verifyWholeChain(db, env.PLEDGE_CHAIN_KEY, app.pledgeCheckpoints),
      )
      if (check.firstBroken) throw new Error(`chain broken: ${check.firstBroken.message}`)

      const h = median(health)
      const row = (label: string, value: number) =>
        console.log(
          `  ${label.padEnd(52)} ${value.toFixed(1).padStart(8)} ms  (${(value / h).toFixed(0)}× health)`,
        )
      console.log(
        `\n[${kind}] ${size} personal pledges in one chain (${check.checked} entries checked; ` +
          `checkpoint every ${env.PLEDGE_CHECKPOINT_EVERY}, latest at ${check.anchor?.count ?? '-'})`,
      )
      console.log(`  GET /api/health (baseline), median${' '.repeat(18)} ${h.toFixed(2).padStart(8)} ms`)
      row('sign one pledge (POST, chain append), median', median(signTimes.slice(-size)))
      console.log(
        `    signing the last 100: median ${median(signTimes.slice(-100)).toFixed(1)} ms vs first 100: ${median(signTimes.slice(0, 100)).toFixed(1)} ms`,
      )
      row('public verify of the first pledge, median', verifyFirst)
      row(`public verify of the last pledge (of ${size}), median`, verifyLast)
      row('whole-chain deep check (pledges:verify)', whole)
    }
  } finally {
    await bench.close()
  }
}

async function main() {
  console.log(`bench/pledges: ${os.cpus().length} CPUs, node ${process.version}`)
  await runOn('sqlite')
  const reachable = await postgresReachable()
  if (reachable) await runOn('postgres')
  else console.log(`\n[postgres] skipped: nothing answers at ${PG_URL}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
