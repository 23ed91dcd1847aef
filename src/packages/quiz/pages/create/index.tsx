import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { QUIZ_LIMITS, ZQuizCreate } from '@/models/quiz'
import { maxLengthsOf } from '@/models/textLimit'
import { formatDate } from '@/models/format'
import { shanghaiDate } from '@/models/shanghaiTime'
import { fetchActiveCount, queueQuizCreate } from '@/services/quizOffice'
import { DayPicker } from '@/components/DayPicker'
import { TextField } from '@/components/TextField'
import { TextAreaField } from '@/components/TextAreaField'
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
          <Text className="qo-form__label">竞赛名称</Text>
          <TextField
            className="qo-form__field"
            value={draft.title}
            limit={LIMITS.title}
            placeholder="如：2026年度廉政知识竞赛"
            onChange={set('title')}
          />
          <Text className="qo-form__label">说明（选填）</Text>
          <TextAreaField
            className="qo-form__area"
            rows={3}
            value={draft.description}
            limit={LIMITS.description}
            placeholder="参赛对象、奖励办法等"
            onChange={set('description')}
          />
          <View className="qo-form__row qo-starts" onClick={() => setPicking('startsOn')}>
            <Text className="qo-form__label">开始日期</Text>
            <Text>{formatDate(draft.startsOn)}</Text>
          </View>
          <View className="qo-form__row qo-ends" onClick={() => setPicking('endsOn')}>
            <Text className="qo-form__label">结束日期</Text>
            <Text>{formatDate(draft.endsOn)}</Text>
          </View>
          <Text className="qo-form__label">每卷题数</Text>
          <TextField
            className="qo-form__field"
            type="number"
            value={draft.questionCount}
            limit={4}
            placeholder="每卷题数"
            onChange={(value) => {
              countTyped.current = true
              set('questionCount')(value)
            }}
          />
          <Text className="qo-form__hint">{questionCountHint(activeCount)}</Text>
          <Text className="qo-form__label">限时（分钟）</Text>
          <TextField
            className="qo-form__field"
            type="number"
            value={draft.timeLimitMinutes}
            limit={4}
            placeholder="限时（分钟）"
            onChange={set('timeLimitMinutes')}
          />
          <Text className="qo-form__hint">{`${timeLimitMinutes.min}–${timeLimitMinutes.max} 分钟，超时交卷不计成绩`}</Text>
          <Text className="qo-form__label">每天可答次数</Text>
          <TextField
            className="qo-form__field"
            type="number"
            value={draft.attemptsPerDay}
            limit={4}
            placeholder="每天可答次数"
            onChange={set('attemptsPerDay')}
          />
          <Text className="qo-form__hint">{`${attemptsPerDay.min}–${attemptsPerDay.max} 次，取最好成绩`}</Text>
          {error ? <Text className="qo-form__error">{error}</Text> : null}
          <Button type="primary" block loading={busy} onClick={() => void submit()}>
            新建竞赛
          </Button>
        </View>
      </View>
      <DayPicker
        visible={picking !== null}
        title={picking === 'endsOn' ? '结束日期' : '开始日期'}
        startDate={days.earliest}
        endDate={days.latest}
        value={picking ? draft[picking] : undefined}
        onPick={(day) => picking && set(picking)(day)}
        onClose={() => setPicking(null)}
      />
    </View>
  )
}
