import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FileCheckpointLog } from '../../../server/features/pledges/checkpoints'
import { checkpointKey, ObjectCheckpointLog } from '../../../server/features/pledges/checkpointObjects'
import { DiskObjectStore } from '../../../server/core/objectStore'

const KEY = 'unit-test-key-unit-test-key-unit-test-key'
const ROOT = path.resolve(__dirname, '../../..')

/** A checkpoint of `count` (its mac made up: the log checks signatures, not the chain). */
const cp = (count: number) => ({
  count,
  mac: count.toString(16).padStart(64, '0'),
  at: '2026-06-01T02:00:00.000Z',
})

/** A child process that appends `count` checkpoints once told to go; resolves when it is ready. */
async function appender(file: string, first: number, count: number) {
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(__dirname, 'support/appendCheckpoints.ts'), file, KEY, String(first), String(count)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()))
  return { go: () => child.stdin!.write('go\n'), exited }
}

describe('the checkpoint log (outside the database)', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-checkpoints-'))
    file = path.join(dir, 'sub', 'pledge-checkpoints.log')
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('finds the latest checkpoint and the nearest at or before an entry', async () => {
    const log = new FileCheckpointLog(file, KEY)
    expect(await log.latest()).toBeNull()
    expect(await log.atOrBefore(5)).toBeNull()
    for (const n of [100, 300, 200]) await log.append(cp(n))
    expect((await log.latest())?.count).toBe(300)
    expect(await log.atOrBefore(99)).toBeNull()
    expect((await log.atOrBefore(100))?.count).toBe(100)
    expect((await log.atOrBefore(299))?.count).toBe(200)
    expect((await log.atOrBefore(10_000))?.count).toBe(300)
    // Another reader of the same file (another process) sees the same.
    expect((await new FileCheckpointLog(file, KEY).all()).map((c) => c.count)).toEqual([100, 200, 300])
  })

  it('trusts no line it cannot verify: another key, an edit, a torn line (until it is completed)', async () => {
    await new FileCheckpointLog(file, 'another-key-another-key-another-key').append(cp(900))
    const log = new FileCheckpointLog(file, KEY)
    await log.append(cp(100))
    const edited = fs.readFileSync(file, 'utf8').split('\n')[1].replace('"count":100', '"count":800')
    fs.appendFileSync(file, `${edited}\n`)
    expect((await log.latest())?.count).toBe(100)
    expect(log.rejected).toBe(2)
    // Half a line (a writer mid-way) is left for the next read.
    await new FileCheckpointLog(path.join(dir, 'other.log'), KEY).append(cp(200))
    const line200 = fs.readFileSync(path.join(dir, 'other.log'), 'utf8')
    fs.appendFileSync(file, line200.slice(0, 40))
    expect((await log.latest())?.count).toBe(100)
    fs.appendFileSync(file, line200.slice(40))
    expect((await log.latest())?.count).toBe(200)
    expect(log.rejected).toBe(2)
  })

  it('two processes appending at once write whole lines only, each verifying', async () => {
    const each = 3000
    const writers = await Promise.all([appender(file, 1, each), appender(file, 100_001, each)])
    for (const w of writers) w.go()
    const codes = await Promise.all(writers.map((w) => w.exited))
    expect(codes).toEqual([0, 0])
    const log = new FileCheckpointLog(file, KEY)
    expect(await log.all()).toHaveLength(2 * each)
    expect(log.rejected).toBe(0)
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)
    expect(lines).toHaveLength(2 * each)
    // The writes did overlap: the two writers' lines are interleaved, not one block after the other.
    const writer = lines.map((l) => (JSON.parse(l) as { count: number }).count < 100_000)
    const switches = writer.filter((w, i) => i > 0 && w !== writer[i - 1])
    expect(switches.length).toBeGreaterThan(1)
  }, 60_000)
})

describe('the checkpoints in the object store (files in a bucket)', () => {
  let dir: string
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-checkpoint-objects-'))))
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))
  it('keeps one object per checkpoint; every process sees the others’, signed ones only', async () => {
    const objects = new DiskObjectStore(dir)
    const one = new ObjectCheckpointLog(objects, KEY)
    const other = new ObjectCheckpointLog(objects, KEY)
    expect(await one.latest()).toBeNull()
    for (const n of [100, 300]) await one.append(cp(n))
    await other.append(cp(200))
    // The same count anchored by two processes at once: one object, either one verifies.
    await other.append(cp(300))
    expect(await objects.list('pledge-checkpoints/')).toEqual([100, 200, 300].map((n) => checkpointKey(n)))
    expect(checkpointKey(100)).toBe('pledge-checkpoints/000000000100.json')
    expect((await one.latest())?.count).toBe(300)
    expect((await other.atOrBefore(299))?.count).toBe(200)
    await new ObjectCheckpointLog(objects, 'another-key-another-key-another-key').append(cp(900))
    await one.append(cp(400))
    expect((await one.all()).map((c) => c.count)).toEqual([100, 200, 300, 400])
    expect(one.rejected).toBe(1)
  })
})
