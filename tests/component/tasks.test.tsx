import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { TMembership } from '@/models/org'
import type { TTodo, TTodoDigest } from '@/models/todo'
import { configureRequest, type Transport, type TransportResponse } from '@/services/request'
import { completeLogin, getToken, logout, relogin, userOutbox } from '@/services/session'
import TasksPage from '@/pages/tasks/index'

const user = { id: 8, name: '陈静', phoneMasked: null, createdAt: '2026-11-20T08:00:00.000Z' }
let transport: jest.MockedFunction<Transport>
/** Answers for the writes (non-GET requests), in order; an Error is a network failure. */
let writes: (TransportResponse | Error)[]
let todos: TTodo[]
/** The list's total when it is more than its items (the server's limit); else their number. */
let listTotal: number | undefined
let digest: TTodoDigest
/** What GET /api/v1/me answers with (null: it fails, the page does without). */
let memberships: TMembership[] | null

function todo(over: Partial<TTodo> & Pick<TTodo, 'kind' | 'key' | 'title'>): TTodo {
  return {
    detail: '县恒达食品有限公司',
    dueDate: null,
    overdue: false,
    enterpriseId: 3,
    recordId: 1,
    ...over,
  }
}

beforeEach(() => {
  localStorage.clear()
  writes = []
  todos = []
  listTotal = undefined
  digest = { total: 0, overdue: 0, byKind: [], newCount: 0, newKeys: [], lastSeenAt: null }
  memberships = null
  transport = jest.fn(async (req) => {
    if (req.method === 'GET' && req.url === '/api/v1/todos')
      return { status: 200, data: { items: todos, total: listTotal ?? todos.length, counts: {} } }
    // H5 (this test's platform): the digest, and the note that it has been looked at.
    if (req.method === 'GET' && req.url === '/api/v1/todos/digest') return { status: 200, data: digest }
    if (req.method === 'PUT' && req.url === '/api/v1/todos/seen') return { status: 200, data: { ok: true } }
    if (req.method === 'GET' && req.url === '/api/v1/me' && memberships)
      return { status: 200, data: { user, memberships } }
    const next = writes.shift()
    if (!next || next instanceof Error) throw next ?? new Error('request:fail')
    return next
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user },
    { method: 'demo', openid: 'demo-liaison-private' },
  )
})
afterEach(() => {
  act(() => logout())
})

/** An overdue 整改 (opens its rectification page). */
const overdueRectification = () =>
  todo({
    kind: 'rectification_open',
    key: 'rectification:5',
    title: '整改：完善采购审批制度',
    dueDate: '2026-03-09',
    overdue: true,
    recordId: 5,
  })

