import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify'
import { z, type ZodType } from 'zod'
import { ERROR_MESSAGES, type TErrorCode, type TErrorField } from '../../src/models/errors'
import { AppError, notFound } from './errors'

/** Zod failures carry their issues here so the handler can list each field in Chinese. */
export class RequestValidationError extends Error {
  readonly fields: TErrorField[]
  constructor(part: string, error: z.ZodError) {
    super(ERROR_MESSAGES.VALIDATION_FAILED)
    this.fields = error.issues.map((issue) => ({
      path: issue.path.length ? issue.path.join('.') : part,
      message: issue.message,
    }))
  }
}

/**
 * A path names a record: one its schema refuses (an id past the 32-bit column, a token too long) names
 * none, and answers like a missing record (404), as the access checks do. Bodies and querystrings answer
 * VALIDATION_FAILED with their fields.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data)
    if (result.success) return { value: result.data }
    if (httpPart === 'params') return { error: notFound() }
    return { error: new RequestValidationError(httpPart ?? 'body', result.error) }
  }

/** The answer of each 4xx no handler of ours chose a code for (the router's, the static files', a plugin's). */
const CODE_OF_STATUS: Record<number, TErrorCode> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'ROUTE_NOT_FOUND',
  406: 'UNSUPPORTED_MEDIA_TYPE',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
}

function errorBody(code: TErrorCode, message: string = ERROR_MESSAGES[code], fields: TErrorField[] = []) {
  return { error: { code, message, fields } }
}

/**
 * Fastify's router answers a malformed URL and a path parameter over its length (100) before any route or
 * hook runs (the server option `frameworkErrors`): in the contract's shape here.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return reply.status(414).send(errorBody('URI_TOO_LONG'))
  return reply.status(400).send(errorBody('VALIDATION_FAILED', '请求地址格式不正确'))
}

const FASTIFY_CODES: Record<string, { status: number; code: TErrorCode; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'VALIDATION_FAILED', message: '请求长度不正确' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'VALIDATION_FAILED', message: '请求体不能为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'VALIDATION_FAILED', message: '请求体不是有效的 JSON' },
}

/**
 * A write that lost a race the database settled: a unique index refused its row (PostgreSQL 23505,
 * SQLite's UNIQUE / PRIMARY KEY constraint), or PostgreSQL broke a deadlock or serialisation failure by
 * aborting it. Nothing was written (the transaction rolled back): 409, and the client may refresh and retry.
 */
const DATABASE_CONFLICTS = new Set([
  '23505',
  '40P01',
  '40001',
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
])
export function isDatabaseConflict(error: unknown): boolean {
  // Duck-typed: better-sqlite3's and pg's errors carry a string `code`.
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && DATABASE_CONFLICTS.has(code)
}

/** One error handler for the whole API: `{ error: { code, message, fields } }`, never a 5xx for bad input. */
export default fp(async function errorsPlugin(app) {
  z.config(z.locales.zhCN())

  // wx.request sends `content-type: application/json` even without a body: treat an empty one as none.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim() === '') return done(null, undefined)
    try {
      done(null, JSON.parse(text))
    } catch {
      done(new AppError(400, 'VALIDATION_FAILED', '请求体不是有效的 JSON'), undefined)
    }
  })

  app.setErrorHandler((error: FastifyError | AppError | RequestValidationError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send(errorBody(error.code, error.message, error.fields))
    }
    if (error instanceof RequestValidationError) {
      return reply.status(400).send(errorBody('VALIDATION_FAILED', error.message, error.fields))
    }
    const fastifyError = error as FastifyError
    const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined
    if (known) {
      return reply.status(known.status).send(errorBody(known.code, known.message))
    }
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      // A malformed request fastify or a plugin caught before us (a refused path traversal is a 403 of
      // the static files): its status when it has a code of its own, else a 400.
      const known = CODE_OF_STATUS[fastifyError.statusCode]
      const status = known ? fastifyError.statusCode : 400
      const code: TErrorCode = known ?? 'VALIDATION_FAILED'
      request.log.info({ err: error }, 'client error')
      return reply.status(status).send(errorBody(code))
    }
    if (isDatabaseConflict(error)) {
      request.log.warn({ err: error }, 'write refused by the database (concurrent change)')
      return reply.status(409).send(errorBody('CONFLICT'))
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.status(500).send(errorBody('INTERNAL'))
  })

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send(
        errorBody(
          'ROUTE_NOT_FOUND',
          `${ERROR_MESSAGES.ROUTE_NOT_FOUND}：${request.method} ${request.url.split('?')[0]}`,
        ),
      )
  })
})
