import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { TAssessmentSummary } from '@/models/assessment'
import { configureRequest, type Transport, type TransportResponse } from '@/services/request'
import { completeLogin, getToken, logout, relogin, userOutbox } from '@/services/session'
import TasksPage from '@/pages/tasks/index'
import { LIAISON_ME, assessment } from './support/assessmentFixture'

const user = { id: 8, name: '陈静', phoneMasked: null, createdAt: '2026-11-20T08:00:00.000Z' }
let transport: jest.MockedFunction<Transport>
/** Answers for the writes (non-GET requests), in order; an Error is a network failure. */
let writes: (TransportResponse | Error)[]
let memberships: unknown[]
let assessments: TAssessmentSummary[]

function summary(
  id: number,
  status: TAssessmentSummary['status'],
  name: string,
  due: string,
): TAssessmentSummary {
  const a = assessment()
  return {
    id,
    campaign: { ...a.campaign, id, name, dueDate: due },
    enterpriseId: 3,
    enterpriseName: '县恒达食品有限公司',
    status,
    applicableCount: 64,
    answeredCount: 12,
    overall: null,
    submittedAt: null,
    updatedAt: a.updatedAt,
  }
}

beforeEach(() => {
  localStorage.clear()
  writes = []
  memberships = []
  assessments = []
  transport = jest.fn(async (req) => {
    if (req.method === 'GET' && req.url === '/api/v1/me') return { status: 200, data: { user, memberships } }
    if (req.method === 'GET' && req.url === '/api/v1/enterprises/3/assessments')
      return { status: 200, data: { assessments } }
    const next = writes.shift()
    if (!next || next instanceof Error) throw next ?? new Error('request:fail')
    return next
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user },
    { method: 'demo', openid: 'demo-liaison-private' },
  )
})
afterEach(() => {
  act(() => logout())
})

describe('任务', () => {
  it('is honest when there is nothing to do', async () => {
    render(<TasksPage />)
    expect(await screen.findByText('暂无待办任务')).toBeTruthy()
    expect(screen.queryByText(/等待同步/)).toBeNull()
  })

  it('lists the liaison’s open self-assessments, returned ones first, with due dates', async () => {
    memberships = LIAISON_ME.memberships
    assessments = [
      summary(1, 'draft', '2026年度清廉企业建设自查', '2026-12-31'),
      summary(2, 'accepted', '2025年度清廉企业建设自查', '2025-12-31'),
      summary(3, 'returned', '2026年度专项自查', '2027-03-31'),
    ]
    render(<TasksPage />)

    expect(await screen.findByText('待办任务（2）')).toBeTruthy()
    const titles = Array.from(document.querySelectorAll('.tasks__todo .tasks__campaign')).map(
      (e) => e.textContent,
    )
    expect(titles).toEqual(['2026年度专项自查', '2026年度清廉企业建设自查'])
    expect(screen.getByText('自查被退回，请修改后重新提交')).toBeTruthy()
    expect(screen.getByText('截止 2026年12月31日 · 已答 12/64')).toBeTruthy()
    expect(screen.queryByText('2025年度清廉企业建设自查')).toBeNull()

    const navigate = jest
      .spyOn(Taro, 'navigateTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
    fireEvent.click(screen.getByText('自查被退回，请修改后重新提交'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/assessment/pages/overview/index?eid=3&aid=3' })
    navigate.mockRestore()
  })

  it('shows a write that could not be sent yet, and one the server refused with its reason', async () => {
    writes.push({
      status: 400,
      data: { error: { code: 'INVITE_INVALID', message: '邀请码无效或已过期', fields: [] } },
    })
    const outbox = userOutbox()!
    await act(async () => {
      outbox.enqueue({
        method: 'POST',
        path: '/api/v1/invites/join',
        body: { code: 'AAAA1111' },
        label: '凭邀请码 AAAA1111 申请加入企业',
      })
      outbox.enqueue({ method: 'PATCH', path: '/api/v1/me', body: { name: '陈静静' }, label: '修改个人资料' })
      await outbox.flush()
    })

    render(<TasksPage />)

    expect(screen.getByText('等待同步（1）')).toBeTruthy()
    expect(screen.getByText('修改个人资料')).toBeTruthy()
    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy()
    expect(screen.getByText('未被接受（1）')).toBeTruthy()
    expect(screen.getByText('凭邀请码 AAAA1111 申请加入企业')).toBeTruthy()
    expect(screen.getByText('原因：邀请码无效或已过期')).toBeTruthy()
    // The request carried the entry's idempotency key.
    expect(transport.mock.calls[0][0].headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)

    // 忽略 asks first, then removes the refused entry for good.
    const modal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const refusedCell = screen.getByText('凭邀请码 AAAA1111 申请加入企业').closest('.nut-cell') as HTMLElement
    fireEvent.click(within(refusedCell).getByText('忽略'))
    await waitFor(() => expect(screen.queryByText('未被接受（1）')).toBeNull())
    expect(modal).toHaveBeenCalled()
    expect(outbox.refused()).toHaveLength(0)
    modal.mockRestore()
  })

  it('重试 sends a refused write again with the same idempotency key', async () => {
    writes.push({
      status: 409,
      data: { error: { code: 'CONFLICT', message: '数据冲突，请刷新后重试', fields: [] } },
    })
    const outbox = userOutbox()!
    await act(async () => {
      outbox.enqueue({ method: 'PATCH', path: '/api/v1/me', body: { name: '陈静静' }, label: '修改个人资料' })
      await outbox.flush()
    })
    render(<TasksPage />)
    expect(screen.getByText('原因：数据冲突，请刷新后重试')).toBeTruthy()

    writes.push({ status: 200, data: { ...user, name: '陈静静' } })
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
      await outbox.flush()
    })

    expect(screen.getByText('暂无待办任务')).toBeTruthy()
    expect(screen.queryByText('修改个人资料')).toBeNull()
    const keys = transport.mock.calls
      .filter((c) => c[0].method !== 'GET')
      .map((c) => c[0].headers['Idempotency-Key'])
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
  })
})
