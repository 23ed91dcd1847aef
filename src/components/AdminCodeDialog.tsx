import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog, Input } from '@nutui/nutui-react-taro'
import { ZAdminCodeRedeem, ZAdminCodeRedeemed } from '@/models/setup'
import { userOutbox } from '@/services/session'
import { KEEP_OPEN } from '@/services/settleWrite'
import { useWrite } from '@/hooks/useWrite'
import { queueRedeemAdminCode } from '@/services/setup'
import './FormDialog.scss'

export interface AdminCodeDialogProps {
  visible: boolean
  /** A code scanned from the QR, to fill in. */
  initialCode?: string
  onClose: () => void
  /** The user is now an administrator of the office (or the request is queued). */
  onRedeemed: () => void
}

/** 管理员码: the county's first administrator enters the one-time code `npm run setup` printed. */
export function AdminCodeDialog({ visible, initialCode, onClose, onRedeemed }: AdminCodeDialogProps) {
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const write = useWrite()

  useEffect(() => {
    if (visible) {
      setCode(initialCode ?? '')
      setError(null)
      setBusy(false)
    }
  }, [visible, initialCode])

  /** Resolves when done (the Dialog then closes itself); rejects to keep the dialog open. */
  const submit = async (): Promise<void> => {
    if (busy) throw KEEP_OPEN
    const parsed = ZAdminCodeRedeem.safeParse({ code })
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '管理员码格式不正确')
      throw KEEP_OPEN
    }
    const outbox = userOutbox()
    if (!outbox) throw KEEP_OPEN
    setBusy(true)
    setError(null)
    try {
      const outcome = await write(queueRedeemAdminCode(parsed.data.code), {
        done: (data) => {
          const result = ZAdminCodeRedeemed.safeParse(data)
          return `已成为${result.success ? `「${result.data.departmentName}」` : '领导小组办公室'}管理员`
        },
        // Shown here, where the code can be corrected; not kept in 任务 as well.
        onRefused: setError,
      })
      if (outcome.kind === 'refused') throw KEEP_OPEN
      onRedeemed()
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
      title="管理员码"
      confirmText="开通"
      cancelText="取消"
      disableConfirmButton={busy}
      closeOnOverlayClick={!busy}
      onConfirm={submit}
      onCancel={onClose}
      onClose={onClose}
    >
      <View className="form-dialog">
        <Text className="form-dialog__hint">
          县里开通本系统时，系统管理员会给出一次性的 12 位管理员码（24
          小时内有效）。输入后你将成为领导小组办公室管理员。
        </Text>
        <View className={`form-dialog__field${error ? ' form-dialog__field--error' : ''}`}>
          <Input
            className="form-dialog__input"
            value={code}
            placeholder="例如 ABCD-EFGH-JKMN"
            maxLength={14}
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
