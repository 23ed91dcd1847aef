import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely'
import type { DbOrTrx } from './database'

/**
 * A statement on a hot path (every sign-in, every idempotent write), built and compiled by Kysely once per
 * database (its adapter) and shape, then run with each call's values (issue 15: building and compiling the
 * query anew cost about a quarter of a sign-in's CPU). `build` is called with placeholders in place of the
 * values: each value a marker string (also inside plain objects: an audit row within a statement's values),
 * each array (an `in` list) an array of markers of the same length. The markers are found among the compiled
 * parameters and replaced by the call's values, so the SQL and the operation node (which the SQLite driver
 * reads to tell reads from writes) are Kysely's own.
 *
 * What may change the SQL makes a separate shape: the length of each array (up to `MAX_LIST`; longer ones
 * are built afresh each call) and which values are undefined (Kysely leaves those columns out). `build` must
 * not branch on the values themselves (they are markers there): a flag that changes the statement is a
 * second `hotQuery`. A value that is not bound as a parameter fails the first call. Under jest every call
 * also builds the statement the ordinary way and fails when the SQL or the parameters differ, so the API
 * suites check the templates on both databases.
 */
export const MAX_LIST = 16
const MARK = '\u0000hot\u0000'
const VERIFY = process.env.JEST_WORKER_ID !== undefined

type Values = Record<string, unknown>
type Path = (string | number)[]

interface Template<R> {
  compiled: CompiledQuery<R>
  /** Per compiled parameter: where its value is found in the call's values, or null: a constant. */
  slots: (Path | null)[]
}

const isPlainObject = (v: unknown): v is Values =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype

/** The values with a marker for each leaf (into arrays and plain objects), and the shape they make. */
function placeholdersOf(
  values: Values,
  prefix: Path = [],
  shape: string[] = [],
  marks: string[] = [],
): { placeholders: Values; shape: string[]; marks: string[] } | null {
  const placeholders: Values = {}
  for (const [key, value] of Object.entries(values)) {
    const path = [...prefix, key]
    const name = path.join('.')
    if (value === undefined) {
      placeholders[key] = undefined
      shape.push(`${name}:u`)
    } else if (Array.isArray(value)) {
      if (value.length > MAX_LIST) return null
      placeholders[key] = value.map((_, i) => {
        const mark = MARK + JSON.stringify([...path, i])
        marks.push(mark)
        return mark
      })
      shape.push(`${name}:${value.length}`)
    } else if (isPlainObject(value)) {
      const inner = placeholdersOf(value, path, shape, marks)
      if (!inner) return null
      placeholders[key] = inner.placeholders
    } else {
      const mark = MARK + JSON.stringify(path)
      marks.push(mark)
      placeholders[key] = mark
    }
  }
  return { placeholders, shape, marks }
}

function templateOf<R>(compiled: CompiledQuery<R>, marks: string[]): Template<R> {
  const used = new Set<string>()
  const slots = compiled.parameters.map((p) => {
    if (typeof p !== 'string' || !p.startsWith(MARK)) return null
    used.add(p)
    return JSON.parse(p.slice(MARK.length)) as Path
  })
  // Every value must reach the statement as a parameter (not inlined into the SQL, not dropped).
  for (const mark of marks)
    if (!used.has(mark))
      throw new Error(`hotQuery: ${mark.slice(MARK.length)} is not a parameter of ${compiled.sql}`)
  return { compiled, slots }
}

function valueAt(values: Values, path: Path): unknown {
  let value: unknown = values
  for (const step of path) value = (value as Record<string | number, unknown>)[step]
  return value
}

/** What makes the SQL of these values differ: undefined values and array lengths ('' for most). */
function shapeOf(values: Values, prefix = ''): string | null {
  let shape = ''
  for (const key in values) {
    const value = values[key]
    if (value === undefined) shape += `${prefix}${key}:u,`
    else if (Array.isArray(value)) {
      if (value.length > MAX_LIST) return null
      shape += `${prefix}${key}:${value.length},`
    } else if (isPlainObject(value)) {
      const inner = shapeOf(value, `${prefix}${key}.`)
      if (inner === null) return null
      shape += inner
    }
  }
  return shape
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database's Kysely (tests use their own)
export function hotQuery<P extends Values, R, D extends Kysely<any> = DbOrTrx>(
  build: (db: D, values: P) => Compilable<R>,
) {
  /** Per dialect (its adapter: one per Kysely instance, shared by its transactions), per shape. */
  const templates = new WeakMap<object, Map<string, Template<R>>>()
  return async function run(db: D, values: P): Promise<QueryResult<R>> {
    const shape = shapeOf(values)
    if (shape === null) return db.executeQuery(build(db, values))
    const adapter = db.getExecutor().adapter
    let byShape = templates.get(adapter)
    if (!byShape) templates.set(adapter, (byShape = new Map()))
    let template = byShape.get(shape)
    if (!template) {
      const marked = placeholdersOf(values) as NonNullable<ReturnType<typeof placeholdersOf>>
      template = templateOf(build(db, marked.placeholders as P).compile(), marked.marks)
      byShape.set(shape, template)
    }
    const { slots } = template
    const parameters = template.compiled.parameters.map((constant, i) => {
      const slot = slots[i]
      return slot ? valueAt(values, slot) : constant
    })
    const query: CompiledQuery<R> = { ...template.compiled, queryId: createQueryId(), parameters }
    if (VERIFY) {
      const fresh = build(db, values).compile()
      const same =
        fresh.sql === query.sql &&
        fresh.parameters.length === parameters.length &&
        fresh.parameters.every((p, i) => Object.is(p, parameters[i]))
      if (!same)
        throw new Error(`hotQuery: the template differs from the statement it stands for: ${fresh.sql}`)
    }
    return db.executeQuery(query)
  }
}
