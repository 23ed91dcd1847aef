import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Transport } from '@/services/request'
import type { TMember, TPartyBranch } from '@/models/org'
import { logout } from '@/services/session'
import { BranchesCard } from '@/packages/org/components/BranchesCard'
import { NOT_FOUND, signInLiaison } from './support/pageTest'

const member = (userId: number, name: string, role: TMember['role'], status: TMember['status']): TMember => ({
  membershipId: userId,
  userId,
  name,
  phoneMasked: null,
  role,
  status,
  createdAt: '2026-11-20T08:00:00.000Z',
  disabled: false,
})
const MEMBERS = [
  member(7, '陈静', 'liaison', 'approved'),
  member(8, '蒙书记', 'branch_secretary', 'approved'),
  member(9, '待审人', 'branch_secretary', 'pending'),
]

let transport: jest.MockedFunction<Transport>
let branches: TPartyBranch[]
/** The server's refusal of the next POST (an enterprise without a party organisation), if any. */
let refusal: string | null

beforeEach(() => {
  localStorage.clear()
  branches = []
  refusal = null
  transport = jest.fn(async (req) => {
    if (req.url !== '/api/v1/enterprises/3/branches') return NOT_FOUND
    if (req.method === 'GET') return { status: 200, data: { branches } }
    if (refusal)
      return { status: 400, data: { error: { code: 'VALIDATION_FAILED', message: refusal, fields: [] } } }
    const body = req.data as { name: string; secretaryUserId: number | null }
    const created = { id: 11, enterpriseId: 3, name: body.name, secretaryUserId: body.secretaryUserId }
    branches = [...branches, created]
    return { status: 201, data: created }
  })
  signInLiaison(transport)
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

function typeName(value: string) {
  act(() => {
    document
      .querySelector('.org-branches__name taro-input-core')!
      .dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

describe('成员管理: 党支部', () => {
  it('registers a branch with its 书记 chosen among the approved 支部书记, then lists it', async () => {
    render(<BranchesCard eid={3} members={MEMBERS} />)
    await screen.findByText(/尚未登记党支部/)
    const scroll = jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' })
    fireEvent.click(screen.getByText('新增党支部'))
    // The form opens at the card's foot, often below the screen: the page brings it into view.
    await waitFor(() =>
      expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: '.org-branches__form' })),
    )
    // Only the approved 支部书记 is offered.
    expect(screen.getByText('蒙书记')).toBeTruthy()
    expect(screen.queryByText('待审人')).toBeNull()
    typeName('中共县恒达食品有限公司支部委员会')
    fireEvent.click(screen.getByText('蒙书记'))
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    await screen.findByText('书记 蒙书记')
    expect(screen.getByText('中共县恒达食品有限公司支部委员会')).toBeTruthy()
    const post = transport.mock.calls.find(([req]) => req.method === 'POST')![0]
    expect(post.data).toEqual({ name: '中共县恒达食品有限公司支部委员会', secretaryUserId: 8 })
    expect(post.headers['Idempotency-Key']).toBeTruthy()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已新增党支部' }))
  })

  it('checks the name first, and shows the server’s reason by the form', async () => {
    refusal = '该企业未设立党组织，请先在企业资料中填写党组织情况'
    render(<BranchesCard eid={3} members={[MEMBERS[0]]} />)
    await screen.findByText(/尚未登记党支部/)
    fireEvent.click(screen.getByText('新增党支部'))
    expect(screen.getByText(/本企业还没有支部书记/)).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(screen.getByText('支部名称至少2个字')).toBeTruthy()
    expect(transport.mock.calls.some(([req]) => req.method === 'POST')).toBe(false)
    typeName('党支部')
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    await waitFor(() => expect(screen.getByText(refusal!)).toBeTruthy())
    // The form stays open with what was typed.
    expect(screen.getByText('保存')).toBeTruthy()
  })
})
