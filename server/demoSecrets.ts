import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** The secrets a demo or test server signs with when the environment sets none. */
export interface GeneratedSecrets {
  TOKEN_SECRET: string
  PLEDGE_CHAIN_KEY: string
}

const newSecret = () => crypto.randomBytes(32).toString('base64url')

function generate(): GeneratedSecrets {
  return { TOKEN_SECRET: newSecret(), PLEDGE_CHAIN_KEY: newSecret() }
}

function readSecrets(file: string): GeneratedSecrets {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<GeneratedSecrets>
  if (
    typeof parsed.TOKEN_SECRET !== 'string' ||
    parsed.TOKEN_SECRET.length < 32 ||
    typeof parsed.PLEDGE_CHAIN_KEY !== 'string' ||
    parsed.PLEDGE_CHAIN_KEY.length < 32
  )
    throw new Error(`${file} must hold TOKEN_SECRET and PLEDGE_CHAIN_KEY of at least 32 characters each`)
  return { TOKEN_SECRET: parsed.TOKEN_SECRET, PLEDGE_CHAIN_KEY: parsed.PLEDGE_CHAIN_KEY }
}

/**
 * Demo mode's secrets: random on first start, then read back from `file` (mode 0600) so tokens and the
 * pledge chain survive a restart. Created with O_EXCL so two servers starting at once agree on one file.
 */
export function demoSecrets(file: string): GeneratedSecrets {
  if (fs.existsSync(file)) return readSecrets(file)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const secrets = generate()
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`
  fs.writeFileSync(temp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 })
  try {
    fs.linkSync(temp, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    fs.rmSync(temp, { force: true })
  }
  return readSecrets(file)
}

let processSecrets: GeneratedSecrets | undefined
/** Test mode's secrets: random, kept in memory for the life of the process (tests share one per process). */
export function testSecrets(): GeneratedSecrets {
  processSecrets ??= generate()
  return processSecrets
}
