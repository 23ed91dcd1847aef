import { Text, View } from '@tarojs/components'
import { Checkbox, Radio } from '@nutui/nutui-react-taro'
import {
  answerIsRight,
  QUESTION_KIND_LABELS,
  quizTopicLabel,
  type TPaperQuestion,
  type TQuestionSource,
} from '@/models/quiz'
import './quiz.scss'

/** A, B, C … as an option is named in 正确答案 and the answer sheet. */
export const optionLetter = (index: number) => String.fromCharCode(65 + index)
export const lettersOf = (indexes: readonly number[]) =>
  indexes.length ? indexes.map(optionLetter).join('') : '未作答'

/** What a question shows once its answer may be seen (练习 after a choice, a handed-in paper). */
export interface Reveal {
  answer: number[]
  explanation: string
  source: TQuestionSource
}

/** 出处：任务11 · 开展读廉政书、廉政知识竞赛…… (as 题库 writes it: phrases often open with their own quotes) */
export function sourceLine(source: TQuestionSource): string {
  return `出处：${quizTopicLabel(source.task)} · ${source.phrase}`
}

/**
 * One question: its kind, stem and options (NutUI Radio for 单选/判断, Checkbox for 多选). With `reveal`
 * the options are locked, the right ones marked 正确 and a wrong choice 错误, with the explanation and
 * the programme's words it tests.
 */
export function QuestionView(props: {
  question: TPaperQuestion
  number: number
  total: number
  choice: readonly number[]
  onPick?: (index: number) => void
  reveal?: Reveal | null
}) {
  const { question: q, choice, reveal } = props
  // Locked options keep their full colour (NutUI's disabled look greys out the text to be read).
  const locked = Boolean(reveal) || !props.onPick
  const tone = (i: number) => {
    if (!reveal) return ''
    if (reveal.answer.includes(i)) return ' quiz-option--right'
    return choice.includes(i) ? ' quiz-option--wrong' : ''
  }
  return (
    <View className="a-card quiz-question">
      <View className="quiz-question__head">
        <Text className="quiz-question__kind">{QUESTION_KIND_LABELS[q.kind]}</Text>
        <Text className="quiz-question__progress">{`第 ${props.number}/${props.total} 题`}</Text>
      </View>
      <Text className="quiz-question__stem">{q.stem}</Text>
      {q.kind === 'multiple' ? <Text className="quiz-question__hint">可选多项，全部选对才得分</Text> : null}
      <View className="quiz-question__options">
        {q.options.map((text, i) => {
          const checked = choice.includes(i)
          const label = `${optionLetter(i)}. ${text}`
          const onChange = () => {
            if (!locked) props.onPick?.(i)
          }
          return (
            <View
              key={i}
              className={`quiz-option${checked ? ' quiz-option--chosen' : ''}${tone(i)}`}
              onClick={onChange}
            >
              {q.kind === 'multiple' ? (
                <Checkbox className="quiz-option__control" checked={checked} label={label} />
              ) : (
                <Radio className="quiz-option__control" checked={checked}>
                  {label}
                </Radio>
              )}
              {reveal && reveal.answer.includes(i) ? <Text className="quiz-option__mark">正确</Text> : null}
              {reveal && checked && !reveal.answer.includes(i) ? (
                <Text className="quiz-option__mark quiz-option__mark--wrong">错误</Text>
              ) : null}
            </View>
          )
        })}
      </View>
      {reveal ? <Explanation reveal={reveal} choice={choice} /> : null}
    </View>
  )
}

/** 正确答案 and 你的答案, the explanation, and where in the programme the question comes from. */
export function Explanation({ reveal, choice }: { reveal: Reveal; choice: readonly number[] }) {
  const right = answerIsRight(choice, reveal.answer)
  return (
    <View className="quiz-explain">
      <Text className={`quiz-explain__verdict${right ? '' : ' quiz-explain__verdict--wrong'}`}>
        {`${right ? '回答正确' : '回答错误'} · 正确答案 ${lettersOf(reveal.answer)} · 你的答案 ${lettersOf(choice)}`}
      </Text>
      <Text className="quiz-explain__text">{`解析：${reveal.explanation}`}</Text>
      <Text className="quiz-explain__source">{sourceLine(reveal.source)}</Text>
    </View>
  )
}
