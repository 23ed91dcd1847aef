import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { TRiskDetail } from '@/models/risk'
import type { Transport, TransportResponse } from '@/services/request'
import { logout } from '@/services/session'
import RiskDetailPage from '@/packages/risks/pages/detail/index'
import RiskEditPage from '@/packages/risks/pages/edit/index'
import { LIAISON_ME, openPage } from './support/assessmentFixture'
import { NOT_FOUND, OFFICE_ME, signInLiaison } from './support/pageTest'
import { riskDetail } from './support/riskFixture'

const risk = (over: Partial<TRiskDetail> = {}) =>
  riskDetail({ likelihood: 3, impact: 3, rectificationId: null, rectificationOpen: false, ...over })

let transport: jest.MockedFunction<Transport>
/** GET /api/v1/enterprises/3/risks/4: answered when the test says so. */
let answerRisk: () => Promise<TransportResponse>
let me: unknown

beforeEach(() => {
  localStorage.clear()
  me = LIAISON_ME
  answerRisk = async () => ({ status: 200, data: risk() })
  transport = jest.fn(async (req) => {
    const url = req.url.split('?')[0]
    if (req.method === 'GET' && url === '/api/v1/me') return { status: 200, data: me }
    if (req.method === 'GET' && url === '/api/v1/enterprises/3/risks/4') return answerRisk()
    if (req.method === 'DELETE' && url === '/api/v1/enterprises/3/risks/4/attachments/11')
      return { status: 200, data: { ok: true } }
    return NOT_FOUND
  })
  signInLiaison(transport)
})
afterEach(() => {
  act(() => logout())
})

describe('修改廉洁风险点', () => {
  it('shows no form (and no 登记) until the risk is loaded', async () => {
    let release: (r: TransportResponse) => void = () => undefined
    answerRisk = () => new Promise((resolve) => (release = resolve))
    openPage('/packages/risks/pages/edit/index', { eid: '3', rid: '4' })
    render(<RiskEditPage />)
    await waitFor(() => expect(transport).toHaveBeenCalled())
    expect(screen.queryByText('登记')).toBeNull()
    expect(screen.queryByText('风险领域')).toBeNull()
    act(() => release({ status: 200, data: risk() }))
    await screen.findByText('保存')
    expect(screen.queryByText('登记')).toBeNull()
  })

  it('a risk that cannot be loaded: the error with 重新加载, not a blank form to 登记', async () => {
    answerRisk = async () => NOT_FOUND
    openPage('/packages/risks/pages/edit/index', { eid: '3', rid: '4' })
    render(<RiskEditPage />)
    await screen.findByText('重新加载')
    expect(screen.queryByText('登记')).toBeNull()
    answerRisk = async () => ({ status: 200, data: risk() })
    act(() => screen.getByText('重新加载').click())
    await screen.findByText('保存')
  })
})

describe('廉洁风险点 as the office', () => {
  beforeEach(() => {
    me = OFFICE_ME
  })

  it('offers 转为整改 while no 整改 of the risk is open', async () => {
    openPage('/packages/risks/pages/detail/index', { eid: '3', rid: '4' })
    render(<RiskDetailPage />)
    await screen.findByText('下发整改')
  })

  it('does not offer a second 整改 while one is open (the server would refuse it)', async () => {
    answerRisk = async () => ({ status: 200, data: risk({ rectificationId: 9, rectificationOpen: true }) })
    openPage('/packages/risks/pages/detail/index', { eid: '3', rid: '4' })
    render(<RiskDetailPage />)
    await screen.findByText(/已转为整改/)
    expect(screen.getByText('查看整改事项')).toBeTruthy()
    expect(screen.queryByText('下发整改')).toBeNull()
  })
})

const attachment: TRiskDetail['attachments'][number] = {
  id: 11,
  itemCode: '',
  filename: '采购制度.pdf',
  mime: 'application/pdf',
  size: 2048,
  sha256: 'a'.repeat(64),
  url: '/files/11',
  createdAt: '2026-11-20T08:00:00.000Z',
}

