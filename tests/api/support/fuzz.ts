import { ERROR_MESSAGES } from '../../../src/models/errors'

/**
 * Bad requests generated from the OpenAPI document, the project's own fuzzer: for each operation a
 * plausible request (drawn from its schemas) is broken one way at a time (wrong types, missing and extra
 * fields, control characters, huge numbers and strings, bad dates, repeated ids, wrong content types,
 * broken multipart, bad path and query values). Deterministic: one seed, one sequence of requests.
 */

/** The JSON-schema subset the OpenAPI document uses. */
export interface Schema {
  $ref?: string
  type?: string | string[]
  nullable?: boolean
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  enum?: unknown[]
  const?: unknown
  format?: string
  pattern?: string
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  default?: unknown
}

interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>
  components?: { schemas?: Record<string, Schema> }
}
interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[]
  requestBody?: { content: Record<string, { schema: Schema }> }
}

export interface FuzzOperation {
  method: string
  /** The OpenAPI path, `{param}` style. */
  path: string
  pathParams: { name: string; schema: Schema }[]
  query: { name: string; required: boolean; schema: Schema }[]
  body?: Schema
}

export interface FuzzRequest {
  operation: string
  /** What was broken, for the failure report. */
  mutation: string
  method: string
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  /** No answer but a refusal will do (a control character in every text, a path naming nothing). */
  mustRefuse?: boolean
}

/** mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]
    },
  }
}
export type Random = ReturnType<typeof seededRandom>

export function operationsOf(doc: OpenApiDoc): FuzzOperation[] {
  const resolve = (schema: Schema | undefined): Schema | undefined => resolveRef(doc, schema)
  const operations: FuzzOperation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const parameters = operation.parameters ?? []
      const json = operation.requestBody?.content['application/json']
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters
          .filter((p) => p.in === 'path')
          .map((p) => ({ name: p.name, schema: resolve(p.schema) ?? {} })),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required === true, schema: resolve(p.schema) ?? {} })),
        body: json ? resolve(json.schema) : undefined,
      })
    }
  }
  return operations
}

export function resolveRef(doc: OpenApiDoc, schema: Schema | undefined): Schema | undefined {
  let current = schema
  for (let depth = 0; current?.$ref && depth < 20; depth++)
    current = doc.components?.schemas?.[current.$ref.split('/').pop() ?? '']
  return current
}

// ---------- values ----------

const CONTROL = ['\u0000', 'a\u0000b', '\u0001', '\u0007', '\u001b[31m', '\u001f', 'x\u0000'.repeat(5)]
// 99_999: an id in range that names nothing (a foreign key the database must not be the one to refuse).
const HUGE_NUMBERS = [2_147_483_648, 4_294_967_296, 2 ** 53 + 2, 1e308, -2_147_483_649, -1, 0, 1.5, 99_999]
const BAD_DATES = [
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-99-99',
  '2026-1-1',
  '',
  '2026-02-29T25:61:00Z',
  '+275760-09-13',
  '1e10',
]
const WRONG_TYPES: unknown[] = [null, true, 'x', 7, [], {}, [1, 'a'], { $gt: '' }]

function typesOf(schema: Schema): string[] {
  const type = schema.type
  return Array.isArray(type) ? type : type ? [type] : []
}

/** A value the schema most likely accepts (ids are small: the demo records have them). */
export function sample(doc: OpenApiDoc, raw: Schema | undefined, random: Random, depth = 0): unknown {
  const schema = resolveRef(doc, raw)
  if (!schema || depth > 8) return null
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return random.pick(schema.enum)
  const variants = schema.anyOf ?? schema.oneOf
  if (variants) {
    const concrete = variants.filter((v) => !typesOf(resolveRef(doc, v) ?? {}).includes('null'))
    return sample(doc, random.pick(concrete.length ? concrete : variants), random, depth + 1)
  }
  if (schema.allOf) return sample(doc, schema.allOf[0], random, depth + 1)
  const type = typesOf(schema).find((t) => t !== 'null') ?? (schema.properties ? 'object' : 'string')
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {}
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        if (schema.required?.includes(key) || random.next() < 0.5)
          value[key] = sample(doc, property, random, depth + 1)
      return value
    }
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 2, 1 + random.int(2)))
      return Array.from({ length: count }, () => sample(doc, schema.items, random, depth + 1))
    }
    case 'integer':
    case 'number': {
      const low = Math.max(schema.minimum ?? 1, 1)
      const high = Math.min(schema.maximum ?? 5, low + 4)
      return low + random.int(high - low + 1)
    }
    case 'boolean':
      return random.next() < 0.5
    default:
      return sampleString(schema, random)
  }
}

