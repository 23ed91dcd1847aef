import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { configureRequest, type Transport } from '@/services/request'
import { completeLogin, getSession, getToken, logout, relogin } from '@/services/session'
import JoinPage from '@/packages/org/pages/join/index'
import CodePage from '@/packages/org/pages/code/index'
import { JoinRequests } from '@/packages/org/components/JoinRequests'
import type { TMember } from '@/models/org'
import { openPage } from './support/assessmentFixture'
import { todoLink } from '@/services/todos'
import type { TTodo } from '@/models/todo'

/**
 * 加入 asks for a name first while the profile has WeChat's default one: the approver must see who asks.
 * The name goes as 编辑资料's PATCH /api/v1/me, ahead of the join request in the outbox.
 */
const fresh = { id: 21, name: '微信用户', phoneMasked: null, createdAt: '2026-12-04T01:00:00.000Z' }
let serverUser: Record<string, unknown>
let transport: jest.MockedFunction<Transport>

/** Taro's <Input> is a Stencil web component (not defined in jsdom): it reports typing as an `input` event. */
function typeInto(element: Element, value: string) {
  act(() => {
    element.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

function signIn(user = fresh) {
  serverUser = { ...user }
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user },
    { method: 'demo', openid: 'demo-newcomer' },
  )
}

beforeEach(() => {
  localStorage.clear()
  transport = jest.fn(async (req) => {
    if (req.method === 'PATCH' && req.url === '/api/v1/me') {
      const body = req.data as { name: string; phone?: string }
      serverUser = { ...serverUser, name: body.name, phoneMasked: body.phone ? '139****1111' : null }
      return { status: 200, data: serverUser }
    }
    if (req.method === 'POST' && req.url === '/api/v1/invites/preview')
      return {
        status: 200,
        data: {
          organisationKind: 'enterprise',
          organisationName: '测试县恒达建材有限公司',
          role: 'liaison',
          expiresAt: '2026-12-11T04:00:00.000Z',
          alreadyMember: false,
        },
      }
    if (req.method === 'POST' && req.url === '/api/v1/invites/join')
      return {
        status: 201,
        data: {
          membershipId: 5,
          organisationKind: 'enterprise',
          organisationId: 9,
          organisationName: '测试县恒达建材有限公司',
          enterpriseId: 9,
          enterpriseName: '测试县恒达建材有限公司',
          role: 'liaison',
          status: 'pending',
        },
      }
    return { status: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', fields: [] } } }
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  openPage('/packages/org/pages/join/index', { kind: 'invite', code: 'A6JU3EGD' })
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

const fields = () => document.querySelectorAll('.form-dialog taro-input-core')

describe('加入: the name step', () => {
  it('asks for the name (and an optional phone) before the request, and sends it first', async () => {
    signIn()
    render(<JoinPage />)
    expect(await screen.findByText('先填写你的姓名')).toBeTruthy()
    expect(screen.queryByText('申请加入')).toBeNull()

    // WeChat's default name is no name.
    typeInto(fields()[0], '微信用户')
    await act(async () => {
      fireEvent.click(screen.getByText('下一步'))
    })
    expect(screen.getByText('请填写真实姓名')).toBeTruthy()
    // The phone follows the one mobile rule.
    typeInto(fields()[0], '黄海燕')
    typeInto(fields()[1], '1234')
    await act(async () => {
      fireEvent.click(screen.getByText('下一步'))
    })
    expect(screen.getByText('手机号应为11位数字')).toBeTruthy()
    // Only the invite's preview (a read) has been asked; nothing is written before the name.
    expect(transport.mock.calls.map((c) => `${c[0].method} ${c[0].url}`)).toEqual([
      'POST /api/v1/invites/preview',
    ])

    typeInto(fields()[1], '13900001111')
    await act(async () => {
      fireEvent.click(screen.getByText('下一步'))
    })
    await waitFor(() => expect(getSession()?.user.name).toBe('黄海燕'))
    expect(await screen.findByText('A6JU3EGD')).toBeTruthy()
    expect(await screen.findByText('邀请你以「联络员」身份加入，由领导小组办公室审核。')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('申请加入'))
    })
    await screen.findByText(/已申请加入「测试县恒达建材有限公司」/)
    const writes = transport.mock.calls.filter((c) => c[0].url !== '/api/v1/invites/preview')
    expect(writes.map((c) => `${c[0].method} ${c[0].url}`)).toEqual([
      'PATCH /api/v1/me',
      'POST /api/v1/invites/join',
    ])
    expect(writes[0]![0].data).toEqual({ name: '黄海燕', phone: '13900001111' })
  })

  it('goes straight to the request when the profile already has a name', async () => {
    signIn({ ...fresh, name: '黄海燕' })
    render(<JoinPage />)
    expect(await screen.findByText('申请加入')).toBeTruthy()
    expect(screen.queryByText('先填写你的姓名')).toBeNull()
  })

  it('加入企业 by a typed code asks for the name first too', async () => {
    signIn()
    openPage('/packages/org/pages/code/index', { kind: 'invite' })
    render(<CodePage />)
    expect(await screen.findByText('先填写你的姓名')).toBeTruthy()
    typeInto(fields()[0], '黄海燕')
    await act(async () => {
      fireEvent.click(screen.getByText('下一步'))
    })
    expect(
      await screen.findByText('请输入联络员或领导小组办公室提供的 8 位邀请码，提交后由其审核。'),
    ).toBeTruthy()
    expect(transport.mock.calls[0][0].data).toEqual({ name: '黄海燕' })
  })
})

describe('待审核: a liaison’s request beside the import’s registration', () => {
  it('shows the registered name and masked phone, and whether they match', () => {
    const member: TMember = {
      membershipId: 5,
      userId: 21,
      name: '黄海',
      phoneMasked: '139****2111',
      role: 'liaison',
      status: 'pending',
      createdAt: '2026-12-04T01:00:00.000Z',
      disabled: false,
      registered: { name: '黄海燕', phoneMasked: '139****1111', nameMatches: false, phoneMatches: false },
    }
    render(<JoinRequests pending={[member]} busy={null} onDecide={() => undefined} />)
    expect(screen.getByText('导入登记：黄海燕 139****1111（姓名不一致，手机号不一致）')).toBeTruthy()
  })
})

describe('待审核加入申请 in 任务 opens where it is decided', () => {
  const todo = (
    key: string,
    enterpriseId: number | null,
    recordId: number | null,
    detail: string,
  ): TTodo => ({
    kind: 'member_pending',
    key,
    title: '1 人申请加入，待审核',
    detail,
    dueDate: null,
    overdue: false,
    enterpriseId,
    recordId,
  })
  it('成员管理 (as the office’s for the office’s share), or the department’s 部门人员', () => {
    expect(todoLink(todo('members:enterprise:9:5', 9, null, '恒达'))).toBe(
      `/packages/org/pages/members/index?eid=9&name=${encodeURIComponent('恒达')}`,
    )
    expect(todoLink(todo('members:enterprise-office:9:5', 9, null, '恒达'))).toBe(
      `/packages/org/pages/members/index?eid=9&as=office&name=${encodeURIComponent('恒达')}`,
    )
    expect(todoLink(todo('members:department:4:7', null, 4, '县财政局'))).toBe(
      `/packages/org/pages/staff/index?did=4&name=${encodeURIComponent('县财政局')}`,
    )
  })
})
