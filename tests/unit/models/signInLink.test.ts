import { signInLinkUrl, signInPayload, signInPayloadFromParams } from '@/models/signInLink'

const payload = 'QL1.12.118000123.abcdefghijklmnopqrstuv'

describe('the sign-in QR as a link', () => {
  it('carries the payload under the web base', () => {
    expect(signInLinkUrl('https://ql.example.com/', payload)).toBe(
      'https://ql.example.com/s?c=QL1.12.118000123.abcdefghijklmnopqrstuv',
    )
  })
  it('reads the link, the bare payload and what WeChat hands the page', () => {
    const url = signInLinkUrl('https://ql.example.com', payload)
    expect(signInPayload(url)).toBe(payload)
    expect(signInPayload(` ${payload} `)).toBe(payload)
    expect(signInPayload(encodeURIComponent(url))).toBe(payload)
    expect(signInPayloadFromParams({ q: encodeURIComponent(url) })).toBe(payload)
    expect(signInPayloadFromParams({ c: payload })).toBe(payload)
  })
  it('is not fooled by other links or text', () => {
    expect(signInPayload('https://ql.example.com/qr/join?code=ABCD2345')).toBeNull()
    expect(signInPayload('https://ql.example.com/s?c=hello')).toBeNull()
    expect(signInPayload('QL2.1.2.x')).toBeNull()
    expect(signInPayload('')).toBeNull()
    expect(signInPayloadFromParams({})).toBeNull()
  })
})
