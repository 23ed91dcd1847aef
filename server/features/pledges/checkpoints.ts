import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { macEquals } from './hashChain'

/**
 * The chain's head anchored outside the database: an append-only file of signed checkpoints, one JSON
 * line each — `{"count":n,"mac":"…","at":"…","sig":"…"}` — where sig is an HMAC under a key derived
 * from PLEDGE_CHAIN_KEY. Whoever can edit the database cannot write a line that verifies; a deleted tail
 * shows as the difference between the latest checkpoint and the chain. Several API processes may append
 * at once: each line is one write() on a file opened with O_APPEND, and each line verifies on its own
 * (a torn or foreign line is skipped and counted, never trusted).
 */
export interface Checkpoint {
  /** The chain's length when anchored: the seq of the entry whose mac is `mac`. */
  count: number
  mac: string
  /** When it was written (ISO, UTC). */
  at: string
}

function signingKey(chainKey: string): Buffer {
  return crypto.createHmac('sha256', chainKey).update('pledge-chain-checkpoint/v1').digest()
}

function signatureOf(key: Buffer, cp: Checkpoint): string {
  return crypto.createHmac('sha256', key).update(`${cp.count}\n${cp.mac}\n${cp.at}`).digest('hex')
}

/** One line of the file as written: the checkpoint and its signature, newline-terminated. */
export function checkpointLine(key: Buffer, cp: Checkpoint): string {
  const sig = signatureOf(key, cp)
  return `${JSON.stringify({ count: cp.count, mac: cp.mac, at: cp.at, sig })}\n`
}

function parseLine(key: Buffer, line: string): Checkpoint | null {
  try {
    const value = JSON.parse(line) as Record<string, unknown>
    const { count, mac, at, sig } = value
    if (!Number.isSafeInteger(count) || (count as number) < 1) return null
    if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return null
    if (typeof at !== 'string' || typeof sig !== 'string') return null
    const cp = { count: count as number, mac, at }
    return macEquals(sig, signatureOf(key, cp)) ? cp : null
  } catch {
    return null
  }
}

/**
 * The verified checkpoints kept in memory, by count, topped up from where they are kept before each
 * question (`refresh`: only what was added since the last one is read). Concurrent questions share one
 * refresh.
 */
export abstract class CheckpointIndex {
  protected readonly key: Buffer
  private counts: number[] = []
  private byCount = new Map<number, Checkpoint>()
  private refreshing: Promise<void> | null = null
  /** Lines that did not verify (torn, edited, or signed with another key). */
  rejected = 0

  constructor(chainKey: string) {
    this.key = signingKey(chainKey)
  }

  abstract append(cp: Checkpoint): Promise<void>
  /** Reads what was added since the last refresh, through `take`. */
  protected abstract readNew(): Promise<void>

  /** One stored line (or object) of a checkpoint: kept if it verifies, counted as rejected if not. */
  protected take(line: string): boolean {
    const cp = parseLine(this.key, line)
    if (!cp) this.rejected += 1
    else if (!this.byCount.has(cp.count)) {
      this.byCount.set(cp.count, cp)
      return true
    }
    return false
  }

  protected sortCounts(): void {
    this.counts = [...this.byCount.keys()].sort((a, b) => a - b)
  }

  protected reset(): void {
    this.counts = []
    this.byCount.clear()
    this.rejected = 0
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.readNew().finally(() => (this.refreshing = null))
    return this.refreshing
  }

  /** Every verified checkpoint, by count. */
  async all(): Promise<Checkpoint[]> {
    await this.refresh()
    return this.counts.map((c) => this.byCount.get(c)!)
  }

  /** The checkpoint furthest along the chain. */
  async latest(): Promise<Checkpoint | null> {
    await this.refresh()
    const last = this.counts[this.counts.length - 1]
    return last === undefined ? null : this.byCount.get(last)!
  }

  /** The checkpoint at `seq` or the nearest before it (null: none, walk from the chain's start). */
  async atOrBefore(seq: number): Promise<Checkpoint | null> {
    await this.refresh()
    let lo = 0
    let hi = this.counts.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (this.counts[mid] <= seq) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found < 0 ? null : this.byCount.get(this.counts[found])!
  }
}

/** Where the checkpoints are kept: the file (default) or the object store (checkpointObjects.ts). */
export type CheckpointLog = CheckpointIndex

/**
 * The file, read incrementally: only the bytes appended since the last read are parsed, so a verify on a
 * public route costs a stat and a binary search. A file replaced or shortened is read again from its start.
 */
export class FileCheckpointLog extends CheckpointIndex {
  private offset = 0
  private inode = -1

  constructor(
    readonly file: string,
    chainKey: string,
  ) {
    super(chainKey)
  }

  /** Appends one checkpoint as one write (O_APPEND): concurrent writers never interleave within a line. */
  async append(cp: Checkpoint): Promise<void> {
    fs.mkdirSync(path.dirname(this.file), { recursive: true })
    const fd = fs.openSync(this.file, 'a', 0o640)
    try {
      fs.writeSync(fd, checkpointLine(this.key, cp))
    } finally {
      fs.closeSync(fd)
    }
  }

  protected async readNew(): Promise<void> {
    let stat: fs.Stats
    try {
      stat = fs.statSync(this.file)
    } catch {
      this.restart(-1)
      return
    }
    if (stat.ino !== this.inode || stat.size < this.offset) this.restart(stat.ino)
    if (stat.size === this.offset) return
    const fd = fs.openSync(this.file, 'r')
    let text: string
    try {
      const buffer = Buffer.alloc(stat.size - this.offset)
      const read = fs.readSync(fd, buffer, 0, buffer.length, this.offset)
      // A line still being written is left for the next read.
      const end = buffer.subarray(0, read).lastIndexOf(0x0a) + 1
      text = buffer.subarray(0, end).toString('utf8')
      this.offset += end
    } finally {
      fs.closeSync(fd)
    }
    let added = false
    for (const line of text.split('\n')) if (line.trim() && this.take(line)) added = true
    if (added) this.sortCounts()
  }

  private restart(inode: number): void {
    this.inode = inode
    this.offset = 0
    this.reset()
  }
}
