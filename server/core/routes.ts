import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Transaction } from 'kysely'
import { z } from 'zod'
import { ZId } from '../../src/models/org'
import type { Access } from './access'
import type { Database } from './db/schema'
import { errorResponses } from './http'
import { performWrite, type WriteOptions, type WriteOutcome } from './writes'
import type { RouteLimit } from './rateLimit'

/**
 * One way to declare a route: who may call it (checked by the auth plugin), what the OpenAPI document
 * says of it, its schemas, and either a handler or, for a write, the work `performWrite` runs in its
 * transaction under an audit action. The error answers every route documents are added here, so a
 * declaration names only its success answers.
 */
export interface RouteDeclaration {
  access: Access
  summary: string
  /** The feature's tag unless named here. */
  tags?: string[]
  params?: z.ZodType
  querystring?: z.ZodType
  body?: z.ZodType
  /** Success answers by status; absent on downloads, whose body is a file. */
  response?: Record<number, z.ZodType>
  /** For the routes a client could hammer (logins, joins, public look-ups): counted before the handler runs. */
  limits?: readonly RouteLimit[]
  /** False on the few routes whose documentation lists no error answers (health, the demo-user list). */
  errorAnswers?: false
}

export interface WriteDeclaration extends RouteDeclaration {
  /** The audit log's action. */
  action: string
  response: Record<number, z.ZodType>
  /** A write made before sign-in (login): recorded against no user. */
  anonymous?: true
  /** The answer is a credential: never stored for an idempotent replay (see performWrite). */
  secretResult?: true
}

/** The path of the routes under one enterprise, `/enterprises/:enterpriseId/…`. */
export const ZEnterpriseParams = z.object({ enterpriseId: ZId })
/** The path of the routes under one department, `/departments/:departmentId/…`. */
export const ZDepartmentParams = z.object({ departmentId: ZId })

/**
 * For the routes of a feature that share part of their declaration (who may call them, the record in
 * their path, their answer): `shared(own)` is a declaration naming only what is the route's own.
 */
export function sharedDeclaration<S extends Partial<WriteDeclaration>>(shared: S) {
  return <O extends Partial<WriteDeclaration>>(own: O): Omit<S, keyof O> & O => ({ ...shared, ...own })
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : unknown

/** The request as the declaration's schemas have validated it. */
export type RouteRequest<D extends RouteDeclaration> = FastifyRequest & {
  params: Parsed<D['params']>
  query: Parsed<D['querystring']>
  body: Parsed<D['body']>
}

type Answer<D extends RouteDeclaration> =
  D['response'] extends Record<number, z.ZodType>
    ? { [K in keyof D['response']]: Parsed<D['response'][K]> }[keyof D['response']]
    : unknown

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
type App = Parameters<FastifyPluginAsyncZod>[0]

function schemaOf(tag: string, declaration: RouteDeclaration): FastifySchema {
  const { summary, params, querystring, body, response } = declaration
  const schema: Record<string, unknown> = { tags: declaration.tags ?? [tag], summary }
  // Only what is declared: an absent part must stay absent from the OpenAPI document.
  for (const [key, value] of Object.entries({ params, querystring, body })) if (value) schema[key] = value
  if (response)
    schema.response = declaration.errorAnswers === false ? response : { ...response, ...errorResponses }
  return schema
}

/** The routes of one feature, tagged `tag` in the OpenAPI document. */
export function featureRoutes(app: App, tag: string) {
  const declare = <D extends RouteDeclaration>(
    method: Method,
    url: string,
    declaration: D,
    handler: (request: RouteRequest<D>, reply: FastifyReply) => Promise<unknown>,
  ) => {
    const { access, limits } = declaration
    app.route({
      method,
      url,
      config: { access },
      schema: schemaOf(tag, declaration),
      ...(limits?.length
        ? { preHandler: (request, reply) => app.rateLimiter.check(request, reply, limits) }
        : {}),
      handler: (request, reply) => handler(request as RouteRequest<D>, reply),
    })
  }

  return {
    /** A route answering from its handler. */
    route<D extends RouteDeclaration>(
      method: Method,
      url: string,
      declaration: D,
      handler: (request: RouteRequest<D>, reply: FastifyReply) => Promise<Answer<D>>,
    ) {
      declare(method, url, declaration, handler)
    },

    /**
     * A write: `run` inside `performWrite`, answered with the 201 the route declares, else 200; `atOnce`,
     * for a hot write, is tried first on PostgreSQL (see `WriteOptions.atOnce`).
     */
    write<D extends WriteDeclaration>(
      method: Method,
      url: string,
      declaration: D,
      run: (request: RouteRequest<D>, trx: Transaction<Database>) => Promise<WriteOutcome<Answer<D>>>,
      atOnce?: (
        request: RouteRequest<D>,
        ...rest: Parameters<NonNullable<WriteOptions<Answer<D>>['atOnce']>>
      ) => ReturnType<NonNullable<WriteOptions<Answer<D>>['atOnce']>>,
    ) {
      const { action, anonymous, secretResult } = declaration
      const status = 201 in declaration.response ? 201 : 200
      const actorId = anonymous ? null : undefined
      declare(method, url, declaration, (request, reply) =>
        performWrite(request, reply, {
          action,
          status,
          actorId,
          secretResult,
          run: (trx) => run(request, trx),
          atOnce: atOnce && ((db, key) => atOnce(request, db, key)),
        }),
      )
    },
  }
}
