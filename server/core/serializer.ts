import { z } from 'zod'
import { ResponseSerializationError, serializerCompiler } from 'fastify-type-provider-zod'
import type { FastifySerializerCompiler } from 'fastify/types/schema'

/**
 * Answers are checked against their declared schema at the boundary (fastify-type-provider-zod), except the
 * rows of a paged list (`pageOf`: `items`, `total`, `page`, `pageSize`): their envelope is checked, each row is
 * typed by the handler's declared return type and only serialised. Re-parsing every row through zod cost
 * more than the query at 200-row pages of wide rows; the OpenAPI document still describes the full rows
 * (it reads the declared schema, not this one).
 */

function isPage(schema: z.ZodType): schema is z.ZodObject {
  if (!(schema instanceof z.ZodObject)) return false
  const { items, total, page, pageSize } = schema.shape
  return items instanceof z.ZodArray && !!total && !!page && !!pageSize
}

const envelopes = new WeakMap<z.ZodObject, z.ZodObject>()

function envelopeOf(schema: z.ZodObject): z.ZodObject {
  let envelope = envelopes.get(schema)
  if (!envelope) {
    envelope = schema.extend({ items: z.array(z.unknown()) })
    envelopes.set(schema, envelope)
  }
  return envelope
}

export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const declared = route.schema as unknown
  const schema = declared instanceof z.ZodType ? declared : null
  if (!schema || !isPage(schema)) return serializerCompiler(route as never)
  const envelope = envelopeOf(schema)
  return (data) => {
    const result = envelope.safeEncode(data)
    if (result.error) throw new ResponseSerializationError(route.method, route.url, { cause: result.error })
    return JSON.stringify(result.data)
  }
}