function sampleString(schema: Schema, random: Random): string {
  const pattern = schema.pattern ?? ''
  if (schema.format === 'date-time' || pattern.includes('T\\d{2}')) return '2026-06-01T08:00:00.000Z'
  if (schema.format === 'date' || pattern.startsWith('^\\d{4}-\\d{2}-\\d{2}')) return '2026-06-01'
  if (pattern.includes('0-9a-f')) return 'a'.repeat(64)
  if (pattern.startsWith('^1\\d{10}')) return '13800138000'
  const length = Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 8, 2 + random.int(6)))
  return '清廉企业测试'.repeat(20).slice(0, length)
}

/** Every place in a value where a leaf can be swapped: [path, leaf]. */
function leaves(value: unknown, path: (string | number)[] = []): [(string | number)[], unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]))
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
  return [[path, value]]
}

function withLeaf(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>
  const [head, ...rest] = path
  copy[head] = withLeaf(copy[head], rest, leaf)
  return copy
}

/** Every array of integers in a value, with its path (where a repeated id goes). */
function idArrays(value: unknown, path: (string | number)[] = []): [(string | number)[], number[]][] {
  if (Array.isArray(value)) {
    const own: [(string | number)[], number[]][] =
      value.length > 0 && value.every((v) => Number.isInteger(v)) ? [[path, value as number[]]] : []
    return [...own, ...value.flatMap((v, i) => idArrays(v, [...path, i]))]
  }
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => idArrays(v, [...path, k]))
  return []
}

// ---------- bodies ----------

/** What one mutation decides of a request. */
type BrokenPart = Pick<FuzzRequest, 'mutation' | 'headers' | 'payload' | 'mustRefuse'>

const JSON_TYPE = { 'content-type': 'application/json' }

function jsonBody(mutation: string, body: unknown): BrokenPart {
  return { mutation, headers: JSON_TYPE, payload: JSON.stringify(body) }
}

const BOUNDARY = '----fuzz14'
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

function multipart(parts: string, close = true): Buffer {
  const end = close ? `--${BOUNDARY}--\r\n` : ''
  return Buffer.concat([Buffer.from(parts), PNG, Buffer.from(`\r\n${end}`)])
}

