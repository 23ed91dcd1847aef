import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import {
  DECISION_CATEGORIES,
  DECISION_CATEGORY_LABELS,
  ZDecisionCreate,
  ZDecisionUpdate,
  type TDecisionCategory,
  type TDecisionCreate,
  type TDecisionDetail,
  type TDecisionUpdate,
} from '@/models/powers'
import { shanghaiDate } from '@/models/shanghaiTime'
import { maxLengthsOf } from '@/models/textLimit'
import { DayPicker } from '@/components/DayPicker'
import { TextField } from '@/components/TextField'
import { TextAreaField } from '@/components/TextAreaField'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { Chips } from '@/components/Chips'
import './powers.scss'
import { formatDate } from '@/models/format'

const LIMITS = maxLengthsOf(ZDecisionUpdate.shape, ['subject', 'meeting', 'attendees', 'result', 'note'])

export type DecisionSubmit =
  { kind: 'create'; body: TDecisionCreate } | { kind: 'correct'; body: TDecisionUpdate }

/**
 * 登记 a decision, or 更正 one (`was`): 事项, category, the meeting's date (北京时间, not after today), 会议,
 * 参会人员, 决策结果, and on a correction its 更正说明. `onSubmit` answers whether it was accepted;
 * the server's refusal comes back in `error`.
 */
export function DecisionForm(props: {
  was?: TDecisionDetail
  busy: boolean
  error: string | null
  onSubmit: (submit: DecisionSubmit) => Promise<boolean>
  onCancel?: () => void
}) {
  const { was } = props
  const today = shanghaiDate(Date.now())
  const [subject, setSubject] = useState(was?.subject ?? '')
  const [category, setCategory] = useState<TDecisionCategory | null>(was?.category ?? null)
  const [decidedOn, setDecidedOn] = useState(was?.decidedOn ?? today)
  const [meeting, setMeeting] = useState(was?.meeting ?? '')
  const [attendees, setAttendees] = useState(was?.attendees ?? '')
  const [result, setResult] = useState(was?.result ?? '')
  const [note, setNote] = useState('')
  const [picking, setPicking] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [sent, setSent] = useState(false)
  useUnsavedGuard(!sent && Boolean(was ? note.trim() : subject.trim() || result.trim()))

  const submit = async () => {
    const fields = { subject, category, decidedOn, meeting, attendees, result }
    const checked = was
      ? ZDecisionUpdate.safeParse({ ...fields, version: was.version, note })
      : ZDecisionCreate.safeParse(fields)
    if (!checked.success) return setProblem(checked.error.issues[0]?.message ?? '请检查填写内容')
    if (decidedOn > today) return setProblem('决策日期不能晚于今天')
    setProblem(null)
    const ok = await props.onSubmit(
      was
        ? { kind: 'correct', body: checked.data as TDecisionUpdate }
        : { kind: 'create', body: checked.data as TDecisionCreate },
    )
    if (ok) setSent(true)
  }

  const error = problem ?? props.error
  return (
    <View className="a-card pw-form decision-form">
      {was ? <Text className="a-card__title">更正决策记录</Text> : null}
      <Text className="pw-form__label">事项</Text>
      <TextField value={subject} limit={LIMITS.subject} placeholder="决策事项名称" onChange={setSubject} />
      <Text className="pw-form__label">类别</Text>
      <Chips
        block="pw-chips"
        options={DECISION_CATEGORIES}
        value={category}
        label={(c) => DECISION_CATEGORY_LABELS[c]}
        onPick={(c) => c && setCategory(c)}
      />
      <Text className="pw-form__label">决策日期</Text>
      <Text className="pw-form__date" onClick={() => setPicking(true)}>
        {formatDate(decidedOn)}
      </Text>
      <Text className="pw-form__label">决策会议</Text>
      <TextField
        value={meeting}
        limit={LIMITS.meeting}
        placeholder="如：党委会、董事会、总经理办公会"
        onChange={setMeeting}
      />
      <Text className="pw-form__label">参会人员</Text>
      <TextAreaField rows={2} value={attendees} limit={LIMITS.attendees} onChange={setAttendees} />
      <Text className="pw-form__label">决策结果</Text>
      <TextAreaField rows={3} value={result} limit={LIMITS.result} onChange={setResult} />
      {was ? (
        <>
          <Text className="pw-form__label">更正说明</Text>
          <TextAreaField
            rows={2}
            value={note}
            limit={LIMITS.note}
            placeholder="为什么更正"
            onChange={setNote}
          />
          <Text className="pw-form__hint">更正后原记录和更正说明一并保留，监管部门可查看。</Text>
        </>
      ) : null}
      {error ? <Text className="pw-form__error">{error}</Text> : null}
      <View className="pw-actions">
        {props.onCancel ? <Button onClick={props.onCancel}>取消</Button> : null}
        <Button type="primary" loading={props.busy} onClick={() => void submit()}>
          {was ? '提交更正' : '登记'}
        </Button>
      </View>
      <DayPicker
        visible={picking}
        title="决策日期"
        startDate={dayjs(today).subtract(10, 'year').toDate()}
        endDate={dayjs(today).toDate()}
        value={decidedOn}
        onPick={setDecidedOn}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}
