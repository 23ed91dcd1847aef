/**
 * bench/signin: a burst of QR sign-ins against one event on the real server, over loopback HTTP.
 *
 *   npx tsx bench/signin.ts       (SQLite, then PostgreSQL when TEST_DATABASE_URL / the local server answers)
 *   BENCH_DB=postgres npx tsx bench/signin.ts   (one database only: sqlite | postgres)
 *   BENCH_DB=sqlite BENCH_SQLITE=keys+gc npx tsx bench/signin.ts   (one SQLite variant: keys|nokeys + gc|nogc)
 *   BENCH_SQLITE_SYNC=wal-thread npx tsx bench/signin.ts   (SQLite's COMMITs synced off the event loop, see
 *     SQLITE_SYNC in server/env.ts)
 *   BENCH_PROFILE=/tmp/prof npx tsx bench/signin.ts   (the server's CPU profile of each sign-in burst alone,
 *     written there as <variant>.cpuprofile)
 *
 * For each database: start the server (buildServer + listen on 127.0.0.1:0), add 1,000 distinct users to
 * the audience enterprise, log each one in over HTTP, then fire one sign-in per user with ~20 requests in
 * flight, each with its own token and the organiser's current QR payload (refreshed every 5 s as it
 * rotates). Before that burst, 1,000 other people sign in to another event (BENCH_WARM, see WARM), as
 * the health route gets a warm-up of its own. GET /api/health is measured on the same server in the same
 * run as the baseline. The load runs in a child process, so the client does not share the server's event
 * loop. Bounded in count (BENCH_USERS, BENCH_WARM, BENCH_HEALTH) and in time (BENCH_PHASE_SECONDS per
 * phase); loopback only.
 */
import { fork } from 'node:child_process'
import fs from 'node:fs'
import inspector from 'node:inspector'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { addEmployees, PG_URL, postgresReachable, startBenchServer, type BenchDb } from './support'
import type { ClientJob, ClientReport, PhaseResult } from './signinClient'

const USERS = Number(process.env.BENCH_USERS ?? 1000)
const HEALTH = Number(process.env.BENCH_HEALTH ?? 5000)
/**
 * Sign-ins by other people to another event before the measured burst, as the health route gets its
 * warm-up: a county's server has been up for days, and the first thousand requests of a path after a
 * start run largely unoptimised (measured: about 1,000 µs of CPU per sign-in in the first burst after a
 * start, about 600 µs after a few thousand). The people of the measured burst are others still: their
 * first request after logging in, with nothing of theirs kept yet. 0: no warm-up (the figures before).
 */
const WARM = Number(process.env.BENCH_WARM ?? 1000)
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 20)
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 120)
const profileDir = process.env.BENCH_PROFILE
/** SQLite's SQLITE_SYNC for the group-commit runs: full (default, as in production) or wal-thread. */
const SQLITE_SYNC = process.env.BENCH_SQLITE_SYNC ?? 'full'

/** Round trips to PostgreSQL made by the server (pg's Client.query calls), counted from the start. */
let roundTrips = 0
const query = pg.Client.prototype.query
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  roundTrips += 1
  return (query as (...a: unknown[]) => unknown).apply(this, args)
} as typeof query

/**
 * The report, and the server's CPU time (user + system, µs) and PostgreSQL round trips during the first
 * sign-in burst.
 */
function runChild(
  job: ClientJob,
  profileFile?: string,
  commits: () => { count: number; ns: bigint } = () => ({ count: 0, ns: 0n }),
): Promise<
  ClientReport & {
    signInCpuUs: number
    signInSystemUs: number
    signInTrips: number
    signInCommits: number
    signInCommitMs: number
  }
