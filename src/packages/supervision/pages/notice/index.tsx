import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { shanghaiDate, shanghaiDateAfterDays } from '@/models/shanghaiTime'
import { ZRectificationNotice } from '@/models/rectification'
import { queueRectificationNotice } from '@/services/assessments'
import { userOutbox } from '@/services/session'
import { formatDate } from '@/models/format'
import { maxLengthOf } from '@/models/textLimit'
import { DayPicker } from '@/components/DayPicker'
import { TextField } from '@/components/TextField'
import { TextAreaField } from '@/components/TextAreaField'
import { useFormSend } from '@/hooks/useFormSend'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { InvalidLink } from '@/components/PageState'
import { FormSubmit } from '@/components/FormSubmit'
import { assessmentPages, idParam } from '@/services/routes'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import '@/packages/supervision/pages/campaigns/index.scss'
import './index.scss'
import { useWrite } from '@/hooks/useWrite'

const TITLE_LIMIT = maxLengthOf(ZRectificationNotice.shape.title)
const DETAIL_LIMIT = maxLengthOf(ZRectificationNotice.shape.detail)

/**
 * 下发整改通知: what the enterprise must put right and by when (30 days by default). It becomes a 待整改
 * item in the enterprise's 整改事项, answered and verified like a finding of the self-assessment.
 */
export default function RectificationNoticePage() {
  const session = useRequireSession()
  const write = useWrite()
  const params = useRouter().params
  const eid = idParam(params.eid)
  const enterpriseName = decodeURIComponent(params.name ?? '')
  const [title, setTitle] = useState('')
  const [detail, setDetail] = useState('')
  const [deadline, setDeadline] = useState(() => shanghaiDateAfterDays(Date.now(), 30))
  const [picking, setPicking] = useState(false)
  const { error, setError, busy, run } = useFormSend()
  // Not useFormSend's `send`: a delivered notice opens the enterprise's 整改事项 instead of going back.
  const [sent, setSent] = useState(false)
  useUnsavedGuard(!sent && Boolean(title.trim() || detail.trim()))

  if (!session) return <View className="page" />
  if (!eid) return <InvalidLink message="页面链接不完整，请从监管总览进入" />

  const submit = () =>
    run(ZRectificationNotice.safeParse({ title, detail, deadline }), async (notice) => {
      if (!userOutbox()) return
      if (notice.deadline < shanghaiDate(Date.now())) {
        setError('整改期限不能早于今天')
        return
      }
      const outcome = await write(queueRectificationNotice(eid, notice), {
        done: '整改通知已下发',
        onRefused: setError,
      })
      if (outcome.kind === 'refused') return
      setSent(true)
      void Taro.redirectTo({ url: assessmentPages.rectifications(eid) })
    })

  return (
    <View className="page campaigns notice">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">{enterpriseName || '整改通知'}</Text>
          <Text className="campaigns__hint">
            企业联络员将在「整改事项」中看到本通知，报送整改情况后由监管部门核验销号。
          </Text>
          <Text className="campaigns__label notice__label">整改事项</Text>
          <TextField
            className="campaigns__name notice__title"
            value={title}
            limit={TITLE_LIMIT}
            placeholder="如：廉洁风险点排查不全面"
            onChange={setTitle}
          />
          <Text className="campaigns__label notice__label">整改要求</Text>
          <TextAreaField
            rows={4}
            className="campaigns__name notice__detail"
            value={detail}
            limit={DETAIL_LIMIT}
            placeholder="问题、依据和整改要求"
            onChange={setDetail}
          />
          <View className="campaigns__row notice__deadline" onClick={() => setPicking(true)}>
            <Text className="campaigns__label">整改期限</Text>
            <Text className="campaigns__value">{formatDate(deadline)}</Text>
          </View>
          <FormSubmit
            block="campaigns"
            className="notice__submit"
            error={error}
            busy={busy}
            onSubmit={submit}
          >
            下发
          </FormSubmit>
        </View>
      </View>
      <DayPicker
        visible={picking}
        title="整改期限"
        value={deadline}
        onPick={setDeadline}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}
