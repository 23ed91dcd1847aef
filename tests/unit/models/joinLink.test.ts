import { joinLinkUrl, parseJoinLink } from '@/models/joinLink'

describe('invite and administrator links (扫普通链接二维码打开小程序)', () => {
  it('makes a link under the web base and reads it back, from any of the forms it arrives in', () => {
    const url = joinLinkUrl('https://qinglian.example.com/', { kind: 'invite', code: 'ABCD2345' })
    expect(url).toBe('https://qinglian.example.com/qr/join?code=ABCD2345')
    expect(parseJoinLink(url)).toEqual({ kind: 'invite', code: 'ABCD2345' })
    // WeChat hands the page the scanned URL encoded, as `q`
    expect(parseJoinLink(encodeURIComponent(url))).toEqual({ kind: 'invite', code: 'ABCD2345' })
    const admin = joinLinkUrl('http://127.0.0.1:3000', { kind: 'admin', code: 'ABCD-EFGH-JKMN' })
    expect(admin).toBe('http://127.0.0.1:3000/qr/admin?code=ABCD-EFGH-JKMN')
    expect(parseJoinLink(admin)).toEqual({ kind: 'admin', code: 'ABCD-EFGH-JKMN' })
    expect(parseJoinLink('https://a.example/sub/qr/join?x=1&code=abcd2345')).toEqual({
      kind: 'invite',
      code: 'ABCD2345',
    })
    // the old administrator QR text
    expect(parseJoinLink('QLADMIN.ABCD-EFGH-JKMN')).toEqual({ kind: 'admin', code: 'ABCD-EFGH-JKMN' })
  })

  it('refuses anything else: other paths, sign-in codes, bad codes', () => {
    for (const text of [
      '',
      'QL1.3.123.abc',
      'https://a.example/other?code=ABCD2345',
      'https://a.example/qr/join?code=ABC',
      'https://a.example/qr/join',
      'https://a.example/qr/admin?code=ABCD2345',
      'ftp://a.example/qr/join?code=ABCD2345',
    ])
      expect(parseJoinLink(text)).toBeNull()
  })
})
