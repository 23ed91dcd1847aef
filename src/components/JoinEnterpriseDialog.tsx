import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog, Input } from '@nutui/nutui-react-taro'
import { ZInviteJoinBody, ZJoinResult } from '@/models/invite'
import { queueJoinEnterprise } from '@/services/api'
import { userOutbox } from '@/services/session'
import { KEEP_OPEN } from '@/services/settleWrite'
import './FormDialog.scss'
import { useWrite } from '@/hooks/useWrite'

export interface JoinEnterpriseDialogProps {
  visible: boolean
  onClose: () => void
  /** The request reached the server (the membership is now pending) or is queued to. */
  onSubmitted: () => void
}

/** 加入企业: asks to join with the 8-character invite code from the enterprise's liaison (via the outbox). */
export function JoinEnterpriseDialog({ visible, onClose, onSubmitted }: JoinEnterpriseDialogProps) {
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const write = useWrite()

  useEffect(() => {
    if (visible) {
      setCode('')
      setError(null)
      setBusy(false)
    }
  }, [visible])

  /** Resolves when done (NutUI's Dialog then closes itself); rejects to keep the dialog open. */
  const submit = async (): Promise<void> => {
    if (busy) throw KEEP_OPEN
    const parsed = ZInviteJoinBody.safeParse({ code })
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '邀请码格式不正确')
      throw KEEP_OPEN
    }
    const outbox = userOutbox()
    if (!outbox) throw KEEP_OPEN
    setBusy(true)
    setError(null)
    try {
      const entry = queueJoinEnterprise(parsed.data.code)
      const outcome = await write(entry, {
        done: (data) => {
          const result = ZJoinResult.safeParse(data)
          const name = result.success ? `「${result.data.enterpriseName}」` : '企业'
          return `已申请加入${name}，等待联络员审核`
        },
        // Shown here, where the user can correct the code; no need to keep it in 任务 as well.
        onRefused: setError,
      })
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
      title="加入企业"
      confirmText="申请加入"
      cancelText="取消"
      disableConfirmButton={busy}
      closeOnOverlayClick={!busy}
      onConfirm={submit}
      onCancel={onClose}
      onClose={onClose}
    >
      <View className="form-dialog">
        <Text className="form-dialog__hint">请输入本企业联络员提供的 8 位邀请码，提交后由联络员审核。</Text>
        <View className={`form-dialog__field${error ? ' form-dialog__field--error' : ''}`}>
          <Input
            className="form-dialog__input"
            value={code}
            placeholder="例如 A1B2C3D4"
            maxLength={8}
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
