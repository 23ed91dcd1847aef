import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { TBranchDetail, TCompliance, TMeeting } from '@/models/meeting'
import type { TRole } from '@/models/roles'
import { formatDateTime } from '@/models/format'
import { computeCompliance } from '@/models/meetingCompliance'
import { configureRequest, type Transport } from '@/services/request'
import { completeLogin, getToken, logout, relogin } from '@/services/session'
import CalendarPage from '@/packages/party/pages/calendar/index'
import EditPage from '@/packages/party/pages/edit/index'
import { openPage } from './support/assessmentFixture'
import { confirmPicker } from './support/pageTest'

const user = { id: 10, name: '梁红梅', phoneMasked: null, createdAt: '2026-01-05T08:00:00.000Z' }
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
const BRANCH_PATH = '/api/v1/enterprises/3/party-branches/5'

const branch: TBranchDetail = {
  id: 5,
  name: '县恒达食品有限公司党支部',
  enterpriseId: 3,
  enterpriseName: '县恒达食品有限公司',
  canWrite: true,
  secretary: { userId: 10, name: '梁红梅' },
  members: [
    { id: 1, branchId: 5, userId: 10, name: '梁红梅', branchRole: 'secretary', groupId: null, active: true },
    {
      id: 2,
      branchId: 5,
      userId: null,
      name: '黄建国',
      branchRole: 'committee',
      groupId: null,
      active: true,
    },
    { id: 3, branchId: 5, userId: null, name: '莫丽娟', branchRole: 'member', groupId: null, active: true },
  ],
  groups: [],
}

function compliance(): TCompliance {
  // 支委会 held in January only: February onwards is 已逾期 once it has ended.
  const result = computeCompliance({
    year: YEAR,
    now: Date.now(),
    meetings: [
      { type: 'committee', startsAt: `${YEAR}-01-10T02:00:00.000Z`, groupId: null, status: 'submitted' },
    ],
    groups: [],
  })
  return { branchId: 5, branchName: branch.name, ...result }
}

/** The branch as GET /party/branches lists it. */
const summary = {
  id: 5,
  name: branch.name,
  enterpriseId: 3,
  enterpriseName: branch.enterpriseName,
  canWrite: true,
}

let transport: jest.MockedFunction<Transport>

