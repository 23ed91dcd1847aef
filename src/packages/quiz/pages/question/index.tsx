import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Switch } from '@nutui/nutui-react-taro'
import {
  QUESTION_KIND_LABELS,
  QUESTION_KINDS,
  quizTopicLabel,
  ZQuestionCreate,
  ZQuestionSource,
  type TQuestion,
  type TQuizTopic,
} from '@/models/quiz'
import { maxLengthOf, maxLengthsOf } from '@/models/textLimit'
import {
  fetchQuestion,
  queueQuestionActive,
  queueQuestionCreate,
  queueQuestionUpdate,
} from '@/services/quizOffice'
import { idParam } from '@/services/routes'
import { TextField } from '@/components/TextField'
import { QuizTextField } from '@/packages/quiz/components/QuizFormFields'
import { Chips } from '@/components/Chips'
import { ErrorState, LoadingState } from '@/components/PageState'
import { FormSubmit } from '@/components/FormSubmit'
import { useRequireSession } from '@/hooks/useSession'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { useFormSend } from '@/hooks/useFormSend'
import { useWrite } from '@/hooks/useWrite'
import { goBack } from '@/services/navigation'
import { QuestionView } from '../../components/QuestionView'
import {
  addOption,
  checkQuestion,
  MAX_OPTIONS,
  optionLetter,
  QUIZ_TOPICS,
  removeOption,
  toggleAnswer,
  withKind,
  type OptionsDraft,
} from '../../components/officeForms'
import '@/styles/page.scss'
import '../../components/quizOffice.scss'
import { useBusy } from '@/hooks/useBusy'

const LIMITS = {
  ...maxLengthsOf(ZQuestionCreate.shape, ['stem', 'explanation']),
  option: maxLengthOf(ZQuestionCreate.shape.options.element),
  phrase: maxLengthOf(ZQuestionSource.shape.phrase),
}
const BUILT_IN_NOTICE = '内置题目出自实施方案原文，只能停用'

/** A built-in question: shown as it is, with only 启用 / 停用. */
function BuiltInQuestion({ question }: { question: TQuestion }) {
  const write = useWrite()
  const [active, setActive] = useState(question.active)
  const [busy, whileBusy] = useBusy()
  const flip = async () => {
    await whileBusy(async () => {
      const outcome = await write(queueQuestionActive({ ...question, active }, !active), {
        done: active ? '已停用' : '已启用',
      })
      if (outcome.kind !== 'refused') setActive(!active)
    })
  }
  return (
    <View className="page">
      <View className="page__body">
        <View className="a-card qo-readonly">
          <Text className="qo-readonly__notice">{`${BUILT_IN_NOTICE}：题干、选项、答案和出处不能修改。`}</Text>
          <View className="qo-form__row">
            <Text>{active ? '已启用，可抽入试卷' : '已停用，不再抽题'}</Text>
            <Button
              size="small"
              type={active ? 'default' : 'primary'}
              loading={busy}
              onClick={() => void flip()}
            >
              {active ? '停用此题' : '启用此题'}
            </Button>
          </View>
        </View>
        <QuestionView question={{ ...question, active }} />
      </View>
    </View>
  )
}