describe('任务', () => {
  it('is honest when there is nothing to do', async () => {
    render(<TasksPage />)
    expect(await screen.findByText('暂无待办任务')).toBeTruthy()
    expect(screen.queryByText(/等待同步/)).toBeNull()
  })

  it('tells someone who belongs nowhere yet to join, not to wait for tasks', async () => {
    memberships = []
    render(<TasksPage />)
    expect(await screen.findByText('还没有加入任何单位')).toBeTruthy()
    expect(screen.queryByText('暂无待办任务')).toBeNull()
    const navigate = jest
      .spyOn(Taro, 'navigateTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
    fireEvent.click(screen.getByText('加入企业'))
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/org/pages/code/index?kind=invite' })
    navigate.mockRestore()
  })

  it('tells someone whose request waits who decides it', async () => {
    const asked = (over: Partial<TMembership>): TMembership => ({
      id: 1,
      organisationKind: 'enterprise',
      organisationId: 3,
      organisationName: '县恒达食品有限公司',
      role: 'employee',
      status: 'pending',
      ...over,
    })
    memberships = [asked({})]
    const { unmount } = render(<TasksPage />)
    expect(await screen.findByText('加入申请待审核')).toBeTruthy()
    expect(
      screen.getByText('已申请加入「县恒达食品有限公司」，本企业联络员审核通过后，要办的事会列在这里。'),
    ).toBeTruthy()
    unmount()
    // a department's 监管员: the office decides
    memberships = [
      asked({ organisationKind: 'department', organisationName: '县委统战部', role: 'supervisor' }),
    ]
    render(<TasksPage />)
    expect(
      await screen.findByText('已申请加入「县委统战部」，领导小组办公室审核通过后，要办的事会列在这里。'),
    ).toBeTruthy()
  })

  it('lists what the server says waits, as it orders it, and opens the page where each is done', async () => {
    todos = [
      overdueRectification(),
      todo({
        kind: 'assessment_returned',
        key: 'assessment:3',
        title: '自查被退回，请修改后重新提交',
        recordId: 3,
      }),
      todo({
        kind: 'pledge_countersign',
        key: 'pledge-countersign:2',
        title: '会签：政商交往双边承诺',
        recordId: 2,
      }),
    ]
    const badge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'setTabBarBadge:ok' })
    render(<TasksPage />)

    expect(await screen.findByText('待办任务（3）')).toBeTruthy()
    const titles = Array.from(document.querySelectorAll('.tasks__todo .tasks__label')).map(
      (e) => e.textContent,
    )
    expect(titles).toEqual([
      '整改：完善采购审批制度',
      '自查被退回，请修改后重新提交',
      '会签：政商交往双边承诺',
    ])
    expect(screen.getByText('已逾期').closest('.status-tag--overdue')).toBeTruthy()
    expect(screen.getByText('截止 2026年3月9日')).toBeTruthy()
    expect(badge).toHaveBeenCalledWith({ index: 1, text: '3' })

    const navigate = jest
      .spyOn(Taro, 'navigateTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
    fireEvent.click(screen.getByText('自查被退回，请修改后重新提交'))
    expect(navigate).toHaveBeenLastCalledWith({
      url: '/packages/assessment/pages/overview/index?eid=3&aid=3',
    })
    fireEvent.click(screen.getByText('整改：完善采购审批制度'))
    expect(navigate).toHaveBeenLastCalledWith({
      url: '/packages/assessment/pages/rectification/index?eid=3&rid=5',
    })
    fireEvent.click(screen.getByText('会签：政商交往双边承诺'))
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/pledges/pages/sign/index?pid=2' })
    navigate.mockRestore()
    badge.mockRestore()
  })

  it("opens a 国企's newly published 权力清单 where the supervising department 阅看 it", async () => {
    todos = [
      todo({
        kind: 'power_list_unread',
        key: 'power-list-unread:7',
        title: '阅看「县城市建设投资集团有限公司」的权力清单',
        detail: '第 2 版 · 县财政局',
        enterpriseId: 4,
        recordId: 2,
      }),
    ]
    render(<TasksPage />)
    const navigate = jest
      .spyOn(Taro, 'navigateTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
    fireEvent.click(await screen.findByText('阅看「县城市建设投资集团有限公司」的权力清单'))
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/powers/pages/list/index?eid=4' })
    navigate.mockRestore()
  })

  it('opens the 工作清单 from an item that stands for many, and counts it as its many', async () => {
    todos = [
      todo({
        kind: 'rectification_verify',
        key: 'group:rectification_verify',
        title: '401家企业的整改待核验',
        detail: '共 401 项，在工作清单「待核验」中逐一核验',
        enterpriseId: null,
        recordId: null,
        count: 401,
      }),
      overdueRectification(),
    ]
    listTotal = 402
    render(<TasksPage />)
    expect(await screen.findByText('待办任务（402）')).toBeTruthy()
    // Every to-do is in the list (one item stands for 401 of them): no "only the first N" note.
    expect(screen.queryByText(/先列出最紧的/)).toBeNull()
    const navigate = jest
      .spyOn(Taro, 'navigateTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
    fireEvent.click(screen.getByText('401家企业的整改待核验'))
    expect(navigate).toHaveBeenLastCalledWith({
      url: '/packages/supervision/pages/worklists/index?list=verify',
    })
    navigate.mockRestore()
  })

  it('says how many of the total it lists first when the server keeps some back', async () => {
    todos = [overdueRectification()]
    listTotal = 150
    render(<TasksPage />)
    expect(await screen.findByText('先列出最紧的 1 项，办完后其余随即显示。')).toBeTruthy()
  })

  it('shows a write that could not be sent yet, and one the server refused with its reason', async () => {
    writes.push({
      status: 400,
      data: { error: { code: 'INVITE_INVALID', message: '邀请码无效或已过期', fields: [] } },
    })
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
    writes.push({
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

    writes.push({ status: 200, data: { ...user, name: '陈静静' } })
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
      await outbox.flush()
    })

    expect(screen.getByText('暂无待办任务')).toBeTruthy()
    expect(screen.queryByText('修改个人资料')).toBeNull()
    const keys = transport.mock.calls
      .filter((c) => c[0].method !== 'GET' && c[0].url !== '/api/v1/todos/seen')
      .map((c) => c[0].headers['Idempotency-Key'])
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
  })

  it('in H5, sums up the list at the top (overdue first, new since the last look) and notes the look', async () => {
    todos = [
      overdueRectification(),
      todo({ kind: 'assessment_fill', key: 'assessment:3', title: '完成年度自查自评' }),
      todo({ kind: 'assessment_fill', key: 'assessment:4', title: '完成第二期自查' }),
    ]
    digest = {
      total: 3,
      overdue: 1,
      byKind: [
        { kind: 'rectification_open', count: 1, overdue: 1 },
        { kind: 'assessment_fill', count: 2, overdue: 0 },
      ],
      newCount: 1,
      newKeys: ['assessment:4'],
      lastSeenAt: '2026-03-08T01:30:00.000Z',
    }
    render(<TasksPage />)
    expect(await screen.findByText('待办 3 项')).toBeTruthy()
    expect(screen.getByText('已逾期 1 项')).toBeTruthy()
    // a day and time as every page writes one (the year only when it is not this one)
    expect(screen.getByText(/^自上次查看（(2026年)?3月8日 09:30）以来新增 1 项$/)).toBeTruthy()
    const kinds = Array.from(document.querySelectorAll('.todo-digest__kind')).map((e) => e.textContent)
    expect(kinds).toEqual(['待整改 1（逾期 1）', '待自查 2'])
    // The new one is marked in the list; the overdue one says so instead.
    await screen.findByText('待办任务（3）')
    const fresh = screen.getByText('完成第二期自查').closest('.tasks__todo') as HTMLElement
    expect(within(fresh).getByText('新')).toBeTruthy()
    expect(document.querySelectorAll('.tasks__new')).toHaveLength(1)
    // No WeChat reminders in a browser.
    expect(screen.queryByText('开启微信提醒')).toBeNull()
    await waitFor(() =>
      expect(
        transport.mock.calls.some((c) => c[0].method === 'PUT' && c[0].url === '/api/v1/todos/seen'),
      ).toBe(true),
    )
  })
})
