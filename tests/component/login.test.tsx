import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ApiError } from '@/services/request'
import { getSession, logout } from '@/services/session'
import * as api from '@/services/api'
import LoginPage from '@/pages/login/index'

jest.mock('@/services/api', () => ({
  fetchMe: jest.fn(),
  fetchDemoUsers: jest.fn(),
  loginDemo: jest.fn(),
  loginWechat: jest.fn(),
  queueProfileUpdate: jest.fn(),
  queueJoinEnterprise: jest.fn(),
  WRITE_KINDS: { profileUpdate: 'me.update', inviteJoin: 'invite.join' },
}))
const fetchDemoUsers = api.fetchDemoUsers as jest.MockedFunction<typeof api.fetchDemoUsers>
const loginDemo = api.loginDemo as jest.MockedFunction<typeof api.loginDemo>

const demoUsers = [
  { openid: 'demo-liaison-private', name: '陈静', description: '联络员 · 县恒达食品有限公司' },
  { openid: 'demo-supervisor-finance', name: '黄志强', description: '监管员 · 县财政局（清廉国企专班）' },
]

let reLaunch: jest.SpyInstance
beforeEach(() => {
  localStorage.clear()
  fetchDemoUsers.mockReset()
  loginDemo.mockReset()
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation(() => Promise.resolve({ errMsg: 'reLaunch:ok' }))
})
afterEach(() => {
  act(() => logout())
  reLaunch.mockRestore()
})

describe('登录页（H5 演示模式）', () => {
  it('lists the demo users with their name and description', async () => {
    fetchDemoUsers.mockResolvedValue(demoUsers)

    render(<LoginPage />)

    expect(screen.getByText('清廉企业')).toBeTruthy()
    expect(await screen.findByText('陈静')).toBeTruthy()
    expect(screen.getByText('联络员 · 县恒达食品有限公司')).toBeTruthy()
    expect(screen.getByText('黄志强')).toBeTruthy()
    expect(screen.getByText('监管员 · 县财政局（清廉国企专班）')).toBeTruthy()
    expect(screen.getByText('选择演示身份登录')).toBeTruthy()
  })

  it('logs in as the picked demo user, keeps the session and goes to 首页', async () => {
    fetchDemoUsers.mockResolvedValue(demoUsers)
    loginDemo.mockResolvedValue({
      token: 'token-1',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      user: { id: 8, name: '陈静', phoneMasked: null, createdAt: '2026-11-20T08:00:00.000Z' },
    })

    render(<LoginPage />)
    fireEvent.click(await screen.findByText('陈静'))

    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }))
    expect(loginDemo).toHaveBeenCalledWith('demo-liaison-private')
    expect(getSession()).toMatchObject({ token: 'token-1', method: 'demo', openid: 'demo-liaison-private' })
    expect(JSON.parse(Taro.getStorageSync('session') as string)).toMatchObject({ token: 'token-1' })
  })

  it('a failed login says why in a toast (loaded only then) and lets the user pick again', async () => {
    fetchDemoUsers.mockResolvedValue(demoUsers)
    loginDemo.mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', '网络连接失败'))
    const showToast = jest
      .spyOn(Taro, 'showToast')
      .mockImplementation(() => Promise.resolve({ errMsg: 'ok' }))
    try {
      render(<LoginPage />)
      fireEvent.click(await screen.findByText('陈静'))

      await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '网络连接失败', icon: 'none' }))
      expect(reLaunch).not.toHaveBeenCalled()
      expect(getSession()).toBeNull()
      expect(screen.getByText('陈静')).toBeTruthy()
    } finally {
      showToast.mockRestore()
    }
  })

  it('explains a failed list and loads it again on request', async () => {
    fetchDemoUsers.mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', '网络连接失败'))

    render(<LoginPage />)

    expect(await screen.findByText('演示用户加载失败')).toBeTruthy()
    expect(screen.getByText('网络连接失败')).toBeTruthy()

    fetchDemoUsers.mockResolvedValueOnce(demoUsers)
    fireEvent.click(screen.getByText('重新加载'))
    expect(await screen.findByText('陈静')).toBeTruthy()
  })

  it('a server without demo login (a county in production) sends the visitor to WeChat, not to an error', async () => {
    fetchDemoUsers.mockRejectedValueOnce(
      new ApiError(404, 'ROUTE_NOT_FOUND', '接口不存在：GET /api/v1/auth/dev/users'),
    )

    render(<LoginPage />)

    expect(await screen.findByText('请在微信中使用')).toBeTruthy()
    // Said as a person would: 扫一扫 is WeChat's menu item, not a verb to put before 扫描.
    expect(
      screen.getByText('用微信扫描二维码，或在微信中搜索「清廉企业」小程序，即可登录使用。'),
    ).toBeTruthy()
    expect(screen.queryByText('演示用户加载失败')).toBeNull()
    expect(screen.queryByText(/接口不存在/)).toBeNull()
  })
})
