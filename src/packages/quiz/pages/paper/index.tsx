import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TPaper } from '@/models/quiz'
import { idParam, quizPages } from '@/services/routes'
import { getOutbox } from '@/services/outbox'
import { taroStorage } from '@/services/storage'
import { taroStorageApi } from '@/services/platform/taro'
import { showModal } from '@/services/platform/modal'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { InvalidLink, PendingPage } from '@/components/PageState'
import { fetchPaper, pendingHandIn, queueHandIn, submissionPath } from '../../take/api'
import {
  answered,
  blankNumbers,
  choicesKey,
  formatRemaining,
  handInPrompt,
  pick,
  readChoices,
  remainingMs,
  submissionOf,
  writeChoices,
  type Choices,
} from '../../take/paperState'
import { QuestionView } from '../../take/QuestionView'
import { AnswerSheet } from '../../take/AnswerSheet'
import { useTopOnChange } from '../../take/scrollTop'
import '@/styles/page.scss'
import '../../take/quiz.scss'

const storage = taroStorage(taroStorageApi)
const showResult = (paperId: number) => void Taro.redirectTo({ url: quizPages.result(paperId) })

/**
 * A 竞赛 paper being answered: one question at a time, a countdown on the server's clock, an answer sheet,
 * 交卷 through the outbox (without signal it waits there and the page says so). The choices are kept on
 * the device as they are made, so leaving or a crash resumes them; time up hands in by itself.
 */
export default function PaperPage() {
  const session = useRequireSession()
  const id = idParam(useRouter().params.id)
  const { state, reload } = useRemote(session && id ? `paper:${id}` : null, () => fetchPaper(id ?? 0))
  const paper = state.status === 'ready' ? state.data.paper : null
  const offsetMs = state.status === 'ready' ? state.data.offsetMs : 0
  const key = session && id ? choicesKey(session.user.id, id) : null
  const [choices, setChoices] = useState<Choices>({})
  const [index, setIndex] = useState(0)
  useTopOnChange(index)
  const [now, setNow] = useState(() => Date.now())
  const [queued, setQueued] = useState(false)
  const [sending, setSending] = useState(false)
  const handedIn = useRef(false)
  const write = useWrite()
  // Both the write's outcome and the outbox's delivery report a hand-in: the result opens once.
  const gone = useRef(false)
  const leave = useCallback(
    (paperId: number) => {
      if (gone.current) return
      gone.current = true
      if (key) storage.remove(key)
      showResult(paperId)
    },
    [key],
  )

  // The kept choices, once the paper's questions are known; a paper already handed in shows its result.
  const loadedFor = useRef<number | null>(null)
  useEffect(() => {
    if (!paper || !key) return
    if (paper.status !== 'open') return leave(paper.id)
    if (loadedFor.current === paper.id) return
    loadedFor.current = paper.id
    setChoices(readChoices(storage, key, paper.questions))
    if (pendingHandIn(paper.id)) {
      handedIn.current = true
      setQueued(true)
    }
  }, [paper, key, leave])

  // A hand-in that waited in the outbox is delivered: its result is there to see.
  useEffect(() => {
    if (!id || !key) return
    return getOutbox().onDelivered(({ entry }) => {
      if (entry.path === submissionPath(id)) leave(id)
    })
  }, [id, key, leave])

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])

  const left = paper ? remainingMs(paper, now, offsetMs) : 1
  const handIn = async (p: TPaper, auto: boolean) => {
    if (handedIn.current || !key) return
    handedIn.current = true
    setSending(true)
    const entry = queueHandIn(p, submissionOf(p.questions, choices))
    const outcome = await write(entry, {
      done: auto ? '时间到，已自动交卷' : '已交卷',
      quietQueued: true,
      onRefused: (message, code) => {
        // Handed in already (another device, or a retry that got through): its result is the answer.
        if (code === 'PAPER_SUBMITTED') return leave(p.id)
        handedIn.current = false
        void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
      },
    })
    setSending(false)
    if (outcome.kind === 'queued') setQueued(true)
    if (outcome.kind === 'delivered') leave(p.id)
  }

  // Time up: hand in what is chosen, without asking.
  useEffect(() => {
    if (paper && paper.status === 'open' && left === 0 && !handedIn.current) void handIn(paper, true)
  })

  if (!session) return <View className="page" />
  if (!id) return <InvalidLink message="页面链接不完整" framed />
  if (state.status !== 'ready') return <PendingPage state={state} reload={reload} />
  const p = state.data.paper
  if (p.status !== 'open') return <View className="page" />
  const total = p.questions.length
  const at = Math.min(index, total - 1)
  const q = p.questions[at]
  const locked = queued || sending

  const choose = (i: number) => {
    if (locked || !key) return
    const next = { ...choices, [q.id]: pick(q.kind, choices[q.id] ?? [], i) }
    setChoices(next)
    writeChoices(storage, key, next)
  }

  const confirmHandIn = async () => {
    const blank = blankNumbers(p.questions, choices)
    const answer = await showModal({
      title: '确认交卷',
      content: handInPrompt(blank, total),
      confirmText: '交卷',
      cancelText: blank.length ? '继续作答' : '再看看',
    })
    if (answer.confirm) await handIn(p, false)
  }

  return (
    <View className="page quiz-paper">
      <View className="page__body">
        <View className="quiz-bar">
          <Text className="quiz-bar__title">{p.quizTitle}</Text>
          <Text className={`quiz-bar__clock${left < 60_000 ? ' quiz-bar__clock--low' : ''}`}>
            {`剩余 ${formatRemaining(left)}`}
          </Text>
        </View>
        {queued ? (
          <View className="a-notice quiz-paper__queued">
            <Text>交卷已保存在本机，联网后自动提交，提交后显示成绩。请保持网络畅通。</Text>
          </View>
        ) : null}
        <QuestionView
          question={q}
          number={at + 1}
          total={total}
          choice={choices[q.id] ?? []}
          onPick={locked ? undefined : choose}
        />
        <View className="quiz-nav">
          <Button disabled={at === 0} onClick={() => setIndex(at - 1)}>
            上一题
          </Button>
          <Button type="primary" fill="outline" disabled={at === total - 1} onClick={() => setIndex(at + 1)}>
            下一题
          </Button>
        </View>
        <AnswerSheet
          questions={p.questions}
          isAnswered={(qid) => answered(choices, qid)}
          current={at}
          onJump={setIndex}
        />
        <View className="quiz-nav">
          <Button
            type="primary"
            block
            disabled={locked}
            loading={sending}
            onClick={() => void confirmHandIn()}
          >
            交卷
          </Button>
        </View>
      </View>
    </View>
  )
}
