import crypto from 'node:crypto'
import fc from 'fast-check'
import { sha256Hex } from '../../../src/models/pledgeHash'
import { chineseNumber } from '../../../src/models/pledge'
import {
  formatVerifyCode,
  normaliseVerifyCode,
  VERIFY_CODE_PATTERN,
} from '../../../src/models/pledgeVerification'
import { shanghaiYear, shanghaiYearRange } from '../../../src/models/shanghaiTime'

const node = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex')

describe('sha256Hex (the app’s own, for the text it shows)', () => {
  it.each([
    [''],
    ['abc'],
    ['政商双边清廉承诺书\n一、守住不行贿、不欠薪、不逃税、不侵权的底线。'],
    ['😀𠀀'],
    ['x'.repeat(55)],
    ['x'.repeat(64)],
  ])('equals node:crypto for %j', (s) => expect(sha256Hex(s)).toBe(node(s)))

  it('equals node:crypto for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => sha256Hex(s) === node(s)),
      {
        numRuns: 300,
      },
    )
  })
})

describe('pledge model helpers', () => {
  it('numbers clauses in Chinese', () => {
    expect([1, 9, 10, 11, 20, 21, 30].map(chineseNumber)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '二十',
      '二十一',
      '三十',
    ])
  })

  it('verify codes are forgiving about case, grouping and look-alike letters', () => {
    expect(formatVerifyCode('ABCD2345WXYZ')).toBe('ABCD-2345-WXYZ')
    expect(normaliseVerifyCode('abcd-2345-wxyz')).toBe('ABCD2345WXYZ')
    expect(normaliseVerifyCode('O1IL')).toBe('0111')
    expect(VERIFY_CODE_PATTERN.test('ABCD2345WXYZ')).toBe(true)
    expect(VERIFY_CODE_PATTERN.test('ABCD2345WXYU')).toBe(false)
  })

  it('counts the year in 北京时间', () => {
    expect(shanghaiYear(Date.parse('2026-12-31T16:30:00Z'))).toBe(2027)
    expect(shanghaiYear(Date.parse('2026-12-31T15:59:00Z'))).toBe(2026)
    expect(shanghaiYearRange(2026)).toEqual(['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z'])
  })
})
