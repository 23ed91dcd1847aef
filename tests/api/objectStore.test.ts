import fs from 'node:fs'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { rollOf, type TBranchDetail } from '../../src/models/meeting'
import { S3ObjectStore } from '../../server/core/s3ObjectStore'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { multipart, openRectification, TINY_PDF, TINY_PNG } from './support/files'
import { enterpriseRow, upload as uploadWorkbook, waitReady, workbook } from './support/importFiles'
import { startS3, type LocalS3 } from './support/s3'

const HOUR = 3600_000

/**
 * Files in an S3-compatible bucket (S3_* set) instead of UPLOAD_DIR: evidence, meeting photos (and the
 * .docx they go into), import result workbooks. The bucket is a local s3rver started by the test; the
 * test reads the bucket itself to see where the bytes went.
 */
describe(`files in an S3-compatible object store [${TEST_DB}]`, () => {
  let s3: LocalS3
  let t: TestApp
  let bucket: S3ObjectStore
  let liaison: string
  let secretary: string
  let office: string
  let privateId: number
  let rectificationUrl: string

  beforeAll(async () => {
    s3 = await startS3()
    t = await createTestApp(s3.env)
    bucket = new S3ObjectStore({ ...s3, region: 'us-east-1' })
    ;[liaison, secretary, office] = await Promise.all(
      ['demo-liaison-private', 'demo-secretary-private', 'demo-office'].map((o) => loginAs(t.app, o)),
    )
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    const supervisor = await loginAs(t.app, 'demo-supervisor-united')
    rectificationUrl = await openRectification(t.app, supervisor, privateId)
  })
  afterAll(async () => {
    bucket?.close()
    await t?.close()
    await s3?.stop()
  })

  const keyOf = async (fileId: number) =>
    (
      await t.app.db
        .selectFrom('evidence_files')
        .select('storage_key')
        .where('id', '=', fileId)
        .executeTakeFirstOrThrow()
    ).storage_key
  const uploadEvidence = async (filename: string, content: Buffer) => {
    const res = await call(t.app, liaison, {
      method: 'POST',
      url: `${rectificationUrl}/evidence`,
      ...multipart('file', filename, content),
    })
    expect(res.statusCode).toBe(201)
    return res.json() as { id: number; url: string }
  }

  it('stores evidence in the bucket, not on disk, and serves it back byte for byte with its headers', async () => {
    const photo = await uploadEvidence('现场照片.png', TINY_PNG)
    const pdf = await uploadEvidence('整改报告.pdf', TINY_PDF)
    for (const [file, bytes] of [
      [photo, TINY_PNG],
      [pdf, TINY_PDF],
    ] as const) {
      const key = await keyOf(file.id)
      expect(key).toMatch(/^\d{4}-\d{2}\/[0-9a-f-]{36}\.(png|pdf)$/)
      expect((await bucket.read(key))?.equals(bytes)).toBe(true)
    }
    expect(fs.readdirSync(t.env.UPLOAD_DIR)).toEqual([])

    const image = await t.app.inject({ method: 'GET', url: photo.url })
    expect(image.statusCode).toBe(200)
    expect(image.rawPayload.equals(TINY_PNG)).toBe(true)
    expect(image.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(TINY_PNG.length),
      'cache-control': 'private, max-age=600',
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`,
    })
    const document = await t.app.inject({ method: 'GET', url: pdf.url })
    expect(document.statusCode).toBe(200)
    expect(document.rawPayload.equals(TINY_PDF)).toBe(true)
    expect(document.headers['content-type']).toBe('application/pdf')
    expect(document.headers['content-disposition']).toMatch(/^attachment; /)
  })

  it('answers a link to an object gone from the bucket with the usual 404', async () => {
    const photo = await uploadEvidence('现场.png', TINY_PNG)
    await bucket.remove(await keyOf(photo.id))
    const res = await t.app.inject({ method: 'GET', url: photo.url })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String), fields: [] } })
  })

  it('puts a meeting photo into the .docx from the bucket, and deleting the draft removes the object', async () => {
    const branchUrl = `/api/v1/enterprises/${privateId}/party-branches/${
      (
        await t.app.db
          .selectFrom('party_branches')
          .select('id')
          .where('enterprise_id', '=', privateId)
          .executeTakeFirstOrThrow()
      ).id
    }`
    const branch: TBranchDetail = (await call(t.app, secretary, { method: 'GET', url: branchUrl })).json()
    const created = await call(t.app, secretary, {
      method: 'POST',
      url: `${branchUrl}/meetings`,
      payload: {
        type: 'committee',
        topic: '研究本月清廉企业建设推进事项',
        startsAt: new Date(Date.now() - HOUR).toISOString(),
        place: '公司党员活动室',
        host: '梁红梅',
        recorder: '梁红梅',
        attendance: rollOf(branch.members, 'committee', null).map((m) => ({
          memberId: m.id,
          status: 'present',
        })),
        minutes: '会议传达了清廉企业建设实施方案。',
      },
    })
    expect(created.statusCode).toBe(201)
    const meetingUrl = `${branchUrl}/meetings/${created.json().id}`
    const photo = await call(t.app, secretary, {
      method: 'POST',
      url: `${meetingUrl}/attachments?kind=photo`,
      ...multipart('file', '现场.png', TINY_PNG),
    })
    expect(photo.statusCode).toBe(201)
    const key = await keyOf(photo.json().id)

    const docx = await call(t.app, secretary, { method: 'GET', url: `${meetingUrl}/record.docx` })
    expect(docx.statusCode).toBe(200)
    const zip = await JSZip.loadAsync(docx.rawPayload)
    const media = zip.file(/^word\/media\//)
    expect(media).toHaveLength(1)
    expect((await media[0].async('nodebuffer')).equals(TINY_PNG)).toBe(true)

    expect((await call(t.app, secretary, { method: 'DELETE', url: meetingUrl })).statusCode).toBe(200)
    expect(await bucket.read(key)).toBeNull()
    expect((await t.app.inject({ method: 'GET', url: photo.json().url })).statusCode).toBe(404)
  })

  it('keeps the import result workbook in the bucket and hands it back', async () => {
    const started = await uploadWorkbook(
      t.app,
      office,
      await workbook([enterpriseRow(901), enterpriseRow(902)]),
    )
    expect(started.statusCode).toBe(202)
    const view = await waitReady(t.app, office, started.json().id)
    const row = await t.app.db
      .selectFrom('enterprise_imports')
      .select('result_key')
      .where('id', '=', view.id)
      .executeTakeFirstOrThrow()
    expect(await bucket.list(row.result_key!.split('/')[0] + '/')).toContain(row.result_key)

    const res = await call(t.app, office, { method: 'GET', url: `/api/v1/imports/${view.id}/result.xlsx` })
    expect(res.statusCode).toBe(200)
    expect(res.rawPayload.equals((await bucket.read(row.result_key!))!)).toBe(true)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(book.getWorksheet('企业名单')!.getCell('I1').value).toBe('结果')

    await bucket.remove(row.result_key!)
    const gone = await call(t.app, office, { method: 'GET', url: `/api/v1/imports/${view.id}/result.xlsx` })
    expect(gone.statusCode).toBe(404)
    expect(gone.json().error.code).toBe('NOT_FOUND')
  })
})
