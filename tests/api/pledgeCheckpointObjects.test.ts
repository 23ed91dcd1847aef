import fs from 'node:fs'
import { S3ObjectStore } from '../../server/core/s3ObjectStore'
import { checkpointKey } from '../../server/features/pledges/checkpointObjects'
import type { TPledge, TPledgeKind, TPledgeTemplate } from '../../src/models/pledge'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { countersign, currentTemplates, signAsEnterprise } from './support/pledges'
import { startS3, type LocalS3 } from './support/s3'

/**
 * With files in an S3-compatible bucket, the pledge chain's checkpoints are there too (one object per
 * checkpoint, `pledge-checkpoints/<count>.json`), not in PLEDGE_CHECKPOINT_FILE: written, read back by
 * verification, forged ones ignored, and a deleted tail still reported against them.
 */
describe(`pledge checkpoints in the object store [${TEST_DB}]`, () => {
  let s3: LocalS3
  let t: TestApp
  let bucket: S3ObjectStore
  let head: string
  let official: string
  let office: string
  let privateId: number
  let industryId: number
  let templates: Record<TPledgeKind, TPledgeTemplate>

  beforeAll(async () => {
    s3 = await startS3()
    t = await createTestApp({ ...s3.env, PLEDGE_CHECKPOINT_EVERY: '2' })
    bucket = new S3ObjectStore({ ...s3, region: 'us-east-1' })
    ;[head, official, office] = await Promise.all(
      ['demo-head-private', 'demo-official', 'demo-office'].map((o) => loginAs(t.app, o)),
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    industryId = await idOf(t.app, 'departments', '县工业信息化和商务局')
    templates = await currentTemplates(t.app, head)
  })
  afterAll(async () => {
    bucket?.close()
    await t?.close()
    await s3?.stop()
  })

  const twoSided = async (seed: number): Promise<TPledge> =>
    countersign(
      t.app,
      official,
      await signAsEnterprise(
        t.app,
        head,
        templates.government_business,
        { enterpriseId: privateId, departmentId: industryId },
        seed,
      ),
      seed + 1,
    )
  const verify = async (code: string) =>
    (await call(t.app, null, { method: 'GET', url: `/api/v1/pledges/verify/${code}` })).json()
  const anchor = async () => {
    const res = await call(t.app, office, { method: 'POST', url: '/api/v1/pledge-chain/checkpoints' })
    expect(res.statusCode).toBe(200)
    return res.json().checkpoint.count as number
  }

  it('writes the checkpoints as objects and verifies against them; the file is not used', async () => {
    const pledge = await twoSided(1)
    const top = await anchor()
    expect(top).toBe(pledge.signatures[1].chainSeq)
    expect(await bucket.list('pledge-checkpoints/')).toEqual([checkpointKey(top)])
    expect(fs.existsSync(t.env.PLEDGE_CHECKPOINT_FILE)).toBe(false)
    expect(await verify(pledge.code)).toMatchObject({ intact: true, anchor: { count: top } })
  })

  it('ignores a checkpoint object that does not verify', async () => {
    const forged = { count: 99_999, mac: 'a'.repeat(64), at: new Date().toISOString(), sig: 'b'.repeat(64) }
    await bucket.put(checkpointKey(99_999), Buffer.from(JSON.stringify(forged)), 'application/json')
    // Genuine checkpoints written after it (their keys sort before it) are still found.
    const pledge = await twoSided(3)
    const top = await anchor()
    expect(await verify(pledge.code)).toMatchObject({ intact: true, anchor: { count: top } })
    expect(await verify(pledge.code)).toMatchObject({ intact: true, anchor: { count: top } })
    expect(t.app.pledgeCheckpoints.rejected).toBe(1)
    await bucket.remove(checkpointKey(99_999))
  })

  it('reports a deleted tail with its range from the checkpoint in the bucket', async () => {
    const tail = await twoSided(5)
    const top = await anchor()
    const from = tail.signatures[0].chainSeq
    await t.app.db.deleteFrom('pledge_chain').where('pledge_id', '=', tail.id).execute()
    await t.app.db.deleteFrom('pledge_signatures').where('pledge_id', '=', tail.id).execute()
    await t.app.db.deleteFrom('pledges').where('id', '=', tail.id).execute()
    const earlier = await t.app.db
      .selectFrom('pledges')
      .select('code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(await verify(earlier.code)).toMatchObject({
      intact: false,
      anchor: { count: top },
      firstBroken: { reason: 'missing', missing: { from, to: top } },
    })
  })
})
