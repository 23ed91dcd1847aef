/**
 * What the benches that watch the server's responsiveness share: a prober in its own thread (so it never
 * waits on the server's event loop) that calls /api/health back to back and records each answer's time,
 * and the figures printed from such times.
 */
import os from 'node:os'
import { Worker } from 'node:worker_threads'

const PROBER = `
const { parentPort, workerData } = require('node:worker_threads')
const http = require('node:http')
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
let stop = false
const times = []
const starts = []
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
    times.push(await once())
  }
  parentPort.postMessage({ times, starts })
})()
`

/**
 * Back-to-back health calls from another thread: each answer's time, until told to stop; `worstAt` then
 * says when the slowest one was sent (epoch ms), to tell which phase of the watched work held it up.
 */
export function startProber(port: number) {
  const worker = new Worker(PROBER, { eval: true, workerData: { port } })
  let worstAt = NaN
  return {
    async stop(): Promise<number[]> {
      const reply = new Promise<{ times: number[]; starts: number[] }>((resolve) =>
        worker.once('message', resolve),
      )
      worker.postMessage('stop')
      const { times, starts } = await reply
      await worker.terminate()
      worstAt = starts[times.indexOf(worst(times))] ?? NaN
      return times
    },
    worstAt: () => worstAt,
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
