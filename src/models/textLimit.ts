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
