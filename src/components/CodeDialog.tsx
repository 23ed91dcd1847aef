import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog, Input } from '@nutui/nutui-react-taro'
import type { z } from 'zod'
import { useOnOpen } from '@/hooks/useOnOpen'
import { useWrite } from '@/hooks/useWrite'
import type { OutboxEntry } from '@/services/outbox'
import { userOutbox } from '@/services/session'
import { KEEP_OPEN } from '@/services/settleWrite'
import './FormDialog.scss'

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
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const write = useWrite()

  useOnOpen(visible, () => {
    setCode('')
    setError(null)
    setBusy(false)
  })

  /** Resolves when done (NutUI's Dialog then closes itself); rejects to keep the dialog open. */
  const submit = async (): Promise<void> => {
    if (busy) throw KEEP_OPEN
    const parsed = schema.safeParse({ code })
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '格式不正确')
      throw KEEP_OPEN
    }
    if (!userOutbox()) throw KEEP_OPEN
    setBusy(true)
    setError(null)
    try {
      // A refusal is shown here, where the code can be corrected; not kept in 任务 as well.
      const outcome = await write(send(parsed.data.code), { done, onRefused: setError })
      if (outcome.kind === 'refused') throw KEEP_OPEN
      onSubmitted()
    } catch (err) {
      if (err !== KEEP_OPEN) setError(err instanceof Error ? err.message : '提交失败，请稍后重试')
      throw KEEP_OPEN
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      visible={visible}
      title={props.title}
      confirmText={props.confirmText}
      cancelText="取消"
      disableConfirmButton={busy}
      closeOnOverlayClick={!busy}
      onConfirm={submit}
      onCancel={props.onClose}
      onClose={props.onClose}
    >
      <View className="form-dialog">
        <Text className="form-dialog__hint">{props.hint}</Text>
        <View className={`form-dialog__field${error ? ' form-dialog__field--error' : ''}`}>
          <Input
            className="form-dialog__input"
            value={code}
            placeholder={props.placeholder}
            maxLength={props.maxLength}
            clearable
            onChange={(v) => {
              setCode(v.toUpperCase())
              setError(null)
            }}
          />
        </View>
        {error ? <Text className="form-dialog__error">{error}</Text> : null}
      </View>
    </Dialog>
  )
}
