import { FormDialogField } from './FormDialog'
import { TextField } from './TextField'

export interface FormDialogInputProps {
  value: string
  placeholder: string
  /** The schema's maximum: counted, and a message past it, never cut. */
  limit: number
  /** Shown under the field (and the field outlined) until the next keystroke clears it. */
  error: string | null
  className?: string
  onChange: (value: string) => void
}

/** A one-line field of a form dialog (a reason, a name) with its message under it. */
export function FormDialogInput({
  value,
  placeholder,
  limit,
  error,
  className,
  onChange,
}: FormDialogInputProps) {
  return (
    <FormDialogField error={error}>
      <TextField
        className={`form-dialog__input${className ? ` ${className}` : ''}`}
        value={value}
        placeholder={placeholder}
        limit={limit}
        onChange={onChange}
      />
    </FormDialogField>
  )
}
