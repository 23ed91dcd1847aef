import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { TBranchDetail, TCompliance, TMeetingSummary, TPartySupervisionPage } from '@/models/meeting'
import { computeCompliance } from '@/models/meetingCompliance'
import { ERROR_MESSAGES } from '@/models/errorMessages'
import type { TMeetingFigures, TSupervisionFigures } from '@/models/supervisionOverview'
import type { Transport } from '@/services/request'
import { logout } from '@/services/session'
import CalendarPage from '@/packages/party/pages/calendar/index'
import EditPage from '@/packages/party/pages/edit/index'
import PartySupervisionPage from '@/packages/party/pages/supervision/index'
import { Figures } from '@/packages/supervision/components/Figures'
import { openPage } from './support/assessmentFixture'
import { NOT_FOUND, signInLiaison } from './support/pageTest'

/**
 * What the 三会一课 and 活动 figures say they count: a record nobody attended is shown as not counted, a
 * form with an empty roll says to register 党员 first, 未设立支部 is named apart from 暂无要求, and
 * 受邀·暂无成员 apart from 无受邀活动.
 */
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
const BRANCH_PATH = '/api/v1/enterprises/3/party-branches/5'
const branch: TBranchDetail = {
  id: 5,
  name: '县恒达食品有限公司党支部',
  enterpriseId: 3,
  enterpriseName: '县恒达食品有限公司',
  canWrite: true,
  secretary: { userId: 10, name: '梁红梅' },
  members: [],
  groups: [],
}
const JANUARY = `${YEAR}-01-10T02:00:00.000Z`
/** A 支委会 in January kept from before the rule, with nobody present (应到 0 / 实到 0). */
const emptyRecord: TMeetingSummary = {
  id: 7,
  type: 'committee',
  groupId: null,
  groupName: null,
  topic: '学习《关于加强新时代廉洁文化建设的意见》',
  startsAt: JANUARY,
  status: 'submitted',
  expected: 0,
  present: 0,
  revision: 0,
  attachmentCount: 0,
}
const compliance = (): TCompliance => ({
  branchId: 5,
  branchName: branch.name,
  ...computeCompliance({
    year: YEAR,
    now: Date.now(),
    meetings: [{ type: 'committee', startsAt: JANUARY, groupId: null, status: 'submitted', present: 0 }],
    groups: [],
  }),
})
const party: TPartySupervisionPage = {
  month: `${YEAR}-12`,
  year: YEAR,
  items: [],
  total: 0,
  page: 1,
  pageSize: 20,
  missing: 0,
  withoutBranch: {
    total: 1,
    enterprises: [
      { enterpriseId: 2, enterpriseName: '县城市建设投资集团有限公司', partyOrg: 'party_committee' },
    ],
  },
}