const filePart = (name = 'file', filename = 'a.png') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n` +
  'Content-Type: image/png\r\n\r\n'

/** Bodies that break the transport itself: content types, broken JSON, broken multipart. */
const TRANSPORT: ((random: Random) => BrokenPart)[] = [
  () => ({ mutation: 'invalid JSON', headers: JSON_TYPE, payload: '{"a":' }),
  () => ({ mutation: 'JSON null', headers: JSON_TYPE, payload: 'null' }),
  () => ({ mutation: 'JSON array', headers: JSON_TYPE, payload: '[1,2,3]' }),
  () => ({ mutation: 'JSON string', headers: JSON_TYPE, payload: '"\\u0000"' }),
  () => ({ mutation: 'deep JSON', headers: JSON_TYPE, payload: '['.repeat(5000) + ']'.repeat(5000) }),
  () => ({ mutation: 'text/plain', headers: { 'content-type': 'text/plain' }, payload: '{}' }),
  () => ({
    mutation: 'form urlencoded',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'a=1&b=%00',
  }),
  () => ({ mutation: 'xml', headers: { 'content-type': 'application/xml' }, payload: '<a/>' }),
  () => ({ mutation: 'content-type garbage', headers: { 'content-type': ';;;=\u0001' }, payload: '{}' }),
  () => ({
    mutation: 'multipart without boundary',
    headers: { 'content-type': 'multipart/form-data' },
    payload: multipart(filePart()),
  }),
  () => ({
    mutation: 'multipart truncated',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: multipart(filePart(), false).subarray(0, 90),
  }),
  () => ({
    mutation: 'multipart unclosed',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: multipart(filePart(), false),
  }),
  () => ({
    mutation: 'multipart wrong boundary',
    headers: { 'content-type': 'multipart/form-data; boundary=other' },
    payload: multipart(filePart()),
  }),
  () => ({
    mutation: 'multipart empty',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: `--${BOUNDARY}--\r\n`,
  }),
  () => ({
    mutation: 'multipart control-character filename',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: multipart(filePart('file', 'a\u0000\u001b.png')),
  }),
  () => ({
    mutation: 'multipart two files',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: Buffer.concat([multipart(filePart(), false), multipart(filePart())]),
  }),
]

/** One broken variant of a plausible body. */
function brokenBody(doc: OpenApiDoc, schema: Schema, random: Random): BrokenPart {
  const body = sample(doc, schema, random)
  const spots = leaves(body).filter(([path]) => path.length > 0)
  const spot = spots.length ? random.pick(spots) : null
  const where = spot ? spot[0].join('.') : '(body)'
  const kinds = [
    'valid',
    'wrong type',
    'missing',
    'extra',
    'control',
    'huge number',
    'huge string',
    'bad date',
    'repeated ids',
  ]
  switch (random.pick(kinds)) {
    case 'valid':
      return jsonBody('plausible body', body)
    case 'wrong type': {
      const bad = random.pick(WRONG_TYPES)
      return jsonBody(`${where} = ${JSON.stringify(bad)}`, spot ? withLeaf(body, spot[0], bad) : bad)
    }
    case 'missing': {
      const keys = body && typeof body === 'object' ? Object.keys(body) : []
      if (!keys.length) return jsonBody('empty object', {})
      const key = random.pick(keys)
      const rest = { ...(body as Record<string, unknown>) }
      delete rest[key]
      return jsonBody(`without ${key}`, rest)
    }
    case 'extra':
      return jsonBody('extra fields', { ...(body as object), unexpected: '\u0000', id: 2 ** 40 })
    case 'control': {
      const bad = random.pick(CONTROL)
      const strings = leaves(body).filter(([, v]) => typeof v === 'string')
      let broken = body
      for (const [path] of strings) broken = withLeaf(broken, path, `${bad}`)
      return {
        ...jsonBody(`control characters ${JSON.stringify(bad)} in every string`, broken),
        mustRefuse: strings.length > 0,
      }
    }
    case 'huge number': {
      const bad = random.pick(HUGE_NUMBERS)
      const numbers = leaves(body).filter(([, v]) => typeof v === 'number')
      const target = numbers.length ? random.pick(numbers)[0] : spot?.[0]
      return jsonBody(`${target?.join('.') ?? '(body)'} = ${bad}`, target ? withLeaf(body, target, bad) : bad)
    }
    case 'huge string': {
      const strings = leaves(body).filter(([, v]) => typeof v === 'string')
      const target = strings.length ? random.pick(strings)[0] : spot?.[0]
      const bad = '廉'.repeat(100_001)
      return jsonBody(
        `${target?.join('.') ?? '(body)'} = 100001 characters`,
        target ? withLeaf(body, target, bad) : bad,
      )
    }
    case 'bad date': {
      const bad = random.pick(BAD_DATES)
      const dates = leaves(body).filter(([, v]) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))
      const target = dates.length ? random.pick(dates)[0] : spot?.[0]
      return jsonBody(
        `${target?.join('.') ?? '(body)'} = ${JSON.stringify(bad)}`,
        target ? withLeaf(body, target, bad) : bad,
      )
    }
    default: {
      const arrays = idArrays(body)
      if (!arrays.length) return jsonBody('plausible body', body)
      const [path, ids] = random.pick(arrays)
      const first = ids[0]
      return jsonBody(`${path.join('.')} repeated`, withLeaf(body, path, [first, first, first, 2 ** 31]))
    }
  }
}

// ---------- paths and queries ----------

const BAD_PARAMS = [
  '0',
  '-1',
  '2147483648',
  '9007199254740993',
  '1e3',
  '1.5',
  'abc',
  '%00',
  '1%00',
  '%E5%BB%89',
  'x'.repeat(150),
  '..%2f..%2fetc%2fpasswd',
  '99999',
]
const BAD_QUERY = [...BAD_PARAMS, '', '2026-02-30', '%1B%5B31m', 'true', 'null', '-2147483649']

function pathOf(op: FuzzOperation, random: Random, broken: string | null): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === broken) return random.pick(BAD_PARAMS)
    const schema = op.pathParams.find((p) => p.name === name)?.schema ?? {}
    return encodeURIComponent(String(typesOf(schema).includes('string') ? 'ABCDEF' : 1 + random.int(4)))
  })
}

function queryOf(doc: OpenApiDoc, op: FuzzOperation, random: Random, broken: string | null): string {
  const pairs: string[] = []
  for (const q of op.query) {
    if (q.name !== broken && !q.required && random.next() < 0.5) continue
    const value = q.name === broken ? random.pick(BAD_QUERY) : String(sample(doc, q.schema, random))
    pairs.push(`${q.name}=${q.name === broken ? value : encodeURIComponent(value)}`)
    // A repeated parameter arrives as an array.
    if (q.name === broken && random.next() < 0.3) pairs.push(`${q.name}=${value}`)
  }
  if (broken === '(extra)') pairs.push('unexpected=%00', '__proto__=1')
  return pairs.length ? `?${pairs.join('&')}` : ''
}

/** `count` broken requests for one operation. */
export function requestsFor(
  doc: OpenApiDoc,
  op: FuzzOperation,
  random: Random,
  count: number,
): FuzzRequest[] {
  const requests: FuzzRequest[] = []
  const operation = `${op.method} ${op.path}`
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE'
  for (let i = 0; i < count; i++) {
    const targets = [
      ...op.pathParams.map((p) => `path:${p.name}`),
      ...op.query.map((q) => `query:${q.name}`),
      'query:(extra)',
      ...(hasBody ? ['body', 'body', 'body', 'transport'] : []),
    ]
    const target = random.pick(targets)
    const [part, name] = target.split(':')
    const url = `${pathOf(op, random, part === 'path' ? name : null)}${queryOf(doc, op, random, part === 'query' ? name : null)}`
    if (part === 'path' || part === 'query') {
      const body =
        hasBody && op.body ? jsonBody('plausible body', sample(doc, op.body, random)) : { headers: {} }
      requests.push({
        operation,
        method: op.method,
        url,
        mutation: `bad ${target}`,
        mustRefuse: part === 'path',
        ...body,
      })
    } else if (part === 'transport' || !op.body) {
      requests.push({ operation, method: op.method, url, ...random.pick(TRANSPORT)(random) })
    } else {
      requests.push({ operation, method: op.method, url, ...brokenBody(doc, op.body, random) })
    }
  }
  return requests
}

/**
 * The texts a request carries (path, querystring, JSON body) whose schema shows no pattern, enum or
 * format: each should go through `oneLine`/`severalLines` (src/models/textLimit.ts), whose pattern
 * refuses control characters. `where` names each ('POST /api/v1/x body.name').
 */
export function unguardedTexts(doc: OpenApiDoc): string[] {
  const found: string[] = []
  const walk = (raw: Schema | undefined, where: string, seen: Set<Schema>): void => {
    const schema = resolveRef(doc, raw)
    if (!schema || seen.has(schema)) return
    const next = new Set(seen).add(schema)
    if (typesOf(schema).includes('string') && !schema.pattern && !schema.enum && !schema.format)
      found.push(where)
    for (const variant of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
      walk(variant, where, next)
    for (const [key, property] of Object.entries(schema.properties ?? {}))
      walk(property, `${where}.${key}`, next)
    if (schema.items) walk(schema.items, `${where}[]`, next)
  }
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, operation] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`
      for (const p of operation.parameters ?? []) walk(p.schema, `${name} ${p.in}.${p.name}`, new Set())
      for (const content of Object.values(operation.requestBody?.content ?? {}))
        walk(content.schema, `${name} body`, new Set())
    }
  return found
}

