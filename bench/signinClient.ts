/**
 * bench/signin's load client: logs the users in, warms the server up, fires the sign-in burst, repeats it and
 * measures the health route, over loopback HTTP. It runs in a child process (forked by bench/signin.ts) so
 * that it does not share the server's event loop; it posts marks around the burst and then its report.
 */
import http from 'node:http'

export interface ClientJob {
  port: number
  openids: string[]
  organiserToken: string
  eventId: number
  /** Other people, signing in to another event before the measured burst (see WARM). */
  warmOpenids: string[]
  warmEventId: number
  inFlight: number
  health: number
  phaseMs: number
  /** Every sign-in with an Idempotency-Key, as the app sends it. */
  keys: boolean
}

export interface PhaseResult {
  name: string
  done: number
  statuses: Record<string, number>
  seconds: number
  perSecond: number
  p50: number
  p99: number
  timedOut: boolean
}

export interface ClientReport {
  login: PhaseResult
  warmUp: PhaseResult | null
  signIn: PhaseResult
  repeat: PhaseResult
  health: PhaseResult
}

function httpCall(
  agent: http.Agent,
  port: number,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent,
        headers: {
          ...headers,
          ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(data)
  })
}

/** `count` requests, `inFlight` at a time, stopping early at the deadline. */
async function phase(
  name: string,
  count: number,
  inFlight: number,
  phaseMs: number,
  send: (i: number) => Promise<{ status: number; body: string }>,
  onResult?: (i: number, r: { status: number; body: string }) => void,
): Promise<PhaseResult> {
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  const started = process.hrtime.bigint()
  const deadline = Date.now() + phaseMs
  let next = 0
  let timedOut = false
  const worker = async () => {
    while (next < count) {
      if (Date.now() > deadline) {
        timedOut = true
        return
      }
      const i = next++
      const t0 = process.hrtime.bigint()
      let result: { status: number; body: string }
      try {
        result = await send(i)
      } catch {
        result = { status: 0, body: '' }
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
      statuses[result.status] = (statuses[result.status] ?? 0) + 1
      onResult?.(i, result)
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const sorted = latencies.sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
  return {
    name,
    done: sorted.length,
    statuses,
    seconds,
    perSecond: sorted.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    timedOut,
  }
}

async function runClient(job: ClientJob): Promise<ClientReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.inFlight })
  const call = (method: string, url: string, headers: Record<string, string>, body?: unknown) =>
    httpCall(agent, job.port, method, url, headers, body)
  const logIn = async (name: string, openids: string[]) => {
    const tokens: string[] = new Array(openids.length)
    const result = await phase(
      name,
      openids.length,
      job.inFlight,
      job.phaseMs,
      (i) => call('POST', '/api/v1/auth/dev', {}, { openid: openids[i] }),
      (i, r) => {
        if (r.status === 200) tokens[i] = JSON.parse(r.body).token
      },
    )
    return { result, tokens }
  }
  const { result: login, tokens } = await logIn('login', job.openids)
  const warmTokens = job.warmOpenids.length > 0 ? (await logIn('login', job.warmOpenids)).tokens : []

  // The organiser's screen: the current payload, fetched again every 5 s as it rotates.
  const organiser = { authorization: `Bearer ${job.organiserToken}` }
  const fetchQr = async (eventId: number) =>
    JSON.parse((await call('GET', `/api/v1/events/${eventId}/qr`, organiser)).body)
  const payloads = new Map<number, string>()
  const eventIds = job.warmOpenids.length > 0 ? [job.eventId, job.warmEventId] : [job.eventId]
  for (const id of eventIds) payloads.set(id, (await fetchQr(id)).payload)
  const refresher = setInterval(() => {
    for (const id of eventIds)
      fetchQr(id).then(
        (qr) => payloads.set(id, qr.payload),
        () => undefined,
      )
  }, 5_000)

  const scan = (round: string, eventId: number, by: string[]) => (i: number) =>
    call(
      'POST',
      '/api/v1/sign-ins',
      {
        authorization: `Bearer ${by[i]}`,
        // A new key per scan (the app's outbox keeps one per queued write).
        ...(job.keys ? { 'idempotency-key': `bench-${round}-${i}-${Date.now()}` } : {}),
      },
      { payload: payloads.get(eventId), scannedAt: new Date().toISOString() },
    )
  const scans = (name: string, eventId: number, by: string[]) =>
    phase(name, by.length, job.inFlight, job.phaseMs, scan(name, eventId, by))
  const warmUp = warmTokens.length > 0 ? await scans('warm-up', job.warmEventId, warmTokens) : null
  // The parent measures the server's CPU time across the burst (see `runChild`).
  process.send?.({ mark: 'sign-in start' })
  const signIn = await scans('sign-in', job.eventId, tokens)
  process.send?.({ mark: 'sign-in end' })
  // The same people again: every answer is 200 已签到, read from the unique row.
  const repeat = await scans('repeat', job.eventId, tokens)
  clearInterval(refresher)

  await phase('warm-up', 500, job.inFlight, job.phaseMs, () => call('GET', '/api/health', {}))
  const health = await phase('health', job.health, job.inFlight, job.phaseMs, () =>
    call('GET', '/api/health', {}),
  )
  agent.destroy()
  return { login, warmUp, signIn, repeat, health }
}

// ---------- the server side (parent process) ----------

if (require.main === module)
  process.once('message', (job) => {
    runClient(job as ClientJob).then(
      (report) => process.send?.(report),
      (error) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
