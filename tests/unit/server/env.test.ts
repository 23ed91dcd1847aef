import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadEnv } from '../../../server/env'

const PRODUCTION_SECRETS = {
  TOKEN_SECRET: 't'.repeat(32),
  PLEDGE_CHAIN_KEY: 'k'.repeat(32),
  WECHAT_APPID: 'wx0123',
  WECHAT_SECRET: 's',
}

describe('the server environment without APP_MODE', () => {
  it('refuses to start without production secrets, naming each one missing and how to try the demo', () => {
    let message = ''
    try {
      loadEnv({})
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/APP_MODE is not set, so the server runs as production/)
    for (const name of ['TOKEN_SECRET', 'PLEDGE_CHAIN_KEY', 'WECHAT_APPID', 'WECHAT_SECRET'])
      expect(message).toContain(name)
    expect(message).toContain('APP_MODE=demo')
    const { PLEDGE_CHAIN_KEY: _dropped, ...withoutKey } = PRODUCTION_SECRETS
    expect(() => loadEnv(withoutKey)).toThrow(/needs PLEDGE_CHAIN_KEY\./)
  })

  it('runs as production when every secret is set: no dev login, the given secrets', () => {
    const env = loadEnv(PRODUCTION_SECRETS)
    expect(env.APP_MODE).toBe('production')
    expect(env.TOKEN_SECRET).toBe(PRODUCTION_SECRETS.TOKEN_SECRET)
    expect(env.PLEDGE_CHAIN_KEY).toBe(PRODUCTION_SECRETS.PLEDGE_CHAIN_KEY)
  })
})

describe('demo mode secrets', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-secrets-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('are random on first start, kept in the secrets file (0600) and read back on the next', () => {
    const file = path.join(dir, 'data', 'secrets.json')
    const first = loadEnv({ APP_MODE: 'demo', SECRETS_FILE: file })
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      TOKEN_SECRET: first.TOKEN_SECRET,
      PLEDGE_CHAIN_KEY: first.PLEDGE_CHAIN_KEY,
    })
    expect(first.TOKEN_SECRET).not.toBe(first.PLEDGE_CHAIN_KEY)
    expect(first.TOKEN_SECRET.length).toBeGreaterThanOrEqual(32)
    const again = loadEnv({ APP_MODE: 'demo', SECRETS_FILE: file })
    expect([again.TOKEN_SECRET, again.PLEDGE_CHAIN_KEY]).toEqual([first.TOKEN_SECRET, first.PLEDGE_CHAIN_KEY])
    // Another installation gets its own.
    const other = loadEnv({ APP_MODE: 'demo', SECRETS_FILE: path.join(dir, 'other.json') })
    expect(other.TOKEN_SECRET).not.toBe(first.TOKEN_SECRET)
    expect(other.PLEDGE_CHAIN_KEY).not.toBe(first.PLEDGE_CHAIN_KEY)
  })

  it('give way to secrets set in the environment, and refuse a damaged file', () => {
    const file = path.join(dir, 'secrets.json')
    const env = loadEnv({ APP_MODE: 'demo', SECRETS_FILE: file, TOKEN_SECRET: 'x'.repeat(40) })
    expect(env.TOKEN_SECRET).toBe('x'.repeat(40))
    expect(env.PLEDGE_CHAIN_KEY).toBe(JSON.parse(fs.readFileSync(file, 'utf8')).PLEDGE_CHAIN_KEY)
    fs.writeFileSync(file, '{"TOKEN_SECRET":"short"}')
    expect(() => loadEnv({ APP_MODE: 'demo', SECRETS_FILE: file })).toThrow(/at least 32 characters/)
  })

  it('test mode writes no file and signs with secrets of its own process', () => {
    const file = path.join(dir, 'secrets.json')
    const env = loadEnv({ APP_MODE: 'test', SECRETS_FILE: file })
    expect(fs.existsSync(file)).toBe(false)
    expect(env.TOKEN_SECRET).toBe(loadEnv({ APP_MODE: 'test' }).TOKEN_SECRET)
  })
})

describe('the S3-compatible object store settings', () => {
  const S3 = {
    S3_ENDPOINT: 'http://127.0.0.1:9000',
    S3_BUCKET: 'qinglian',
    S3_ACCESS_KEY_ID: 'id',
    S3_SECRET_ACCESS_KEY: 'secret',
  }

  it('takes all four (region defaulted), or none: empty values are unset', () => {
    expect(loadEnv({ ...PRODUCTION_SECRETS, ...S3 })).toMatchObject({ ...S3, S3_REGION: 'us-east-1' })
    const none = loadEnv({ ...PRODUCTION_SECRETS, S3_BUCKET: '', S3_ENDPOINT: ' ' })
    expect(none.S3_BUCKET).toBeUndefined()
    expect(none.S3_ENDPOINT).toBeUndefined()
  })

  it('refuses part of them at startup, naming the ones missing', () => {
    const { S3_SECRET_ACCESS_KEY: _key, S3_BUCKET: _bucket, ...partial } = S3
    expect(() => loadEnv({ ...PRODUCTION_SECRETS, ...partial })).toThrow(
      /S3_BUCKET: the object store needs .*\(missing: S3_BUCKET, S3_SECRET_ACCESS_KEY\)/,
    )
    expect(() => loadEnv({ ...PRODUCTION_SECRETS, ...S3, S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/)
  })
})

describe('the shared rate-limit store setting', () => {
  it('takes a redis:// or rediss:// REDIS_URL (empty: none) and a key prefix, qlqy: unless given', () => {
    const unset = loadEnv({ APP_MODE: 'test' })
    expect(unset.REDIS_URL).toBeUndefined()
    expect(unset.REDIS_KEY_PREFIX).toBe('qlqy:')
    expect(loadEnv({ APP_MODE: 'test', REDIS_URL: '' }).REDIS_URL).toBeUndefined()
    const env = loadEnv({
      APP_MODE: 'test',
      REDIS_URL: 'rediss://:pw@cache:6380/2',
      REDIS_KEY_PREFIX: 'city:',
    })
    expect(env).toMatchObject({ REDIS_URL: 'rediss://:pw@cache:6380/2', REDIS_KEY_PREFIX: 'city:' })
    expect(() => loadEnv({ APP_MODE: 'test', REDIS_URL: 'cache:6379' })).toThrow(
      /REDIS_URL must start with redis:\/\//,
    )
  })
})
