import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { verifyWholeChain } from '../../server/features/pledges/verify'
import { chainRepository } from '../../server/features/pledges/chainRepository'
import { signPayload, withdrawPayload } from '../../server/features/pledges/chain'
import { chainMac, GENESIS_MAC } from '../../server/features/pledges/hashChain'
import type { TPledge, TPledgeKind, TPledgeTemplate } from '../../src/models/pledge'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { countersign, currentTemplates, signAsEnterprise } from './support/pledges'

/**
 * Issue 14 part 4: every field that decides who, when or what is covered by the chain's MAC, and the
 * chain's head anchored outside the database (signed checkpoints in an append-only file), so that a
 * deleted tail is reported with its range and one pledge's verification walks only from the nearest
 * checkpoint.
 */
const EVERY = 3

describe(`pledge chain anchoring [${TEST_DB}]`, () => {
  let t: TestApp
  const now = Date.parse('2026-06-01T02:00:00Z')
  let head: string // 刘恒达, 恒达 head
  let official: string // 陆海军, 工信局 cadre
  let employee: string // 王小军, 恒达 employee
  let office: string
  let privateId: number
  let industryId: number
  let templates: Record<TPledgeKind, TPledgeTemplate>

  beforeAll(async () => {
    t = await createTestApp({ PLEDGE_CHECKPOINT_EVERY: String(EVERY) }, { clock: () => now })
    ;[head, official, employee, office] = await Promise.all(
      ['demo-head-private', 'demo-official', 'demo-employee-private', 'demo-office'].map((o) =>
        loginAs(t.app, o),
      ),
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    industryId = await idOf(t.app, 'departments', '县工业信息化和商务局')
    templates = await currentTemplates(t.app, head)
  })
  afterAll(() => t.close())

  const userId = async (openid: string) =>
    (await t.app.db.selectFrom('users').select('id').where('openid', '=', openid).executeTakeFirstOrThrow())
      .id
  const verify = async (code: string) => {
    const res = await call(t.app, null, { method: 'GET', url: `/api/v1/pledges/verify/${code}` })
    return { status: res.statusCode, body: res.json() }
  }
  const wholeChain = () => verifyWholeChain(t.app.db, t.env.PLEDGE_CHAIN_KEY, t.app.pledgeCheckpoints)
  /** A 政商双边清廉承诺 started by the enterprise's head; counter-signed by the cadre unless `pending`. */
  async function twoSided(seed: number, pending = false): Promise<TPledge> {
    const started = await signAsEnterprise(
      t.app,
      head,
      templates.government_business,
      { enterpriseId: privateId, departmentId: industryId },
      seed,
    )
    return pending ? started : countersign(t.app, official, started, seed + 1)
  }
  const headSeq = async () =>
    (await t.app.db.selectFrom('pledge_chain').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow())
      .seq
  const fileLines = () =>
    fs
      .readFileSync(t.env.PLEDGE_CHECKPOINT_FILE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { count: number; mac: string; at: string; sig: string })

  /** Sets one column of one row directly in the database; returns what puts it back. */
  async function setColumn(
    table: 'pledges' | 'pledge_chain',
    key: { column: 'id' | 'seq'; value: number },
    column: string,
    value: string | number | null,
  ): Promise<() => Promise<void>> {
    const where = sql`${sql.ref(key.column)} = ${key.value}`
    const before = await sql<Record<string, string | number | null>>`
      select ${sql.ref(column)} as v from ${sql.table(table)} where ${where}`.execute(t.app.db)
    const original = before.rows[0].v
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${value} where ${where}`.execute(t.app.db)
    return async () => {
      await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${original} where ${where}`.execute(
        t.app.db,
      )
    }
  }

  describe('what the MAC covers', () => {
    let done: TPledge // two-sided, effective
    let waiting: TPledge // two-sided, waiting for the cadre
    let personal: TPledge

    beforeAll(async () => {
      done = await twoSided(1)
      waiting = await twoSided(3, true)
      personal = await signAsEnterprise(t.app, employee, templates.personal, {
        enterpriseId: privateId,
        signerId: await userId('demo-employee-private'),
      })
    })

    it('new entries are written in MAC format 2', async () => {
      const rows = await t.app.db.selectFrom('pledge_chain').select('mac_version').execute()
      expect(rows.length).toBeGreaterThan(0)
      expect(rows.every((r) => r.mac_version === 2)).toBe(true)
    })

    /**
     * [the field and what it decides, whose pledge, the new value, what breaks and at which of the
     * pledge's signatures' entries]. A pledge_chain column is edited on that entry's row.
     */
    type Case = [string, () => TPledge, () => Promise<string | number>, { reason: string; at?: 0 | 1 }]
    const at = (iso: string) => async () => iso
    const cases: Case[] = [
      [
        'pledges.started_by (who may counter-sign and withdraw)',
        () => done,
        () => userId('demo-official'),
        { reason: 'record', at: 0 },
      ],
      [
        'pledges.started_side (which side counter-signs)',
        () => waiting,
        async () => 'department',
        { reason: 'record', at: 0 },
      ],
      [
        'pledges.created_at (the year a pledge counts for)',
        () => personal,
        at('2025-06-01T02:00:00.000Z'),
        { reason: 'record', at: 0 },
      ],
      [
        'pledges.effective_at (the certificate’s date)',
        () => done,
        at('2026-01-02T02:00:00.000Z'),
        { reason: 'record', at: 1 },
      ],
      [
        'pledges.effective_at set on a pledge still waiting',
        () => waiting,
        at('2026-06-01T02:00:00.000Z'),
        { reason: 'status' },
      ],
      [
        'pledge_chain.created_at (when the chain says it was written)',
        () => done,
        at('2026-05-01T02:00:00.000Z'),
        { reason: 'link', at: 1 },
      ],
      [
        'pledge_chain.mac_version (a downgrade to the weaker format)',
        () => done,
        async () => 1,
        { reason: 'link', at: 0 },
      ],
    ]

    it.each(cases)(
      'an edit of %s is detected, by the public verify and the whole-chain check',
      async (field, whose, value, want) => {
        const pledge = whose()
        const [table, column] = field.split(' ')[0].split('.') as ['pledges' | 'pledge_chain', string]
        const key =
          table === 'pledges'
            ? { column: 'id' as const, value: pledge.id }
            : { column: 'seq' as const, value: pledge.signatures[want.at ?? 0].chainSeq }
        const restore = await setColumn(table, key, column, await value())
        try {
          const { body } = await verify(pledge.code)
          const seq = want.at === undefined ? {} : { seq: pledge.signatures[want.at].chainSeq }
          expect(body).toMatchObject({ intact: false, firstBroken: { reason: want.reason, ...seq } })
          expect((await wholeChain()).firstBroken).not.toBeNull()
        } finally {
          await restore()
        }
        expect((await verify(pledge.code)).body).toMatchObject({ intact: true, firstBroken: null })
        expect((await wholeChain()).firstBroken).toBeNull()
      },
    )
  })

  describe('checkpoints outside the database', () => {
    beforeAll(async () => {
      // Enough entries for several checkpoints.
      for (let i = 0; i < 5; i++) await twoSided(20 + 2 * i)
    })

    it('every Nth entry is anchored by the process that appended it: count, mac, signed line', async () => {
      const top = await headSeq()
      const rows = await t.app.db.selectFrom('pledge_chain').select(['seq', 'mac']).execute()
      const macOf = new Map(rows.map((r) => [r.seq, r.mac]))
      const lines = fileLines()
      const expected = Array.from({ length: Math.floor(top / EVERY) }, (_, i) => (i + 1) * EVERY)
      expect(lines.map((l) => l.count)).toEqual(expected)
      for (const line of lines) {
        expect(line.mac).toBe(macOf.get(line.count))
        expect(line.sig).toMatch(/^[0-9a-f]{64}$/)
      }
    })

    it('a pledge’s verification walks from the nearest checkpoint, not from the chain’s start', async () => {
      const last = await signAsEnterprise(
        t.app,
        head,
        templates.government_business,
        { enterpriseId: privateId, departmentId: industryId },
        40,
      )
      const seq = last.signatures[0].chainSeq
      expect(seq).toBeGreaterThan(3 * EVERY)
      const { body } = await verify(last.code)
      expect(body).toMatchObject({ intact: true, anchor: { count: Math.floor(seq / EVERY) * EVERY } })
      expect(body.checkedEntries).toBe(seq - Math.floor(seq / EVERY) * EVERY + 1)
    })

    it('on demand, the office anchors the head; no one else may', async () => {
      const refused = await call(t.app, head, { method: 'POST', url: '/api/v1/pledge-chain/checkpoints' })
      expect(refused.statusCode).toBe(403)
      const top = await headSeq()
      const res = await call(t.app, office, { method: 'POST', url: '/api/v1/pledge-chain/checkpoints' })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ written: top % EVERY !== 0, checkpoint: { count: top } })
      const again = await call(t.app, office, { method: 'POST', url: '/api/v1/pledge-chain/checkpoints' })
      expect(again.json()).toMatchObject({ written: false, checkpoint: { count: top } })
      expect(fileLines().at(-1)).toMatchObject({ count: top })
    })

    it('lines that do not verify (forged, torn) are ignored, never trusted', async () => {
      const file = t.env.PLEDGE_CHECKPOINT_FILE
      const original = fs.readFileSync(file, 'utf8')
      const forged = {
        count: 99999,
        mac: 'a'.repeat(64),
        at: new Date(now).toISOString(),
        sig: 'b'.repeat(64),
      }
      fs.appendFileSync(file, `${JSON.stringify(forged)}\n{"count":5,"mac":"\n`)
      try {
        const first = await t.app.db
          .selectFrom('pledges')
          .select('code')
          .orderBy('id')
          .executeTakeFirstOrThrow()
        expect((await verify(first.code)).body).toMatchObject({ intact: true })
        expect(t.app.pledgeCheckpoints.rejected).toBe(2)
      } finally {
        fs.writeFileSync(file, original)
      }
    })

    it('a deleted tail (pledge, signature and chain rows) is reported with the missing range', async () => {
      const tail = [await twoSided(50), await twoSided(52)]
      const anchored = await call(t.app, office, { method: 'POST', url: '/api/v1/pledge-chain/checkpoints' })
      const top = anchored.json().checkpoint.count as number
      const from = tail[0].signatures[0].chainSeq
      expect(top).toBe(tail[1].signatures[1].chainSeq)
      const ids = tail.map((p) => p.id)
      const [chain, signatures, pledges] = await Promise.all([
        t.app.db.selectFrom('pledge_chain').selectAll().where('pledge_id', 'in', ids).execute(),
        t.app.db.selectFrom('pledge_signatures').selectAll().where('pledge_id', 'in', ids).execute(),
        t.app.db.selectFrom('pledges').selectAll().where('id', 'in', ids).execute(),
      ])
      await t.app.db.deleteFrom('pledge_chain').where('pledge_id', 'in', ids).execute()
      await t.app.db.deleteFrom('pledge_signatures').where('pledge_id', 'in', ids).execute()
      await t.app.db.deleteFrom('pledges').where('id', 'in', ids).execute()
      const earlier = await t.app.db
        .selectFrom('pledges')
        .select('code')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      const range = `第 ${from}–${top} 条缺失`
      try {
        const { body } = await verify(earlier.code)
        expect(body).toMatchObject({
          intact: false,
          recordIntact: true,
          chainIntact: false,
          anchor: { count: top },
          firstBroken: { reason: 'missing', missing: { from, to: top } },
        })
        expect(body.firstBroken.message).toContain(range)
        expect((await verify(tail[1].code)).status).toBe(404)
        expect((await wholeChain()).firstBroken).toMatchObject({
          reason: 'missing',
          missing: { from, to: top },
        })
        // The 工作台账 prints the checkpoint and the verdict.
        const ledger = await call(t.app, office, { method: 'GET', url: '/api/v1/supervision/ledger.xlsx' })
        expect(ledger.statusCode).toBe(200)
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer)
        const info: string[] = []
        workbook.getWorksheet('说明')!.eachRow((row) => info.push(row.values!.toString()))
        const anchorRow = info.find((r) => r.includes('哈希链锚点'))
        expect(anchorRow).toContain(`哈希链共 ${top} 条时写入`)
        expect(anchorRow).toContain(range)
      } finally {
        await t.app.db.insertInto('pledges').values(pledges).execute()
        await t.app.db.insertInto('pledge_signatures').values(signatures).execute()
        await t.app.db.insertInto('pledge_chain').values(chain).execute()
      }
      expect((await verify(earlier.code)).body).toMatchObject({ intact: true, anchor: { count: top } })
      expect((await wholeChain()).firstBroken).toBeNull()
    })
  })
  describe('a chain written before format 2', () => {
    /** Rewrites every entry as the code before migration 0020 wrote it: payload and mac of format 1. */
    async function rewriteAsFormat1() {
      const db = t.app.db
      const key = t.env.PLEDGE_CHAIN_KEY
      const rows = await db.selectFrom('pledge_chain').selectAll().orderBy('seq').execute()
      const versions = await chainRepository.templateVersions(db)
      let prev = GENESIS_MAC
      for (const row of rows) {
        const [pledge] = await chainRepository.pledgeMeta(db, [row.pledge_id])
        const [signature] = row.signature_id
          ? await chainRepository.signatureMeta(db, [row.signature_id])
          : []
        const payload =
          row.action === 'sign'
            ? signPayload({ pledge, templateVersion: versions.get(pledge.template_id)!, signature }, 1)
            : withdrawPayload(pledge)
        const mac = chainMac(key, prev, payload)
        await db
          .updateTable('pledge_chain')
          .set({ payload, prev_mac: prev, mac, mac_version: 1 })
          .where('seq', '=', row.seq)
          .execute()
        prev = mac
      }
      return rows.length
    }

    it('still verifies entry by entry with the old rule, and grows in format 2', async () => {
      for (let i = 0; i < 7; i++) await twoSided(70 + 2 * i)
      const old = await twoSided(60)
      // The file's checkpoints named the format-2 macs: a database migrated with its old chain has none.
      fs.rmSync(t.env.PLEDGE_CHECKPOINT_FILE, { force: true })
      const count = await rewriteAsFormat1()
      expect((await verify(old.code)).body).toMatchObject({ intact: true, anchor: null })
      expect((await wholeChain()).firstBroken).toBeNull()
      const next = await twoSided(62)
      const versions = await t.app.db
        .selectFrom('pledge_chain')
        .select('mac_version')
        .where('seq', '>', count)
        .execute()
      expect(versions.map((v) => v.mac_version)).toEqual([2, 2])
      expect((await verify(next.code)).body).toMatchObject({ intact: true })
      expect((await verify(old.code)).body).toMatchObject({ intact: true })
      expect((await wholeChain()).firstBroken).toBeNull()
      // Anchored on demand: every Nth entry of the old chain too, so an old pledge walks from near it.
      const top = await headSeq()
      const res = await call(t.app, office, { method: 'POST', url: '/api/v1/pledge-chain/checkpoints' })
      expect(res.json()).toMatchObject({ written: true, checkpoint: { count: top } })
      // (the entry appended after the file was removed was anchored by its own writer already)
      const multiples = Array.from({ length: Math.ceil(top / EVERY) - 1 }, (_, k) => (k + 1) * EVERY)
      const counts = fileLines().map((l) => l.count)
      expect([...new Set(counts)].sort((a, b) => a - b)).toEqual([...new Set([...multiples, top])])
      expect(counts).toHaveLength(new Set(counts).size)
      const oldSeq = old.signatures[1].chainSeq
      const { body } = await verify(old.code)
      expect(body).toMatchObject({ intact: true })
      expect(body.checkedEntries).toBeLessThanOrEqual(2 * EVERY)
      expect(oldSeq).toBeGreaterThan(4 * EVERY)
      // A format-1 entry after a format-2 one is a downgrade, refused.
      const restore = await setColumn('pledge_chain', { column: 'seq', value: count + 2 }, 'mac_version', 1)
      try {
        expect((await verify(next.code)).body).toMatchObject({
          intact: false,
          firstBroken: { seq: count + 2, reason: 'link' },
        })
      } finally {
        await restore()
      }
    })
  })
})
