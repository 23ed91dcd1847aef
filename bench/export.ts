/**
 * bench/export: the 工作台账 (.xlsx) at 2,000 and 20,000 enterprises on SQLite, over loopback HTTP.
 *
 *   npm run bench:export [-- 2000,20000]
 *
 * Start the server, measure GET /api/health alone (the trivial route), add enterprises with something in
 * every column of the 台账 (tests/api/support/bulkEnterprises.ts) up to each size, then download the 台账
 * while a prober in its own thread calls /api/health back to back: the worst of those answers says how
 * long the server could not answer anyone. Goal (issue 15): worst < 50 ms during the 20,000 export.
 */
import os from 'node:os'
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import type { AddressInfo } from 'node:net'
import { addLedgerEnterprises } from '../tests/api/support/bulkEnterprises'
import { startBenchServer } from './support'
import {
  downloadInThread,
  healthAlone,
  loadAverage,
  ms,
  officeToken,
  percentile,
  startProber,
  worst,
} from './prober'

const SIZES = (process.argv[2] ?? '2000,20000').split(',').map(Number)
const HEALTH = Number(process.env.BENCH_HEALTH ?? 500)
const GOAL_MS = 50
/** The prober alone for this long before each export: the machine's own stalls, to read the goal against. */
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 5000)

async function main() {
  console.log(`bench:export — node ${process.version}, ${os.cpus().length} cpus, load ${loadAverage()}`)
  const server = await startBenchServer('sqlite')
  try {
    await server.app.listen({ host: '127.0.0.1', port: 0 })
    const port = (server.app.server.address() as AddressInfo).port
    const base = `http://127.0.0.1:${port}`
    const token = await officeToken(base)
    const healthTimes = await healthAlone(base, HEALTH)
    const health = healthTimes.reduce((a, b) => a + b, 0) / healthTimes.length
    const healthWorst = worst(healthTimes)
    console.log(
      `\n[sqlite] health alone  ${ms(health)} mean, p99 ${ms(percentile(healthTimes, 99))}, worst ${ms(healthWorst)} (${HEALTH} calls)`,
    )

    let added = 0
    for (const size of SIZES) {
      await addLedgerEnterprises(server.app.db, size - added)
      added = size
      // The same prober with the server idle: what the machine alone does to the worst answer (other
      // processes taking the CPUs show here as a worst answer spent waiting for a CPU).
      const idle = startProber(port)
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS))
      const idleProbes = await idle.stop()
      const prober = startProber(port)
      // This thread serves the API and nothing else (the file is downloaded and read in a thread of its
      // own): its own stalls, to compare with the prober's.
      const loopDelay = monitorEventLoopDelay({ resolution: 1 })
      loopDelay.enable()
      // Its garbage collector's pauses meanwhile: the longest.
      let gcWorst = 0
      const gc = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) gcWorst = Math.max(gcWorst, entry.duration)
      })
      gc.observe({ entryTypes: ['gc'] })
      const startedAt = Date.now()
      const res = await downloadInThread(`${base}/api/v1/supervision/ledger.xlsx`, {
        authorization: `Bearer ${token}`,
      })
      const { bytes } = res
      const headersAt = res.sentAt + res.headersAt
      const took = res.sentAt + res.took - startedAt
      loopDelay.disable()
      gc.disconnect()
      const probes = await prober.stop()
      if (res.status !== 200) throw new Error(`ledger: ${res.status} ${res.error ?? ''}`)
      const late = worst(probes)
      console.log(`\n  ledger, ${size} enterprises (+ the demo's)`)
      console.log(
        `    no export (${IDLE_MS / 1000} s)  ${idleProbes.length} calls, p99 ${ms(percentile(idleProbes, 99))}, worst ${ms(worst(idleProbes))} (the API thread meanwhile ran ${ms(idle.worstRan())}, waited ${ms(idle.worstWaited())} for a CPU)   load ${loadAverage()}`,
      )
      console.log(
        `    export            ${ms(took)} = ${Math.round(took / health)} × health   ${(bytes / 1024 / 1024).toFixed(1)} MB   load ${loadAverage()}`,
      )
      console.log(
        `    health meanwhile  ${probes.length} calls, p50 ${ms(percentile(probes, 50))}, p99 ${ms(percentile(probes, 99))}, worst ${ms(late)} = ${(late / health).toFixed(0)} × its mean alone, ${(late / healthWorst).toFixed(1)} × its worst alone` +
          (size >= 20_000 ? `   goal < ${GOAL_MS} ms: ${late < GOAL_MS ? 'met' : 'NOT met'}` : ''),
      )
      console.log(
        `    the worst sent at +${((prober.worstAt() - startedAt) / 1000).toFixed(2)} s (the file's first byte at +${((headersAt - startedAt) / 1000).toFixed(2)} s, its last at +${(took / 1000).toFixed(2)} s); API thread's longest stall ${ms(loopDelay.max / 1e6)}, longest GC pause ${ms(gcWorst)}; during the worst answer the API thread ran ${ms(prober.worstRan())}, waited ${ms(prober.worstWaited())} for a CPU`,
      )
    }
  } finally {
    await server.close()
  }
  console.log(`\nload average after: ${loadAverage()}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
