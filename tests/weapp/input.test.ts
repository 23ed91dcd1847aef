/**
 * Input that respects people, in the mini-program: a PDF picked from a chat (wx.chooseMessageFile) as
 * evidence, shown as a chip that opens with wx.openDocument; WeChat's leave question
 * (wx.enableAlertBeforeUnload) on typed text that leaving would lose; a large photo compressed with
 * wx.compressImage before it goes up.
 */
import { PNG } from 'pngjs'
import { compressionPlan, secondPassQuality } from '../../src/services/imageCompression'
import { TINY_PDF } from '../api/support/files'
import { loginAs } from '../api/support/testApp'
import { hasClass } from './runner/miniProgram'
import { openAssessmentItems, recordSetData, signIn, tapClass } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

/** A 2700×300 noisy PNG of about 3 MB: a photo too big to send as it is. */
function bigPhoto(): Buffer {
  const png = new PNG({ width: 2700, height: 300 })
  let seed = 11
  for (let i = 0; i < png.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    png.data[i] = seed & 0xff
    png.data[i + 1] = (seed >> 8) & 0xff
    png.data[i + 2] = (seed >> 16) & 0xff
    png.data[i + 3] = 255
  }
  return PNG.sync.write(png, { deflateLevel: 1, filterType: 0 })
}

describe('input that respects people (mini-program)', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  async function evidenceOfFirstItem(): Promise<{ filename: string; mime: string; size: number }[]> {
    const token = await loginAs(server.test.app, 'demo-liaison-private')
    const get = (url: string) =>
      server.test.app
        .inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
        .then((r) => r.json())
    const me = await get('/api/v1/me')
    const eid = me.memberships.find((m: { role: string }) => m.role === 'liaison').organisationId
    const { assessments } = await get(`/api/v1/enterprises/${eid}/assessments`)
    const a = await get(`/api/v1/enterprises/${eid}/assessments/${assessments[0].id}`)
    return a.evidence
  }

  it('asks before the back button leaves a note that cannot be saved, and no longer once it is saved', async () => {
    const mp = await signIn(server, 'demo-liaison-private')
    try {
      await openAssessmentItems(mp, '开始作答')
      expect(mp.current().alertBeforeUnload).toBeUndefined()
      await mp.waitForText('0/500')
      // A note typed before any answer is chosen has nothing to be saved with.
      await mp.input('补充说明', '本企业已按要求开展廉洁风险排查')
      await mp.waitForText('15/500')
      expect(mp.current().alertBeforeUnload).toBe('内容尚未保存，确定离开？')

      mp.device.modalAnswers.push(false)
      await mp.back()
      expect(mp.currentRoute()).toBe('packages/assessment/pages/item/index')
      expect(mp.device.modals.at(-1)).toMatchObject({ content: '内容尚未保存，确定离开？', confirmed: false })

      // Choosing an answer saves the note with it: nothing left to lose, the question is off.
      await mp.tap('是')
      await mp.waitForText('已保存')
      expect(mp.current().alertBeforeUnload).toBeUndefined()
      const asked = mp.device.modals.length
      await mp.back()
      await mp.waitForRoute('packages/assessment/pages/overview/index')
      expect(mp.device.modals).toHaveLength(asked)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('over the limit the note says by how much, and is kept as typed', async () => {
    const mp = await signIn(server, 'demo-liaison-private')
    try {
      await openAssessmentItems(mp, '清廉政治')
      await mp.input('补充说明', '制度'.repeat(260))
      await mp.waitForText('520/500')
      await mp.waitForText('最多 500 字，已超出 20 字，请删减')
      expect(mp.device.toasts.map((t) => t.title)).toContain('最多 500 字，已超出 20 字')
      mp.assertHealthy()
    } finally {
      mp.close()
    }
  })

  it('takes a PDF from a chat as evidence, under its own name, and opens it', async () => {
    const mp = await signIn(server, 'demo-liaison-private')
    try {
      await openAssessmentItems(mp, '清廉政治')
      mp.device.messageFiles.push({ name: '廉洁风险防控制度.pdf', bytes: TINY_PDF })
      await mp.tap('文件（PDF）')
      await mp.waitForText('廉洁风险防控制度.pdf')
      expect((await evidenceOfFirstItem()).map((e) => [e.filename, e.mime])).toContainEqual([
        '廉洁风险防控制度.pdf',
        'application/pdf',
      ])
      await tapClass(mp, 'evidence-grid__file', '廉洁风险防控制度.pdf')
      await mp.idle(200)
      expect(mp.device.openedDocuments).toHaveLength(1)
      const opened = mp.device.files.get(mp.device.openedDocuments[0])!
      expect(opened.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('compresses a photo over 1.5 MB with wx.compressImage before it goes up', async () => {
    const mp = await signIn(server, 'demo-liaison-private')
    try {
      await openAssessmentItems(mp, '清廉政治')
      const photo = bigPhoto()
      expect(photo.length).toBeGreaterThan(2 * 1024 * 1024)
      mp.device.photos.push(photo)
      await mp.tap('拍照/相册')
      for (let waited = 0; !mp.findAll((n) => hasClass(n, 'evidence-grid__image')).length; waited += 50) {
        if (waited > 15_000) throw new Error(`no thumbnail after the upload: ${mp.text().slice(0, 1500)}`)
        await mp.idle(50)
      }
      // 2700 px wide: brought to 2560; quality from the size, then a second pass as it is still > 2 MB.
      const plan = compressionPlan(photo.length, { width: 2700, height: 300 })!
      expect(mp.device.compressions.map((c) => [c.quality, c.compressedWidth])).toEqual([
        [plan.quality, 2560],
        [secondPassQuality(plan.quality), 2560],
      ])
      const sent = mp.device.compressions.at(-1)!.outBytes
      expect(sent).toBeLessThan(photo.length)
      const stored = (await evidenceOfFirstItem()).filter((e) => e.mime === 'image/png')
      expect(stored.map((e) => e.size)).toContain(sent)
      mp.assertHealthy()
    } finally {
      mp.close()
    }
  })
})