> {
  const profiler = profileFile ? burstProfiler(profileFile) : undefined
  return new Promise((resolve, reject) => {
    let cpuAtStart: NodeJS.CpuUsage | undefined
    let signInCpuUs = NaN
    let signInSystemUs = NaN
    let tripsAtStart = 0
    let signInTrips = NaN
    let commitsAtStart = commits()
    let signInCommits = NaN
    let signInCommitMs = NaN
    const child = fork(path.join(__dirname, 'signinClient.ts'), [], {
      execArgv: process.execArgv,
      stdio: 'inherit',
    })
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error('load client did not finish in time'))
    }, job.phaseMs * 6)
    child.on('message', (message) => {
      const mark = (message as { mark?: string }).mark
      if (mark === 'sign-in start') {
        profiler?.start()
        cpuAtStart = process.cpuUsage()
        tripsAtStart = roundTrips
        commitsAtStart = commits()
      }
      if (mark === 'sign-in end' && cpuAtStart) {
        const used = process.cpuUsage(cpuAtStart)
        signInCpuUs = used.user + used.system
        signInSystemUs = used.system
        signInTrips = roundTrips - tripsAtStart
        const end = commits()
        signInCommits = end.count - commitsAtStart.count
        signInCommitMs = Number(end.ns - commitsAtStart.ns) / 1e6
        profiler?.stop()
      }
      if (mark) return
      clearTimeout(timer)
      resolve({
        ...(message as ClientReport),
        signInCpuUs,
        signInSystemUs,
        signInTrips,
        signInCommits,
        signInCommitMs,
      })
      child.disconnect()
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (code !== 0) reject(new Error(`load client exited with ${code}`))
    })
    child.send(job)
  })
}

/** BENCH_PROFILE: the server's CPU profile (this process) between the burst's marks, written to `file`. */
function burstProfiler(file: string) {
  const session = new inspector.Session()
  session.connect()
  return {
    start() {
      // 100 µs between samples: a sign-in costs well under a millisecond.
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 100 }, () => session.post('Profiler.start')),
      )
    },
    stop() {
      session.post('Profiler.stop', (error, result) => {
        if (!error) fs.writeFileSync(file, JSON.stringify(result.profile))
        session.disconnect()
      })
    },
  }
}

const fmt = (r: PhaseResult) =>
  `${r.done} in ${r.seconds.toFixed(2)} s → ${r.perSecond.toFixed(0)}/s; p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(
    1,
  )} ms; statuses ${JSON.stringify(r.statuses)}${r.timedOut ? ' (stopped at the time bound)' : ''}`

interface Mode {
  keys: boolean
  /** SQLite only: false runs one COMMIT per write (and so no auth cache either), the path before issue 15. */
  groupCommit: boolean
}

interface Ratio {
  label: string
  perSecond: number
  p99: number
  ratio: number
}

