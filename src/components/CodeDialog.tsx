import { useState } from 'react'
import { Text } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { z } from 'zod'
import { useDialogSubmit } from '@/hooks/useDialogSubmit'
import { useOnOpen } from '@/hooks/useOnOpen'
import type { OutboxEntry } from '@/services/outbox'
import { FormDialog, FormDialogField } from './FormDialog'

export interface CodeDialogProps {
  visible: boolean
  title: string
  confirmText: string
  hint: string
  placeholder: string
  maxLength: number
  /** Checks the code as typed and gives the form it is sent in. */
  schema: z.ZodType<{ code: string }, { code: string }>
  /** Queues the write in the outbox. */
  send: (code: string) => OutboxEntry
  /** The toast once the server has it, from its answer. */
  done: (data: unknown) => string
  onClose: () => void
  /** Delivered, or queued to be. */
  onSubmitted: () => void
}

/**
 * A dialog that sends one typed code through the outbox (加入企业's invite code, the 管理员码): the
 * schema's message or the server's reason stays in the dialog, where the code can be corrected.
 */
export function CodeDialog(props: CodeDialogProps) {
  const { visible, schema, send, done, onSubmitted } = props
  const [code, setCode] = useState('')
  const dialog = useDialogSubmit()
  const { error, busy } = dialog

  useOnOpen(visible, () => {
    setCode('')
    dialog.reset()
  })

  const submit = async (): Promise<void> => {
    const { code: checked } = dialog.checked(schema.safeParse({ code }), '格式不正确')
    await dialog.send(() => send(checked), { done })
    onSubmitted()
  }

  return (
    <FormDialog
      visible={visible}
      title={props.title}
      confirmText={props.confirmText}
      busy={busy}
      onConfirm={submit}
      onClose={props.onClose}
    >
      <Text className="form-dialog__hint">{props.hint}</Text>
      <FormDialogField error={error}>
        <Input
          className="form-dialog__input"
          value={code}
          placeholder={props.placeholder}
          maxLength={props.maxLength}
          clearable
          onChange={dialog.edit((v: string) => setCode(v.toUpperCase()))}
        />
      </FormDialogField>
    </FormDialog>
  )
}
