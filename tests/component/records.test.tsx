import { act, render, waitFor } from '@testing-library/react'
import type { TDecisionDetail } from '@/models/powers'
import type { Transport } from '@/services/request'
import { logout } from '@/services/session'
import RiskDetailPage from '@/packages/risks/pages/detail/index'
import DecisionPage from '@/packages/powers/pages/decision/index'
import { LIAISON_ME, openPage } from './support/assessmentFixture'
import { NOT_FOUND, signInLiaison } from './support/pageTest'
import { riskDetail } from './support/riskFixture'

const risk = riskDetail()

const decision: TDecisionDetail = {
  id: 5,
  enterpriseId: 3,
  subject: '购置冷链运输车辆',
  category: 'project',
  decidedOn: '2026-11-10',
  meeting: '第12次党支部委员会会议',
  attendees: '',
  result: '同意购置两台',
  version: 1,
  updatedAt: '2026-11-10T08:00:00.000Z',
  canEdit: false,
  attachments: [],
  revisions: [],
}

/** The page's labelled rows of `block` as [label, value]. */
const rows = (block: string) =>
  Array.from(document.querySelectorAll(`.${block}`)).map((row) => [
    row.querySelector(`.${block}__label`)?.textContent,
    row.querySelector(`.${block}__value`)?.textContent,
  ])

let transport: jest.MockedFunction<Transport>

beforeEach(() => {
  localStorage.clear()
  transport = jest.fn(async (req) => {
    const url = req.url.split('?')[0]
    if (req.method === 'GET' && url === '/api/v1/me') return { status: 200, data: LIAISON_ME }
    if (req.method === 'GET' && url === '/api/v1/enterprises/3/risks/4') return { status: 200, data: risk }
    if (req.method === 'GET' && url === '/api/v1/enterprises/3/decisions/5')
      return { status: 200, data: decision }
    return NOT_FOUND
  })
  signInLiaison(transport)
})
afterEach(() => {
  act(() => logout())
})

describe('a record’s labelled rows', () => {
  it('廉洁风险点: each field with its value', async () => {
    openPage('/packages/risks/pages/detail/index', { eid: '3', rid: '4' })
    render(<RiskDetailPage />)
    await waitFor(() => expect(rows('risk-field').length).toBeGreaterThan(0))
    expect(rows('risk-field').slice(0, 6)).toEqual([
      ['岗位 / 环节', '采购部 / 询价比价'],
      ['风险描述', '供应商围标串标'],
      ['可能性 × 影响', expect.stringContaining(' × ')],
      ['防控措施', '三家以上比价，纪检列席'],
      ['责任人', '陈静'],
      ['复核', '每季度，下次 2026年12月31日'],
    ])
  })

  it('“三重一大” decision: each field, a blank one as —', async () => {
    openPage('/packages/powers/pages/decision/index', { eid: '3', did: '5' })
    render(<DecisionPage />)
    await waitFor(() => expect(rows('pw-line').length).toBeGreaterThan(0))
    expect(rows('pw-line')).toEqual([
      ['决策日期', '2026年11月10日'],
      ['决策会议', '第12次党支部委员会会议'],
      ['参会人员', '—'],
      ['决策结果', '同意购置两台'],
    ])
  })
})
