import { useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import { TextAreaField } from '@/components/TextAreaField'
import { useDialogSubmit } from '@/hooks/useDialogSubmit'
import { URGE_NOTE_MAX, ZUrgeCreate, type TUrgeResult, type TWorkItem } from '@/models/worklists'
import { KEEP_OPEN } from '@/services/settleWrite'
import { queueUrge } from '@/services/worklists'
import { FormDialog, FormDialogField } from '@/components/FormDialog'

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
  const { error, busy, reset } = dialog

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
    <FormDialog
      visible={item !== null}
      title="催办"
      confirmText="发送催办"
      busy={busy}
      onConfirm={submit}
      onClose={onClose}
    >
      <Text className="form-dialog__hint">
        {item ? `提醒「${item.enterpriseName}」的联络员尽快办理：${item.title}。` : ''}
        催办进入其待办，已开启微信提醒的会收到消息；每项每天可催办一次。
      </Text>
      <FormDialogField error={error}>
        <TextAreaField
          value={note}
          onChange={dialog.edit(setNote)}
          limit={URGE_NOTE_MAX}
          counter="near"
          rows={2}
          placeholder="催办说明（选填），如：请于本周五前报送"
        />
      </FormDialogField>
    </FormDialog>
  )
}
