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
      {rows === undefined ? <TextField {...text} /> : <TextAreaField rows={rows} {...text} />}
    </FormField>
  )
}