let transport: jest.MockedFunction<Transport>
beforeEach(() => {
  localStorage.clear()
  transport = jest.fn(async (req) => {
    const url = req.url.split('?')[0]
    const answers: Record<string, unknown> = {
      '/api/v1/party/branches': { branches: [{ ...branch, members: undefined, groups: undefined }] },
      [`${BRANCH_PATH}/compliance`]: compliance(),
      [`${BRANCH_PATH}/meetings`]: { meetings: [emptyRecord] },
      [BRANCH_PATH]: branch,
      [`${BRANCH_PATH}/meetings/template`]: {
        fromMeetingId: null,
        type: 'committee',
        groupId: null,
        topic: '',
        place: '',
        host: '',
        recorder: '',
        nonMemberAttendees: '',
      },
      '/api/v1/supervision/party': party,
    }
    return req.method === 'GET' && url in answers ? { status: 200, data: answers[url] } : NOT_FOUND
  })
  signInLiaison(transport)
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

describe('三会一课 records nobody attended', () => {
  it('shows them on the calendar as not counted, and the month is not 已完成', async () => {
    openPage('/packages/party/pages/calendar/index', {})
    render(<CalendarPage />)
    expect(await screen.findByText(branch.name)).toBeTruthy()
    const january = document.querySelector('.pt-row--committee .pt-cell')!
    expect(january.getAttribute('data-status')).not.toBe('done')
    expect(screen.getByText('1月有 1 次记录无人出席，不计入完成率')).toBeTruthy()
    expect(screen.getByText('无人出席·不计入')).toBeTruthy()
    expect(document.querySelector('.party-calendar__empty')!.textContent).toContain(
      `${YEAR}年有 1 次会议记录无人出席`,
    )
    expect(document.querySelector('.party-calendar__rate')!.textContent).not.toBe('100%')
  })

  it('will not submit a record while the roll is empty, and says to register 党员 first', async () => {
    openPage('/packages/party/pages/edit/index', { eid: '3', bid: '5', type: 'committee' })
    render(<EditPage />)
    expect(await screen.findByText('应到 0 · 实到 0')).toBeTruthy()
    expect(document.querySelector('.meeting-edit__empty-roll')!.textContent).toContain(
      '请先在党员名册中登记党员',
    )
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText(ERROR_MESSAGES.MEETING_ROLL_EMPTY)).toBeTruthy()
    expect(transport.mock.calls.some(([req]) => req.method !== 'GET')).toBe(false)
  })
})

describe('三会一课监管 and 监管总览 labels', () => {
  it('names the enterprises with a party organisation but no 党支部', async () => {
    openPage('/packages/party/pages/supervision/index', {})
    render(<PartySupervisionPage />)
    expect(await screen.findByText('未设立支部 1 家企业')).toBeTruthy()
    expect(screen.getByText('县城市建设投资集团有限公司')).toBeTruthy()
    expect(screen.queryByText('暂无党支部')).toBeNull()
  })

  it('counts 未设立支部 apart from 暂无要求 and 受邀·暂无成员 apart from 无受邀活动', async () => {
    const zero = { on_time: 0, late: 0, missing: 0 }
    const f = {
      campaign: null,
      campaigns: [],
      departments: [],
      departmentId: null,
      total: 4,
      ownership: { state_owned: 1, state_controlled: 1, mixed: 0, private: 2, other: 0 },
      partyOrg: { party_committee: 1, general_branch: 1, branch: 1, none: 1 },
      completion: { not_started: 4, draft: 0, submitted: 0, returned: 0, accepted: 0 },
      scores: [],
      rectifications: {
        open: { enterprises: 0, items: 0 },
        awaiting: { enterprises: 0, items: 0 },
        overdue: { enterprises: 0, items: 0 },
      },
      pledges: { year: YEAR, members: 2, signed: 1, bands: { full: 0, partial: 1, none: 0, no_members: 1 } },
      attendance: {
        expected: 2,
        attended: 1,
        bands: { high: 0, mid: 1, low: 0, no_members: 1, no_events: 2 },
      },
      milestones: { leadingGroup: zero, plan: zero },
    } as unknown as TSupervisionFigures
    const meetings: TMeetingFigures = {
      year: YEAR,
      total: 4,
      required: 0,
      done: 0,
      bands: { high: 0, mid: 0, low: 0, no_branch: 1, none: 3 },
    }
    render(<Figures f={f} meetings={meetings} risks={null} />)
    const bar = (label: string) =>
      Array.from(document.querySelectorAll('.sv-bars__row')).find(
        (r) => r.querySelector('.sv-bars__label')!.textContent === label,
      )
    await waitFor(() => expect(bar('未设立支部')).toBeTruthy())
    expect(bar('未设立支部')!.querySelector('.sv-bars__value')!.textContent).toBe('1')
    expect(bar('暂无要求')!.querySelector('.sv-bars__value')!.textContent).toBe('3')
    expect(bar('受邀·暂无成员')!.querySelector('.sv-bars__value')!.textContent).toBe('1')
    expect(bar('无受邀活动')!.querySelector('.sv-bars__value')!.textContent).toBe('2')
    expect(bar('无活动')).toBeUndefined()
    expect(screen.getByText(/应到 = 已开始签到的受邀活动 × 企业成员数/)).toBeTruthy()
    expect(screen.getByText(/只计有党员出席的已提交记录/)).toBeTruthy()
  })
})
