import path from 'node:path'
import type { FastifyInstance, FastifyPluginOptions } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import fp from 'fastify-plugin'
import fastifyMultipart from '@fastify/multipart'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'
import { responseSerializerCompiler } from './core/serializer'
import type { Env } from './env'
import type { DatabaseHandle } from './core/db/database'
import { PUBLIC } from './core/access'
import dbPlugin from './core/db/plugin'
import errorsPlugin, { zodValidatorCompiler } from './core/errorHandler'
import authPlugin from './core/auth'
import { checkEventAccess } from './features/events/access'
import { checkBranchAccess } from './features/party/access'
import { checkPledgeAccess } from './features/pledges/access'
import healthRoutes from './features/health/routes'
import authRoutes from './features/auth/routes'
import meRoutes from './features/auth/meRoutes'
import enterpriseRoutes from './features/organisations/routes'
import memberRoutes from './features/organisations/memberRoutes'
import departmentRoutes from './features/organisations/departmentRoutes'
import staffRoutes from './features/organisations/staffRoutes'
import joinLinkRoutes from './features/organisations/joinLinkRoutes'
import signInLinkRoutes from './features/events/signInLinkRoutes'
import assessmentRoutes from './features/assessments/routes'
import assessmentWorkflowRoutes from './features/assessments/workflowRoutes'
import fileRoutes from './features/files/routes'
import rectificationRoutes from './features/rectifications/routes'
import riskRoutes from './features/risks/routes'
import specialRoutes from './features/specials/routes'
import powersRoutes from './features/powers/routes'
import supervisionRoutes from './features/supervision/routes'
import worklistRoutes from './features/supervision/worklistRoutes'
import supervisionEnterpriseRoutes from './features/supervision/enterpriseRoutes'
import supervisionReportRoutes from './features/supervision/reportRoutes'
import exemplarRoutes from './features/exemplars/routes'
import dealingRoutes from './features/dealings/routes'
import eventRoutes from './features/events/routes'
import partyRoutes from './features/party/routes'
import meetingRoutes from './features/party/meetingRoutes'
import pledgeRoutes from './features/pledges/routes'
import setupRoutes from './features/setup/routes'
import todoRoutes from './features/todos/routes'
import milestoneRoutes from './features/milestones/routes'
import auditRoutes from './features/audit/routes'
import importRoutes from './features/imports/routes'
import reminderRoutes from './features/reminders/routes'
import quizRoutes from './features/quiz/routes'
import { sendReminders, type Reminders } from './features/reminders/sender'
import { SubscribeMessageSender } from './features/reminders/wechatSend'
import { systemClock, type Clock } from './core/clock'
import { registerSecurityHeaders } from './core/securityHeaders'
import { registerCompression, serveH5 } from './core/delivery'
import { MemoryRateLimitStore, RateLimiter, type RateLimitStore } from './core/rateLimit'
import { RedisRateLimitStore } from './core/redisRateLimit'
import { FileLinkSigner, FileStore } from './features/files/store'
import { objectStoreFor } from './core/s3ObjectStore'
import type { CheckpointLog } from './features/pledges/checkpoints'
import { checkpointLogFor } from './features/pledges/checkpointObjects'
import { Exporter } from './core/exports/exporter'

declare module 'fastify' {
  interface FastifyInstance {
    db: import('./core/db/database').Db
    dialect: import('./core/db/database').Dialect
    /** See DatabaseHandle.accessVersion: null where signed-in users are looked up on every request. */
    accessVersion: (() => string | Promise<string>) | null
    fileStore: FileStore
    fileLinks: FileLinkSigner
    uploadMaxBytes: number
    /** The server's time (ms); tests inject their own to move time without sleeping. */
    clock: Clock
    /** Counts the requests of the routes that declare `limits` (logins, joins, public look-ups). */
    rateLimiter: RateLimiter
    /** The pledge chain's checkpoints, outside the database (verify, 工作台账). */
    pledgeCheckpoints: CheckpointLog
    /** 微信提醒: the templates per to-do kind and one run of the sender (server.ts times it in production). */
    reminders: Reminders
    /** Workbook exports, in line and in worker threads. */
    exporter: Exporter
  }
}

export interface AppOptions {
  env: Env
  database: DatabaseHandle
  /** server.ts owns the database it opened; tests may share one across apps. */
  closeDatabaseWithApp?: boolean
  /** Defaults to the system clock. */
  clock?: Clock
  /** Where rate limits count (the caller closes it); defaults to Redis with REDIS_URL, else this process's memory. */
  rateLimitStore?: RateLimitStore
}

/** Registers one feature's routes plugin. */
type Registration = (fastify: FastifyInstance) => PromiseLike<unknown>

function withOptions<O extends FastifyPluginOptions>(
  plugin: FastifyPluginAsyncZod<O>,
  options: O,
): Registration {
  return (fastify) => fastify.register(plugin, options)
}

function withoutOptions(plugin: FastifyPluginAsyncZod): Registration {
  return (fastify) => fastify.register(plugin)
}

