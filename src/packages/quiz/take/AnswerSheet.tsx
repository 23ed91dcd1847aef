import { Text, View } from '@tarojs/components'
import './quiz.scss'

/** 答题卡: every question's number, filled once answered; a tap opens it. */
export function AnswerSheet(props: {
  questions: readonly { id: number }[]
  isAnswered: (questionId: number) => boolean
  current: number
  onJump: (index: number) => void
}) {
  const done = props.questions.filter((q) => props.isAnswered(q.id)).length
  return (
    <View className="a-card quiz-sheet-card">
      <Text className="a-card__title">{`答题卡 · 已答 ${done}/${props.questions.length}`}</Text>
      <View className="quiz-sheet">
        {props.questions.map((q, i) => (
          <Text
            key={q.id}
            className={`quiz-sheet__cell${props.isAnswered(q.id) ? ' quiz-sheet__cell--done' : ''}${i === props.current ? ' quiz-sheet__cell--current' : ''}`}
            onClick={() => props.onJump(i)}
          >
            {i + 1}
          </Text>
        ))}
      </View>
    </View>
  )
}
