/**
 * What the benches that watch the server's responsiveness share: a prober in its own thread (so it never
 * waits on the server's event loop) that calls /api/health back to back and records each answer's time,
 * and the figures printed from such times.
 */
import os from 'node:os'
import { Worker } from 'node:worker_threads'

const PROBER = `
const { parentPort, workerData } = require('node:worker_threads')
const fs = require('node:fs')
const http = require('node:http')
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
// The API (main) thread's time on a CPU and runnable but waiting for one (Linux schedstat, ns → ms); NaN
// elsewhere.
const schedstat = '/proc/' + process.pid + '/task/' + process.pid + '/schedstat'
function sched() {
  try {
    const [ran, waited] = fs.readFileSync(schedstat, 'utf8').split(' ')
    return [Number(ran) / 1e6, Number(waited) / 1e6]
  } catch { return [NaN, NaN] }
}
let stop = false
const times = []
const starts = []
const waits = []
const runs = []
parentPort.on('message', () => { stop = true })
function once() {
  return new Promise((resolve) => {
    const started = performance.now()
    http.get({ host: '127.0.0.1', port: workerData.port, path: '/api/health', agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(performance.now() - started))
    }).on('error', () => resolve(performance.now() - started))
  })
}
;(async () => {
  while (!stop) {
    starts.push(performance.timeOrigin + performance.now())
    const before = sched()
    times.push(await once())
    const after = sched()
    runs.push(after[0] - before[0])
    waits.push(after[1] - before[1])
  }
  parentPort.postMessage({ times, starts, waits, runs })
})()
`

/**
 * Back-to-back health calls from another thread: each answer's time, until told to stop; `worstAt` then
 * says when the slowest one was sent (epoch ms), to tell which phase of the watched work held it up, and
 * `worstWaited` how much of it the API thread spent ready to run but waiting for a CPU and `worstRan` how
 * much on a CPU (Linux; NaN elsewhere): a stall that is mostly waiting is the machine's CPUs taken by
 * other threads or processes; mostly running, work on the API thread; neither, the API thread blocked
 * (a lock, a page fault, a system call).
 */
export function startProber(port: number) {
  const worker = new Worker(PROBER, { eval: true, workerData: { port } })
  let worstAt = NaN
  let worstWaited = NaN
  let worstRan = NaN
  return {
    async stop(): Promise<number[]> {
      const reply = new Promise<{ times: number[]; starts: number[]; waits: number[]; runs: number[] }>(
        (resolve) => worker.once('message', resolve),
      )
      worker.postMessage('stop')
      const { times, starts, waits, runs } = await reply
      await worker.terminate()
      const at = times.indexOf(worst(times))
      worstAt = starts[at] ?? NaN
      worstWaited = waits[at] ?? NaN
      worstRan = runs[at] ?? NaN
      return times
    },
    worstAt: () => worstAt,
    worstWaited: () => worstWaited,
    worstRan: () => worstRan,
  }
}

const DOWNLOAD = `
const { parentPort, workerData } = require('node:worker_threads')
;(async () => {
  const started = performance.now()
  const res = await fetch(workerData.url, { headers: workerData.headers })
  const headersAt = performance.now() - started
  const bytes = (await res.arrayBuffer()).byteLength
  parentPort.postMessage({ status: res.status, bytes, sentAt: performance.timeOrigin + started, headersAt, took: performance.now() - started })
})().catch((error) => parentPort.postMessage({ status: 0, error: String(error), bytes: 0, sentAt: 0, headersAt: 0, took: 0 }))
`

/**
 * A GET whose answer is read in a thread of its own, so that the client's work (receiving and holding a
 * file of megabytes) does not run on the API thread it is measuring: when it was sent (epoch ms), and the
 * first byte and the last in ms from then.
 */
export async function downloadInThread(
  url: string,
  headers: Record<string, string>,
): Promise<{
  status: number
  bytes: number
  sentAt: number
  headersAt: number
  took: number
  error?: string
}> {
  const worker = new Worker(DOWNLOAD, { eval: true, workerData: { url, headers } })
  try {
    return await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject))
  } finally {
    await worker.terminate()
  }
}

export const worst = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0)
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

/** The demo office's bearer token from the dev login of a listening server. */
export async function officeToken(base: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: 'demo-office' }),
  })
  return ((await login.json()) as { token: string }).token
}

/** The trivial route alone, one call after another: each answer's time (the baseline of the same run). */
export async function healthAlone(base: string, calls: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < calls; i++) {
    const started = performance.now()
    await (await fetch(`${base}/api/health`)).text()
    times.push(performance.now() - started)
  }
  return times
}
