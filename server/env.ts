import { z } from 'zod'
import { demoSecrets, testSecrets, type GeneratedSecrets } from './demoSecrets'
import { ZTodoKind, type TTodoKind } from '../src/models/todo'

/** WECHAT_SUBSCRIBE_TEMPLATES: a JSON object, to-do kind → template id (kinds without one: no reminder). */
const ZTemplates = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (!text?.trim()) return {}
    try {
      return JSON.parse(text) as unknown
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a JSON object: {"rectification_open":"<template id>"}',
      })
      return z.NEVER
    }
  })
  .pipe(z.partialRecord(ZTodoKind, z.string().min(1).max(100)))

/** An optional setting where an empty value (`S3_BUCKET=` in a .env file) means unset. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v : undefined))

const S3_SETTINGS = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const

/**
 * Environment, validated once at boot. `APP_MODE` decides what exists:
 * - production (also when unset: a server must never fall back to demo): no demo data, no dev login,
 *   secrets required;
 * - demo: demo data loaded on first start, dev login on (the README's `npm start` sets it); secrets
 *   not given are generated once and kept in SECRETS_FILE;
 * - test: like demo but nothing is loaded unless a test asks for it; secrets not given are random per process.
 */
const ZEnv = z
  .object({
    APP_MODE: z.enum(['production', 'demo', 'test']).optional(),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    SQLITE_FILE: z.string().default('data/qinglian.db'),
    TOKEN_SECRET: z.string().min(32, 'TOKEN_SECRET must be at least 32 characters').optional(),
    /** Demo mode: where the secrets generated on first start are kept (0600). */
    SECRETS_FILE: z.string().default('data/secrets.json'),
    /** Keys the pledges' hash chain (HMAC); kept out of the database. */
    PLEDGE_CHAIN_KEY: z.string().min(32, 'PLEDGE_CHAIN_KEY must be at least 32 characters').optional(),
    /** Public pledge verifications per client address per minute (each walks the hash chain). */
    PLEDGE_VERIFY_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(60),
    /** Logins and joins (WeChat and demo login, invite join, 管理员码) per client address per minute. */
    LOGIN_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).max(1000000).default(100),
    /** The same per account per minute: per WeChat login code, demo openid, or signed-in user for joins. */
    LOGIN_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).max(1000000).default(10),
    /** The append-only file of signed checkpoints of the chain's head (kept outside the database). */
    PLEDGE_CHECKPOINT_FILE: z.string().min(1).default('data/pledge-checkpoints.log'),
    /** A checkpoint every this many chain entries (a verification walks at most about this far). */
    PLEDGE_CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(100000).default(100),
    /** Several API processes: the Redis their rate-limit counts are shared in (unset: each process's memory). */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** Begins every key the server writes to Redis (several deployments may share one Redis). */
    REDIS_KEY_PREFIX: z.string().min(1).max(100).default('qlqy:'),
    TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(60 * 60 * 24 * 30)
      .default(60 * 60 * 24 * 7),
    WECHAT_APPID: z.string().optional(),
    WECHAT_SECRET: z.string().optional(),
    WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
    WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(30000).default(5000),
    /** 订阅消息 templates per to-do kind (JSON); kinds without one are not offered. */
    WECHAT_SUBSCRIBE_TEMPLATES: ZTemplates,
    /** The earlier setting for the 三会一课 template alone: meeting_due, unless the JSON names one. */
    WECHAT_SUBSCRIBE_TEMPLATE_MEETING: z.string().max(100).optional(),
    /** Which build a reminder opens: formal (released), trial (体验版) or developer. */
    WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
    /** Production: how often the server sends due reminders (0: only from the office's 立即发送). */
    REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(30),
    H5_DIST: z.string().default('dist/h5'),
    /** How the H5 files and API answers go out (server/core/delivery.ts); `plain` is the bench's baseline. */
    HTTP_DELIVERY: z.enum(['precompressed', 'dynamic', 'plain']).default('precompressed'),
    /** Public origin of the H5 pages: invite and administrator QR codes carry links under it. */
    WEB_BASE: z
      .url()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    UPLOAD_DIR: z.string().default('data/uploads'),
    /**
     * Files in an S3-compatible bucket instead of UPLOAD_DIR (several API processes share it): endpoint,
     * bucket and both keys together, or none. Addressed path-style.
     */
    S3_ENDPOINT: optionalText.pipe(z.url().optional()),
    S3_BUCKET: optionalText,
    S3_ACCESS_KEY_ID: optionalText,
    S3_SECRET_ACCESS_KEY: optionalText,
    S3_REGION: z.string().min(1).default('us-east-1'),
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    /** How long after its scan an offline QR sign-in may still be uploaded (离线补传). */
    SIGNIN_OFFLINE_MAX_DELAY_HOURS: z.coerce.number().min(0).max(720).default(24),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SEED_DEMO: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** SQLite: the writes of concurrent requests share one COMMIT (server/core/db/groupCommit.ts). */
    SQLITE_GROUP_COMMIT: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /**
     * SQLite with group commit: who makes a COMMIT durable. `full` (default): SQLite itself
     * (`synchronous = FULL`, an fsync inside COMMIT, on the event loop). `wal-thread`: `synchronous = NORMAL`
     * and the WAL fdatasync'ed on the thread pool before any write of the batch answers (still durable when
     * answered; the event loop keeps serving meanwhile). See server/core/db/groupCommit.ts.
     */
    SQLITE_SYNC: z.enum(['full', 'wal-thread']).default('full'),
  })
  .superRefine((env, ctx) => {
    // Half an S3 configuration would silently keep files on one process's disk.
    const s3Missing = S3_SETTINGS.filter((name) => !env[name])
    if (s3Missing.length > 0 && s3Missing.length < S3_SETTINGS.length)
      ctx.addIssue({
        code: 'custom',
        path: [s3Missing[0]],
        message: `the object store needs ${S3_SETTINGS.join(', ')} together (missing: ${s3Missing.join(', ')}); or unset them all to keep files in UPLOAD_DIR`,
      })
  })
  .superRefine((env, ctx) => {
    if (env.APP_MODE === 'demo' || env.APP_MODE === 'test') return
    const missing = [
      ...(env.TOKEN_SECRET ? [] : ['TOKEN_SECRET']),
      ...(env.PLEDGE_CHAIN_KEY ? [] : ['PLEDGE_CHAIN_KEY']),
      ...(env.WECHAT_APPID ? [] : ['WECHAT_APPID']),
      ...(env.WECHAT_SECRET ? [] : ['WECHAT_SECRET']),
    ]
    if (missing.length === 0) return
    ctx.addIssue({
      code: 'custom',
      path: [missing[0]],
      message:
        env.APP_MODE === 'production'
          ? `required in production (missing: ${missing.join(', ')})`
          : `APP_MODE is not set, so the server runs as production and needs ${missing.join(', ')}. ` +
            'Set them (see .env.example), or set APP_MODE=demo to try the product with demo data (npm start does).',
    })
  })

