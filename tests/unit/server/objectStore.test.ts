import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { text } from 'node:stream/consumers'
import { checkKey, DiskObjectStore, type ObjectStore } from '../../../server/core/objectStore'

/** The default object store: files under UPLOAD_DIR, the key as the relative path, never outside it. */
describe('DiskObjectStore', () => {
  let parent: string
  let root: string
  let store: ObjectStore
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-objects-'))
    root = path.join(parent, 'uploads')
    store = new DiskObjectStore(root)
    fs.writeFileSync(path.join(parent, 'secret.txt'), 'outside')
  })
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }))

  it('keeps the key layout: <month>/<name> under the root; reads, streams, lists and removes', async () => {
    await store.put('2026-12/a.png', Buffer.from('one'), 'image/png')
    await store.put('2026-12/b.pdf', Buffer.from('two'), 'application/pdf')
    await store.put('2027-01/c.xlsx', Buffer.from('three'), 'application/octet-stream')
    expect(fs.readFileSync(path.join(root, '2026-12', 'a.png'), 'utf8')).toBe('one')
    expect((await store.read('2026-12/b.pdf'))?.toString()).toBe('two')
    const opened = await store.open('2027-01/c.xlsx')
    expect(opened?.size).toBe(5)
    expect(await text(opened!.stream)).toBe('three')
    expect(await store.list('2026-12/')).toEqual(['2026-12/a.png', '2026-12/b.pdf'])
    expect(await store.list('2028-01/')).toEqual([])
    await store.remove('2026-12/a.png')
    await store.remove('2026-12/a.png')
    expect(await store.read('2026-12/a.png')).toBeNull()
    expect(await store.open('2026-12/a.png')).toBeNull()
    // A folder is not an object.
    expect(await store.open('2027-01')).toBeNull()
  })

  it('never overwrites an existing object', async () => {
    await store.put('2026-12/a.png', Buffer.from('first'), 'image/png')
    await expect(store.put('2026-12/a.png', Buffer.from('second'), 'image/png')).rejects.toMatchObject({
      code: 'EEXIST',
    })
    expect((await store.read('2026-12/a.png'))?.toString()).toBe('first')
  })

  it.each([
    '../secret.txt',
    '2026-12/../../secret.txt',
    '/etc/passwd',
    `${'..'}\\secret.txt`,
    './2026-12/a.png',
    '2026-12//a.png',
    '',
    '2026-12/a b.png',
    '%2e%2e/secret.txt',
  ])('refuses the key %j for every operation', async (key) => {
    expect(() => checkKey(key)).toThrow('storage key escapes the store')
    for (const attempt of [
      () => store.put(key, Buffer.from('x'), 'image/png'),
      () => store.open(key),
      () => store.read(key),
      () => store.remove(key),
    ])
      await expect(attempt()).rejects.toThrow('storage key escapes the store')
    expect(fs.readFileSync(path.join(parent, 'secret.txt'), 'utf8')).toBe('outside')
  })
})
