import { newIdempotencyKey, UUID_V4_RE } from '@/services/idempotencyKey'
import {
  createOutbox,
  defaultBackoff,
  OUTBOX_KEYS,
  OutboxStaleError,
  type OutboxEntry,
  type OutboxOptions,
  type OutboxState,
} from '@/services/outbox'
import { attachOutboxTriggers } from '@/services/outboxTriggers'
import { ApiError, type TransportResponse } from '@/services/request'
import { memoryStorage, type KeyValueStorage } from '@/services/storage'

type Reply = TransportResponse | 'network' | ApiError

const ok: TransportResponse = { status: 201, data: { ok: true } }
const errorReply = (status: number, code: string, message = '错误'): TransportResponse => ({
  status,
  data: { error: { code, message, fields: [] } },
})

const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

/** An outbox over memory storage with a manual clock and a send that plays back scripted replies. */
function harness(
  opts: { storage?: KeyValueStorage; replies?: Reply[]; extra?: Partial<OutboxOptions> } = {},
) {
  const storage = opts.storage ?? memoryStorage()
  const clock = { t: 1_000_000 }
  const replies = [...(opts.replies ?? [])]
  const sent: OutboxEntry[] = []
  const send = jest.fn(async (entry: OutboxEntry): Promise<TransportResponse> => {
    sent.push(entry)
    const reply = replies.shift() ?? ok
    if (reply === 'network') throw new Error('request:fail')
    if (reply instanceof ApiError) throw reply
    return reply
  })
  const outbox = createOutbox({
    storage,
    send,
    now: () => clock.t,
    onError: (err) => {
      throw err
    },
    ...opts.extra,
  })
  return { storage, clock, replies, sent, send, outbox }
}

const input = (n: number) => ({
  method: 'POST' as const,
  path: '/self-checks/answers',
  body: { n },
  label: '提交自查答案',
})

