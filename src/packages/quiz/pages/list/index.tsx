import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { QUIZ_STATE_LABELS, quizTopicLabel, type TQuiz, type TQuizList, type TQuizTopic } from '@/models/quiz'
import { chineseDay } from '@/models/shanghaiTime'
import { enterprisesOf, isOffice, supervisedDepartments, type EnterpriseAccess } from '@/models/memberships'
import { toastStartFailed } from '../../take/startFailed'
import { quizPages } from '@/services/routes'
import { usePagedList } from '@/hooks/usePagedList'
import { useMe } from '@/hooks/useMe'
import { useRequireSession } from '@/hooks/useSession'
import { LoadMore, PagesPending } from '@/components/PageState'
import { EmptyBox } from '@/components/EmptyImage'
import { Heading } from '@/components/Heading'
import { Chips } from '@/components/Chips'
import { OutboxNotice } from '@/components/OutboxNotice'
import { fetchQuizzes, startPaper } from '../../take/api'
import { openQuizResults } from '@/services/quizOffice'
import { exportOrToast } from '@/services/download'
import '@/styles/page.scss'
import '../../take/quiz.scss'

const go = (url: string) => void Taro.navigateTo({ url })
const STATE_ORDER = { open: 0, upcoming: 1, ended: 2 } as const
/** 练习's topics in the programme's order: 总体要求, tasks 1-15, 实施步骤, 工作要求. */
const TOPICS: TQuizTopic[] = ['G', ...Array.from({ length: 15 }, (_, i) => i + 1), 'S', 'R']

/**
 * 知识竞赛 (task 11): the county's 竞赛, 进行中 first, with each one's limits and the user's own standing,
 * 开始答题 / 继续答题 for the enterprise the paper counts for; 练习 by topic; the office's 新建竞赛 and 题库.
 */
export default function QuizListPage() {
  const session = useRequireSession()
  const { state: me } = useMe(session?.user.id ?? null)
  const pages = usePagedList<TQuizList>(session ? 'quizzes' : null, fetchQuizzes, { reloadOnShow: true })
  const [chosen, setChosen] = useState<number | null>(null)
  const [topic, setTopic] = useState<TQuizTopic | null>(null)
  const [starting, setStarting] = useState<number | null>(null)

  if (!session) return <View className="page" />
  const memberships = me.status === 'ready' ? me.me.memberships : []
  const enterprises = enterprisesOf(memberships)
  const office = isOffice(memberships)
  // A 监管员 exports the results of the enterprises their department supervises (the office: from 管理).
  const supervisor = !office && supervisedDepartments(memberships).length > 0
  const enterprise = enterprises.find((e) => e.id === chosen) ?? enterprises[0] ?? null

  const start = async (quiz: TQuiz) => {
    if (!enterprise) return
    setStarting(quiz.id)
    try {
      const paper = await startPaper(quiz.id, enterprise.id)
      go(quizPages.paper(paper.id))
    } catch (err) {
      const offline = toastStartFailed(err)
      if (!offline) void pages.reload().catch(() => undefined)
    } finally {
      setStarting(null)
    }
  }

  const state = pages.state
  const quizzes =
    state.status === 'ready'
      ? [...state.items].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state])
      : []

  return (
    <View className="page quiz-list">
      <View className="page__body">
        <OutboxNotice />
        {office ? (
          <View className="quiz-card__actions quiz-list__office">
            <Button type="primary" onClick={() => go(quizPages.create())}>
              新建竞赛
            </Button>
            <Button onClick={() => go(quizPages.bank())}>题库</Button>
          </View>
        ) : null}
        {enterprises.length > 1 ? (
          <View className="a-card">
            <Text className="a-card__title">成绩计入</Text>
            <Chips
              block="quiz-chips"
              className="quiz-list__enterprise"
              options={enterprises.map((e) => e.id)}
              value={enterprise?.id ?? null}
              label={(id) => enterprises.find((e) => e.id === id)?.name ?? ''}
              onPick={setChosen}
            />
          </View>
        ) : null}
        <Heading text="知识竞赛" extra="进行中在前" />
        <PagesPending pages={pages} />
        {state.status === 'ready' && quizzes.length === 0 ? (
          <EmptyBox title="暂无知识竞赛" description={emptyText(office, enterprises.length > 0)} />
        ) : null}
        {quizzes.map((q) => (
          <QuizCard
            key={q.id}
            quiz={q}
            enterprise={enterprise}
            busy={starting === q.id}
            onStart={() => void start(q)}
            onExport={
              supervisor && q.state !== 'upcoming'
                ? () => void exportOrToast(() => openQuizResults(q))
                : undefined
            }
          />
        ))}
        <LoadMore pages={pages} />
        <Heading text="练习" extra="不计成绩" />
        <View className="a-card quiz-practice">
          <Text className="quiz-hint">
            从题库随机抽 10 题，选择后立即显示答案和解析，可按方案内容选择范围。
          </Text>
          <Chips
            block="quiz-chips"
            all="全部内容"
            options={TOPICS}
            value={topic}
            label={quizTopicLabel}
            onPick={setTopic}
          />
          <View className="quiz-card__actions">
            <Button type="primary" fill="outline" onClick={() => go(quizPages.practice(topic ?? undefined))}>
              开始练习
            </Button>
          </View>
        </View>
      </View>
    </View>
  )
}

