import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import { ZCorrectionReason } from '@/models/meeting'
import { KEEP_OPEN } from '@/services/settleWrite'
import { FormDialogInput } from '@/components/FormDialogInput'
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
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (subject === null) return
    setReason('')
    setError(null)
  }, [subject])

  const confirm = async (): Promise<void> => {
    const checked = ZCorrectionReason.safeParse(reason)
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '请填写更正原因')
      throw KEEP_OPEN
    }
    onConfirm(checked.data)
  }

  return (
    <Dialog
      className="meeting-correction"
      visible={subject !== null}
      title={subject ?? ''}
      confirmText="继续"
      cancelText="取消"
      onConfirm={confirm}
      onCancel={onClose}
      onClose={onClose}
    >
      <View className="form-dialog">
        <Text className="form-dialog__hint">该记录已提交：附件的变动将记入更正历史。请填写更正原因。</Text>
        <FormDialogInput
          className="meeting-correction__reason"
          value={reason}
          placeholder="如：补传会议签到表"
          limit={REASON_LIMIT}
          error={error}
          onChange={(v) => {
            setReason(v)
            setError(null)
          }}
        />
      </View>
    </Dialog>
  )
}