export type Env = Omit<z.infer<typeof ZEnv>, 'WECHAT_SUBSCRIBE_TEMPLATES' | 'APP_MODE'> & {
  APP_MODE: 'production' | 'demo' | 'test'
  TOKEN_SECRET: string
  PLEDGE_CHAIN_KEY: string
  WECHAT_SUBSCRIBE_TEMPLATES: Partial<Record<TTodoKind, string>>
}

/** Production has both (checked above); demo and test never sign with a value anyone else knows. */
function secretsFor(
  given: { TOKEN_SECRET?: string; PLEDGE_CHAIN_KEY?: string; SECRETS_FILE: string },
  mode: Env['APP_MODE'],
): GeneratedSecrets {
  const { TOKEN_SECRET, PLEDGE_CHAIN_KEY } = given
  if (TOKEN_SECRET && PLEDGE_CHAIN_KEY) return { TOKEN_SECRET, PLEDGE_CHAIN_KEY }
  const generated = mode === 'demo' ? demoSecrets(given.SECRETS_FILE) : testSecrets()
  return {
    TOKEN_SECRET: TOKEN_SECRET ?? generated.TOKEN_SECRET,
    PLEDGE_CHAIN_KEY: PLEDGE_CHAIN_KEY ?? generated.PLEDGE_CHAIN_KEY,
  }
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = ZEnv.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  const mode = parsed.data.APP_MODE ?? 'production'
  return {
    ...parsed.data,
    APP_MODE: mode,
    ...secretsFor(parsed.data, mode),
    WECHAT_SUBSCRIBE_TEMPLATES: {
      ...(parsed.data.WECHAT_SUBSCRIBE_TEMPLATE_MEETING
        ? { meeting_due: parsed.data.WECHAT_SUBSCRIBE_TEMPLATE_MEETING }
        : {}),
      ...parsed.data.WECHAT_SUBSCRIBE_TEMPLATES,
    },
  }
}
