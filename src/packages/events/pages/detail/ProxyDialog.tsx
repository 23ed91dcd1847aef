import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import type { TEvent } from '@/models/event'
import type { TMember } from '@/models/org'
import { fetchMembers, queueProxySignIn } from '@/services/events'
import { proxyCandidates, ZProxySignInBody } from '@/models/event'
import { maxLengthOf } from '@/models/textLimit'
import { userOutbox } from '@/services/session'
import { KEEP_OPEN } from '@/services/settleWrite'
import { FormDialogInput } from '@/components/FormDialogInput'
import { useWrite } from '@/hooks/useWrite'

const REASON_LIMIT = maxLengthOf(ZProxySignInBody.shape.reason)

export interface ProxyDialogProps {
  event: TEvent
  signedUserIds: ReadonlySet<number>
  visible: boolean
  onClose: () => void
  onDone: () => void
}

/** 代签: the organiser signs in an audience member who could not scan, with the reason (kept on record). */
export function ProxyDialog({ event, signedUserIds, visible, onClose, onDone }: ProxyDialogProps) {
  const [members, setMembers] = useState<TMember[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [userId, setUserId] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const write = useWrite()

  useEffect(() => {
    if (!visible) return
    setUserId(null)
    setReason('')
    setError(null)
    setMembers(null)
    setLoadError(null)
    Promise.all(event.audience.map((a) => fetchMembers(a.id)))
      .then((lists) => setMembers(lists.flat()))
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : '成员加载失败'))
  }, [visible, event.audience])

  const submit = async (): Promise<void> => {
    if (busy) throw KEEP_OPEN
    if (userId === null) {
      setError('请选择代签人员')
      throw KEEP_OPEN
    }
    if (reason.trim().length < 2) {
      setError('请说明代签原因')
      throw KEEP_OPEN
    }
    const outbox = userOutbox()
    if (!outbox) throw KEEP_OPEN
    setBusy(true)
    try {
      const entry = queueProxySignIn(event.id, userId, reason.trim())
      const outcome = await write(entry, { done: '已代签', onRefused: setError })
      if (outcome.kind === 'refused') throw KEEP_OPEN
      onDone()
    } finally {
      setBusy(false)
    }
  }

  const candidates = proxyCandidates(members ?? [], signedUserIds)
  return (
    <Dialog
      visible={visible}
      title="组织者代签"
      confirmText="代签"
      cancelText="取消"
      disableConfirmButton={busy}
      onConfirm={submit}
      onCancel={onClose}
      onClose={onClose}
    >
      <View className="form-dialog">
        <Text className="form-dialog__hint">为无法扫码的参加人员签到，代签人与原因将记入签到表。</Text>
        {loadError ? <Text className="form-dialog__error">{loadError}</Text> : null}
        {members && candidates.length === 0 ? (
          <Text className="form-dialog__hint">没有待签到的人员</Text>
        ) : null}
        <View className="proxy-members">
          {candidates.map((m) => (
            <Text
              key={m.userId}
              className={`proxy-members__item${userId === m.userId ? ' proxy-members__item--active' : ''}`}
              onClick={() => {
                setUserId(m.userId)
                setError(null)
              }}
            >
              {m.name}
            </Text>
          ))}
        </View>
        <FormDialogInput
          value={reason}
          placeholder="代签原因，如：手机没电"
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
