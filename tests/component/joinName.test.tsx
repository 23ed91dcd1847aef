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

/** The server's answer to a preview: USEDUP22 is used up, MEMBER22 is one the caller already holds. */
function previewAnswer(code: string) {
  if (code === 'USEDUP22')
    return {
      status: 409,
      data: {
        error: {
          code: 'INVITE_USED_UP',
          message: '该邀请码的使用人数已满，请向发码人索取新的邀请码',
          fields: [],
        },
      },
    }
  return {
    status: 200,
    data: {
      organisationKind: 'enterprise',
      organisationName: '测试县恒达建材有限公司',
      role: 'liaison',
      expiresAt: '2026-12-11T04:00:00.000Z',
      alreadyMember: code === 'MEMBER22',
    },
  }
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
      return previewAnswer((req.data as { code: string }).code)
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
    const done = await screen.findByText(/已申请加入「测试县恒达建材有限公司」/)
    // the outcome first, then the way on (the walk found 返回首页 above what had happened)
    expect(
      done.compareDocumentPosition(screen.getByText('返回首页')) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy()
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

describe('加入企业 by a typed code: what the code opens, before the request', () => {
  const previews = () => transport.mock.calls.filter((c) => c[0].url === '/api/v1/invites/preview')
  const codeField = () => document.querySelector('.form-dialog taro-input-core')!

  async function typedCodePage() {
    signIn({ ...fresh, name: '黄海燕' })
    openPage('/packages/org/pages/code/index', { kind: 'invite' })
    render(<CodePage />)
    await screen.findByText('请输入联络员或领导小组办公室提供的 8 位邀请码，提交后由其审核。')
  }

  it('shows the organisation, the role, who decides and the expiry once the code is whole, then joins', async () => {
    await typedCodePage()
    typeInto(codeField(), 'a6ju3e')
    await act(async () => undefined)
    // A part of a code asks nothing.
    expect(previews()).toHaveLength(0)
    typeInto(codeField(), 'a6ju3egd')
    expect(await screen.findByText('测试县恒达建材有限公司')).toBeTruthy()
    expect(screen.getByText('邀请你以「联络员」身份加入，由领导小组办公室审核。')).toBeTruthy()
    // As the liaison's own card dates it (the year only when it is not this one), in 北京时间.
    expect(screen.getByText(/^有效期至 (2026年)?12月11日 12:00$/)).toBeTruthy()
    expect(previews().map((c) => c[0].data)).toEqual([{ code: 'A6JU3EGD' }])
    // Another code edited in: the last one's organisation is not shown for it.
    typeInto(codeField(), 'A6JU3EG')
    expect(screen.queryByText('测试县恒达建材有限公司')).toBeNull()
    typeInto(codeField(), 'A6JU3EGD')
    await screen.findByText('测试县恒达建材有限公司')
    // The page is left once the request is in.
    const back = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
    await act(async () => {
      fireEvent.click(screen.getByText('申请加入'))
    })
    await waitFor(() => expect(back).toHaveBeenCalled())
    expect(transport.mock.calls.filter((c) => c[0].url === '/api/v1/invites/join')[0]![0].data).toEqual({
      code: 'A6JU3EGD',
    })
  })

  it('says a used-up code’s refusal and offers no 申请加入; a corrected code offers it again', async () => {
    await typedCodePage()
    typeInto(codeField(), 'USEDUP22')
    expect(await screen.findByText('该邀请码的使用人数已满，请向发码人索取新的邀请码')).toBeTruthy()
    expect(screen.queryByText('申请加入')).toBeNull()
    typeInto(codeField(), 'A6JU3EGD')
    expect(await screen.findByText('申请加入')).toBeTruthy()
    expect(screen.queryByText('该邀请码的使用人数已满，请向发码人索取新的邀请码')).toBeNull()
  })

  it('tells someone already there that no request is needed, and offers none', async () => {
    await typedCodePage()
    typeInto(codeField(), 'MEMBER22')
    expect(await screen.findByText('你已申请或已是该企业的联络员，无需再次申请。')).toBeTruthy()
    expect(screen.queryByText('申请加入')).toBeNull()
    expect(screen.getByText('取消')).toBeTruthy()
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