async function runOn(kind: BenchDb, mode: Mode): Promise<Ratio> {
  const bench = await startBenchServer(kind, {
    HOST: '127.0.0.1',
    SQLITE_GROUP_COMMIT: String(mode.groupCommit),
    SQLITE_SYNC: SQLITE_SYNC,
  })
  const label = `${kind}, ${mode.keys ? 'with keys' : 'no keys'}${
    kind === 'sqlite'
      ? `, group commit ${mode.groupCommit ? 'on' : 'off'}${
          mode.groupCommit && SQLITE_SYNC !== 'full' ? `, sync ${SQLITE_SYNC}` : ''
        }`
      : ''
  }`
  const server = bench.app
  const database = bench.database
  try {
    const address = await server.listen({ host: '127.0.0.1', port: 0 })
    const port = Number(new URL(address).port)
    const db = database.db
    const enterprise = await db
      .selectFrom('enterprises')
      .select('id')
      .where('name', '=', '县恒达食品有限公司')
      .executeTakeFirstOrThrow()
    const openids = Array.from({ length: USERS }, (_, i) => `bench-attendee-${String(i).padStart(5, '0')}`)
    await addEmployees(db, enterprise.id, openids)
    const organiserToken = (
      await server.inject({
        method: 'POST',
        url: '/api/v1/auth/dev',
        payload: { openid: 'demo-liaison-private' },
      })
    ).json().token as string
    const warmOpenids = Array.from({ length: WARM }, (_, i) => `bench-warm-up-${String(i).padStart(5, '0')}`)
    if (WARM > 0) await addEmployees(db, enterprise.id, warmOpenids)
    const t = Date.now()
    const createEvent = async (title: string) => {
      const created = await server.inject({
        method: 'POST',
        url: `/api/v1/enterprises/${enterprise.id}/events`,
        headers: { authorization: `Bearer ${organiserToken}` },
        payload: {
          kind: 'warning_education',
          title,
          startsAt: new Date(t).toISOString(),
          endsAt: new Date(t + 2 * 3600_000).toISOString(),
          signInOpensAt: new Date(t - 600_000).toISOString(),
        },
      })
      if (created.statusCode !== 201) throw new Error(`event not created: ${created.body}`)
      return created.json().id as number
    }
    const eventId = await createEvent('基准测试：千人警示教育大会')
    const warmEventId = WARM > 0 ? await createEvent('基准测试：预热') : 0

    const report = await runChild(
      {
        port,
        openids,
        organiserToken,
        eventId,
        warmOpenids,
        warmEventId,
        inFlight: IN_FLIGHT,
        health: HEALTH,
        phaseMs: PHASE_SECONDS * 1000,
        keys: mode.keys,
      },
      profileDir && path.join(profileDir, `${label.replace(/[^a-z]+/g, '-')}.cpuprofile`),
      () => ({ count: database.groupCommit?.commits ?? 0, ns: database.groupCommit?.commitNs ?? 0n }),
    )
    const rows = Number(
      (
        await db
          .selectFrom('sign_ins')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('event_id', '=', eventId)
          .executeTakeFirstOrThrow()
      ).n,
    )
    console.log(
      `\n[${label}] ${USERS} users, ${IN_FLIGHT} requests in flight, loopback ${address}${
        WARM > 0 ? `; after a warm-up of ${WARM} sign-ins by others` : '; no warm-up (BENCH_WARM=0)'
      }`,
    )
    console.log(`  login (POST /api/v1/auth/dev):     ${fmt(report.login)}`)
    if (report.warmUp)
      console.log(`  warm-up (${WARM} others, another event; not the goal figure): ${fmt(report.warmUp)}`)
    console.log(`  sign-in (POST /api/v1/sign-ins):   ${fmt(report.signIn)}`)
    console.log(`  repeat scans (200 已签到):          ${fmt(report.repeat)}`)
    console.log(`  GET /api/health:                   ${fmt(report.health)}`)
    console.log(`  sign_ins rows for the event: ${rows} (expected ${USERS})`)
    console.log(
      `  server CPU during the sign-in burst: ${(report.signInCpuUs / 1000).toFixed(0)} ms, ${(
        report.signInCpuUs / Math.max(1, report.signIn.done)
      ).toFixed(0)} µs per sign-in (${(report.signInSystemUs / Math.max(1, report.signIn.done)).toFixed(
        0,
      )} of them in the kernel)${
        kind === 'postgres'
          ? `; ${(report.signInTrips / Math.max(1, report.signIn.done)).toFixed(2)} PostgreSQL round trips per sign-in (QR refreshes included)`
          : database.groupCommit
            ? `; ${report.signInCommits} COMMITs (${(report.signIn.done / Math.max(1, report.signInCommits)).toFixed(1)} sign-ins each) holding the event loop ${report.signInCommitMs.toFixed(0)} ms`
            : ''
      }`,
    )
    console.log(
      `  → ${report.signIn.perSecond.toFixed(0)} sign-ins/s (p50 ${report.signIn.p50.toFixed(1)} ms, p99 ${report.signIn.p99.toFixed(
        1,
      )} ms) vs ${report.health.perSecond.toFixed(0)} health req/s: ratio ${(
        report.signIn.perSecond / report.health.perSecond
      ).toFixed(3)}`,
    )
    return {
      label,
      perSecond: report.signIn.perSecond,
      p99: report.signIn.p99,
      ratio: report.signIn.perSecond / report.health.perSecond,
    }
  } finally {
    await bench.close()
  }
}

async function main() {
  console.log(
    `bench/signin: ${os.cpus().length} CPUs, node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  const ratios: Ratio[] = []
  const only = process.env.BENCH_DB
  // BENCH_SQLITE=keys+gc: only that SQLite variant (e.g. under a profiler); keys, gc, nokeys, nogc combine.
  const variant = process.env.BENCH_SQLITE?.split('+')
  const wanted = (keys: boolean, groupCommit: boolean) =>
    !variant || (variant.includes(keys ? 'keys' : 'nokeys') && variant.includes(groupCommit ? 'gc' : 'nogc'))
  if (only !== 'postgres')
    for (const groupCommit of [false, true])
      for (const keys of [true, false])
        if (wanted(keys, groupCommit)) ratios.push(await runOn('sqlite', { keys, groupCommit }))
  if (only === 'sqlite') console.log('\n[postgres] skipped: BENCH_DB=sqlite')
  else if (await postgresReachable())
    for (const keys of [true, false]) ratios.push(await runOn('postgres', { keys, groupCommit: true }))
  else console.log(`\n[postgres] skipped: ${PG_URL} is not reachable`)
  console.log(
    `\nsign-ins against the health route of the same run (load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}):`,
  )
  for (const r of ratios)
    console.log(
      `  ${r.label.padEnd(40)} ${r.perSecond.toFixed(0).padStart(5)}/s  p99 ${r.p99.toFixed(1).padStart(6)} ms  ratio ${r.ratio.toFixed(3)}`,
    )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