describe('廉洁风险点 attachments, as its liaison', () => {
  it('撤下 an attachment of a 有效 risk once confirmed, and reads the risk again', async () => {
    const modal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    answerRisk = async () => ({ status: 200, data: risk({ attachments: [attachment] }) })
    openPage('/packages/risks/pages/detail/index', { eid: '3', rid: '4' })
    render(<RiskDetailPage />)
    await screen.findByText('提交复核')
    const remove = await waitFor(() => {
      const button = document.querySelector('.evidence-grid__remove')
      if (!button) throw new Error('no remove button')
      return button
    })
    answerRisk = async () => ({ status: 200, data: risk() })
    fireEvent.click(remove)
    await waitFor(() =>
      expect(
        transport.mock.calls.some(([r]) => r.method === 'DELETE' && r.url.endsWith('/attachments/11')),
      ).toBe(true),
    )
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤下附件？' }))
    await waitFor(() => expect(document.querySelector('.evidence-grid__remove')).toBeNull())
    modal.mockRestore()
  })

  it('a settled risk: its attachments as they are, neither added to nor taken away', async () => {
    answerRisk = async () => ({
      status: 200,
      data: risk({ status: 'closed', attachments: [attachment] }),
    })
    openPage('/packages/risks/pages/detail/index', { eid: '3', rid: '4' })
    render(<RiskDetailPage />)
    await screen.findByText('修改')
    await screen.findByText('采购制度.pdf')
    expect(document.querySelector('.evidence-grid__remove')).toBeNull()
    expect(screen.queryByText('拍照/相册')).toBeNull()
  })
})

describe('风险预警 阅知, as a supervising department', () => {
  const FINANCE_ME = {
    user: { id: 3, name: '黄志强', phoneMasked: null, createdAt: '2026-11-20T08:00:00.000Z' },
    memberships: [
      {
        id: 2,
        organisationKind: 'department',
        organisationId: 2,
        organisationName: '县财政局',
        role: 'supervisor',
        status: 'approved',
      },
    ],
  }
  const acked = {
    occasion: 2,
    acks: [{ departmentName: '县财政局', userName: '黄志强', acknowledgedAt: '2026-11-24T02:05:00.000Z' }],
    canAcknowledge: false,
  }
  beforeEach(() => {
    me = FINANCE_ME
  })

  it('阅知 the occasion read, then says which department took note and when (北京时间)', async () => {
    answerRisk = async () => ({
      status: 200,
      data: risk({ alert: { occasion: 2, acks: [], canAcknowledge: true } }),
    })
    const posted: string[] = []
    const inner = transport.getMockImplementation()!
    transport.mockImplementation(async (req) => {
      if (req.method === 'POST' && req.url.endsWith('/acknowledgements')) {
        posted.push(req.url)
        answerRisk = async () => ({ status: 200, data: risk({ alert: acked }) })
        return { status: 200, data: risk({ alert: acked }) }
      }
      return inner(req)
    })
    openPage('/packages/risks/pages/detail/index', { eid: '3', rid: '4' })
    render(<RiskDetailPage />)
    fireEvent.click(await screen.findByText('阅知'))
    await screen.findByText(/县财政局已于 .*11月24日 10:05 阅知/)
    expect(posted).toEqual(['/api/v1/enterprises/3/risks/4/alerts/2/acknowledgements'])
    expect(screen.queryByText('阅知')).toBeNull()
  })

  it('offers no 阅知 where the server says it may not be (an overdue review, already 阅知)', async () => {
    answerRisk = async () => ({ status: 200, data: risk({ reviewOverdue: true, alert: acked }) })
    openPage('/packages/risks/pages/detail/index', { eid: '3', rid: '4' })
    render(<RiskDetailPage />)
    await screen.findByText('下发整改')
    await screen.findByText(/县财政局已于 .*11月24日 10:05 阅知/)
    expect(screen.queryByText('阅知')).toBeNull()
  })
})