beforeEach(() => {
  localStorage.clear()
  transport = jest.fn(async (req) => {
    const url = req.url.split('?')[0]
    if (req.method === 'GET' && url === '/api/v1/party/branches')
      return {
        status: 200,
        data: {
          branches: [summary],
        },
      }
    if (req.method === 'GET' && url === `${BRANCH_PATH}/compliance`)
      return { status: 200, data: compliance() }
    if (req.method === 'GET' && url === `${BRANCH_PATH}/meetings`)
      return { status: 200, data: { meetings: [] } }
    if (req.method === 'GET' && url === BRANCH_PATH) return { status: 200, data: branch }
    if (req.method === 'GET' && url === `${BRANCH_PATH}/meetings/template`)
      return {
        status: 200,
        data: {
          fromMeetingId: 9,
          type: 'committee',
          groupId: null,
          topic: '研究本月工作',
          place: '公司党员活动室',
          host: '梁红梅',
          recorder: '陈静',
          nonMemberAttendees: '',
        },
      }
    return { status: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', fields: [] } } }
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user },
    { method: 'demo', openid: 'demo-secretary-private' },
  )
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

describe('三会一课 calendar', () => {
  it('shows each type’s months and quarters with their status and the yearly rate', async () => {
    openPage('/packages/party/pages/calendar/index', {})
    render(<CalendarPage />)
    expect(await screen.findByText(branch.name)).toBeTruthy()
    const committee = document.querySelector('.pt-row--committee')!
    const cells = Array.from(committee.querySelectorAll('.pt-cell'))
    expect(cells).toHaveLength(12)
    expect(cells[0].getAttribute('data-status')).toBe('done')
    const expected = compliance().rows.find((r) => r.type === 'committee')!
    expect(cells.map((c) => c.getAttribute('data-status'))).toEqual(expected.cells.map((c) => c.status))
    expect(document.querySelectorAll('.pt-row--member_assembly .pt-cell')).toHaveLength(4)
    // The secretary may record; the rules are spelled out.
    expect(screen.getByText('＋ 记录支委会')).toBeTruthy()
    expect(screen.getAllByText('每月至少1次').length).toBeGreaterThan(0)
  })
})

describe('三会一课 calendar of two branches', () => {
  it('offers each branch as a chip and opens the one picked', async () => {
    const other = {
      id: 6,
      name: '县宏远建材有限公司党支部',
      enterpriseId: 4,
      enterpriseName: '县宏远建材有限公司',
    }
    const answer = transport.getMockImplementation()!
    transport.mockImplementation(async (req) => {
      const url = req.url.split('?')[0]
      if (req.method === 'GET' && url === '/api/v1/party/branches')
        return {
          status: 200,
          data: {
            branches: [summary, { ...other, canWrite: true }],
          },
        }
      if (req.method === 'GET' && url.startsWith('/api/v1/enterprises/4/party-branches/6'))
        return answer({
          ...req,
          url: req.url.replace('/enterprises/4/party-branches/6', '/enterprises/3/party-branches/5'),
        })
      return answer(req)
    })
    openPage('/packages/party/pages/calendar/index', {})
    render(<CalendarPage />)
    await screen.findByText('县宏远建材有限公司党支部')
    const active = () => document.querySelector('.pt-branches .pt-choice--active')?.textContent
    expect(active()).toBe(branch.name)
    expect(document.querySelectorAll('.pt-branches .pt-choice')).toHaveLength(2)
    fireEvent.click(screen.getByText('县宏远建材有限公司党支部'))
    await waitFor(() =>
      expect(
        transport.mock.calls.some(([req]) => req.url.startsWith('/api/v1/enterprises/4/party-branches/6')),
      ).toBe(true),
    )
  })
})

describe('三会一课 calendar with no branch', () => {
  const meAs = (role: TRole) => ({
    user,
    memberships: [
      {
        id: 1,
        organisationKind: 'enterprise',
        organisationId: 3,
        organisationName: '县恒达食品有限公司',
        role,
        status: 'approved',
      },
    ],
  })

  it.each([
    ['branch_secretary', /请联络员在「成员管理」中新增本支部并将您设为支部书记/],
    ['head', /由联络员在「成员管理」中新增党支部、登记党员名册并设定支部书记/],
    ['liaison', /请在「成员管理」中新增党支部并登记党员名册/],
    ['employee', /将您列入党员名册后，可在此查看三会一课/],
  ] as [TRole, RegExp][])('tells the %s what to do about it', async (role, said) => {
    transport.mockImplementation(async (req) => {
      const url = req.url.split('?')[0]
      if (req.method === 'GET' && url === '/api/v1/party/branches')
        return { status: 200, data: { branches: [] } }
      if (req.method === 'GET' && url === '/api/v1/me') return { status: 200, data: meAs(role) }
      return { status: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', fields: [] } } }
    })
    openPage('/packages/party/pages/calendar/index', {})
    render(<CalendarPage />)
    expect(await screen.findByText('暂无党支部')).toBeTruthy()
    await waitFor(() => expect(document.querySelector('.page__body')?.textContent).toMatch(said))
    // The liaison's own words (“请在…”) are for the liaison only.
    if (role !== 'liaison')
      expect(document.querySelector('.page__body')?.textContent).not.toMatch(/请在「成员管理」中新增党支部/)
  })
})

describe('会议记录 form', () => {
  it('starts from the last record of the type and will not submit an absentee without a reason', async () => {
    openPage('/packages/party/pages/edit/index', { eid: '3', bid: '5', type: 'committee' })
    render(<EditPage />)
    await waitFor(() =>
      expect(
        Array.from(document.querySelectorAll<HTMLInputElement>('.meeting-edit__place input')).map(
          (i) => i.value,
        ),
      ).toContain('公司党员活动室'),
    )
    // 支委会: the committee (梁红梅, 黄建国) is expected, not the member 莫丽娟.
    expect(screen.getByText('应到 2 · 实到 2')).toBeTruthy()
    expect(document.querySelector('[data-member="莫丽娟"]')).toBeNull()
    // 黄建国 did not come: unticked, no reason yet.
    const person = document.querySelector('[data-member="黄建国"] .nut-checkbox') as HTMLElement
    fireEvent.click(person)
    expect(await screen.findByText('应到 2 · 实到 1')).toBeTruthy()
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('请填写黄建国的缺席原因')).toBeTruthy()
    expect(screen.getByText('请填写会议纪要')).toBeTruthy()
    expect(transport.mock.calls.some(([req]) => req.method !== 'GET')).toBe(false)
  })

  it('submits the record at the time picked in 北京时间 and opens it', async () => {
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    const redirect = jest
      .spyOn(Taro, 'redirectTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }))
    const answer = transport.getMockImplementation()!
    transport.mockImplementation(async (req) => {
      if (req.method !== 'POST' || req.url !== `${BRANCH_PATH}/meetings`) return answer(req)
      const body = req.data as Record<string, unknown>
      const record: TMeeting = {
        ...(body as Omit<TMeeting, 'id'>),
        id: 12,
        branchId: 5,
        branchName: branch.name,
        enterpriseId: 3,
        enterpriseName: branch.enterpriseName,
        groupName: null,
        expected: 2,
        present: 2,
        attendance: [],
        status: 'submitted',
        submittedAt: new Date().toISOString(),
        revision: 0,
        history: [],
        attachments: [],
        signInEventId: null,
        canWrite: true,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      }
      return { status: 201, data: record }
    })
    openPage('/packages/party/pages/edit/index', { eid: '3', bid: '5', type: 'committee' })
    render(<EditPage />)
    await screen.findByText('应到 2 · 实到 2')
    for (const label of ['会议类型', '议题', '会议时间', '地点', '主持人', '记录人', '会议纪要'])
      expect(screen.getByText(label)).toBeTruthy()
    expect(screen.getByText('保存草稿')).toBeTruthy()
    expect(screen.queryByText('保存更正')).toBeNull()

    // The time opens on its own value, in 北京时间, and comes back the same when confirmed.
    const shown = document.querySelector('.meeting-edit__time .pt-line__value')!.textContent
    fireEvent.click(document.querySelector('.meeting-edit__time')!)
    await confirmPicker()
    expect(document.querySelector('.meeting-edit__time .pt-line__value')!.textContent).toBe(shown)

    act(() => {
      document
        .querySelector('.meeting-edit__minutes taro-textarea-core')!
        .dispatchEvent(new CustomEvent('input', { detail: { value: '传达上级会议精神' }, bubbles: true }))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('提交'))
    })
    await waitFor(() =>
      expect(redirect).toHaveBeenCalledWith({
        url: '/packages/party/pages/detail/index?eid=3&bid=5&mid=12',
      }),
    )
    const post = transport.mock.calls.find(([req]) => req.method === 'POST')![0]
    const body = post.data as Record<string, unknown>
    expect(body).toMatchObject({
      type: 'committee',
      topic: '研究本月工作',
      place: '公司党员活动室',
      minutes: '传达上级会议精神',
      submit: true,
    })
    expect(formatDateTime(body.startsAt as string)).toBe(shown)
  })
})
