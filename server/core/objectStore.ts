import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'

/**
 * Where stored bytes live (evidence, meeting attachments, import workbooks), addressed by a key such as
 * `2026-12/<uuid>.png`. The local disk by default; an S3-compatible bucket when S3_* is set, so that
 * several API processes see the same files (s3ObjectStore.ts). Nothing outside an implementation
 * touches the bytes by path.
 */
export interface ObjectStore {
  /** Writes a new object (keys are fresh: an existing one is never overwritten on disk). */
  put(key: string, content: Buffer, mime: string): Promise<void>
  /** The bytes as a stream, with their length when known; null when there is no such object. */
  open(key: string): Promise<{ stream: Readable; size?: number } | null>
  /** The whole object in memory (small files: workbooks, photos for a document); null when missing. */
  read(key: string): Promise<Buffer | null>
  /** Gone afterwards; removing a missing object is not an error. */
  remove(key: string): Promise<void>
  /** Every key under a prefix ending in `/` (only those after `after`, when given), in ascending order. */
  list(prefix: string, after?: string): Promise<string[]>
  /** Releases connections (the app's onClose). */
  close?(): void
}

/**
 * A key is relative segments of safe characters, never `..`, `.` or empty: the same rule for every
 * store, so that a key from a tampered row cannot name anything outside the store's root or bucket.
 */
export function checkKey(key: string): string {
  const segments = key.split('/')
  const ok =
    key.length <= 512 &&
    segments.every((s) => s !== '' && s !== '.' && s !== '..' && /^[A-Za-z0-9._-]+$/.test(s))
  if (!ok) throw new Error('storage key escapes the store')
  return key
}

const isMissing = (error: unknown) => {
  const code = (error as { code?: string }).code
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR'
}

/** Objects as files under one folder (UPLOAD_DIR), the key as the relative path. */
export class DiskObjectStore implements ObjectStore {
  private readonly root: string

  constructor(root: string) {
    this.root = path.resolve(root)
  }

  /** The file of a key; refused when the key (or a path trick in it) would leave the root. */
  private fileOf(key: string): string {
    const full = path.resolve(this.root, checkKey(key))
    if (!full.startsWith(this.root + path.sep)) throw new Error('storage key escapes the store')
    return full
  }

  async put(key: string, content: Buffer): Promise<void> {
    const full = this.fileOf(key)
    await fs.promises.mkdir(path.dirname(full), { recursive: true })
    await fs.promises.writeFile(full, content, { flag: 'wx' })
  }

  async open(key: string): Promise<{ stream: Readable; size: number } | null> {
    const full = this.fileOf(key)
    // Opened first, then measured: the descriptor keeps the bytes even if the file is removed meanwhile.
    const handle = await fs.promises.open(full, 'r').catch((error: unknown) => {
      if (isMissing(error)) return null
      throw error
    })
    if (!handle) return null
    const stat = await handle.stat().catch(async (error: unknown) => {
      await handle.close()
      throw error
    })
    if (!stat.isFile()) {
      await handle.close()
      return null
    }
    return { stream: handle.createReadStream(), size: stat.size }
  }

  async read(key: string): Promise<Buffer | null> {
    return fs.promises.readFile(this.fileOf(key)).catch((error: unknown) => {
      if (isMissing(error)) return null
      throw error
    })
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.fileOf(key), { force: true })
  }

  async list(prefix: string, after = ''): Promise<string[]> {
    const dir = this.fileOf(prefix.replace(/\/$/, ''))
    const names = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true }).catch((error) => {
      if (isMissing(error)) return []
      throw error
    })
    return names
      .filter((entry) => entry.isFile())
      .map((entry) =>
        path.relative(this.root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
      )
      .filter((key) => key > after)
      .sort()
  }
}
