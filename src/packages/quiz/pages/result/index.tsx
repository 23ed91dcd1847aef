import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PAPER_STATUS_LABELS, type TPaper, type TQuiz } from '@/models/quiz'
import { formatDateTime } from '@/models/format'
import { toastStartFailed } from '../../take/startFailed'
import { quizPages } from '@/services/routes'
import { InvalidLink, PendingPage } from '@/components/PageState'
import { Heading } from '@/components/Heading'
import { fetchPaper, fetchQuiz, startPaper } from '../../take/api'
import { QuestionView } from '../../take/QuestionView'
import '@/styles/page.scss'
import '../../take/quiz.scss'
import { useBusy } from '@/hooks/useBusy'
import { useRouteRecord } from '@/hooks/useRouteRecord'

async function load(paperId: number): Promise<{ paper: TPaper; quiz: TQuiz | null }> {
  const { paper } = await fetchPaper(paperId)
  // The 竞赛 only decides 再答一次: the result stands without it.
  const quiz = await fetchQuiz(paper.quizId).catch(() => null)
  return { paper, quiz }
}

/**
 * A handed-in paper: the score the server computed, each question with the choice beside the right answer,
 * its explanation and the programme's words; 再答一次 while the day's attempts last; 排行榜.
 */
export default function ResultPage() {
  const { session, id, state, reload } = useRouteRecord('id', 'paper-result', load)
  const [starting, whileBusy] = useBusy()

  if (!session) return <View className="page" />
  if (!id) return <InvalidLink message="页面链接不完整" framed />
  if (state.status !== 'ready') return <PendingPage state={state} reload={reload} />
  const { paper, quiz } = state.data
  const result = paper.result

  if (paper.status === 'open' || !result)
    return (
      <View className="page">
        <View className="page__body">
          <View className="a-card">
            <Text className="a-card__title">{paper.quizTitle}</Text>
            <Text className="a-card__subtitle">这份答卷尚未交卷，交卷后显示成绩和解析。</Text>
            <Button type="primary" onClick={() => void Taro.redirectTo({ url: quizPages.paper(paper.id) })}>
              继续答题
            </Button>
          </View>
        </View>
      </View>
    )

  const late = paper.status === 'late'
  const again =
    quiz !== null &&
    quiz.state === 'open' &&
    quiz.mine.openPaperId === null &&
    quiz.mine.attemptsToday < quiz.attemptsPerDay

  const answerAgain = async () => {
    await whileBusy(async () => {
      const next = await startPaper(paper.quizId, paper.enterpriseId)
      void Taro.redirectTo({ url: quizPages.paper(next.id) })
    }).catch((err: unknown) => {
      toastStartFailed(err)
    })
  }

  return (
    <View className="page quiz-result">
      <View className="page__body">
        <View className="a-card quiz-score">
          <Text className="a-card__title">{paper.quizTitle}</Text>
          <Text className={`quiz-score__value${late ? ' quiz-score__value--void' : ''}`}>{result.score}</Text>
          <Text className="quiz-score__line">{`答对 ${result.right}/${result.total} 题 · 满分 100`}</Text>
          <Text className={`quiz-score__status${late ? ' quiz-score__status--late' : ''}`}>
            {`${PAPER_STATUS_LABELS[paper.status]}${paper.submittedAt ? ` · ${formatDateTime(paper.submittedAt)}` : ''}`}
          </Text>
          {late ? (
            <Text className="quiz-hint">交卷时已超过答题时限，本次成绩不计入排行榜和最好成绩。</Text>
          ) : null}
        </View>
        <View className="quiz-nav">
          {again ? (
            <Button type="primary" loading={starting} onClick={() => void answerAgain()}>
              再答一次
            </Button>
          ) : null}
          <Button
            fill="outline"
            onClick={() => void Taro.navigateTo({ url: quizPages.leaderboard(paper.quizId) })}
          >
            排行榜
          </Button>
        </View>
        {quiz && !again && quiz.state === 'open' && quiz.mine.openPaperId === null ? (
          <Text className="quiz-hint quiz-result__used">今日答题次数已用完，明天可以再答。</Text>
        ) : null}
        <Heading text="答题详情" extra={`错 ${result.total - result.right} 题`} />
        {result.questions.map((q, i) => (
          <QuestionView
            key={q.id}
            question={q}
            number={i + 1}
            total={result.total}
            choice={q.choice}
            reveal={{ answer: q.answer, explanation: q.explanation, source: q.source }}
          />
        ))}
      </View>
    </View>
  )
}
