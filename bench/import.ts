/**
 * bench/import: 企业批量导入 of 20,000 rows on the real server, over loopback HTTP.
 *
 *   npm run bench:import [-- sqlite|postgres]   (both by default: PostgreSQL when TEST_DATABASE_URL answers)
 *
 * For each database: start the server (buildServer + listen on 127.0.0.1:0), measure GET /api/health
 * alone (the trivial route), then upload a workbook of BENCH_IMPORT_ROWS (20,000) new enterprises, poll
 * the import until its preview is ready, and commit it. While the import runs, a prober in its own
 * thread (so it never waits on the server's event loop) calls /api/health back to back and records how
 * long each answer took: the worst one says how long the server was unable to answer anyone. Last, the
 * first printable part of the new enterprises' liaison invites (.docx of 1,000 pages, built in a worker
 * thread as well).
 */
import os from 'node:os'
import type { AddressInfo } from 'node:net'
import ExcelJS from 'exceljs'
import { creditCodeCheckChar } from '../src/models/creditCode'
import { IMPORT_COLUMNS } from '../src/models/enterpriseImport'
import { PG_URL, postgresReachable, startBenchServer, type BenchDb } from './support'
import { healthAlone, loadAverage, ms, officeToken, percentile, startProber, worst } from './prober'

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000)
const HEALTH = Number(process.env.BENCH_HEALTH ?? 500)

async function buildWorkbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('企业名单')
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header))
  for (let i = 0; i < rows; i++) {
    const body = `91450100${String(700_000 + i).padStart(9, '0')}`
    sheet.addRow([
      `县基准测试第${i}有限公司`,
      body + creditCodeCheckChar(body),
      i % 5 === 0 ? '国有独资' : '民营',
      i % 3 === 0 ? '党支部' : '无党组织',
      '制造业',
      i % 2 ? '县委统战部' : '县财政局、县委统战部',
      `联络员${i}`,
      `139${String(i).padStart(8, '0')}`,
    ])
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

async function run(kind: BenchDb, file: Buffer) {
  const server = await startBenchServer(kind)
  try {
    await server.app.listen({ host: '127.0.0.1', port: 0 })
    const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`
    const port = (server.app.server.address() as AddressInfo).port
    const auth = { authorization: `Bearer ${await officeToken(base)}` }

    // The trivial route alone, same server, same run.
    const healthTimes = await healthAlone(base, HEALTH)
    const health = healthTimes.reduce((a, b) => a + b, 0) / healthTimes.length

    const previewProber = startProber(port)
    const previewStarted = performance.now()
    const form = new FormData()
    form.append('file', new Blob([file]), 'bench.xlsx')
    const posted = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers: auth, body: form })
    if (posted.status !== 202) throw new Error(`upload: ${posted.status} ${await posted.text()}`)
    const accepted = performance.now() - previewStarted
    const { id } = (await posted.json()) as { id: number }
    let state = 'parsing'
    let counts: unknown = null
    while (state === 'parsing') {
      await new Promise((resolve) => setTimeout(resolve, 100))
      const view = (await (
        await fetch(`${base}/api/v1/imports/${id}?pageSize=1`, { headers: auth })
      ).json()) as {
        state: string
        counts: unknown
      }
      state = view.state
      counts = view.counts
    }
    const preview = performance.now() - previewStarted
    const previewProbes = await previewProber.stop()
    if (state !== 'ready') throw new Error(`import ended ${state}`)

    const commitProber = startProber(port)
    const commitStarted = performance.now()
    const committed = await fetch(`${base}/api/v1/imports/${id}/commit`, { method: 'POST', headers: auth })
    const commitBody = await committed.text()
    const commit = performance.now() - commitStarted
    const commitProbes = await commitProber.stop()
    if (committed.status !== 200) throw new Error(`commit: ${committed.status} ${commitBody}`)

    const invitesProber = startProber(port)
    const invitesStarted = performance.now()
    const invitesRes = await fetch(`${base}/api/v1/imports/${id}/invites.docx?part=1`, { headers: auth })
    const invitesBytes = (await invitesRes.arrayBuffer()).byteLength
    const invites = performance.now() - invitesStarted
    const invitesProbes = await invitesProber.stop()
    if (invitesRes.status !== 200) throw new Error(`invites: ${invitesRes.status}`)

    console.log(`\n[${kind}] ${ROWS} rows`)
    console.log(
      `  health alone          ${ms(health)} mean, p99 ${ms(percentile(healthTimes, 99))} (${HEALTH} calls)`,
    )
    console.log(`  upload → 202          ${ms(accepted)} (worker has read the file and its header)`)
    console.log(
      `  preview ready         ${ms(preview)}  = ${Math.round(preview / health)} × health   counts ${JSON.stringify(counts)}`,
    )
    console.log(
      `    health meanwhile    ${previewProbes.length} calls, p50 ${ms(percentile(previewProbes, 50))}, p99 ${ms(percentile(previewProbes, 99))}, worst ${ms(worst(previewProbes))}`,
    )
    console.log(
      `  commit                ${ms(commit)}  = ${Math.round(commit / health)} × health   ${commitBody}`,
    )
    console.log(
      `    health meanwhile    ${commitProbes.length} calls, p50 ${ms(percentile(commitProbes, 50))}, p99 ${ms(percentile(commitProbes, 99))}, worst ${ms(worst(commitProbes))}`,
    )
    console.log(
      `  invites .docx (1,000) ${ms(invites)}  = ${Math.round(invites / health)} × health   ${(invitesBytes / 1024 / 1024).toFixed(1)} MB`,
    )
    console.log(
      `    health meanwhile    ${invitesProbes.length} calls, p50 ${ms(percentile(invitesProbes, 50))}, p99 ${ms(percentile(invitesProbes, 99))}, worst ${ms(worst(invitesProbes))}`,
    )
  } finally {
    await server.close()
  }
}

async function main() {
  console.log(`bench:import — node ${process.version}, ${os.cpus().length} cpus, load ${loadAverage()}`)
  const file = await buildWorkbook(ROWS)
  console.log(`workbook: ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB`)
  const only = process.argv[2] as BenchDb | undefined
  if (only !== 'postgres') await run('sqlite', file)
  if (only === 'sqlite') return
  if (await postgresReachable()) await run('postgres', file)
  else console.log(`\n[postgres] skipped: ${PG_URL} does not answer`)
  console.log(`\nload average after: ${loadAverage()}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
