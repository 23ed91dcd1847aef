import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { QUIZ_LIMITS, ZQuizCreate } from '@/models/quiz'
import { maxLengthsOf } from '@/models/textLimit'
import { formatDate } from '@/models/format'
import { shanghaiDate } from '@/models/shanghaiTime'
import { fetchActiveCount, queueQuizCreate } from '@/services/quizOffice'
import { DayPicker } from '@/components/DayPicker'
import { FormSubmit } from '@/components/FormSubmit'
import { QuizNumberField, QuizTextField } from '@/packages/quiz/components/QuizFormFields'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { useFormSend } from '@/hooks/useFormSend'
import {
  checkQuiz,
  initialQuestionCount,
  questionCountHint,
  quizWindow,
  type QuizDraft,
} from '../../components/officeForms'
import '@/styles/page.scss'
import '../../components/quizOffice.scss'

const LIMITS = maxLengthsOf(ZQuizCreate.shape, ['title', 'description'])
const { timeLimitMinutes, attemptsPerDay } = QUIZ_LIMITS
/** The two days of a quiz's window, each a row that opens the day picker. */
const DAY_FIELDS = [
  { field: 'startsOn', label: '开始日期', block: 'qo-starts' },
  { field: 'endsOn', label: '结束日期', block: 'qo-ends' },
] as const

/**
 * 新建竞赛 (the office): name, 说明, the window (北京时间 days, today → +30 by default), the paper's size (no
 * more than the questions 启用 in 题库), its time limit and how many papers a person may start a day.
 */
export default function QuizCreatePage() {
  const session = useRequireSession()
  // Worked out once: the days on offer stay those of the day the form was opened.
  const [days] = useState(() => quizWindow(Date.now()))
  const [draft, setDraft] = useState<QuizDraft>(() => ({
    title: '',
    description: '',
    startsOn: days.startsOn,
    endsOn: days.endsOn,
    questionCount: initialQuestionCount(null),
    timeLimitMinutes: '15',
    attemptsPerDay: '3',
  }))
  const [picking, setPicking] = useState<'startsOn' | 'endsOn' | null>(null)
  const active = useRemote(session ? 'quiz-active-count' : null, fetchActiveCount)
  const activeCount = active.state.status === 'ready' ? active.state.data : null
  // Once the bank's count is known, 每卷题数 fits it, unless the clerk has typed one already.
  const countTyped = useRef(false)
  useEffect(() => {
    if (activeCount !== null && !countTyped.current)
      setDraft((d) => ({ ...d, questionCount: initialQuestionCount(activeCount) }))
  }, [activeCount])
  const { error, busy, sent, send } = useFormSend()
  useUnsavedGuard(!sent && Boolean(draft.title.trim() || draft.description.trim()))
  if (!session) return <View className="page" />

  const set = (key: keyof QuizDraft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }))
  const submit = () =>
    send(checkQuiz(draft, shanghaiDate(Date.now()), activeCount), queueQuizCreate, '已新建竞赛')

  return (
    <View className="page">
      <View className="page__body">
        <View className="a-card qo-form">
          <QuizTextField
            label="竞赛名称"
            value={draft.title}
            limit={LIMITS.title}
            placeholder="如：2026年度廉政知识竞赛"
            onChange={set('title')}
          />
          <QuizTextField
            label="说明（选填）"
            rows={3}
            value={draft.description}
            limit={LIMITS.description}
            placeholder="参赛对象、奖励办法等"
            onChange={set('description')}
          />
          {DAY_FIELDS.map(({ field, label, block }) => (
            <View key={field} className={`qo-form__row ${block}`} onClick={() => setPicking(field)}>
              <Text className="qo-form__label">{label}</Text>
              <Text>{formatDate(draft[field])}</Text>
            </View>
          ))}
          <QuizNumberField
            label="每卷题数"
            hint={questionCountHint(activeCount)}
            value={draft.questionCount}
            onChange={(value) => {
              countTyped.current = true
              set('questionCount')(value)
            }}
          />
          <QuizNumberField
            label="限时（分钟）"
            hint={`${timeLimitMinutes.min}–${timeLimitMinutes.max} 分钟，超时交卷不计成绩`}
            value={draft.timeLimitMinutes}
            onChange={set('timeLimitMinutes')}
          />
          <QuizNumberField
            label="每天可答次数"
            hint={`${attemptsPerDay.min}–${attemptsPerDay.max} 次，取最好成绩`}
            value={draft.attemptsPerDay}
            onChange={set('attemptsPerDay')}
          />
          <FormSubmit block="qo-form" error={error} busy={busy} onSubmit={submit}>
            新建竞赛
          </FormSubmit>
        </View>
      </View>
      <DayPicker
        visible={picking !== null}
        title={(DAY_FIELDS.find((d) => d.field === picking) ?? DAY_FIELDS[0]).label}
        startDate={days.earliest}
        endDate={days.latest}
        value={picking ? draft[picking] : undefined}
        onPick={(day) => picking && set(picking)(day)}
        onClose={() => setPicking(null)}
      />
    </View>
  )
}
