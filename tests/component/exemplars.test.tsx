import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { TExemplarRound, TExemplarRoundDetail } from '@/models/exemplars'
import { configureRequest, type Transport } from '@/services/request'
import { completeLogin, getToken, logout, relogin } from '@/services/session'
import ExemplarRoundPage from '@/packages/supervision/pages/exemplarRound/index'
import { openPage } from './support/assessmentFixture'

const member = (role: 'office' | 'supervisor') => ({
  user: {
    id: role === 'office' ? 2 : 3,
    name: role === 'office' ? '覃秀' : '韦丽萍',
    phoneMasked: null,
    createdAt: '2026-11-20T08:00:00.000Z',
  },
  memberships: [
    {
      id: 1,
      organisationKind: 'department',
      organisationId: 1,
      organisationName: role === 'office' ? '县清廉企业建设工作领导小组办公室' : '县委统战部',
      role,
      status: 'approved',
    },
  ],
})

const ROUND = '/api/v1/exemplars/rounds/4'
let me = member('office')
let round: TExemplarRound
let transport: jest.MockedFunction<Transport>

beforeEach(() => {
  localStorage.clear()
  me = member('office')
  round = {
    id: 4,
    kind: 'pilot',
    name: '2026年清廉企业建设示范点选树',
    createdAt: '2026-12-01T02:00:00.000Z',
    candidateCount: 0,
    chosenCount: 0,
    notice: null,
    cancelledAt: null,
  }
  transport = jest.fn(async (req) => {
    const url = req.url.split('?')[0]
    if (req.method === 'GET' && url === '/api/v1/me') return { status: 200, data: me }
    if (req.method === 'GET' && url === ROUND)
      return { status: 200, data: { round, candidates: [] } satisfies TExemplarRoundDetail }
    if (req.method === 'POST' && url === `${ROUND}/cancel`) {
      round = { ...round, cancelledAt: '2026-12-03T09:00:00.000Z' }
      return { status: 200, data: round }
    }
    return { status: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', fields: [] } } }
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: me.user },
    { method: 'demo', openid: 'demo-office' },
  )
  openPage('/packages/supervision/pages/exemplarRound/index', { roundId: '4' })
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

const cancels = () => transport.mock.calls.filter(([req]) => req.url === `${ROUND}/cancel`)

describe('取消本轮评选 (示范选树)', () => {
  it('asks first, cancels, says so and shows the round cancelled', async () => {
    const modal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
      .mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const toast = jest.spyOn(Taro, 'showToast')
    render(<ExemplarRoundPage />)
    const button = await screen.findByText('取消本轮评选')
    // 不取消: nothing sent.
    await act(async () => {
      fireEvent.click(button)
    })
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消本轮评选' }))
    expect(cancels()).toHaveLength(0)
    await act(async () => {
      fireEvent.click(screen.getByText('取消本轮评选'))
    })
    await waitFor(() => expect(cancels()).toHaveLength(1))
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消本轮评选' })),
    )
    // Reloaded: cancelled, nothing left to change.
    expect(await screen.findByText('本轮评选已取消')).toBeTruthy()
    expect(screen.queryByText('取消本轮评选')).toBeNull()
    expect(screen.queryByText('发布公示')).toBeNull()
    expect(screen.queryByText('提名候选企业')).toBeNull()
    expect(screen.getByText('本轮没有候选企业')).toBeTruthy()
  })

  it('offers no cancel once published, once cancelled, or to anyone outside the office', async () => {
    round = {
      ...round,
      notice: {
        code: 'ABCD',
        startsOn: '2026-12-03',
        endsOn: '2026-12-09',
        publishedAt: '2026-12-02T09:00:00.000Z',
      },
    }
    const { unmount } = render(<ExemplarRoundPage />)
    await screen.findByText('已发布公示')
    expect(screen.queryByText('取消本轮评选')).toBeNull()
    unmount()

    round = { ...round, notice: null, cancelledAt: '2026-12-02T09:00:00.000Z' }
    const second = render(<ExemplarRoundPage />)
    await screen.findByText('本轮评选已取消')
    expect(screen.queryByText('取消本轮评选')).toBeNull()
    second.unmount()

    // A 监管员 (who may not cancel), signed in instead; the page's own figures load all the same.
    act(() => logout())
    round = { ...round, cancelledAt: null }
    me = member('supervisor')
    completeLogin(
      { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: me.user },
      { method: 'demo', openid: 'demo-supervisor-united' },
    )
    render(<ExemplarRoundPage />)
    await screen.findByText('发布公示', { selector: '.a-card__title' })
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100))
    })
    expect(transport.mock.calls.filter(([req]) => req.url === '/api/v1/me').length).toBeGreaterThan(0)
    expect(screen.queryByText('取消本轮评选')).toBeNull()
  })
})
