import { saveBlob } from './download'
import type { PlatformCertificate } from './types'

/** Renders an SVG document to a PNG blob at `scale` (the browser's own fonts draw the Chinese text). */
async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const image = new Image()
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(image.naturalWidth * scale)
  canvas.height = Math.round(image.naturalHeight * scale)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('浏览器不支持生成图片')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height)
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('图片生成失败'))), 'image/png'),
  )
}

/** H5: fetch the certificate SVG with the token, draw it as a PNG and hand it to the browser's downloads. */
export const platformCertificate: PlatformCertificate = {
  canShareCard: false,
  async export(req) {
    const res = await fetch(req.svgUrl, { headers: req.header })
    if (!res.ok) return { status: res.status, result: 'downloaded' }
    saveBlob(await svgToPng(await res.text()), `${req.baseName}.png`)
    return { status: res.status, result: 'downloaded' }
  },
}
