import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { TextAreaField } from './TextAreaField'
import { TextField, type LimitedTextProps } from './TextField'

/**
 * Where a form's fields take their look: the row is `block` (the package's own, e.g. pt-field), its
 * label `${block}__label` unless `labelClass` names another, a required label also `${block}__required`.
 */
export interface FieldLook {
  block: string
  labelClass?: string
}

export interface FormFieldProps extends FieldLook {
  label: string
  required?: boolean
}

/** One field of a form under its label. */
export function FormField({
  block,
  labelClass,
  label,
  required,
  children,
}: FormFieldProps & { children: ReactNode }) {
  const labelClassName = labelClass ?? `${block}__label`
  return (
    <View className={block}>
      <Text className={required ? `${labelClassName} ${block}__required` : labelClassName}>{label}</Text>
      {children}
    </View>
  )
}

/**
 * A labelled text of a form with the schema's limit: one line, or with `rows` a text area that grows
 * (TextAreaField) showing that many lines while short.
 */
export function TextFormField({
  block,
  labelClass,
  label,
  required,
  rows,
  ...text
}: FormFieldProps & LimitedTextProps & { rows?: number }) {
  return (
    <FormField block={block} labelClass={labelClass} label={label} required={required}>
      <LimitedText rows={rows} {...text} />
    </FormField>
  )
}

/** One line (TextField), or with `rows` a text area that grows (TextAreaField). */
function LimitedText({ rows, ...text }: LimitedTextProps & { rows?: number }) {
  return rows === undefined ? <TextField {...text} /> : <TextAreaField rows={rows} {...text} />
}

/**
 * A field's message, right under the field (nothing when it has none): `${block}__error`, as the form's
 * own, with `--field` so that the one by the form stays apart.
 */
export function FieldError({ block, text }: { block: string; text?: string | null }) {
  return text ? <Text className={`${block}__error ${block}__error--field`}>{text}</Text> : null
}

/**
 * A label (`${block}__label`), the field and its message (FieldError) straight in the form's own column
 * (no row of their own: the form's gap spaces them, as its other lines).
 */
export function LabelledField(props: { block: string; label: string; error?: string; children: ReactNode }) {
  return (
    <>
      <Text className={`${props.block}__label`}>{props.label}</Text>
      {props.children}
      <FieldError block={props.block} text={props.error} />
    </>
  )
}

/** LabelledField around a limited text: one line, or with `rows` a text area that grows. */
export function LabelledText({
  block,
  label,
  error,
  ...text
}: LimitedTextProps & { block: string; label: string; error?: string; rows?: number }) {
  return (
    <LabelledField block={block} label={label} error={error}>
      <LimitedText {...text} />
    </LabelledField>
  )
}
