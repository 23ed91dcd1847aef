import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { multipart, openRectification, TINY_PDF, TINY_PNG } from './support/files'

/**
 * Evidence as image or PDF (the hint says 图片或 PDF): the server decides the type from the file's first
 * bytes, whatever its name says, parses a PDF's structure, and refuses anything else with a Chinese
 * message. PDFs are served as attachments.
 */
describe(`PDF evidence [${TEST_DB}]`, () => {
  let t: TestApp
  let liaison: string
  let supervisor: string
  let rectificationUrl: string

  beforeAll(async () => {
    t = await createTestApp()
    ;[liaison, supervisor] = await Promise.all(
      ['demo-liaison-private', 'demo-supervisor-united'].map((o) => loginAs(t.app, o)),
    )
    rectificationUrl = await openRectification(
      t.app,
      supervisor,
      await idOf(t.app, 'enterprises', '县恒达食品有限公司'),
    )
  })
  afterAll(() => t.close())

  const upload = (filename: string, content: Buffer) =>
    call(t.app, liaison, {
      method: 'POST',
      url: `${rectificationUrl}/evidence`,
      ...multipart('file', filename, content),
    })

  it('takes a PDF as 整改 evidence, reports it with the response and serves it back as a PDF', async () => {
    const pdf = await upload('整改报告.pdf', TINY_PDF)
    expect(pdf.statusCode).toBe(201)
    expect(pdf.json()).toMatchObject({
      filename: '整改报告.pdf',
      mime: 'application/pdf',
      size: TINY_PDF.length,
    })

    const responded = await call(t.app, liaison, {
      method: 'POST',
      url: `${rectificationUrl}/respond`,
      payload: { response: '已完成补充排查并印发制度', evidenceIds: [pdf.json().id] },
    })
    expect(responded.statusCode).toBe(200)
    expect(responded.json().evidence).toEqual([
      expect.objectContaining({ id: pdf.json().id, mime: 'application/pdf' }),
    ])

    const served = await t.app.inject({ method: 'GET', url: pdf.json().url })
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('application/pdf')
    expect(served.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('整改报告.pdf')}`,
    )
    expect(served.headers['x-content-type-options']).toBe('nosniff')
    expect(served.rawPayload.equals(TINY_PDF)).toBe(true)
  })

  it('decides by the bytes: a PDF named .jpg is a PDF, a photo named .pdf a photo', async () => {
    expect((await upload('scan.jpg', TINY_PDF)).json().mime).toBe('application/pdf')
    expect((await upload('photo.pdf', TINY_PNG)).json().mime).toBe('image/png')
  })

  it('keeps the name the mini-program sends for a file named after its temporary path', async () => {
    const res = await call(t.app, liaison, {
      method: 'POST',
      url: `${rectificationUrl}/evidence`,
      ...multipart('file', 'tmp_4_9f3a1c2b.pdf', TINY_PDF, { filename: '廉洁风险防控制度.pdf' }),
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ filename: '廉洁风险防控制度.pdf', mime: 'application/pdf' })
  })

  it('refuses a fake PDF with a Chinese message', async () => {
    for (const fake of [
      Buffer.from('这不是PDF文件，只是改了扩展名'),
      Buffer.from('%PDF'), // cut before the version
      Buffer.from('<html><body>%PDF-1.4</body></html>'),
    ]) {
      const res = await upload('制度.pdf', fake)
      expect(res.statusCode).toBe(415)
      expect(res.json().error).toMatchObject({
        code: 'FILE_TYPE_NOT_ALLOWED',
        message: '只能上传图片（JPG、PNG、WEBP）或 PDF 文件',
      })
    }
  })

  it('parses a PDF instead of trusting its first bytes: an HTML page after %PDF- is refused', async () => {
    const html = '<html><body><script>alert(document.cookie)</script></body></html>'
    const good = TINY_PDF.toString('latin1')
    const xrefAt = good.indexOf('xref')
    for (const fake of [
      `%PDF-1.4\n${html}`,
      `%PDF-1.4\n${html}\n%%EOF\n`,
      // a trailer pasted after the page, pointing into it
      `%PDF-1.4\n${html}\nstartxref\n9\n%%EOF\n`,
      // a real PDF whose cross-reference offsets no longer point at objects
      good.replace(/0000000009 00000 n/, '0000000001 00000 n'),
      // startxref past the cross-reference table
      good.replace(`startxref\n${xrefAt}`, `startxref\n${xrefAt + 3}`),
    ]) {
      const res = await upload('制度.pdf', Buffer.from(fake, 'latin1'))
      expect(res.statusCode).toBe(415)
      expect(res.json().error).toMatchObject({
        code: 'FILE_TYPE_NOT_ALLOWED',
        message: '该文件不是有效的 PDF（文件已损坏或只是改了扩展名），请重新导出后上传',
      })
    }
  })

  it('refuses a PDF over 10 MB with a Chinese message', async () => {
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024)])
    const res = await upload('扫描件.pdf', big)
    expect(res.statusCode).toBe(413)
    expect(res.json().error).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: '文件过大，单个文件不超过 10 MB',
    })
  })
})