describe('outbox', () => {
  it('persists the entry (own key + index) before enqueue returns and before sending', async () => {
    const storage = memoryStorage()
    let seenAtSend: { index: string | null; entry: string | null } | null = null
    const outbox = createOutbox({
      storage,
      send: async (e) => {
        seenAtSend = {
          index: storage.get(OUTBOX_KEYS.index),
          entry: storage.get(OUTBOX_KEYS.entryPrefix + e.id),
        }
        return ok
      },
    })
    const entry = outbox.enqueue({ ...input(1), kind: 'selfCheck' })
    expect(entry.idempotencyKey).toMatch(UUID_V4_RE)
    expect(entry).toMatchObject({ status: 'pending', attempts: 0, label: '提交自查答案', kind: 'selfCheck' })
    expect(JSON.parse(storage.get(OUTBOX_KEYS.index) ?? '[]')).toEqual([entry.id])
    expect(JSON.parse(storage.get(OUTBOX_KEYS.entryPrefix + entry.id) ?? 'null')).toEqual(entry)
    await outbox.flush()
    expect(seenAtSend).not.toBeNull()
    expect(JSON.parse(seenAtSend!.index ?? '[]')).toEqual([entry.id])
    expect(seenAtSend!.entry).not.toBeNull()
    // Delivered: gone from memory and storage.
    expect(outbox.list()).toEqual([])
    expect(storage.keys().filter((k) => k.startsWith(OUTBOX_KEYS.entryPrefix))).toEqual([])
  })

  it('enqueue throws and keeps nothing when storage refuses the write', () => {
    const storage = memoryStorage()
    const full: KeyValueStorage = {
      ...storage,
      set: (k, v) => {
        if (k === OUTBOX_KEYS.index) throw new Error('setStorageSync:fail exceed storage max size')
        storage.set(k, v)
      },
    }
    storage.set(OUTBOX_KEYS.generation, '0')
    const outbox = createOutbox({ storage: full, send: async () => ok })
    expect(() => outbox.enqueue(input(1))).toThrow(/exceed/)
    expect(outbox.list()).toEqual([])
    expect(storage.keys().filter((k) => k.startsWith(OUTBOX_KEYS.entryPrefix))).toEqual([])
  })

  it('survives re-creation from the same storage, and the old instance becomes stale', async () => {
    const first = harness({ replies: ['network', 'network'] })
    const a = first.outbox.enqueue(input(1))
    const b = first.outbox.enqueue(input(2))
    await first.outbox.flush()
    const before = first.outbox.list()
    expect(before.map((e) => e.id)).toEqual([a.id, b.id])
    expect(before[0].attempts).toBe(1)

    const second = harness({ storage: first.storage })
    expect(second.outbox.list()).toEqual(before)
    expect(first.outbox.isStale()).toBe(true)
    expect(() => first.outbox.enqueue(input(3))).toThrow(OutboxStaleError)

    await second.outbox.flush({ force: true })
    expect(second.sent.map((e) => [e.id, e.idempotencyKey, e.body])).toEqual([
      [a.id, a.idempotencyKey, { n: 1 }],
      [b.id, b.idempotencyKey, { n: 2 }],
    ])
    expect(second.outbox.pendingCount()).toBe(0)
  })

  it('keeps a file upload (its path and name) across a restart and sends it with the same key', async () => {
    const storage = memoryStorage()
    const first = harness({ storage, replies: ['network'] })
    const entry = first.outbox.enqueue({
      method: 'POST',
      path: '/assessments/7/evidence?itemCode=T01-04',
      file: { filePath: 'wxfile://store_photo.jpg', fileName: '制度.jpg' },
      label: '上传佐证材料',
    })
    await first.outbox.flush()
    expect(first.sent[0].file).toEqual({ filePath: 'wxfile://store_photo.jpg', fileName: '制度.jpg' })
    expect(first.sent[0].body).toBeUndefined()

    // The app restarts with no network fix yet in between: the stored entry still names the file.
    const second = harness({ storage })
    expect(second.outbox.list()[0]).toMatchObject({ id: entry.id, file: entry.file })
    await second.outbox.flush({ force: true })
    expect(second.sent[0]).toMatchObject({ file: entry.file, idempotencyKey: entry.idempotencyKey })
    expect(second.outbox.list()).toHaveLength(0)
  })

  it('reuses the idempotency key on every retry and the body is the same JSON every time', async () => {
    const h = harness({
      replies: ['network', errorReply(503, 'INTERNAL'), errorReply(429, 'RATE_LIMITED'), ok],
    })
    const e = h.outbox.enqueue({ ...input(1), body: { n: 1, at: new Date(0), skip: undefined } })
    for (let i = 0; i < 4; i++) {
      h.clock.t += 10 * 60 * 1000
      await h.outbox.flush()
    }
    expect(h.sent).toHaveLength(4)
    expect(new Set(h.sent.map((s) => s.idempotencyKey))).toEqual(new Set([e.idempotencyKey]))
    for (const s of h.sent) expect(s.body).toEqual({ n: 1, at: '1970-01-01T00:00:00.000Z' })
    expect(h.outbox.list()).toEqual([])
  })

  it('backs off exponentially with jitter, capped, and does not send before the entry is due', async () => {
    const h = harness({ replies: Array<Reply>(12).fill('network') })
    h.outbox.enqueue(input(1))
    await h.outbox.flush()
    const delays: number[] = []
    for (let i = 0; i < 10; i++) {
      const [e] = h.outbox.list()
      const delay = e.nextAttemptAt - h.clock.t
      delays.push(delay)
      h.clock.t = e.nextAttemptAt - 1
      await h.outbox.flush()
      expect(h.send).toHaveBeenCalledTimes(i + 1) // not yet due: nothing sent
      h.clock.t += 1
      await h.outbox.flush()
      expect(h.send).toHaveBeenCalledTimes(i + 2)
    }
    // Below the cap, equal jitter never goes below the previous step's maximum.
    for (let i = 1; i < 8; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1])
    expect(delays[3]).toBeGreaterThan(delays[0])
    expect(Math.max(...delays)).toBeLessThanOrEqual(5 * 60 * 1000)
    expect(h.outbox.list()[0]).toMatchObject({
      attempts: 11,
      lastError: { status: 0, code: 'NETWORK_ERROR' },
    })

    expect(defaultBackoff(1, () => 0)).toBe(1000)
    expect(defaultBackoff(1, () => 1)).toBe(2000)
    expect(defaultBackoff(3, () => 0.5)).toBe(6000)
    expect(defaultBackoff(30, () => 1)).toBe(5 * 60 * 1000)
  })

  it('a forced flush ignores the backoff wait', async () => {
    const h = harness({ replies: ['network'] })
    h.outbox.enqueue(input(1))
    await h.outbox.flush()
    await h.outbox.flush()
    expect(h.send).toHaveBeenCalledTimes(1)
    await h.outbox.flush({ force: true })
    expect(h.send).toHaveBeenCalledTimes(2)
    expect(h.outbox.pendingCount()).toBe(0)
  })

  it('sends FIFO and a transient failure holds back the entries behind it', async () => {
    const h = harness({ replies: ['network'] })
    const ids = [1, 2, 3].map((n) => h.outbox.enqueue(input(n)).id)
    await h.outbox.flush()
    expect(h.sent.map((e) => e.body)).toEqual([{ n: 1 }])
    expect(h.outbox.pendingCount()).toBe(3)
    h.clock.t += 60 * 60 * 1000
    await h.outbox.flush()
    expect(h.sent.map((e) => e.id)).toEqual([ids[0], ...ids])
    expect(h.outbox.pendingCount()).toBe(0)
  })

  it('keeps a refused entry with its reason, continues with the next, and supports dismiss and retry', async () => {
    const h = harness({
      replies: [ok, errorReply(422, 'VALIDATION_FAILED', '提交的内容有误'), ok, ok],
    })
    const delivered: unknown[] = []
    h.outbox.onDelivered(({ entry, response }) => delivered.push([entry.body, response.status]))
    h.outbox.enqueue(input(1))
    const bad = h.outbox.enqueue(input(2))
    h.outbox.enqueue(input(3))
    await h.outbox.flush()
    expect(delivered).toEqual([
      [{ n: 1 }, 201],
      [{ n: 3 }, 201],
    ])
    expect(h.outbox.pendingCount()).toBe(0)
    expect(h.outbox.refused()).toEqual([
      expect.objectContaining({
        id: bad.id,
        status: 'refused',
        lastError: { status: 422, code: 'VALIDATION_FAILED', message: '提交的内容有误' },
      }),
    ])
    // Refused entries survive a restart too.
    const again = harness({ storage: h.storage, replies: [ok] })
    expect(again.outbox.refused().map((e) => e.id)).toEqual([bad.id])
    expect(again.outbox.dismiss('nope')).toBe(false)

    expect(again.outbox.retry(bad.id)).toBe(true)
    expect(again.outbox.pendingCount()).toBe(1)
    await again.outbox.flush()
    expect(again.sent.map((e) => e.idempotencyKey)).toEqual([bad.idempotencyKey])
    expect(again.outbox.list()).toEqual([])
  })

  it('keeps the server’s field list with a refusal, and says its messages instead of the generic text', async () => {
    const fields = [
      { path: 'name', message: '请填写企业名称' },
      { path: 'supervisingDepartmentIds.0', message: '该部门已撤销' },
      { path: 'name', message: '请填写企业名称' },
    ]
    const refusal = (message: string, code = 'VALIDATION_FAILED'): TransportResponse => ({
      status: 400,
      data: { error: { code, message, fields } },
    })
    const h = harness({
      replies: [refusal('提交的内容有误，请检查后重试'), refusal('督查期间不正确', 'REPORT_PERIOD_INVALID')],
    })
    h.outbox.enqueue(input(1))
    h.outbox.enqueue(input(2))
    await h.outbox.flush()
    expect(h.outbox.refused().map((e) => e.lastError)).toEqual([
      { status: 400, code: 'VALIDATION_FAILED', message: '请填写企业名称；该部门已撤销', fields },
      // a reason of its own stays as the server said it
      { status: 400, code: 'REPORT_PERIOD_INVALID', message: '督查期间不正确', fields },
    ])
    // stored with the entry: still there after a restart
    const again = harness({ storage: h.storage })
    expect(again.outbox.refused()[0].lastError?.fields).toEqual(fields)
  })

  it('dismiss removes only a refused entry, from memory and storage', async () => {
    const h = harness({ replies: [errorReply(403, 'FORBIDDEN')] })
    const e = h.outbox.enqueue(input(1))
    await h.outbox.flush()
    expect(h.outbox.refused()).toHaveLength(1)
    expect(h.outbox.dismiss(e.id)).toBe(true)
    expect(h.outbox.list()).toEqual([])
    expect(h.storage.get(OUTBOX_KEYS.entryPrefix + e.id)).toBeNull()
    expect(harness({ storage: h.storage }).outbox.list()).toEqual([])

    const p = harness({ replies: ['network'] })
    const pending = p.outbox.enqueue(input(2))
    await p.outbox.flush()
    expect(p.outbox.dismiss(pending.id)).toBe(false)
    expect(p.outbox.pendingCount()).toBe(1)
  })

  it('treats 401, 408 and 409 IDEMPOTENCY_IN_PROGRESS as retry-later; 409 CONFLICT as refused', async () => {
    const h = harness({
      replies: [
        errorReply(401, 'UNAUTHENTICATED'),
        errorReply(408, 'TIMEOUT'),
        errorReply(409, 'IDEMPOTENCY_IN_PROGRESS'),
        new ApiError(0, 'TIMEOUT', '网络请求超时'),
        ok,
        new ApiError(409, 'CONFLICT', '数据冲突'),
      ],
    })
    h.outbox.enqueue(input(1))
    for (let i = 0; i < 5; i++) await h.outbox.flush({ force: true })
    expect(h.send).toHaveBeenCalledTimes(5)
    expect(h.outbox.list()).toEqual([])
    h.outbox.enqueue(input(2))
    await h.outbox.flush()
    expect(h.outbox.refused()[0].lastError).toEqual({ status: 409, code: 'CONFLICT', message: '数据冲突' })
  })

  it('single-flight: concurrent flushes share one run and send each entry once', async () => {
    const h = harness()
    let release = () => {}
    h.send.mockImplementationOnce(
      (entry) =>
        new Promise((resolve) => {
          h.sent.push(entry)
          release = () => resolve(ok)
        }),
    )
    h.outbox.enqueue(input(1))
    const runs = [h.outbox.flush(), h.outbox.flush(), h.outbox.flush()]
    expect(h.outbox.isSyncing()).toBe(true)
    h.outbox.enqueue(input(2)) // arrives while the run is in flight: picked up by the same run
    release()
    await Promise.all(runs)
    expect(h.sent.map((e) => e.body)).toEqual([{ n: 1 }, { n: 2 }])
    expect(h.outbox.isSyncing()).toBe(false)
    expect(h.outbox.pendingCount()).toBe(0)
  })

  it('notifies subscribers of every change with the counts', async () => {
    const h = harness({ replies: [errorReply(400, 'VALIDATION_FAILED')] })
    const states: OutboxState[] = []
    const unsubscribe = h.outbox.subscribe((s) => states.push(s))
    h.outbox.enqueue(input(1))
    await h.outbox.flush()
    expect(states[0]).toEqual({ pending: 1, refused: 0, syncing: false })
    expect(states.at(-1)).toEqual({ pending: 0, refused: 1, syncing: false })
    expect(states.some((s) => s.syncing)).toBe(true)
    unsubscribe()
    const n = states.length
    h.outbox.dismiss(h.outbox.refused()[0].id)
    expect(states).toHaveLength(n)
  })

  it('an old instance whose send resolves after a restart does not touch storage', async () => {
    const old = harness()
    let release = () => {}
    old.send.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(ok))))
    old.outbox.enqueue(input(1))
    await settle()
    const fresh = harness({ storage: old.storage, replies: ['network'] })
    await fresh.outbox.flush()
    const n = fresh.outbox.enqueue(input(2))
    const snapshot = JSON.stringify(old.storage.keys().map((k) => [k, old.storage.get(k)]))
    release()
    await settle()
    expect(JSON.stringify(old.storage.keys().map((k) => [k, old.storage.get(k)]))).toBe(snapshot)
    expect(fresh.outbox.list().map((e) => e.body)).toEqual([{ n: 1 }, n.body])
  })

  it('recovers an entry whose index update was lost and skips corrupt data', () => {
    const h = harness({ replies: ['network'] })
    const a = h.outbox.enqueue(input(1))
    const orphan: OutboxEntry = { ...a, id: 'orphan', createdAt: a.createdAt + 1, body: { n: 2 } }
    h.storage.set(OUTBOX_KEYS.entryPrefix + 'orphan', JSON.stringify(orphan))
    h.storage.set(OUTBOX_KEYS.entryPrefix + 'junk', '{not json')
    h.storage.set(OUTBOX_KEYS.index, JSON.stringify([a.id, 'missing', a.id]))
    const re = harness({ storage: h.storage })
    expect(re.outbox.list().map((e) => e.id)).toEqual([a.id, 'orphan'])
    expect(JSON.parse(h.storage.get(OUTBOX_KEYS.index) ?? '[]')).toEqual([a.id, 'orphan'])
  })
})

