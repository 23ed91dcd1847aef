import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { TSpecialSheet } from '@/models/special'
import type { Transport, TransportResponse } from '@/services/request'
import { logout } from '@/services/session'
import ProblemPage from '@/packages/specials/pages/problem/index'
import { LIAISON_ME, openPage } from './support/assessmentFixture'
import { formMessages, NOT_FOUND, signInLiaison } from './support/pageTest'
import { SPECIAL } from './support/specialFixture'

/** The demo's sheet of 县恒达食品有限公司 in its 专项整治 (GET /api/v1/enterprises/3/specials/1). */
const SHEET: TSpecialSheet = {
  special: SPECIAL,
  enterpriseId: 3,
  enterpriseName: '县恒达食品有限公司',
  progress: 'in_progress',
  reportedAt: '2026-12-03T04:04:14.443Z',
  problems: [
    {
      id: 1,
      problem: '原料采购由一人询价、定价、验收，缺少相互制约',
      measure: '采购与验收分离，三家以上比价并留存记录',
      owner: '采购部负责人',
      plannedDate: '2026-12-25',
      status: 'in_progress',
      version: 1,
      updatedAt: '2026-12-03T04:04:14.443Z',
      history: [
        {
          kind: 'created',
          note: '已修订采购管理办法初稿',
          status: 'in_progress',
          actorName: '陈静',
          createdAt: '2026-12-03T04:04:14.443Z',
        },
      ],
    },
  ],
}

let transport: jest.MockedFunction<Transport>
let answerSheet: () => Promise<TransportResponse>
let answerMe: () => Promise<TransportResponse>

beforeEach(() => {
  localStorage.clear()
  answerSheet = async () => ({ status: 200, data: SHEET })
  answerMe = async () => ({ status: 200, data: LIAISON_ME })
  transport = jest.fn(async (req) => {
    const url = req.url.split('?')[0]
    if (req.method === 'GET' && url === '/api/v1/me') return answerMe()
    if (req.method === 'GET' && url === '/api/v1/enterprises/3/specials/1') return answerSheet()
    return NOT_FOUND
  })
  signInLiaison(transport)
})
afterEach(() => {
  act(() => logout())
})

describe('专项整治: one problem', () => {
  it('opens a problem of the sheet in its form, to 保存', async () => {
    openPage('/packages/specials/pages/problem/index', { eid: '3', sid: '1', pid: '1' })
    render(<ProblemPage />)
    await screen.findByText('保存')
    expect(screen.queryByText('填报')).toBeNull()
  })

  it('a new problem: each problem of the check under its field', async () => {
    openPage('/packages/specials/pages/problem/index', { eid: '3', sid: '1' })
    render(<ProblemPage />)
    fireEvent.click(await screen.findByText('填报'))
    await waitFor(() => expect(formMessages('sp-form').fields.length).toBeGreaterThan(0))
    expect(formMessages('sp-form').fields.map(([label]) => label)).toEqual(['突出问题', '整改措施', '责任人'])
    expect(formMessages('sp-form').form).toBeNull()
    expect(transport.mock.calls.filter(([req]) => req.method === 'POST')).toEqual([])
  })

  it('a problem that is not on the sheet: the error, not a blank form that would 填报 a new one', async () => {
    openPage('/packages/specials/pages/problem/index', { eid: '3', sid: '1', pid: '999' })
    render(<ProblemPage />)
    await screen.findByText('没有找到该问题')
    expect(screen.queryByText('填报')).toBeNull()
    expect(screen.queryByText('突出问题')).toBeNull()
  })

  it('a sheet that cannot be read: the error and 重新加载, which reads it again', async () => {
    answerSheet = async () => ({
      status: 503,
      data: { error: { code: 'UNAVAILABLE', message: '服务暂不可用', fields: [] } },
    })
    openPage('/packages/specials/pages/problem/index', { eid: '3', sid: '1', pid: '1' })
    render(<ProblemPage />)
    await screen.findByText('重新加载')
    expect(screen.queryByText('填报')).toBeNull()
    answerSheet = async () => ({ status: 200, data: SHEET })
    act(() => screen.getByText('重新加载').click())
    await screen.findByText('保存')
  })

  it('a new problem: neither the form nor 只读 until 我的 says who may write', async () => {
    let release: (r: TransportResponse) => void = () => undefined
    answerMe = () => new Promise((resolve) => (release = resolve))
    openPage('/packages/specials/pages/problem/index', { eid: '3', sid: '1' })
    render(<ProblemPage />)
    await waitFor(() => expect(transport.mock.calls.some(([r]) => r.url.includes('/specials/1'))).toBe(true))
    await new Promise((r) => setTimeout(r, 50))
    expect(screen.queryByText('只读')).toBeNull()
    act(() => release({ status: 200, data: LIAISON_ME }))
    await screen.findByText('填报')
  })
})
