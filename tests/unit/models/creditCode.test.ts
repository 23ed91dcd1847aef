import fc from 'fast-check'
import { checkCreditCode, creditCodeCheckChar, isValidCreditCode } from '../../../src/models/creditCode'
import { ZCreditCode } from '../../../src/models/org'
import { maskPhone } from '../../../src/models/phone'

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts a published example code and refuses a lookalike', () => {
    // The example code printed in many guides to the standard, and a lookalike whose check character is wrong.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
    expect(isValidCreditCode('911100001000138839')).toBe(false)
  })

  it('names the problem: length, characters, check character', () => {
    expect(checkCreditCode('91350100M000100Y4')).toBe('length')
    expect(checkCreditCode('91350100M000100I43')).toBe('charset')
    expect(checkCreditCode('91350100M000100Y44')).toBe('checksum')
  })

  it('detects every single-character change of a valid code', () => {
    const body = fc
      .array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 })
      .map((a) => a.join(''))
    fc.assert(
      fc.property(body, fc.nat(17), fc.constantFrom(...ALPHABET), (first17, position, replacement) => {
        const code = first17 + creditCodeCheckChar(first17)
        expect(isValidCreditCode(code)).toBe(true)
        const changed = code.slice(0, position) + replacement + code.slice(position + 1)
        expect(isValidCreditCode(changed)).toBe(changed === code)
      }),
    )
  })

  it('the schema upper-cases and trims before checking, with a Chinese message', () => {
    expect(ZCreditCode.parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43')
    const failed = ZCreditCode.safeParse('91350100M000100Y44')
    expect(failed.success).toBe(false)
    expect(failed.error?.issues[0].message).toBe('统一社会信用代码校验位不正确，请核对')
  })
})

describe('maskPhone', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhone('13807710031')).toBe('138****0031')
    expect(maskPhone(null)).toBeNull()
  })
})
