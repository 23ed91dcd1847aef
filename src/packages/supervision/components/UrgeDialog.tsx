import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import { TextAreaField } from '@/components/TextAreaField'
import { useDialogSubmit } from '@/hooks/useDialogSubmit'
import { URGE_NOTE_MAX, ZUrgeCreate, type TUrgeResult, type TWorkItem } from '@/models/worklists'
import { KEEP_OPEN } from '@/services/settleWrite'
import { queueUrge } from '@/services/worklists'
import '@/components/FormDialog.scss'

/** What the toast says once the server has it: whether a 联络员 will see it in 任务. */
function doneText(data: unknown): string {
  const liaisons = (data as TUrgeResult | undefined)?.liaisons
  return liaisons === 0 ? '已催办（该企业暂无联络员）' : '已催办'
}

/**
 * 催办 one row's matter, with an optional note for the liaison. The server's refusal (already urged
 * today, already done) stays in the dialog; the row is reloaded either way.
 */
export function UrgeDialog({
  item,
  onClose,
  onDone,
}: {
  item: TWorkItem | null
  onClose: () => void
  onDone: () => void
}) {
  const [note, setNote] = useState('')
  const dialog = useDialogSubmit()
  const { error, setError, busy, reset } = dialog

  useEffect(() => {
    setNote('')
    reset()
  }, [item, reset])

  const submit = async (): Promise<void> => {
    if (!item?.urge) throw KEEP_OPEN
    const urge = dialog.checked(
      ZUrgeCreate.safeParse({
        enterpriseId: item.enterpriseId,
        kind: item.urge.kind,
        itemId: item.urge.itemId,
        ...(note.trim() ? { note } : {}),
      }),
    )
    await dialog.send(() => queueUrge(urge, item.enterpriseName), { done: doneText })
    onDone()
  }

  return (
    <Dialog
      visible={item !== null}
      title="催办"
      confirmText="发送催办"
      cancelText="取消"
      disableConfirmButton={busy}
      closeOnOverlayClick={!busy}
      onConfirm={submit}
      onCancel={onClose}
      onClose={onClose}
    >
      <View className="form-dialog">
        <Text className="form-dialog__hint">
          {item ? `提醒「${item.enterpriseName}」的联络员尽快办理：${item.title}。` : ''}
          催办进入其待办，已开启微信提醒的会收到消息；每项每天可催办一次。
        </Text>
        <View className={`form-dialog__field${error ? ' form-dialog__field--error' : ''}`}>
          <TextAreaField
            value={note}
            onChange={(v) => {
              setNote(v)
              setError(null)
            }}
            limit={URGE_NOTE_MAX}
            counter="near"
            rows={2}
            placeholder="催办说明（选填），如：请于本周五前报送"
          />
        </View>
        {error ? <Text className="form-dialog__error">{error}</Text> : null}
      </View>
    </Dialog>
  )
}
