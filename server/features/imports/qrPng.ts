import zlib from 'node:zlib'
import qrcode from 'qrcode-generator'

/** A QR code as a black-and-white PNG (1 bit per pixel), with the standard 4-module quiet zone. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

export function qrPng(text: string, pixelsPerModule = 8): { png: Buffer; size: number } {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const modules = qr.getModuleCount()
  const margin = 4
  const size = (modules + margin * 2) * pixelsPerModule
  const stride = Math.ceil(size / 8)
  // One row of pixels per module row, repeated `pixelsPerModule` times (filter byte 0 = none).
  const raw = Buffer.alloc((stride + 1) * size, 0)
  for (let r = -margin; r < modules + margin; r++) {
    const line = Buffer.alloc(stride + 1, 0)
    for (let x = 0; x < size; x++) {
      const c = Math.floor(x / pixelsPerModule) - margin
      const dark = r >= 0 && c >= 0 && r < modules && c < modules && qr.isDark(r, c)
      // 1-bit greyscale: 1 is white.
      if (!dark) line[1 + (x >> 3)] |= 0x80 >> (x & 7)
    }
    for (let k = 0; k < pixelsPerModule; k++)
      line.copy(raw, ((r + margin) * pixelsPerModule + k) * (stride + 1))
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 1 // bit depth
  header[9] = 0 // greyscale
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
  return { png, size }
}
