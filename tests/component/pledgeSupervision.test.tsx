import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { TSupervisionPledgePage, TSupervisionPledgeRow } from '@/models/pledge'
import type { Transport } from '@/services/request'
import { logout } from '@/services/session'
import PledgeSupervisionPage from '@/packages/pledges/pages/supervision/index'
import { openPage } from './support/assessmentFixture'
import { NOT_FOUND, signInLiaison } from './support/pageTest'

/** 承诺监管 of a department with many enterprises: a page at a time, the heading counting all of them. */
const TOTAL = 25
const row = (i: number): TSupervisionPledgeRow => ({
  enterpriseId: i,
  enterpriseName: `县第${i}号企业有限公司`,
  ownership: 'private',
  members: 4,
  personalSigned: i % 5,
  personalRate: (i % 5) / 4,
  enterprisePledge: i % 2 === 0,
  soeLeaderPledge: null,
  governmentBusinessEffective: 0,
  governmentBusinessPending: 0,
})
const pageOf = (page: number): TSupervisionPledgePage => {
  const all = Array.from({ length: TOTAL }, (_, i) => row(i + 1))
  return { year: 2026, items: all.slice((page - 1) * 20, page * 20), total: TOTAL, page, pageSize: 20 }
}

let transport: jest.MockedFunction<Transport>
beforeEach(() => {
  localStorage.clear()
  transport = jest.fn(async (req) => {
    const [url, query = ''] = req.url.split('?')
    if (req.method !== 'GET' || url !== '/api/v1/supervision/pledge-coverage') return NOT_FOUND
    return { status: 200, data: pageOf(Number(new URLSearchParams(query).get('page') ?? '1')) }
  })
  signInLiaison(transport)
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

describe('承诺监管 a page at a time', () => {
  it('shows the first 20 of 25 with the count of all, and 加载更多 brings the rest', async () => {
    openPage('/packages/pledges/pages/supervision/index', {})
    render(<PledgeSupervisionPage />)
    expect(await screen.findByText('2026年 · 所监管企业 25 家', undefined, { timeout: 10_000 })).toBeTruthy()
    expect(screen.getAllByText(/^县第\d+号企业有限公司$/)).toHaveLength(20)
    expect(screen.queryByText('县第21号企业有限公司')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('加载更多（已显示 20 / 25）'))
    })
    await waitFor(() => expect(screen.getAllByText(/^县第\d+号企业有限公司$/)).toHaveLength(25))
    expect(screen.getByText('共 25 家企业')).toBeTruthy()
    expect(
      transport.mock.calls.filter(([r]) => r.url.includes('pledge-coverage')).map(([r]) => r.url),
    ).toEqual(['/api/v1/supervision/pledge-coverage?page=1', '/api/v1/supervision/pledge-coverage?page=2'])
  })
})
