/**
 * Model-based test of the outbox against a simulated server with an unreliable network.
 *
 * The server stores the first result per idempotency key and replays it (a different body under the
 * same key → 422, a key still being processed → 409 IDEMPOTENCY_IN_PROGRESS), like the real one. The
 * network, as fast-check chooses, drops requests, drops responses after processing, delivers requests
 * twice, answers 503/401, or holds responses to be resolved later in any order. The app may restart at
 * any time while sends are in flight. After a final reliable phase the server must have applied exactly
 * the bodies that were enqueued: nothing lost, nothing twice, nothing refused.
 */
import fc from 'fast-check'
import { UUID_V4_RE } from '@/services/idempotencyKey'
import { createOutbox, defaultBackoff, OUTBOX_KEYS, type Outbox, type OutboxEntry } from '@/services/outbox'
import type { TransportResponse } from '@/services/request'
import { memoryStorage, type KeyValueStorage } from '@/services/storage'

type Fate = 'ok' | 'dropRequest' | 'dropResponse' | 'duplicate' | 'delay' | 'fail503' | 'fail401'

const errorReply = (status: number, code: string): TransportResponse => ({
  status,
  data: { error: { code, message: code, fields: [] } },
})

class Server {
  private records = new Map<string, { body: string; done: boolean; response?: TransportResponse }>()
  /** JSON of every body the server applied, in order. */
  readonly applied: string[] = []

  /** Handles a request; with `finish` false it only starts processing and returns null. */
  receive(entry: OutboxEntry, finish: boolean): TransportResponse | null {
    if (!UUID_V4_RE.test(entry.idempotencyKey)) return errorReply(400, 'IDEMPOTENCY_KEY_INVALID')
    const body = JSON.stringify(entry.body)
    const rec = this.records.get(entry.idempotencyKey)
    if (rec) {
      if (rec.body !== body) return errorReply(422, 'IDEMPOTENCY_KEY_REUSED')
      if (!rec.done) return errorReply(409, 'IDEMPOTENCY_IN_PROGRESS')
      return rec.response!
    }
    this.records.set(entry.idempotencyKey, { body, done: false })
    return finish ? this.finish(entry.idempotencyKey) : null
  }

  finish(key: string): TransportResponse {
    const rec = this.records.get(key)!
    this.applied.push(rec.body)
    rec.done = true
    rec.response = { status: 201, data: { id: this.applied.length } }
    return rec.response
  }
}

interface Held {
  settle: (loseResponse: boolean) => void
}

class Network {
  reliable = false
  private i = 0
  readonly held: Held[] = []

  constructor(
    private readonly server: Server,
    private readonly fates: Fate[],
  ) {}

  send = (entry: OutboxEntry): Promise<TransportResponse> => {
    const fate: Fate = this.reliable ? 'ok' : this.fates[this.i++ % this.fates.length]
    const networkError = () => Object.assign(new Error('request:fail'), { errMsg: 'request:fail' })
    switch (fate) {
      case 'ok':
        return Promise.resolve(this.server.receive(entry, true)!)
      case 'dropRequest':
        return Promise.reject(networkError())
      case 'dropResponse':
        this.server.receive(entry, true)
        return Promise.reject(networkError())
      case 'duplicate': {
        const first = this.server.receive(entry, true)!
        this.server.receive(entry, true)
        return Promise.resolve(first)
      }
      case 'fail503':
        return Promise.resolve(errorReply(503, 'INTERNAL'))
      case 'fail401':
        return Promise.resolve(errorReply(401, 'UNAUTHENTICATED'))
      case 'delay': {
        const immediate = this.server.receive(entry, false)
        return new Promise((resolve, reject) => {
          this.held.push({
            settle: (lose) => {
              const response = immediate ?? this.server.finish(entry.idempotencyKey)
              if (lose) reject(networkError())
              else resolve(response)
            },
          })
        })
      }
    }
  }

  /** Settles held responses: picks[i] chooses among those still held, in that order. */
  release(picks: { index: number; lose: boolean }[]): void {
    for (const { index, lose } of picks) {
      if (!this.held.length) return
      const [h] = this.held.splice(index % this.held.length, 1)
      h.settle(lose)
    }
  }
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

class System {
  readonly storage: KeyValueStorage = memoryStorage()
  readonly server = new Server()
  readonly net: Network
  clock = 1_700_000_000_000
  outbox: Outbox
  restarts = 0

  constructor(fates: Fate[]) {
    this.net = new Network(this.server, fates)
    this.outbox = this.boot()
  }

