import { z } from 'zod'

/**
 * The most characters a text schema allows, read through its optional / nullable / default wrappers, so a
 * form field counts against the very number the server checks. Throws when the schema sets no maximum:
 * a field's limit comes from its schema, never typed again by hand.
 */
export function maxLengthOf(schema: z.ZodType): number {
  let inner: z.ZodType = schema
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault)
    inner = inner.unwrap() as z.ZodType
  if (inner instanceof z.ZodString && inner.maxLength !== null) return inner.maxLength
  throw new Error('maxLengthOf: the schema sets no maximum length')
}

/** maxLengthOf for several fields of one object schema: `{ field: limit }`, the fields named as in it. */
export function maxLengthsOf<S extends Record<string, z.ZodType>, K extends keyof S & string>(
  shape: S,
  fields: readonly K[],
): Record<K, number> {
  return Object.fromEntries(fields.map((f) => [f, maxLengthOf(shape[f])])) as Record<K, number>
}

/**
 * Characters as zod counts them (UTF-16 code units), so the counter and the server agree; an emoji
 * counts 2, a Chinese character 1.
 */
export const textLength = (text: string): number => text.length

/** What a field says when its text is over the limit ('最多 500 字，已超出 23 字'); null within it. */
export function overLimitMessage(text: string, limit: number): string | null {
  const over = textLength(text) - limit
  return over > 0 ? `最多 ${limit} 字，已超出 ${over} 字` : null
}

/** One message per labelled text over its limit ('议题最多 200 字，已超出 3 字'), for a form's checks. */
export function overLimitProblems(
  fields: readonly (readonly [label: string, text: string, limit: number])[],
) {
  return fields.flatMap(([label, text, limit]) => {
    const over = overLimitMessage(text, limit)
    return over ? [`${label}${over}`] : []
  })
}

/* eslint-disable no-control-regex -- control characters are exactly what these patterns refuse */
/** One line of text: no C0 control character (PostgreSQL refuses NUL in text; none belongs in a name). */
const ONE_LINE = /^[^\u0000-\u001f]*$/
/** Several lines: tab, line feed and carriage return are kept, every other C0 control character refused. */
const SEVERAL_LINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/
/* eslint-enable no-control-regex */

export const CONTROL_CHARACTER_MESSAGE = '不能包含控制字符'

/**
 * Every text a request carries goes through one of these two: a pattern (so the OpenAPI document shows
 * it too) that refuses control characters with a Chinese message, before anything reaches a database.
 * `label` names the field in the message ('姓名不能包含控制字符…').
 */
export const oneLine = (schema: z.ZodString, label = '') =>
  schema.regex(ONE_LINE, `${label}${CONTROL_CHARACTER_MESSAGE}`)
export const severalLines = (schema: z.ZodString, label = '') =>
  schema.regex(SEVERAL_LINES, `${label}${CONTROL_CHARACTER_MESSAGE}`)

/** A trimmed one-line text of at most `max` characters (the common case of a request's text field). */
export const line = (max: number, label = '') =>
  oneLine(z.string().trim().max(max, `${label}不超过${max}个字`), label)
/** A trimmed text of at most `max` characters that may hold several lines (notes, minutes, comments). */
export const lines = (max: number, label = '') =>
  severalLines(z.string().trim().max(max, `${label}不超过${max}个字`), label)

/** A trimmed text of `min` to `max` characters, each bound with its own message (the short one says what to write). */
export const textOf = (min: number, tooShort: string, max: number, tooLong: string) =>
  z.string().trim().min(min, tooShort).max(max, tooLong)