describe('newIdempotencyKey', () => {
  it('produces distinct RFC 4122 v4 keys from the given random bytes', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newIdempotencyKey()))
    expect(keys.size).toBe(1000)
    for (const k of keys) expect(k).toMatch(UUID_V4_RE)
    expect(newIdempotencyKey((b) => b.fill(255))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
    expect(newIdempotencyKey((b) => b.fill(0))).toBe('00000000-0000-4000-8000-000000000000')
  })

  it('falls back to Math.random where there is no crypto (the mini-program)', () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
    const random = jest.spyOn(Math, 'random')
    try {
      expect(newIdempotencyKey()).toMatch(UUID_V4_RE)
      expect(random).toHaveBeenCalledTimes(16)
    } finally {
      random.mockRestore()
      if (descriptor) Object.defineProperty(globalThis, 'crypto', descriptor)
    }
  })
})

describe('attachOutboxTriggers', () => {
  function triggers() {
    const h = harness({ replies: ['network', 'network', 'network'] })
    let appShow = () => {}
    let network: (online: boolean) => void = () => {}
    const timers: { cb: () => void; ms: number; cleared: boolean; fired: boolean }[] = []
    const detach = attachOutboxTriggers(h.outbox, {
      onAppShow: (cb) => (appShow = cb),
      onNetworkStatusChange: (cb) => (network = cb),
      setTimer: (cb, ms) => {
        const t = { cb: () => ((t.fired = true), cb()), ms, cleared: false, fired: false }
        timers.push(t)
        return t
      },
      clearTimer: (t) => ((t as { cleared: boolean }).cleared = true),
      now: () => h.clock.t,
    })
    const live = () => timers.filter((t) => !t.cleared && !t.fired)
    return { h, appShow: () => appShow(), network: (o: boolean) => network(o), timers, live, detach }
  }

  it('flushes at start, on app show, on network back and by timer at the next attempt time', async () => {
    const t = triggers()
    t.h.outbox.enqueue(input(1))
    await settle()
    expect(t.h.send).toHaveBeenCalledTimes(1)
    const due = t.h.outbox.nextAttemptAt()!
    expect(t.live()).toHaveLength(1)
    expect(t.live()[0].ms).toBe(due - t.h.clock.t)

    t.appShow() // forced: does not wait for the backoff
    await settle()
    expect(t.h.send).toHaveBeenCalledTimes(2)

    t.network(false)
    expect(t.live()).toHaveLength(0) // no timer while offline
    t.network(true)
    await settle()
    expect(t.h.send).toHaveBeenCalledTimes(3)

    const timer = t.live()[0]
    t.h.clock.t += timer.ms
    timer.cb()
    await settle()
    expect(t.h.send).toHaveBeenCalledTimes(4)
    expect(t.h.outbox.pendingCount()).toBe(0)
    expect(t.live()).toHaveLength(0)

    t.detach()
    t.h.outbox.enqueue(input(2))
    await settle()
    t.appShow()
    await settle()
    expect(t.h.send).toHaveBeenCalledTimes(5) // only the enqueue's own flush
  })
})
