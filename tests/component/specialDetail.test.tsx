import { act, render, screen } from '@testing-library/react'
import type { TSpecialCompletion, TSpecialDetail } from '@/models/special'
import type { Transport } from '@/services/request'
import { logout } from '@/services/session'
import SpecialDetailPage from '@/packages/specials/pages/detail/index'
import { openPage } from './support/assessmentFixture'
import { NOT_FOUND, OFFICE_ME, signInLiaison } from './support/pageTest'
import { SPECIAL } from './support/specialFixture'

/** The demo's 专项整治 of 县委统战部 (GET /api/v1/specials/1), without the caller's canManage. */
const DETAIL: Omit<TSpecialDetail, 'canManage'> = {
  ...SPECIAL,
  counts: { enterprises: 2, unreported: 0, inProgress: 1, done: 1, problems: 1, problemsDone: 0 },
}
const COMPLETION: TSpecialCompletion = {
  items: [
    {
      enterpriseId: 3,
      enterpriseName: '县恒达食品有限公司',
      ownership: 'private',
      progress: 'in_progress',
      problems: 1,
      problemsDone: 0,
      overdue: false,
      reportedAt: '2026-12-03T04:04:14.443Z',
    },
    {
      enterpriseId: 4,
      enterpriseName: '县顺通物流有限公司',
      ownership: 'private',
      progress: 'done',
      problems: 0,
      problemsDone: 0,
      overdue: false,
      reportedAt: '2026-12-05T04:21:14.978Z',
    },
  ],
  total: 2,
  page: 1,
  pageSize: 20,
  counts: { enterprises: 2, unreported: 0, inProgress: 1, done: 1, problems: 1, problemsDone: 0 },
}

let canManage: boolean

beforeEach(() => {
  localStorage.clear()
  const transport: Transport = async (req) => {
    const url = req.url.split('?')[0]
    if (req.method === 'GET' && url === '/api/v1/me') return { status: 200, data: OFFICE_ME }
    if (req.method === 'GET' && url === '/api/v1/specials/1')
      return { status: 200, data: { ...DETAIL, canManage } }
    if (req.method === 'GET' && url === '/api/v1/specials/1/enterprises')
      return { status: 200, data: COMPLETION }
    return NOT_FOUND
  }
  signInLiaison(transport)
})
afterEach(() => {
  act(() => logout())
})

describe('专项整治 detail', () => {
  it('offers 结束专项整治 to whoever may close it', async () => {
    canManage = true
    openPage('/packages/specials/pages/detail/index', { sid: '1' })
    render(<SpecialDetailPage />)
    await screen.findByText('结束专项整治')
  })

  it('the office reading a department’s: the completion, without a 结束 the server would refuse', async () => {
    canManage = false
    openPage('/packages/specials/pages/detail/index', { sid: '1' })
    render(<SpecialDetailPage />)
    await screen.findByText('县顺通物流有限公司')
    expect(screen.queryByText('结束专项整治')).toBeNull()
  })
})
