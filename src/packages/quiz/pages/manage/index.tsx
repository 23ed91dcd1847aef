import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { QUIZ_STATE_LABELS, type TQuiz, type TQuizList } from '@/models/quiz'
import { formatDate, formatDateTime } from '@/models/format'
import { fetchActiveCount, fetchQuizzes, openQuizResults, queueQuizClose } from '@/services/quizOffice'
import { exportOrToast } from '@/services/download'
import { quizOfficePages } from '@/services/routes'
import { showModal } from '@/services/platform/modal'
import { usePagedList } from '@/hooks/usePagedList'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { CountedLoadMore, PagesPending } from '@/components/PageState'
import { OutboxNotice } from '@/components/OutboxNotice'
import { Heading } from '@/components/Heading'
import '@/styles/page.scss'
import '../../components/quizOffice.scss'

const go = (url: string) => void Taro.navigateTo({ url })

const STATE_WORDS: Record<TQuiz['state'], string> = {
  upcoming: '未开始',
  open: '进行中，职工可以答题',
  ended: '已结束',
}

/**
 * One 竞赛 as the office runs it: window, paper, state; 导出成绩 once it has begun, 提前结束 while it has
 * not ended.
 */
function QuizCard({ quiz, busy, onClose }: { quiz: TQuiz; busy: boolean; onClose: () => void }) {
  return (
    <View className="a-card qo-card qo-quiz">
      <View className="qo-tags">
        <Text className={`qo-tag qo-tag--${quiz.state}`}>{QUIZ_STATE_LABELS[quiz.state]}</Text>
        <Text className="qo-card__title">{quiz.title}</Text>
      </View>
      <Text className="qo-card__meta">{`${formatDate(quiz.startsOn)} 至 ${formatDate(quiz.endsOn)}`}</Text>
      <Text className="qo-card__meta">
        {`每卷 ${quiz.questionCount} 题 · 限时 ${quiz.timeLimitMinutes} 分钟 · 每天可答 ${quiz.attemptsPerDay} 次`}
      </Text>
      {quiz.closedAt ? (
        <Text className="qo-card__meta">{`已于 ${formatDateTime(quiz.closedAt)} 提前结束`}</Text>
      ) : null}
      {quiz.description ? <Text className="qo-card__quote">{quiz.description}</Text> : null}
      <View className="qo-card__foot">
        <Text className="qo-card__meta">{STATE_WORDS[quiz.state]}</Text>
        <View className="qo-card__buttons">
          {quiz.state !== 'upcoming' ? (
            <Button
              size="small"
              fill="outline"
              onClick={() => void exportOrToast(() => openQuizResults(quiz))}
            >
              导出成绩
            </Button>
          ) : null}
          {quiz.state !== 'ended' ? (
            <Button size="small" loading={busy} onClick={onClose}>
              提前结束
            </Button>
          ) : null}
        </View>
      </View>
    </View>
  )
}

/**
 * 知识竞赛管理 (the office): 新建竞赛 and 题库, and every 竞赛 with its state; one not ended yet can be
 * ended early (confirmed first: no paper can be started or handed in after that).
 */
export default function QuizManagePage() {
  const session = useRequireSession()
  const write = useWrite()
  const [closing, setClosing] = useState<number | null>(null)
  const pages = usePagedList<TQuizList>(session ? 'quiz-manage' : null, fetchQuizzes, { reloadOnShow: true })
  const active = useRemote(session ? 'quiz-active-count' : null, fetchActiveCount)
  if (!session) return <View className="page" />
  const state = pages.state

  const close = async (quiz: TQuiz) => {
    const answer = await showModal({
      title: '提前结束竞赛',
      content: `「${quiz.title}」结束后不能再开始答题。确定结束？`,
      confirmText: '提前结束',
    })
    if (!answer.confirm) return
    setClosing(quiz.id)
    try {
      const outcome = await write(queueQuizClose(quiz.id, quiz.title), { done: '竞赛已结束' })
      if (outcome.kind === 'delivered') await pages.reload().catch(() => undefined)
    } finally {
      setClosing(null)
    }
  }

  return (
    <View className="page">
      <View className="page__body">
        <OutboxNotice />
        <View className="qo-actions">
          <Button type="primary" onClick={() => go(quizOfficePages.create())}>
            新建竞赛
          </Button>
          <Button onClick={() => go(quizOfficePages.bank())}>竞赛题库</Button>
        </View>
        <View className="qo-intro">
          <Text className="qo-form__hint">
            {active.state.status === 'ready'
              ? `题库中启用的题目 ${active.state.data} 道。方案任务11要求开展廉政知识竞赛，传播清廉知识。`
              : '方案任务11要求开展廉政知识竞赛，传播清廉知识。'}
          </Text>
        </View>
        <PagesPending pages={pages} />
        {state.status === 'ready' ? (
          <>
            <Heading text={`竞赛（${state.last.total}）`} />
            {state.items.length === 0 ? (
              <View className="a-card">
                <Text className="qo-form__hint">还没有竞赛。先在题库中检查题目，再新建竞赛。</Text>
              </View>
            ) : null}
            {state.items.map((quiz) => (
              <QuizCard
                key={quiz.id}
                quiz={quiz}
                busy={closing === quiz.id}
                onClose={() => void close(quiz)}
              />
            ))}
            <CountedLoadMore pages={pages} unit="场竞赛" />
          </>
        ) : null}
      </View>
    </View>
  )
}
