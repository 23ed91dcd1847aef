import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { configureRequest, type Transport } from '@/services/request'
import { completeLogin, getSession, getToken, logout, relogin } from '@/services/session'
import MinePage from '@/pages/mine/index'
import ProfilePage from '@/packages/org/pages/profile/index'

const user = { id: 8, name: '陈静', phoneMasked: '138****5678', createdAt: '2026-11-20T08:00:00.000Z' }
let serverUser = { ...user }
const me = () => ({
  user: serverUser,
  memberships: [
    {
      id: 1,
      organisationKind: 'enterprise',
      organisationId: 3,
      organisationName: '县恒达食品有限公司',
      role: 'liaison',
      status: 'approved',
    },
  ],
})
let transport: jest.MockedFunction<Transport>

/** Taro's <Input> is a Stencil web component (not defined in jsdom): it reports typing as an `input` event. */
function typeInto(element: Element, value: string) {
  act(() => {
    element.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}
let reLaunch: jest.SpyInstance

beforeEach(() => {
  localStorage.clear()
  serverUser = { ...user }
  transport = jest.fn(async (req) => {
    if (req.method === 'GET' && req.url === '/api/v1/me') return { status: 200, data: me() }
    if (req.method === 'PATCH' && req.url === '/api/v1/me') {
      serverUser = { ...serverUser, ...(req.data as object) }
      return { status: 200, data: serverUser }
    }
    return { status: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', fields: [] } } }
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user },
    { method: 'demo', openid: 'demo-liaison-private' },
  )
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation(() => Promise.resolve({ errMsg: 'reLaunch:ok' }))
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

describe('我的', () => {
  it('shows the profile with the masked phone and the memberships', async () => {
    render(<MinePage />)
    expect(await screen.findByText('县恒达食品有限公司')).toBeTruthy()
    expect(screen.getAllByText('陈静').length).toBeGreaterThan(0)
    expect(screen.getAllByText('138****5678').length).toBeGreaterThan(0)
    expect(screen.getByText('联络员')).toBeTruthy()
    expect(screen.getByText('2026年11月20日')).toBeTruthy()
  })

  it('edits the name through the outbox (PATCH /api/v1/me with an idempotency key)', async () => {
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    const back = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
    render(<MinePage />)
    await screen.findByText('县恒达食品有限公司')

    const navigate = jest
      .spyOn(Taro, 'navigateTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
    fireEvent.click(screen.getByText('编辑资料'))
    // The form is a page of the org subpackage (it keeps zod out of the main package).
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/org/pages/profile/index' })
    const profile = render(<ProfilePage />)
    await screen.findByText('姓名', { selector: '.form-dialog__label' })
    // One screen: the fields on the page itself, no dialog repeating the navigation bar's 编辑资料.
    expect(document.querySelector('.nut-dialog')).toBeNull()
    expect(within(profile.container).queryByText('编辑资料')).toBeNull()
    typeInto(document.querySelector('.form-dialog taro-input-core')!, '陈静静')
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })

    await waitFor(() => expect(getSession()?.user.name).toBe('陈静静'))
    const patch = transport.mock.calls.find((c) => c[0].method === 'PATCH')![0]
    expect(patch.data).toEqual({ name: '陈静静' })
    expect(patch.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(patch.headers.Authorization).toBe('Bearer test-token')
    // Saved: the form's page closes, back to 我的.
    await waitFor(() => expect(back).toHaveBeenCalledTimes(1))
  })

  it('退出登录 asks, clears the session and goes to the login page', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    render(<MinePage />)
    await screen.findByText('县恒达食品有限公司')

    await act(async () => {
      fireEvent.click(screen.getByText('退出登录'))
    })

    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
    expect(getSession()).toBeNull()
    expect(Taro.getStorageSync('session')).toBe('')
  })
})
