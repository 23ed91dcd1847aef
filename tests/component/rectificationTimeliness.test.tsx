import { act, render, screen } from '@testing-library/react'
import type { TRectification } from '@/models/rectification'
import type { Transport } from '@/services/request'
import { logout } from '@/services/session'
import RectificationPage from '@/packages/assessment/pages/rectification/index'
import RectificationListPage from '@/packages/assessment/pages/rectifications/index'
import { LIAISON_ME, openPage } from './support/assessmentFixture'
import { NOT_FOUND, signInLiaison } from './support/pageTest'

/** A 整改 due 2026-05-01, handed in at 01:00 北京时间 on 2026-05-02 (still 2026-05-01 in UTC), then closed. */
function rectification(overrides: Partial<TRectification> = {}): TRectification {
  return {
    id: 9,
    enterpriseId: 3,
    enterpriseName: '县恒达食品有限公司',
    source: 'notice',
    assessmentId: null,
    itemCode: null,
    riskId: null,
    title: '规范大额资金支付审批流程',
    detail: '请修订审批制度并补齐决策记录。',
    deadline: '2026-05-01',
    status: 'closed',
    overdue: false,
    submittedAt: '2026-05-01T17:00:00.000Z',
    timeliness: 'done_late',
    response: '已修订审批制度',
    evidence: [],
    history: [],
    updatedAt: '2026-05-06T01:00:00.000Z',
    ...overrides,
  }
}

let served: TRectification[]

beforeEach(() => {
  localStorage.clear()
  const transport: jest.MockedFunction<Transport> = jest.fn(async (req) => {
    if (req.method === 'GET' && req.url === '/api/v1/me') return { status: 200, data: LIAISON_ME }
    if (req.method === 'GET' && req.url === '/api/v1/enterprises/3/rectifications')
      return { status: 200, data: { rectifications: served } }
    const one = served.find((r) => req.url === `/api/v1/enterprises/3/rectifications/${r.id}`)
    if (req.method === 'GET' && one) return { status: 200, data: one }
    return NOT_FOUND
  })
  signInLiaison(transport)
})
afterEach(() => {
  act(() => logout())
})

describe('整改 handed in late', () => {
  it('the detail page says 逾期完成 with the deadline and the 北京时间 day it was handed in', async () => {
    served = [rectification()]
    openPage('/packages/assessment/pages/rectification/index', { eid: '3', rid: '9' })
    render(<RectificationPage />)
    const line = await screen.findByText('逾期完成（截止 2026年5月1日，提交 2026年5月2日）')
    expect(line.className).toContain('rect-detail__deadline--overdue')
    expect(document.querySelector('.status-tag--overdue-done')?.textContent).toBe('逾期完成')
  })

  it('one handed in on time shows its deadline only, no mark', async () => {
    served = [rectification({ submittedAt: '2026-05-01T15:00:00.000Z', timeliness: 'done_on_time' })]
    openPage('/packages/assessment/pages/rectification/index', { eid: '3', rid: '9' })
    render(<RectificationPage />)
    expect(await screen.findByText('整改期限 2026年5月1日')).toBeTruthy()
    expect(screen.queryByText(/逾期/)).toBeNull()
  })

  it('the list marks it with a small 逾期完成 tag, and an open one past its deadline 已逾期', async () => {
    served = [
      rectification(),
      rectification({
        id: 10,
        title: '建立廉洁从业教育台账',
        status: 'open',
        overdue: true,
        submittedAt: null,
        timeliness: 'overdue',
      }),
    ]
    openPage('/packages/assessment/pages/rectifications/index', { eid: '3' })
    render(<RectificationListPage />)
    const late = (await screen.findByText('规范大额资金支付审批流程')).closest('.rect-card') as HTMLElement
    expect(late.querySelector('.status-tag--overdue-done')?.textContent).toBe('逾期完成')
    const open = screen.getByText('建立廉洁从业教育台账').closest('.rect-card') as HTMLElement
    expect(open.querySelector('.status-tag--overdue')?.textContent).toBe('已逾期')
  })
})