/** The empty list speaks to the role: a department's people practise, enterprises' staff wait for one. */
function emptyText(office: boolean, inEnterprise: boolean): string {
  if (office) return '点「新建竞赛」发起全县廉政知识竞赛，职工在这里答题。'
  if (inEnterprise) return '县纪委发起竞赛后会显示在这里。现在可以先做练习。'
  return '知识竞赛由企业职工参加，成绩计入所在企业；您可以做练习，熟悉实施方案的内容。'
}

function QuizCard(props: {
  quiz: TQuiz
  enterprise: EnterpriseAccess | null
  busy: boolean
  onStart: () => void
  onExport?: () => void
}) {
  const { quiz: q, enterprise, onExport } = props
  const left = Math.max(0, q.attemptsPerDay - q.mine.attemptsToday)
  const open = q.state === 'open'
  return (
    <View className="a-card quiz-card">
      <View className="quiz-card__head">
        <Text className="a-card__title quiz-card__title">{q.title}</Text>
        <Text className={`quiz-card__state${open ? ' quiz-card__state--open' : ''}`}>
          {QUIZ_STATE_LABELS[q.state]}
        </Text>
      </View>
      <Text className="quiz-card__meta">{`${chineseDay(q.startsOn)}—${chineseDay(q.endsOn)}`}</Text>
      <Text className="quiz-card__meta">
        {`每卷${q.questionCount}题 · 限时${q.timeLimitMinutes}分钟 · 每天${q.attemptsPerDay}次`}
      </Text>
      {q.description ? <Text className="quiz-card__meta">{q.description}</Text> : null}
      {enterprise ? (
        <Text className="quiz-card__mine">
          {`${open ? `今日还可答 ${left} 次 · ` : ''}${q.mine.best === null ? '尚无成绩' : `最好成绩 ${q.mine.best} 分`}`}
        </Text>
      ) : null}
      <View className="quiz-card__actions">
        {/* A paper started before the 竞赛 ended (提前结束 or its last day) may still be handed in. */}
        {enterprise && (open || q.mine.openPaperId !== null) ? <StartButton {...props} left={left} /> : null}
        <Button fill="outline" onClick={() => go(quizPages.leaderboard(q.id))}>
          排行榜
        </Button>
        {onExport ? (
          <Button fill="outline" onClick={onExport}>
            导出成绩
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function StartButton({
  quiz: q,
  busy,
  onStart,
  left,
}: {
  quiz: TQuiz
  busy: boolean
  onStart: () => void
  left: number
}) {
  if (q.mine.openPaperId !== null) {
    const id = q.mine.openPaperId
    return (
      <Button type="primary" onClick={() => go(quizPages.paper(id))}>
        继续答题
      </Button>
    )
  }
  if (left === 0) return <Button disabled>今日次数已用完</Button>
  return (
    <Button type="primary" loading={busy} onClick={onStart}>
      开始答题
    </Button>
  )
}