/** The whole API as one plugin: server.ts listens, tests `inject`. */
async function app(fastify: FastifyInstance, opts: AppOptions) {
  const { env } = opts
  fastify.setValidatorCompiler(zodValidatorCompiler)
  fastify.setSerializerCompiler(responseSerializerCompiler)

  await fastify.register(errorsPlugin)
  await registerSecurityHeaders(fastify, path.resolve(env.H5_DIST))
  await registerCompression(fastify, env.HTTP_DELIVERY)
  fastify.decorate('clock', opts.clock ?? systemClock)
  const objects = objectStoreFor(env)
  fastify.addHook('onClose', async () => objects.close?.())
  fastify.decorate('fileStore', new FileStore(objects))
  fastify.decorate('fileLinks', new FileLinkSigner(env.TOKEN_SECRET, fastify.clock))
  fastify.decorate('uploadMaxBytes', env.UPLOAD_MAX_BYTES)
  // Only routes that declare `limits` are counted (logins, joins and the public look-ups a client could hammer).
  const rateLimitStore = opts.rateLimitStore ?? (await ownRateLimitStore(fastify, env))
  fastify.decorate(
    'rateLimiter',
    new RateLimiter(rateLimitStore, () => fastify.clock(), {
      perAddress: env.LOGIN_PER_ADDRESS_PER_MINUTE,
      perAccount: env.LOGIN_PER_ACCOUNT_PER_MINUTE,
    }),
  )
  fastify.decorate('pledgeCheckpoints', checkpointLogFor(env, objects))
  await fastify.register(fastifyMultipart, {
    limits: { fileSize: env.UPLOAD_MAX_BYTES, files: 1, fields: 5 },
  })
  await fastify.register(dbPlugin, {
    database: opts.database,
    closeWithApp: opts.closeDatabaseWithApp ?? true,
  })
  // A worker opens the same database on its own connection; an in-memory one it cannot see.
  fastify.decorate(
    'exporter',
    new Exporter(
      opts.database.db,
      env.DATABASE_URL
        ? { databaseUrl: env.DATABASE_URL, pgSchema: opts.database.pgSchema }
        : env.SQLITE_FILE === ':memory:'
          ? null
          : { sqliteFile: env.SQLITE_FILE },
    ),
  )
  fastify.addHook('onClose', () => fastify.exporter.close())
  const wechatSend = new SubscribeMessageSender(
    {
      baseUrl: env.WECHAT_API_BASE,
      appId: env.WECHAT_APPID,
      secret: env.WECHAT_SECRET,
      timeoutMs: env.WECHAT_TIMEOUT_MS,
      miniprogramState: env.WECHAT_MINIPROGRAM_STATE,
    },
    () => fastify.clock(),
  )
  const templates = env.WECHAT_SUBSCRIBE_TEMPLATES
  fastify.decorate('reminders', {
    templates,
    run: (now: number) =>
      sendReminders({ db: fastify.db, client: wechatSend, templates, log: fastify.log }, now),
  })

  // The docs UI's own routes are public by declaration; every other /api route must declare its access.
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs') && !route.config?.access)
      route.config = { ...route.config, access: PUBLIC }
  })
  await fastify.register(authPlugin, {
    tokenSecret: env.TOKEN_SECRET,
    checkers: { event: checkEventAccess, branch: checkBranchAccess, pledge: checkPledgeAccess },
  })

  await fastify.register(fastifySwagger, {
    openapi: {
      info: {
        title: '清廉企业 API',
        version: '1.0.0',
        description: '县清廉企业建设：自查自评、廉洁承诺、活动签到、三会一课与监管',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  })
  await fastify.register(fastifySwaggerUi, { routePrefix: '/api/docs' })

  // The features' routes in one list, in the order the route table and the OpenAPI document list them.
  const routes: Registration[] = [
    withOptions(healthRoutes, { mode: env.APP_MODE }),
    withOptions(authRoutes, {
      tokens: { secret: env.TOKEN_SECRET, ttlSeconds: env.TOKEN_TTL_SECONDS },
      wechat: {
        baseUrl: env.WECHAT_API_BASE,
        appId: env.WECHAT_APPID,
        secret: env.WECHAT_SECRET,
        timeoutMs: env.WECHAT_TIMEOUT_MS,
      },
      devLogin: env.APP_MODE !== 'production',
    }),
    ...[
      meRoutes,
      enterpriseRoutes,
      memberRoutes,
      departmentRoutes,
      staffRoutes,
      joinLinkRoutes,
      signInLinkRoutes,
      assessmentRoutes,
      fileRoutes,
      assessmentWorkflowRoutes,
      supervisionRoutes,
      worklistRoutes,
      supervisionEnterpriseRoutes,
      supervisionReportRoutes,
      exemplarRoutes,
      dealingRoutes,
      rectificationRoutes,
      riskRoutes,
      specialRoutes,
      powersRoutes,
    ].map(withoutOptions),
    withOptions(eventRoutes, { maxOfflineDelayMs: env.SIGNIN_OFFLINE_MAX_DELAY_HOURS * 3600_000 }),
    ...[partyRoutes, meetingRoutes].map(withoutOptions),
    withOptions(pledgeRoutes, {
      chainKey: env.PLEDGE_CHAIN_KEY,
      verifyPerMinute: env.PLEDGE_VERIFY_PER_MINUTE,
      checkpointEvery: env.PLEDGE_CHECKPOINT_EVERY,
    }),
    ...[setupRoutes, todoRoutes, milestoneRoutes, auditRoutes, importRoutes, reminderRoutes, quizRoutes].map(
      withoutOptions,
    ),
  ]
  for (const register of routes) await register(fastify)

  // The H5 build, served from the same origin as the API when it has been built.
  await serveH5(fastify, path.resolve(env.H5_DIST), env.HTTP_DELIVERY)
}

/** The store the app opens (and closes with itself): shared through Redis when REDIS_URL is set. */
async function ownRateLimitStore(fastify: FastifyInstance, env: Env): Promise<RateLimitStore> {
  if (!env.REDIS_URL) return new MemoryRateLimitStore()
  const store = await RedisRateLimitStore.open(env.REDIS_URL, `${env.REDIS_KEY_PREFIX}rl:`, fastify.log)
  fastify.addHook('onClose', () => store.close())
  return store
}

// Not encapsulated: the decorations (db, routeAccessTable) are the server's own.
export default fp(app, { name: 'qinglian-app' })