  boot(): Outbox {
    return createOutbox({
      storage: this.storage,
      send: this.net.send,
      now: () => this.clock,
      backoff: (attempts) => defaultBackoff(attempts, () => 0.5),
      onError: (err) => {
        throw err
      },
    })
  }
}

interface Model {
  enqueued: string[]
}

/** Applied ⊆ enqueued as multisets: a duplicate shows up as soon as it happens. */
function assertNoDuplicates(m: Model, s: System): void {
  const left = new Map<string, number>()
  for (const b of m.enqueued) left.set(b, (left.get(b) ?? 0) + 1)
  for (const b of s.server.applied) {
    const n = left.get(b) ?? 0
    if (n === 0) throw new Error(`server applied ${b} more often than it was enqueued`)
    left.set(b, n - 1)
  }
}

/** Storage holds exactly what the current instance holds: stale instances never write. */
function assertStorageMatches(s: System): void {
  const list = s.outbox.list()
  const index = JSON.parse(s.storage.get(OUTBOX_KEYS.index) ?? '[]') as string[]
  expect(index).toEqual(list.map((e) => e.id))
  const stored = s.storage
    .keys()
    .filter((k) => k.startsWith(OUTBOX_KEYS.entryPrefix))
    .map((k) => JSON.parse(s.storage.get(k)!) as OutboxEntry)
  const byId = (a: OutboxEntry, b: OutboxEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  expect(stored.sort(byId)).toEqual(list.sort(byId))
}

function assertInvariants(m: Model, s: System): void {
  assertNoDuplicates(m, s)
  assertStorageMatches(s)
}

class EnqueueCmd implements fc.AsyncCommand<Model, System> {
  constructor(readonly v: number) {}
  check = () => true
  async run(m: Model, s: System): Promise<void> {
    const body = { v: this.v }
    m.enqueued.push(JSON.stringify(body))
    s.outbox.enqueue({ method: 'POST', path: '/writes', body, label: '提交' })
    await settle()
    assertInvariants(m, s)
  }
  toString = () => `enqueue(${this.v})`
}

class FlushCmd implements fc.AsyncCommand<Model, System> {
  constructor(readonly force: boolean) {}
  check = () => true
  async run(m: Model, s: System): Promise<void> {
    // Never awaited: it may be waiting on a held response; it stays in flight.
    void s.outbox.flush({ force: this.force })
    await settle()
    assertInvariants(m, s)
  }
  toString = () => `flush(${this.force ? 'force' : ''})`
}

class AdvanceClockCmd implements fc.AsyncCommand<Model, System> {
  constructor(readonly ms: number) {}
  check = () => true
  async run(_m: Model, s: System): Promise<void> {
    s.clock += this.ms
  }
  toString = () => `advance(${this.ms})`
}

class ReleaseCmd implements fc.AsyncCommand<Model, System> {
  constructor(readonly picks: { index: number; lose: boolean }[]) {}
  check = () => true
  async run(m: Model, s: System): Promise<void> {
    s.net.release(this.picks)
    await settle()
    assertInvariants(m, s)
  }
  toString = () => `release(${this.picks.map((p) => `${p.index}${p.lose ? '!' : ''}`).join(',')})`
}

class RestartCmd implements fc.AsyncCommand<Model, System> {
  check = () => true
  async run(m: Model, s: System): Promise<void> {
    // The old instance is abandoned with its sends still in flight.
    s.outbox = s.boot()
    s.restarts++
    await settle()
    assertInvariants(m, s)
  }
  toString = () => 'restart'
}

const fateArb = fc.oneof(
  { arbitrary: fc.constant<Fate>('ok'), weight: 3 },
  {
    arbitrary: fc.constantFrom<Fate>('dropRequest', 'dropResponse', 'duplicate', 'fail503', 'fail401'),
    weight: 3,
  },
  { arbitrary: fc.constant<Fate>('delay'), weight: 2 },
)

const enqueueArb = fc.integer({ min: 0, max: 4 }).map((v) => new EnqueueCmd(v))
const flushArb = fc.boolean().map((force) => new FlushCmd(force))

// Enqueue and flush are listed twice to make them more frequent.
const commandsArb = fc.commands(
  [
    enqueueArb,
    enqueueArb,
    flushArb,
    flushArb,
    fc.integer({ min: 0, max: 10 * 60 * 1000 }).map((ms) => new AdvanceClockCmd(ms)),
    fc
      .array(fc.record({ index: fc.nat(20), lose: fc.boolean() }), { minLength: 1, maxLength: 4 })
      .map((picks) => new ReleaseCmd(picks)),
    fc.constant(new RestartCmd()),
  ],
  { maxCommands: 50, size: 'large' },
)

async function finalPhase(m: Model, s: System, releaseOrder: number[]): Promise<void> {
  s.net.reliable = true
  s.net.release(releaseOrder.map((index) => ({ index, lose: false })))
  s.net.release(s.net.held.map(() => ({ index: 0, lose: false })))
  await settle()
  for (let round = 0; round < 10 && s.outbox.list().length > 0; round++) {
    s.clock += 60 * 60 * 1000
    await s.outbox.flush()
    await settle()
  }
  assertInvariants(m, s)
}

describe('outbox model', () => {
  it('delivers every enqueued body exactly once despite a hostile network and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fateArb, { minLength: 1, maxLength: 12 }),
        commandsArb,
        fc.array(fc.nat(20), { maxLength: 6 }),
        async (fates, cmds, releaseOrder) => {
          const model: Model = { enqueued: [] }
          const system = new System(fates)
          await fc.asyncModelRun(() => ({ model, real: system }), cmds)
          await finalPhase(model, system, releaseOrder)

          expect(system.net.held).toHaveLength(0)
          expect(system.outbox.refused()).toEqual([])
          expect(system.outbox.pendingCount()).toBe(0)
          expect([...system.server.applied].sort()).toEqual([...model.enqueued].sort())
          expect(system.storage.keys().filter((k) => k.startsWith(OUTBOX_KEYS.entryPrefix))).toEqual([])
        },
      ),
      { numRuns: 200 },
    )
  }, 20_000)
})
