import { PNG } from 'pngjs'
import { fitWithin, imageInfo } from '../../../server/features/files/imageSize'

/** A JPEG's markers up to its frame header: SOI, an APP0 segment, then SOF0 (height, width). */
function jpegHeader(width: number, height: number, sof = 0xc0): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0])
  const frame = Buffer.alloc(19)
  frame.set([0xff, sof, 0x00, 0x11, 0x08])
  frame.writeUInt16BE(height, 5)
  frame.writeUInt16BE(width, 7)
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, frame])
}

describe('imageInfo: the pixel size of an uploaded photo from its header', () => {
  it('reads a PNG', () => {
    const png = PNG.sync.write(new PNG({ width: 640, height: 480 }))
    expect(imageInfo(png)).toEqual({ type: 'png', width: 640, height: 480 })
  })

  it('reads a baseline or progressive JPEG after its other segments', () => {
    expect(imageInfo(jpegHeader(4032, 3024))).toEqual({ type: 'jpg', width: 4032, height: 3024 })
    expect(imageInfo(jpegHeader(1080, 1920, 0xc2))).toEqual({ type: 'jpg', width: 1080, height: 1920 })
  })

  it('answers null for what it cannot size', () => {
    expect(imageInfo(Buffer.from('%PDF-1.4'))).toBeNull()
    expect(imageInfo(jpegHeader(0, 100))).toBeNull()
    expect(imageInfo(Buffer.from([0xff, 0xd8, 0xff]))).toBeNull()
  })
})

describe('fitWithin: a photo at the page width, its aspect ratio kept', () => {
  it('scales a landscape photo to the width and a tall one to the height', () => {
    expect(fitWithin({ width: 4032, height: 3024 }, 602, 800)).toEqual({ width: 602, height: 452 })
    expect(fitWithin({ width: 1080, height: 1920 }, 602, 800)).toEqual({ width: 450, height: 800 })
    expect(fitWithin({ width: 300, height: 150 }, 602, 800)).toEqual({ width: 602, height: 301 })
  })
})
