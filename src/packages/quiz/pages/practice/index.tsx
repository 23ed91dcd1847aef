import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { answerIsRight, quizTopicLabel, ZQuizTopic, type TQuizTopic } from '@/models/quiz'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { PendingPage } from '@/components/PageState'
import { EmptyBox } from '@/components/EmptyImage'
import { goBack } from '@/services/navigation'
import { fetchPractice } from '../../take/api'
import { pick, type Choices } from '../../take/paperState'
import { QuestionView } from '../../take/QuestionView'
import { useTopOnChange } from '../../take/scrollTop'
import '@/styles/page.scss'
import '../../take/quiz.scss'

/** The topic a link names (1-15, G, S, R), or null for the whole bank. */
function topicParam(value: string | undefined): TQuizTopic | null {
  if (!value) return null
  const parsed = ZQuizTopic.safeParse(/^\d+$/.test(value) ? Number(value) : value)
  return parsed.success ? parsed.data : null
}

/**
 * 练习: questions drawn from the bank (by topic if chosen), no clock; each answer and its explanation
 * show right after the choice (多选: after 确认答案), a summary at the end, 再练一组. Nothing is written.
 */
export default function PracticePage() {
  const session = useRequireSession()
  const topic = topicParam(useRouter().params.task)
  const [round, setRound] = useState(1)
  const { state, reload } = useRemote(session ? `practice:${topic ?? ''}:${round}` : null, () =>
    fetchPractice(topic === null ? undefined : String(topic)),
  )
  const [choices, setChoices] = useState<Choices>({})
  const [revealed, setRevealed] = useState<Record<number, boolean>>({})
  const [index, setIndex] = useState(0)
  const [done, setDone] = useState(false)
  useTopOnChange(`${round}:${index}:${done}`)

  if (!session) return <View className="page" />
  if (state.status !== 'ready') return <PendingPage state={state} reload={reload} />
  const questions = state.data.questions
  const scope = topic === null ? '全部内容' : quizTopicLabel(topic)

  const again = () => {
    setChoices({})
    setRevealed({})
    setIndex(0)
    setDone(false)
    setRound(round + 1)
  }

  if (questions.length === 0)
    return (
      <View className="page">
        <EmptyBox title="暂无练习题" description={`题库中还没有「${scope}」的题目，请换一个范围。`} />
      </View>
    )

  const right = questions.filter((q) => revealed[q.id] && answerIsRight(choices[q.id] ?? [], q.answer)).length
  if (done)
    return (
      <View className="page quiz-practice-summary">
        <View className="page__body">
          <View className="a-card quiz-score">
            <Text className="a-card__title">{`练习小结 · ${scope}`}</Text>
            <Text className="quiz-score__value">{`${right}/${questions.length}`}</Text>
            <Text className="quiz-score__line">{`答对 ${right} 题，练习不计成绩`}</Text>
          </View>
          <View className="quiz-nav">
            <Button type="primary" onClick={again}>
              再练一组
            </Button>
            <Button fill="outline" onClick={() => void goBack()}>
              返回
            </Button>
          </View>
        </View>
      </View>
    )

  const at = Math.min(index, questions.length - 1)
  const q = questions[at]
  const choice = choices[q.id] ?? []
  const shown = Boolean(revealed[q.id])
  const choose = (i: number) => {
    setChoices({ ...choices, [q.id]: pick(q.kind, choice, i) })
    // 单选 and 判断 are answered by the one tap; 多选 waits for 确认答案.
    if (q.kind !== 'multiple') setRevealed({ ...revealed, [q.id]: true })
  }
  const last = at === questions.length - 1

  return (
    <View className="page quiz-practice-page">
      <View className="page__body">
        <View className="quiz-bar">
          <Text className="quiz-bar__title">{`练习 · ${scope}`}</Text>
          <Text className="quiz-hint">不计时 · 不计成绩</Text>
        </View>
        <QuestionView
          question={q}
          number={at + 1}
          total={questions.length}
          choice={choice}
          onPick={shown ? undefined : choose}
          reveal={shown ? { answer: q.answer, explanation: q.explanation, source: q.source } : null}
        />
        <View className="quiz-nav">
          {q.kind === 'multiple' && !shown ? (
            <Button
              type="primary"
              disabled={choice.length === 0}
              onClick={() => setRevealed({ ...revealed, [q.id]: true })}
            >
              确认答案
            </Button>
          ) : null}
          {shown && !last ? (
            <Button type="primary" onClick={() => setIndex(at + 1)}>
              下一题
            </Button>
          ) : null}
          {shown && last ? (
            <Button type="primary" onClick={() => setDone(true)}>
              查看小结
            </Button>
          ) : null}
        </View>
      </View>
    </View>
  )
}
