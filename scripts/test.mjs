// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Prints a timing per step and, last, one line "N passed, N failed" over every test run.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules/.bin', name)
const artifacts = path.join(root, 'artifacts')
fs.mkdirSync(artifacts, { recursive: true })
const inCI = process.env.CI === 'true' || process.env.CI === '1'
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const steps = []
const totals = { passed: 0, failed: 0, skipped: 0 }

// A failed step that is not a jest run counts as one failure in the closing line.
function run(name, command, args, env = {}, countsItsOwnTests = false) {
  const started = Date.now()
  console.log(`\n━━ ${name} ━━ ${[path.basename(command), ...args].join(' ')}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = result.status === 0
  steps.push({ name, ok, seconds: (Date.now() - started) / 1000 })
  if (!ok && !countsItsOwnTests) totals.failed += 1
  return ok
}

function jest(name, projects, env = {}) {
  const out = path.join(artifacts, `jest-${name.replace(/\W+/g, '-')}.json`)
  fs.rmSync(out, { force: true })
  const args = ['--ci', '--json', `--outputFile=${out}`, ...projects.flatMap((p) => ['--selectProjects', p])]
  const ok = run(name, bin('jest'), args, env, true)
  if (fs.existsSync(out)) {
    const report = JSON.parse(fs.readFileSync(out, 'utf8'))
    totals.passed += report.numPassedTests
    totals.failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0)
    totals.skipped += report.numPendingTests + report.numTodoTests
    if (report.numTotalTests === 0) {
      console.error(`${name}: no test ran`)
      steps[steps.length - 1].ok = false
      totals.failed += 1
    }
  } else if (!ok) {
    totals.failed += 1
  }
  return ok
}

function canReach(url, defaultPort = 5432) {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) })
    socket.setTimeout(2000)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => (socket.destroy(), resolve(false)))
  })
}

// Redis for the shared rate limits and the two-process test; outside CI their suites are skipped without one.
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379'
let redisEnv = { TEST_REDIS_URL: redisUrl }
if (!(await canReach(redisUrl, 6379))) {
  if (inCI) {
    console.error(`\n✖ Redis is required in CI and is not reachable at ${redisUrl}`)
    steps.push({ name: 'Redis', ok: false, seconds: 0 })
    totals.failed += 1
  } else {
    console.warn(
      `\n⚠ Redis not reachable at ${redisUrl}: the shared rate-limit tests are SKIPPED (required in CI).`,
    )
  }
  redisEnv = { TEST_REDIS_URL: '' }
}

run('lint', 'npm', ['run', '--silent', 'lint'])
run('typecheck', 'npm', ['run', '--silent', 'typecheck'])
jest('unit + component tests', ['unit', 'component'])
jest('API tests on SQLite', ['api'], { TEST_DB: 'sqlite', ...redisEnv })
if (await canReach(pgUrl)) {
  jest('API tests on PostgreSQL', ['api'], { TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl, ...redisEnv })
} else if (inCI) {
  console.error(`\n✖ PostgreSQL is required in CI and is not reachable at ${pgUrl}`)
  steps.push({ name: 'API tests on PostgreSQL', ok: false, seconds: 0 })
  totals.failed += 1
} else {
  console.warn(
    `\n⚠ PostgreSQL not reachable at ${pgUrl}: the PostgreSQL API run is SKIPPED (it is required in CI).`,
  )
  steps.push({ name: 'API tests on PostgreSQL (skipped: no server)', ok: true, seconds: 0 })
}
run('weapp build', bin('taro'), ['build', '--type', 'weapp'])
fs.rmSync(path.join(artifacts, 'weapp-setdata.json'), { force: true })
jest('mini-program runner (dist/weapp)', ['weapp'])
// Fails above WeChat's 2 MB limits and above the main package's 500 KB budget.
run('weapp size', 'node', ['bench/size.mjs'])
run('H5 build', bin('taro'), ['build', '--type', 'h5'])
jest('end-to-end tests in Chromium', ['e2e'])

console.log('\n━━ summary ━━')
for (const s of steps)
  console.log(`${s.ok ? '✔' : '✖'} ${s.name.padEnd(48)} ${s.seconds.toFixed(1).padStart(7)} s`)
const failedSteps = steps.filter((s) => !s.ok)
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
)
process.exit(failedSteps.length ? 1 : 0)