// ---------- the contract ----------

const KNOWN_CODES = new Set(Object.keys(ERROR_MESSAGES))
/** The status each generic code goes with; a feature's own codes may use any 4xx. */
const STATUS_OF: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
}

/**
 * Why an answer breaks the contract (a 5xx, an error body outside `{error:{code,message,fields?}}`, a
 * request that had to be refused and was not); null when it keeps it.
 */
export function contractProblem(status: number, body: string, mustRefuse = false): string | null {
  if (status >= 500) return `answered ${status}`
  if (status < 400) return mustRefuse ? `accepted (${status})` : null
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return `${status} with a body that is not JSON`
  }
  const top = parsed as { error?: Record<string, unknown> }
  if (!top || typeof top !== 'object' || Object.keys(top).join() !== 'error' || !top.error)
    return `${status} with a body outside {error}`
  const { code, message, fields, ...rest } = top.error
  if (Object.keys(rest).length) return `${status} with extra keys ${Object.keys(rest).join(', ')}`
  if (typeof code !== 'string' || !KNOWN_CODES.has(code)) return `${status} with unknown code ${String(code)}`
  if (typeof message !== 'string' || message === '') return `${status} ${code} without a message`
  if (
    fields !== undefined &&
    !(
      Array.isArray(fields) &&
      fields.every((f) => typeof f?.path === 'string' && typeof f?.message === 'string')
    )
  )
    return `${status} ${code} with malformed fields`
  const expected = STATUS_OF[code]
  if (expected !== undefined && expected !== status)
    return `${status} with code ${code} (expects ${expected})`
  return null
}
