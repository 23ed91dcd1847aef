import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { configureRequest, type Transport } from '@/services/request'
import { completeLogin, getToken, logout, relogin, userOutbox } from '@/services/session'
import TasksPage from '@/pages/tasks/index'

const user = { id: 8, name: '陈静', phoneMasked: null, createdAt: '2026-11-20T08:00:00.000Z' }
let transport: jest.MockedFunction<Transport>

beforeEach(() => {
  localStorage.clear()
  transport = jest.fn()
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
  it('is honest when there is nothing to do', () => {
    render(<TasksPage />)
    expect(screen.getByText('暂无待办任务')).toBeTruthy()
    expect(screen.queryByText(/等待同步/)).toBeNull()
  })

  it('shows a write that could not be sent yet, and one the server refused with its reason', async () => {
    transport.mockResolvedValueOnce({
      status: 400,
      data: { error: { code: 'INVITE_INVALID', message: '邀请码无效或已过期', fields: [] } },
    })
    transport.mockRejectedValue(new Error('request:fail'))
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
    transport.mockResolvedValueOnce({
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

    transport.mockResolvedValueOnce({ status: 200, data: { ...user, name: '陈静静' } })
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
      await outbox.flush()
    })

    expect(screen.getByText('暂无待办任务')).toBeTruthy()
    expect(screen.queryByText('修改个人资料')).toBeNull()
    const keys = transport.mock.calls.map((c) => c[0].headers['Idempotency-Key'])
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
  })
})
