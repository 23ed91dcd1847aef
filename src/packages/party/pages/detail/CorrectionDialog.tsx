import { useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import { ZCorrectionReason } from '@/models/meeting'
import { FormDialog } from '@/components/FormDialog'
import { FormDialogInput } from '@/components/FormDialogInput'
import { useDialogSubmit } from '@/hooks/useDialogSubmit'
import { maxLengthOf } from '@/models/textLimit'

const REASON_LIMIT = maxLengthOf(ZCorrectionReason)

export interface CorrectionDialogProps {
  /** What is about to change (补传现场照片, 撤下签到表 a.jpg); null: closed. */
  subject: string | null
  /** The reason, checked; the dialog closes. */
  onConfirm: (reason: string) => void
  onClose: () => void
}

/**
 * 更正原因 for an attachment of a submitted record: the secretary adds or removes it where the record's
 * attachments are, and the change is kept in the record's 更正 history with this reason.
 */
export function CorrectionDialog({ subject, onConfirm, onClose }: CorrectionDialogProps) {
  const [reason, setReason] = useState('')
  const dialog = useDialogSubmit()
  const { error, reset } = dialog
  useEffect(() => {
    if (subject === null) return
    setReason('')
    reset()
  }, [subject, reset])

  const confirm = async (): Promise<void> => {
    onConfirm(dialog.checked(ZCorrectionReason.safeParse(reason), '请填写更正原因'))
  }

  return (
    <FormDialog
      className="meeting-correction"
      visible={subject !== null}
      title={subject ?? ''}
      confirmText="继续"
      onConfirm={confirm}
      onClose={onClose}
    >
      <Text className="form-dialog__hint">该记录已提交：附件的变动将记入更正历史。请填写更正原因。</Text>
      <FormDialogInput
        className="meeting-correction__reason"
        value={reason}
        placeholder="如：补传会议签到表"
        limit={REASON_LIMIT}
        error={error}
        onChange={dialog.edit(setReason)}
      />
    </FormDialog>
  )
}
