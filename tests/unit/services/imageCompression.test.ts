import {
  COMPRESS_ABOVE_BYTES,
  compressionPlan,
  MAX_EDGE_PX,
  needsCompression,
  secondPassQuality,
} from '@/services/imageCompression'

const MB = 1024 * 1024

describe('photo compression before upload', () => {
  it('leaves photos up to 1.5 MB alone', () => {
    expect(needsCompression(COMPRESS_ABOVE_BYTES)).toBe(false)
    expect(compressionPlan(1.2 * MB, { width: 4032, height: 3024 })).toBeNull()
    expect(needsCompression(COMPRESS_ABOVE_BYTES + 1)).toBe(true)
  })

  it('lowers the quality as the file grows', () => {
    expect(compressionPlan(2 * MB)?.quality).toBe(88)
    expect(compressionPlan(4 * MB)?.quality).toBe(85)
    expect(compressionPlan(8 * MB)?.quality).toBe(80)
    expect(secondPassQuality(80)).toBe(60)
    expect(secondPassQuality(50)).toBe(40)
  })

  it('brings the longest side down to 2560 px, keeping the proportions, and never enlarges', () => {
    expect(compressionPlan(6 * MB, { width: 4032, height: 3024 })).toEqual({
      quality: 85,
      width: MAX_EDGE_PX,
      height: 1920,
    })
    expect(compressionPlan(6 * MB, { width: 3024, height: 4032 })).toMatchObject({
      width: 1920,
      height: MAX_EDGE_PX,
    })
    expect(compressionPlan(2 * MB, { width: 1600, height: 1200 })).toMatchObject({
      width: 1600,
      height: 1200,
    })
  })

  it('keeps the size when it is not known', () => {
    expect(compressionPlan(5 * MB)).toEqual({ quality: 85, width: null, height: null })
    expect(compressionPlan(5 * MB, { width: 0, height: 0 })).toEqual({
      quality: 85,
      width: null,
      height: null,
    })
  })
})
