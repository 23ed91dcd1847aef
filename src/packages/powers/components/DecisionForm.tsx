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
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { firstPartIn, useFieldErrors } from '@/hooks/useFieldErrors'
import type { WriteOptions } from '@/hooks/useWrite'
import { LabelledField, LabelledText } from '@/components/FormField'
import { Chips } from '@/components/Chips'
import './powers.scss'
import { formatDate } from '@/models/format'

const LIMITS = maxLengthsOf(ZDecisionUpdate.shape, ['subject', 'meeting', 'attendees', 'result', 'note'])

export type DecisionSubmit =
  { kind: 'create'; body: TDecisionCreate } | { kind: 'correct'; body: TDecisionUpdate }
/** Where the page's write puts the server's refusal: each field's message under it, the rest by the form. */
export type DecisionRefused = NonNullable<WriteOptions['onRefused']>

/** The fields a problem is shown under (anything else, e.g. the version, by the form). */
const fieldOf = firstPartIn([
  'subject',
  'category',
  'decidedOn',
  'meeting',
  'attendees',
  'result',
  'note',
] as const)

/**
 * 登记 a decision, or 更正 one (`was`): 事项, category, the meeting's date (北京时间, not after today), 会议,
 * 参会人员, 决策结果, and on a correction its 更正说明. `onSubmit` answers whether it was accepted; the
 * page's write hands the server's refusal to `refused`, which puts each field's message under it.
 */
export function DecisionForm(props: {
  was?: TDecisionDetail
  busy: boolean
  onSubmit: (submit: DecisionSubmit, refused: DecisionRefused) => Promise<boolean>
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
  // A field's message goes once it is edited (`edit`; the next tap says anew).
  const { errors, formError, refused, failed, say, edit } = useFieldErrors(fieldOf)
  const [sent, setSent] = useState(false)
  useUnsavedGuard(!sent && Boolean(was ? note.trim() : subject.trim() || result.trim()))

  const submit = async () => {
    const fields = { subject, category, decidedOn, meeting, attendees, result }
    const checked = was
      ? ZDecisionUpdate.safeParse({ ...fields, version: was.version, note })
      : ZDecisionCreate.safeParse(fields)
    const late = decidedOn > today ? [{ path: ['decidedOn'], message: '决策日期不能晚于今天' }] : []
    if (!checked.success || late.length)
      return failed([...late, ...(checked.success ? [] : checked.error.issues)])
    say(null)
    const ok = await props.onSubmit(
      was
        ? { kind: 'correct', body: checked.data as TDecisionUpdate }
        : { kind: 'create', body: checked.data as TDecisionCreate },
      refused,
    )
    if (ok) setSent(true)
  }

  return (
    <View className="a-card pw-form decision-form">
      {was ? <Text className="a-card__title">更正决策记录</Text> : null}
      <LabelledText
        block="pw-form"
        label="事项"
        error={errors.subject}
        value={subject}
        limit={LIMITS.subject}
        placeholder="决策事项名称"
        onChange={edit('subject', setSubject)}
      />
      <LabelledField block="pw-form" label="类别" error={errors.category}>
        <Chips
          block="pw-chips"
          options={DECISION_CATEGORIES}
          value={category}
          label={(c) => DECISION_CATEGORY_LABELS[c]}
          onPick={(c) => c && edit('category', setCategory)(c)}
        />
      </LabelledField>
      <LabelledField block="pw-form" label="决策日期" error={errors.decidedOn}>
        <Text className="pw-form__date" onClick={() => setPicking(true)}>
          {formatDate(decidedOn)}
        </Text>
      </LabelledField>
      <LabelledText
        block="pw-form"
        label="决策会议"
        error={errors.meeting}
        value={meeting}
        limit={LIMITS.meeting}
        placeholder="如：党委会、董事会、总经理办公会"
        onChange={edit('meeting', setMeeting)}
      />
      <LabelledText
        block="pw-form"
        label="参会人员"
        error={errors.attendees}
        rows={2}
        value={attendees}
        limit={LIMITS.attendees}
        onChange={edit('attendees', setAttendees)}
      />
      <LabelledText
        block="pw-form"
        label="决策结果"
        error={errors.result}
        rows={3}
        value={result}
        limit={LIMITS.result}
        onChange={edit('result', setResult)}
      />
      {was ? (
        <>
          <LabelledText
            block="pw-form"
            label="更正说明"
            error={errors.note}
            rows={2}
            value={note}
            limit={LIMITS.note}
            placeholder="为什么更正"
            onChange={edit('note', setNote)}
          />
          <Text className="pw-form__hint">更正后原记录和更正说明一并保留，监管部门可查看。</Text>
        </>
      ) : null}
      {formError ? <Text className="pw-form__error">{formError}</Text> : null}
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
        onPick={edit('decidedOn', setDecidedOn)}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}
