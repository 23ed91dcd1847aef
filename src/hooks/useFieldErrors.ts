import { useCallback, useMemo, useState } from 'react'
import type { ApiErrorField } from '@/services/request'
import { unplacedText } from './useWrite'

/** What a form shows of its problems: each field's first message under it, the rest by the form. */
export interface FormProblems<K extends string> {
  fields: Partial<Record<K, string>>
  form: string | null
}

/** Which of the form's fields a problem's path ('title', 'scope.ownerships', 'items.0.name') is under; null: none. */
export type FieldOf<K extends string> = (path: string) => K | null

/** A field of the form named by the path's first part, when it is one of `keys`. */
export function firstPartIn<K extends string>(keys: readonly K[]): FieldOf<K> {
  return (path) => {
    const head = path.split('.')[0] as K
    return keys.includes(head) ? head : null
  }
}

/**
 * Problems by field (the server's refusal `fields`, or a failed check's issues as the server would list
 * them): each under its field; those the form has no field for, as one text by the form; `otherwise`
 * by the form when there are none at all (a refusal naming no field).
 */
export function placeProblems<K extends string>(
  problems: readonly ApiErrorField[],
  fieldOf: FieldOf<K>,
  otherwise: string | null = null,
): FormProblems<K> {
  const fields: Partial<Record<K, string>> = {}
  for (const p of problems) {
    const field = fieldOf(p.path)
    if (field !== null) fields[field] ??= p.message
  }
  const form = problems.length ? unplacedText(problems, (path) => fieldOf(path) !== null) : otherwise
  return { fields, form }
}

/** A schema's issues as the server lists them in a refusal (errorHandler's RequestValidationError). */
export function issuesAsFields(
  issues: readonly { message: string; path?: readonly PropertyKey[] }[],
): ApiErrorField[] {
  return issues.map((i) => ({ path: (i.path ?? []).map(String).join('.'), message: i.message }))
}

const NONE: FormProblems<never> = { fields: {}, form: null }

/**
 * A form's problems placed under its fields (as 登记企业 does): `refused` is a write's onRefused, `failed`
 * takes a failed check's issues, `sayAt` one field's message of the page's own, `say` one by the form;
 * `clear(field)` once that field is edited (the next check says anew), or its setter wrapped by `edit`.
 */
export function useFieldErrors<K extends string>(fieldOf: FieldOf<K>) {
  const [problems, setProblems] = useState<FormProblems<K>>(NONE)
  const refused = useCallback(
    (message: string, _code: string, fields: readonly ApiErrorField[]) =>
      setProblems(placeProblems(fields, fieldOf, message)),
    [fieldOf],
  )
  const failed = useCallback(
    (issues: Parameters<typeof issuesAsFields>[0], otherwise = '请检查填写内容') =>
      setProblems(placeProblems(issuesAsFields(issues), fieldOf, otherwise)),
    [fieldOf],
  )
  const sayAt = useCallback(
    (field: K, message: string) =>
      setProblems({ fields: { [field]: message } as Partial<Record<K, string>>, form: null }),
    [],
  )
  const say = useCallback((form: string | null) => setProblems({ fields: {}, form }), [])
  const clear = useCallback(
    (field: K) =>
      setProblems((p) => {
        if (!(field in p.fields)) return p
        const fields = { ...p.fields }
        delete fields[field]
        return { ...p, fields }
      }),
    [],
  )
  /** A field's setter that also takes its message away. */
  const edit = useCallback(
    <T>(field: K, set: (value: T) => void) =>
      (value: T) => {
        set(value)
        clear(field)
      },
    [clear],
  )
  return useMemo(
    () => ({ errors: problems.fields, formError: problems.form, refused, failed, sayAt, say, clear, edit }),
    [problems, refused, failed, sayAt, say, clear, edit],
  )
}
