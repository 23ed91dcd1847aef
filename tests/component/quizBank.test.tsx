import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { TQuestion, TQuiz } from '@/models/quiz'
import { configureRequest, type Transport } from '@/services/request'
import { completeLogin, getToken, logout, relogin } from '@/services/session'
import QuizBankPage from '@/packages/quiz/pages/bank/index'
import { openPage } from './support/assessmentFixture'
import { NOT_FOUND, OFFICE_ME } from './support/pageTest'

const question = (id: number): TQuestion => ({
  id,
  code: `Q-C-000${id}`,
  kind: 'judge',
  stem: `廉政知识竞赛是任务11列举的活动之一（${id}）`,
  options: ['正确', '错误'],
  answer: [0],
  explanation: '任务11原文。',
  source: { task: 11, phrase: '开展读廉政书、廉政知识竞赛、廉政家访、廉政主题党课等活动' },
  active: true,
  builtIn: false,
  updatedAt: '2026-12-01T02:00:00.000Z',
})
const quiz = (id: number, title: string, questionCount: number, state: TQuiz['state']): TQuiz => ({
  id,
  title,
  description: null,
  startsOn: '2026-12-01',
  endsOn: '2026-12-31',
  questionCount,
  timeLimitMinutes: 10,
  attemptsPerDay: 2,
  state,
  closedAt: null,
  mine: { attemptsToday: 0, best: null, openPaperId: null },
})

const BANK = [1, 2, 3, 4, 5].map(question)
let quizzes: TQuiz[]
let transport: jest.MockedFunction<Transport>
let modal: jest.SpyInstance

const page = <T,>(items: T[], pageSize = 20) => ({ items, total: items.length, page: 1, pageSize })

beforeEach(() => {
  localStorage.clear()
  transport = jest.fn(async (req) => {
    const url = req.url.split('?')[0]
    if (url === '/api/v1/me') return { status: 200, data: OFFICE_ME }
    if (req.method === 'GET' && url === '/api/v1/quiz-questions') return { status: 200, data: page(BANK) }
    // As the server: `live=true` answers only the 竞赛 not ended.
    if (req.method === 'GET' && url === '/api/v1/quizzes') {
      const live = /[?&]live=true\b/.test(req.url)
      return { status: 200, data: page(live ? quizzes.filter((q) => q.state !== 'ended') : quizzes, 200) }
    }
    return NOT_FOUND
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: OFFICE_ME.user },
    { method: 'demo', openid: 'demo-office' },
  )
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  modal = jest
    .spyOn(Taro, 'showModal')
    .mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as never)
  openPage('/packages/quiz/pages/bank/index', {})
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

const writes = () => transport.mock.calls.filter(([req]) => req.method !== 'GET')

describe('题库 against the 竞赛 still to be answered', () => {
  it('warns, naming the 竞赛 and the numbers, when a 进行中 竞赛 needs more than are 启用', async () => {
    quizzes = [quiz(7, '清廉知识月', 6, 'open'), quiz(6, '往期竞赛', 20, 'ended')]
    render(<QuizBankPage />)
    expect(
      await screen.findByText(
        /进行中的「清廉知识月」每卷需 6 题，题库启用的只有 5 题.*开始答题会失败/,
        undefined,
        {
          timeout: 10_000,
        },
      ),
    ).toBeTruthy()
    expect(screen.queryByText(/往期竞赛/)).toBeNull()
  })

  it('asks before a 停用 that would leave a 未开始 竞赛 short, and 取消 sends nothing', async () => {
    quizzes = [quiz(8, '年末竞赛', 5, 'upcoming')]
    render(<QuizBankPage />)
    await screen.findByText(BANK[0].stem, undefined, { timeout: 10_000 })
    await waitFor(() =>
      expect(transport.mock.calls.some(([r]) => r.url.startsWith('/api/v1/quizzes'))).toBe(true),
    )
    // Nothing short yet: no warning.
    expect(document.querySelector('.qo-warning')).toBeNull()
    const switches = document.querySelectorAll('.qo-switch')
    await act(async () => {
      fireEvent.click(switches[0])
    })
    await waitFor(() => expect(modal).toHaveBeenCalled())
    expect(modal.mock.calls[0][0].content).toMatch(
      /停用后未开始的「年末竞赛」每卷需 5 题，题库启用的只有 4 题，职工将无法开始答题/,
    )
    expect(writes()).toEqual([])
  })
})