/** 新增题目 (no `id`) or 编辑题目: a county question of the office's own. */
function QuestionForm({ loaded }: { loaded: TQuestion | null }) {
  const [draft, setDraft] = useState<OptionsDraft>(() =>
    loaded
      ? { kind: loaded.kind, options: loaded.options, answer: loaded.answer }
      : { kind: 'single', options: ['', '', '', ''], answer: [] },
  )
  const [stem, setStem] = useState(loaded?.stem ?? '')
  const [explanation, setExplanation] = useState(loaded?.explanation ?? '')
  const [topic, setTopic] = useState<TQuizTopic>(loaded?.source.task ?? 11)
  const [phrase, setPhrase] = useState(loaded?.source.phrase ?? '')
  const [active, setActive] = useState(loaded?.active ?? true)
  const { error, busy, sent, send } = useFormSend()
  useUnsavedGuard(!sent && (loaded ? stem !== loaded.stem : Boolean(stem.trim())))
  const multiple = draft.kind === 'multiple'

  const setOption = (index: number, text: string) =>
    setDraft((d) => ({ ...d, options: d.options.map((o, i) => (i === index ? text : o)) }))

  const submit = async () => {
    const fields = { ...draft, stem, explanation, source: { task: topic, phrase } }
    await send(
      checkQuestion(fields),
      (data) => (loaded ? queueQuestionUpdate(loaded.id, { ...data, active }) : queueQuestionCreate(data)),
      loaded ? '已保存' : '已新增题目',
    )
  }

  return (
    <View className="page">
      <View className="page__body">
        <View className="a-card qo-form">
          <Text className="qo-form__label">题型</Text>
          <Chips
            block="qo-kinds"
            options={QUESTION_KINDS}
            value={draft.kind}
            label={(k) => QUESTION_KIND_LABELS[k]}
            onPick={(k) => setDraft((d) => withKind(d, k))}
          />
          <QuizTextField
            label="题干"
            rows={3}
            value={stem}
            limit={LIMITS.stem}
            placeholder="题干"
            onChange={setStem}
          />
          <Text className="qo-form__label">
            {multiple ? '选项（点字母标出全部正确答案）' : '选项（点字母标出正确答案）'}
          </Text>
          {draft.options.map((o, i) => (
            <View key={i} className="qo-option">
              <Text
                className={`qo-option__mark${multiple ? ' qo-option__mark--multiple' : ''}${
                  draft.answer.includes(i) ? ' qo-option__mark--right' : ''
                }`}
                onClick={() => setDraft((d) => ({ ...d, answer: toggleAnswer(d, i) }))}
              >
                {optionLetter(i)}
              </Text>
              {draft.kind === 'judge' ? (
                <Text className="qo-option__fixed">{o}</Text>
              ) : (
                <>
                  <View className="qo-option__text">
                    <TextField
                      className="qo-form__field"
                      value={o}
                      limit={LIMITS.option}
                      placeholder={`选项 ${optionLetter(i)}`}
                      onChange={(text) => setOption(i, text)}
                    />
                  </View>
                  {draft.options.length > 2 ? (
                    <Text className="qo-option__remove" onClick={() => setDraft((d) => removeOption(d, i))}>
                      删除
                    </Text>
                  ) : null}
                </>
              )}
            </View>
          ))}
          {draft.kind !== 'judge' && draft.options.length < MAX_OPTIONS ? (
            <Button size="small" fill="outline" onClick={() => setDraft((d) => addOption(d))}>
              添加选项
            </Button>
          ) : null}
          <QuizTextField
            label="解析"
            rows={3}
            value={explanation}
            limit={LIMITS.explanation}
            placeholder="答案的依据，交卷后给答题人看"
            onChange={setExplanation}
          />
          <Text className="qo-form__label">出处（实施方案的哪一部分）</Text>
          <Chips
            block="qo-kinds"
            options={QUIZ_TOPICS}
            value={topic}
            label={quizTopicLabel}
            onPick={setTopic}
          />
          <QuizTextField
            label="出处原文"
            rows={2}
            value={phrase}
            limit={LIMITS.phrase}
            placeholder="摘录实施方案原文（或所引规定）"
            onChange={setPhrase}
          />
          {loaded ? (
            <View className="qo-form__row">
              <Text>启用（抽入试卷）</Text>
              <Switch checked={active} onChange={(v) => setActive(v)} />
            </View>
          ) : null}
          <FormSubmit block="qo-form" error={error} busy={busy} onSubmit={submit}>
            {loaded ? '保存' : '新增题目'}
          </FormSubmit>
        </View>
      </View>
    </View>
  )
}

/** 竞赛题目 (the office): a new one, one of the county's own to edit, or a built-in one, read-only. */
export default function QuizQuestionPage() {
  const session = useRequireSession()
  const id = idParam(useRouter().params.id)
  const [question, setQuestion] = useState<TQuestion | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!session || !id) return
    setFailure(null)
    fetchQuestion(id)
      .then(setQuestion)
      .catch((err: unknown) => setFailure(err instanceof Error ? err.message : '加载失败'))
  }, [session, id, attempt])

  useEffect(() => {
    const title = !id ? '新增题目' : question?.builtIn ? '内置题目' : '编辑题目'
    void Taro.setNavigationBarTitle({ title })
  }, [id, question])

  if (!session) return <View className="page" />
  if (!id) return <QuestionForm loaded={null} />
  if (failure)
    return (
      <ErrorState
        message={failure}
        onRetry={() => (failure === '没有找到该题目' ? void goBack() : setAttempt((n) => n + 1))}
      />
    )
  if (!question) return <LoadingState />
  return question.builtIn ? <BuiltInQuestion question={question} /> : <QuestionForm loaded={question} />
}
