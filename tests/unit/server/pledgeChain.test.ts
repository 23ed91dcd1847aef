import {
  GENESIS_MAC,
  canonicalJson,
  chainMac,
  linkHolds,
  type ChainLink,
} from '../../../server/features/pledges/hashChain'
import { decodeSignature, newVerifyCode } from '../../../server/features/pledges/signature'
import { loadEnv } from '../../../server/env'
import { VERIFY_CODE_PATTERN } from '../../../src/models/pledgeVerification'

const KEY = 'unit-test-key-unit-test-key-unit-test-key'

function chain(payloads: string[], key = KEY): ChainLink[] {
  const out: ChainLink[] = []
  let prev = GENESIS_MAC
  payloads.forEach((payload, i) => {
    const mac = chainMac(key, prev, payload)
    out.push({ seq: i + 1, prevMac: prev, mac, payload })
    prev = mac
  })
  return out
}

/** The first entry whose link does not hold, or null. */
function firstBroken(links: ChainLink[], key = KEY): number | null {
  let previous: ChainLink | null = null
  for (const link of links) {
    if (!linkHolds(key, previous, link)) return link.seq
    previous = link
  }
  return null
}

describe('the keyed hash chain', () => {
  const payloads = ['{"a":1}', '{"a":2}', '{"a":3}', '{"a":4}']

  it('holds as written', () => expect(firstBroken(chain(payloads))).toBeNull())

  it('breaks at a changed payload, a removed entry, a reordering, or another key', () => {
    const changed = chain(payloads)
    changed[1] = { ...changed[1], payload: '{"a":9}' }
    expect(firstBroken(changed)).toBe(2)
    const removed = chain(payloads).filter((l) => l.seq !== 3)
    expect(firstBroken(removed)).toBe(4)
    const swapped = chain(payloads)
    ;[swapped[1], swapped[2]] = [swapped[2], swapped[1]]
    expect(firstBroken(swapped)).toBe(3)
    expect(firstBroken(chain(payloads), 'another-key-another-key-another-key')).toBe(1)
  })

  it('cannot be repaired without the key: recomputing macs with a guessed key still fails', () => {
    const forged = chain(['{"a":1}', '{"a":"forged"}', '{"a":3}'], 'guess-guess-guess-guess-guess-guess')
    expect(firstBroken(forged)).toBe(1)
  })

  it('serialises records canonically (key order does not matter)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":1,"f":2}]},"b":1}',
    )
  })
})

describe('signature images and codes', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  )
  it('accepts a PNG and hashes its bytes', () => {
    const decoded = decodeSignature(png.toString('base64'))
    expect(decoded.bytes.equals(png)).toBe(true)
    expect(decoded.sha256).toMatch(/^[0-9a-f]{64}$/)
  })
  it('refuses a GIF, a truncated PNG and an oversized one by their bytes', () => {
    expect(() => decodeSignature(Buffer.from('GIF89a' + 'x'.repeat(40)).toString('base64'))).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_NOT_PNG' }),
    )
    expect(() => decodeSignature(png.subarray(0, 20).toString('base64'))).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_NOT_PNG' }),
    )
    expect(() => decodeSignature(Buffer.concat([png, Buffer.alloc(512 * 1024)]).toString('base64'))).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_TOO_LARGE', statusCode: 413 }),
    )
  })
  it('makes unguessable 12-character codes', () => {
    const codes = new Set(Array.from({ length: 2000 }, newVerifyCode))
    expect(codes.size).toBe(2000)
    for (const code of codes) expect(VERIFY_CODE_PATTERN.test(code)).toBe(true)
  })
})

describe('the chain key in the environment', () => {
  it('is required in production and generated in test mode', () => {
    const production = {
      APP_MODE: 'production',
      TOKEN_SECRET: 'x'.repeat(32),
      WECHAT_APPID: 'wx',
      WECHAT_SECRET: 's',
    }
    expect(() => loadEnv(production)).toThrow(/PLEDGE_CHAIN_KEY: required in production/)
    expect(() => loadEnv({ ...production, PLEDGE_CHAIN_KEY: 'short' })).toThrow(/at least 32/)
    expect(loadEnv({ ...production, PLEDGE_CHAIN_KEY: 'k'.repeat(32) }).PLEDGE_CHAIN_KEY).toBe('k'.repeat(32))
    expect(loadEnv({ APP_MODE: 'test' }).PLEDGE_CHAIN_KEY.length).toBeGreaterThanOrEqual(32)
  })
})
