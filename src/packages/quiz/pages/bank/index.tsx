import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Switch } from '@nutui/nutui-react-taro'
import { quizTopicLabel, type TQuestion, type TQuestionList, type TQuizTopic } from '@/models/quiz'
import {
  fetchActiveCount,
  fetchLiveQuizzes,
  fetchQuestions,
  handOverQuestion,
  queueQuestionActive,
} from '@/services/quizOffice'
import { quizOfficePages } from '@/services/routes'
import { showModal } from '@/services/platform/modal'
import { usePagedList } from '@/hooks/usePagedList'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { CountedLoadMore, PagesPending } from '@/components/PageState'
import { OutboxNotice } from '@/components/OutboxNotice'
import { ListSearch } from '@/components/ListSearch'
import { Chips } from '@/components/Chips'
import { Heading } from '@/components/Heading'
import { QUIZ_TOPICS } from '../../components/officeForms'
import { shortfalls, shortfallText } from '../../components/bankShortfall'
import '@/styles/page.scss'
import '../../components/quizOffice.scss'
import { QuestionHead } from '../../components/QuestionView'

const ACTIVE_STATES = ['true', 'false'] as const
type ActiveState = (typeof ACTIVE_STATES)[number]

/** One bank question: what it asks, where it comes from, and its 启用/停用 switch. */
function QuestionCard({
  question,
  active,
  onOpen,
  onSwitch,
}: {
  question: TQuestion
  active: boolean
  onOpen: () => void
  onSwitch: (active: boolean) => void
}) {
  return (
    <View className={`a-card qo-card${active ? '' : ' qo-card--off'}`}>
      <View className="qo-card__body" onClick={onOpen}>
        <QuestionHead question={question} />
        <Text className="qo-card__quote">
          {`出处：${quizTopicLabel(question.source.task)} · ${question.source.phrase}`}
        </Text>
      </View>
      <View className="qo-card__foot">
        <Text className="qo-card__meta">{active ? '已启用，可抽入试卷' : '已停用，不再抽题'}</Text>
        <View className="qo-card__switch">
          <Text>{active ? '启用' : '停用'}</Text>
          <Switch className="qo-switch" checked={active} onChange={(v) => onSwitch(v)} />
        </View>
      </View>
    </View>
  )
}

/**
 * 题库 (the office): the county's questions by 出处 and 启用/停用, found by words; a switch starts or stops
 * drawing a question into papers; 新增题目 and each row open the question page.
 */
export default function QuizBankPage() {
  const session = useRequireSession()
  const write = useWrite()
  const [topic, setTopic] = useState<TQuizTopic | null>(null)
  const [activeState, setActiveState] = useState<ActiveState | null>(null)
  const [q, setQ] = useState('')
  // A switch shows its new position at once; the list is read again once the server has it.
  const [switched, setSwitched] = useState<Record<number, boolean>>({})
  const filter = {
    task: topic === null ? undefined : String(topic),
    active: activeState ?? undefined,
    q: q || undefined,
  }
  const pages = usePagedList<TQuestionList>(
    session ? `quiz-bank:${filter.task ?? ''}:${filter.active ?? ''}:${q}` : null,
    (page) => fetchQuestions(page, filter),
    // Back from a question: it may have been added or changed.
    { reloadOnShow: true },
  )
  // The 竞赛 still to be answered and the count 启用, read again after each switch.
  const live = useRemote(session ? 'quiz-bank-live' : null, async () => {
    const [quizzes, active] = await Promise.all([fetchLiveQuizzes(), fetchActiveCount()])
    return { quizzes, active }
  })
  if (!session) return <View className="page" />
  const state = pages.state
  const bank = live.state.status === 'ready' ? live.state.data : null
  const short = bank ? shortfalls(bank.quizzes, bank.active) : []

  const open = (question?: TQuestion) => {
    if (question) handOverQuestion(question)
    void Taro.navigateTo({ url: quizOfficePages.question(question?.id) })
  }

  const toggle = async (question: TQuestion, active: boolean) => {
    const after = bank && !active ? shortfalls(bank.quizzes, bank.active - 1) : []
    if (after.length) {
      const { confirm } = await showModal({
        title: '停用后题目不够抽卷',
        content: `停用后${shortfallText(after, bank!.active - 1)}，职工将无法开始答题。仍要停用吗？`,
        confirmText: '仍要停用',
      })
      if (!confirm) return
    }
    setSwitched((s) => ({ ...s, [question.id]: active }))
    const outcome = await write(queueQuestionActive(question, active), {
      done: active ? '已启用' : '已停用',
    })
    if (outcome.kind === 'queued') return
    await Promise.all([pages.reload(), live.reload()]).catch(() => undefined)
    setSwitched(({ [question.id]: _, ...rest }) => rest)
  }

  return (
    <View className="page">
      <View className="page__body">
        <OutboxNotice />
        <View className="qo-actions">
          <Button type="primary" onClick={() => open()}>
            新增题目
          </Button>
        </View>
        {short.length ? (
          <View className="a-card qo-warning">
            <Text>{`${shortfallText(short, bank!.active)}：开始答题会失败，请启用或新增题目。`}</Text>
          </View>
        ) : null}
        <ListSearch placeholder="搜索题干或编号" onSearch={setQ} />
        <View className="qo-filters">
          <Chips
            block="qo-topics"
            options={QUIZ_TOPICS}
            value={topic}
            all="全部出处"
            label={quizTopicLabel}
            onPick={setTopic}
          />
          <Chips
            block="qo-states"
            options={ACTIVE_STATES}
            value={activeState}
            all="全部"
            label={(s) => (s === 'true' ? '启用' : '停用')}
            onPick={setActiveState}
          />
        </View>
        <PagesPending pages={pages} />
        {state.status === 'ready' ? (
          <>
            <Heading text={`题目（${state.last.total}）`} />
            {state.items.length === 0 ? (
              <View className="a-card">
                <Text className="qo-form__hint">
                  {filter.task || filter.active || filter.q
                    ? '没有符合条件的题目，换个条件试试。'
                    : '题库还没有题目。新增的题目须注明出自实施方案的哪项任务和原文。'}
                </Text>
              </View>
            ) : null}
            {state.items.map((item) => (
              <QuestionCard
                key={item.id}
                question={item}
                active={switched[item.id] ?? item.active}
                onOpen={() => open(item)}
                onSwitch={(v) => void toggle(item, v)}
              />
            ))}
            <CountedLoadMore pages={pages} unit="道题" />
          </>
        ) : null}
      </View>
    </View>
  )
}
