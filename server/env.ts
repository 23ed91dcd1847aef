import { z } from 'zod'
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

/**
 * Environment, validated once at boot. `APP_MODE` decides what exists:
 * - production: no demo data, no dev login, secrets required;
 * - demo: demo data loaded on first start, dev login on (the README's `npm start`);
 * - test: like demo but nothing is loaded unless a test asks for it.
 */
const ZEnv = z
  .object({
    APP_MODE: z.enum(['production', 'demo', 'test']).default('demo'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    SQLITE_FILE: z.string().default('data/qinglian.db'),
    TOKEN_SECRET: z.string().min(32, 'TOKEN_SECRET must be at least 32 characters').optional(),
    /** Keys the pledges' hash chain (HMAC); kept out of the database. */
    PLEDGE_CHAIN_KEY: z.string().min(32, 'PLEDGE_CHAIN_KEY must be at least 32 characters').optional(),
    /** Public pledge verifications per client address per minute (each walks the hash chain). */
    PLEDGE_VERIFY_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(60),
    /** The append-only file of signed checkpoints of the chain's head (kept outside the database). */
    PLEDGE_CHECKPOINT_FILE: z.string().min(1).default('data/pledge-checkpoints.log'),
    /** A checkpoint every this many chain entries (a verification walks at most about this far). */
    PLEDGE_CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(100000).default(100),
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
    /** Public origin of the H5 pages: invite and administrator QR codes carry links under it. */
    WEB_BASE: z
      .url()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    UPLOAD_DIR: z.string().default('data/uploads'),
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
  })
  .superRefine((env, ctx) => {
    if (env.APP_MODE === 'production') {
      if (!env.TOKEN_SECRET)
        ctx.addIssue({ code: 'custom', path: ['TOKEN_SECRET'], message: 'required in production' })
      if (!env.PLEDGE_CHAIN_KEY)
        ctx.addIssue({ code: 'custom', path: ['PLEDGE_CHAIN_KEY'], message: 'required in production' })
      if (!env.WECHAT_APPID || !env.WECHAT_SECRET)
        ctx.addIssue({
          code: 'custom',
          path: ['WECHAT_APPID'],
          message: 'WECHAT_APPID and WECHAT_SECRET are required in production',
        })
    }
  })

export type Env = Omit<z.infer<typeof ZEnv>, 'WECHAT_SUBSCRIBE_TEMPLATES'> & {
  TOKEN_SECRET: string
  PLEDGE_CHAIN_KEY: string
  WECHAT_SUBSCRIBE_TEMPLATES: Partial<Record<TTodoKind, string>>
}

/** A fixed secret is fine for demo/test data; production refuses to boot without its own. */
const DEMO_TOKEN_SECRET = 'demo-only-secret-not-for-production-use-0000'
const DEMO_PLEDGE_CHAIN_KEY = 'demo-only-pledge-chain-key-not-for-production'

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = ZEnv.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  return {
    ...parsed.data,
    TOKEN_SECRET: parsed.data.TOKEN_SECRET ?? DEMO_TOKEN_SECRET,
    PLEDGE_CHAIN_KEY: parsed.data.PLEDGE_CHAIN_KEY ?? DEMO_PLEDGE_CHAIN_KEY,
    WECHAT_SUBSCRIBE_TEMPLATES: {
      ...(parsed.data.WECHAT_SUBSCRIBE_TEMPLATE_MEETING
        ? { meeting_due: parsed.data.WECHAT_SUBSCRIBE_TEMPLATE_MEETING }
        : {}),
      ...parsed.data.WECHAT_SUBSCRIBE_TEMPLATES,
    },
  }
}
