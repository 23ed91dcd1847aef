import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { TMe, TUser } from '@/models/auth'
import { ApiError } from '@/services/request'
import { completeLogin, getSession, logout } from '@/services/session'
import * as api from '@/services/api'
import HomePage from '@/pages/home/index'
import CodePage from '@/packages/org/pages/code/index'

jest.mock('@/services/api', () => ({
  fetchMe: jest.fn(),
  fetchDemoUsers: jest.fn(),
  loginDemo: jest.fn(),
  loginWechat: jest.fn(),
  queueProfileUpdate: jest.fn(),
  queueJoinEnterprise: jest.fn(),
  // 首页 asks each kept enterprise's ownership (权力清单 is for 国企 only): these are 民企.
  fetchEnterpriseOwnership: jest.fn(() => Promise.resolve('private')),
  WRITE_KINDS: { profileUpdate: 'me.update', inviteJoin: 'invite.join' },
}))
const fetchMe = api.fetchMe as jest.MockedFunction<typeof api.fetchMe>

const user: TUser = { id: 8, name: '陈静', phoneMasked: '138****5678', createdAt: '2026-11-20T08:00:00.000Z' }

function signIn() {
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user },
    { method: 'demo', openid: 'demo-liaison-private' },
  )
}

let reLaunch: jest.SpyInstance
beforeEach(() => {
  localStorage.clear()
  fetchMe.mockReset()
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation(() => Promise.resolve({ errMsg: 'reLaunch:ok' }))
})
afterEach(() => {
  act(() => logout())
  reLaunch.mockRestore()
})

describe('首页', () => {
  it('shows each organisation once with the roles held there, pending ones marked 待审核', async () => {
    signIn()
    const me: TMe = {
      user,
      memberships: [
        {
          id: 1,
          organisationKind: 'enterprise',
          organisationId: 3,
          organisationName: '县恒达食品有限公司',
          role: 'liaison',
          status: 'approved',
        },
        {
          id: 2,
          organisationKind: 'enterprise',
          organisationId: 3,
          organisationName: '县恒达食品有限公司',
          role: 'branch_secretary',
          status: 'approved',
        },
        {
          id: 3,
          organisationKind: 'department',
          organisationId: 1,
          organisationName: '县财政局',
          role: 'supervisor',
          status: 'pending',
        },
      ],
    }
    fetchMe.mockResolvedValue(me)

    render(<HomePage />)

    expect(await screen.findByText('县恒达食品有限公司')).toBeTruthy()
    expect(screen.getAllByText('县恒达食品有限公司')).toHaveLength(1) // grouped: one entry per organisation
    expect(screen.getByText('联络员')).toBeTruthy()
    expect(screen.getByText('支部书记')).toBeTruthy()
    expect(screen.getByText('县财政局')).toBeTruthy()
    expect(screen.getByText('监管员')).toBeTruthy()
    expect(screen.getByText('待审核')).toBeTruthy()
    expect(screen.getByText('企业')).toBeTruthy()
    expect(screen.getByText('监管单位')).toBeTruthy()
    expect(screen.getByText('你好，陈静')).toBeTruthy()
    expect(fetchMe).toHaveBeenCalledTimes(1)
    expect(reLaunch).not.toHaveBeenCalled()
  })

  it('工作台 leads each role to its work: 自查自评 and 整改事项 for the liaison, 监管总览 for a supervisor', async () => {
    signIn()
    fetchMe.mockResolvedValue({
      user,
      memberships: [
        {
          id: 1,
          organisationKind: 'enterprise',
          organisationId: 3,
          organisationName: '县恒达食品有限公司',
          role: 'liaison',
          status: 'approved',
        },
        {
          id: 2,
          organisationKind: 'department',
          organisationId: 5,
          organisationName: '县委统战部',
          role: 'supervisor',
          status: 'approved',
        },
      ],
    })
    const navigate = jest
      .spyOn(Taro, 'navigateTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))

    render(<HomePage />)

    expect(await screen.findByText('工作台')).toBeTruthy()
    // 廉洁承诺 once: one entry, not under a heading of the same words
    expect(screen.getAllByText('廉洁承诺')).toHaveLength(1)
    fireEvent.click(screen.getByText('廉洁承诺'))
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/pledges/pages/list/index' })
    fireEvent.click(screen.getByText('自查自评'))
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/assessment/pages/list/index?eid=3' })
    fireEvent.click(screen.getByText('整改事项'))
    expect(navigate).toHaveBeenLastCalledWith({
      url: '/packages/assessment/pages/rectifications/index?eid=3',
    })
    fireEvent.click(screen.getByText('监管总览'))
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/supervision/pages/overview/index' })
    navigate.mockRestore()
  })

  it('shows no 整改事项 to an employee and no 监管总览 while a supervisor role is pending', async () => {
    signIn()
    fetchMe.mockResolvedValue({
      user,
      memberships: [
        {
          id: 1,
          organisationKind: 'enterprise',
          organisationId: 3,
          organisationName: '县恒达食品有限公司',
          role: 'employee',
          status: 'approved',
        },
        {
          id: 2,
          organisationKind: 'department',
          organisationId: 5,
          organisationName: '县委统战部',
          role: 'supervisor',
          status: 'pending',
        },
      ],
    })

    render(<HomePage />)

    expect(await screen.findByText('自查自评')).toBeTruthy()
    expect(screen.queryByText('整改事项')).toBeNull()
    expect(screen.queryByText('监管总览')).toBeNull()
  })

  it('offers 加入企业 with an invite code when the user has no organisation yet', async () => {
    signIn()
    fetchMe.mockResolvedValue({ user, memberships: [] })

    render(<HomePage />)

    const navigate = jest
      .spyOn(Taro, 'navigateTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
    expect(await screen.findByText('还没有加入任何单位')).toBeTruthy()
    fireEvent.click(screen.getByText('加入企业'))
    // The form is a page of the org subpackage (it keeps zod out of the main package).
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/org/pages/code/index?kind=invite' })
    const codePage = render(<CodePage />)
    expect(
      await screen.findByText('请输入联络员或领导小组办公室提供的 8 位邀请码，提交后由其审核。'),
    ).toBeTruthy()
    expect(screen.getByText('申请加入')).toBeTruthy()
    // One screen: the field on the page itself, no dialog repeating the navigation bar's 加入企业.
    expect(document.querySelector('.nut-dialog')).toBeNull()
    expect(within(codePage.container).queryByText('加入企业')).toBeNull()
  })

  it('shows the county’s first clerk, who has no one to ask for an invite, where the 管理员码 goes', async () => {
    signIn()
    fetchMe.mockResolvedValue({ user, memberships: [] })
    render(<HomePage />)
    const navigate = jest
      .spyOn(Taro, 'navigateTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
    fireEvent.click(await screen.findByText('开通本县系统的办公室人员：输入管理员码'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/org/pages/code/index?kind=admin' })
  })

  it('shows the reason and a retry when loading fails', async () => {
    signIn()
    fetchMe.mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试'))

    render(<HomePage />)

    expect(await screen.findByText('加载失败')).toBeTruthy()
    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy()

    fetchMe.mockResolvedValueOnce({ user, memberships: [] })
    fireEvent.click(screen.getByText('重新加载'))
    expect(await screen.findByText('还没有加入任何单位')).toBeTruthy()
    expect(fetchMe).toHaveBeenCalledTimes(2)
  })

  it('sends a visitor without a session to the login page', async () => {
    render(<HomePage />)

    await act(async () => undefined)
    expect(getSession()).toBeNull()
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
    expect(fetchMe).not.toHaveBeenCalled()
  })
})
