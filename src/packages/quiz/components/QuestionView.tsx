import { Text, View } from '@tarojs/components'
import { QUESTION_KIND_LABELS, quizTopicLabel, type TQuestion } from '@/models/quiz'
import { optionLetter } from './officeForms'

/** A question's kind, 内置 and code over its stem: the head of a question in 题库 and on its own page. */
export function QuestionHead({ question }: { question: TQuestion }) {
  return (
    <>
      <View className="qo-tags">
        <Text className="qo-tag qo-tag--kind">{QUESTION_KIND_LABELS[question.kind]}</Text>
        {question.builtIn ? <Text className="qo-tag qo-tag--builtin">内置</Text> : null}
        <Text className="qo-card__meta">{question.code}</Text>
      </View>
      <Text className="qo-card__stem">{question.stem}</Text>
    </>
  )
}

/** A question as it stands, answers marked: how a built-in question (read-only) is shown. */
export function QuestionView({ question }: { question: TQuestion }) {
  const multiple = question.kind === 'multiple'
  return (
    <View className="a-card qo-form">
      <QuestionHead question={question} />
      {question.options.map((o, i) => (
        <View key={i} className="qo-option">
          <Text
            className={`qo-option__mark${multiple ? ' qo-option__mark--multiple' : ''}${
              question.answer.includes(i) ? ' qo-option__mark--right' : ''
            }`}
          >
            {optionLetter(i)}
          </Text>
          <Text className="qo-option__fixed">{o}</Text>
        </View>
      ))}
      <Text className="qo-form__label">解析</Text>
      <Text className="qo-card__quote">{question.explanation}</Text>
      <Text className="qo-form__label">出处</Text>
      <Text className="qo-card__quote">
        {`${quizTopicLabel(question.source.task)} · ${question.source.phrase}`}
      </Text>
    </View>
  )
}
