import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ZProxySignInBody, type TEvent } from '@/models/event'
import { type TAbsentee } from '@/models/attendance'
import { fetchAbsentees, queueProxySignIn } from '@/services/events'
import { maxLengthOf } from '@/models/textLimit'
import { FormDialogInput } from '@/components/FormDialogInput'
import { useDialogSubmit } from '@/hooks/useDialogSubmit'
import { FormDialog } from '@/components/FormDialog'
import './ProxyDialog.scss'

/** How many of the 未签到 the dialog offers to pick from; the 签到名单 page reaches everyone. */
const CANDIDATES = 200

const REASON_LIMIT = maxLengthOf(ZProxySignInBody.shape.reason)

export interface ProxyDialogProps {
  event: Pick<TEvent, 'id'>
  visible: boolean
  /** The person chosen on the 未签到 list; without one, the dialog offers the first of them. */
  person?: Pick<TAbsentee, 'userId' | 'name'> | null
  onClose: () => void
  onDone: () => void
}

/**
 * 代签: the organiser signs in an audience member who could not scan, with the reason (kept on record with
 * the organiser's name as 代签人). The candidates are the event's 未签到 whose account is in use.
 */
export function ProxyDialog({ event, visible, person, onClose, onDone }: ProxyDialogProps) {
  const [candidates, setCandidates] = useState<TAbsentee[] | null>(null)
  const [more, setMore] = useState(0)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [userId, setUserId] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const dialog = useDialogSubmit()
  const { error, setError, busy, reset } = dialog

  useEffect(() => {
    if (!visible) return
    setUserId(person?.userId ?? null)
    setReason('')
    reset()
    setCandidates(null)
    setLoadError(null)
    if (person) return
    fetchAbsentees(event.id, 1, CANDIDATES)
      .then((page) => {
        const usable = page.items.filter((a) => !a.disabled)
        setCandidates(usable)
        setMore(Math.max(0, page.total - page.items.length))
      })
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : '名单加载失败'))
  }, [visible, event.id, person, reset])

  const submit = async (): Promise<void> => {
    if (userId === null) return dialog.refuse('请选择代签人员')
    if (reason.trim().length < 2) return dialog.refuse('请说明代签原因')
    await dialog.send(() => queueProxySignIn(event.id, userId, reason.trim()), { done: '已代签' })
    onDone()
  }

  return (
    <FormDialog
      visible={visible}
      title="组织者代签"
      confirmText="代签"
      busy={busy}
      onConfirm={submit}
      onClose={onClose}
    >
      <Text className="form-dialog__hint">为无法扫码的参加人员签到，代签人与原因将记入签到表。</Text>
      {loadError ? <Text className="form-dialog__error">{loadError}</Text> : null}
      {person ? <Text className="proxy-members__chosen">代签：{person.name}</Text> : null}
      {candidates && candidates.length === 0 ? (
        <Text className="form-dialog__hint">没有待签到的人员</Text>
      ) : null}
      <View className="proxy-members">
        {(candidates ?? []).map((m) => (
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
      {more > 0 ? (
        <Text className="form-dialog__hint">另有 {more} 人未列出，请在“签到名单 → 未签到”中代签。</Text>
      ) : null}
      <FormDialogInput
        value={reason}
        placeholder="代签原因，如：手机没电"
        limit={REASON_LIMIT}
        error={error}
        onChange={dialog.edit(setReason)}
      />
    </FormDialog>
  )
}
