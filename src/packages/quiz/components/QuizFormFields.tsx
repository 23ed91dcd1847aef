import { Text } from '@tarojs/components'
import { TextField, type LimitedTextProps } from '@/components/TextField'
import { TextAreaField } from '@/components/TextAreaField'

/*
 * The fields of the quiz office's forms. `.qo-form` spaces its children itself (a column with a gap), so
 * a field is its label and input side by side in a fragment, not wrapped in a row of its own.
 */

/** A labelled text: one line, or with `rows` a text area that grows from that many lines. */
export function QuizTextField({
  label,
  rows,
  ...text
}: Omit<LimitedTextProps, 'className'> & { label: string; rows?: number }) {
  return (
    <>
      <Text className="qo-form__label">{label}</Text>
      {rows === undefined ? (
        <TextField className="qo-form__field" {...text} />
      ) : (
        <TextAreaField className="qo-form__area" rows={rows} {...text} />
      )}
    </>
  )
}

/** A whole number (four digits at most) under its label, with what it means beneath. */
export function QuizNumberField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string
  hint: string
  value: string
  onChange: (value: string) => void
}) {
  return (
    <>
      <Text className="qo-form__label">{label}</Text>
      <TextField
        className="qo-form__field"
        type="number"
        value={value}
        limit={4}
        placeholder={label}
        onChange={onChange}
      />
      <Text className="qo-form__hint">{hint}</Text>
    </>
  )
}
