import { act, render, screen, waitFor } from '@testing-library/react'
import { configureRequest, type Transport } from '@/services/request'
import { completeLogin, getToken, logout, relogin } from '@/services/session'
import PledgeVerifyPage from '@/packages/pledges/pages/verify/index'
import PledgeListPage from '@/packages/pledges/pages/list/index'
import PledgeSignPage from '@/packages/pledges/pages/sign/index'
import { openPage } from './support/assessmentFixture'
import { enterpriseRow } from './support/pageTest'

const HEAD_ME = {
  user: { id: 12, name: '刘恒达', phoneMasked: '138****0032', createdAt: '2026-11-20T08:00:00.000Z' },
  memberships: [
    {
      id: 3,
      organisationKind: 'enterprise',
      organisationId: 3,
      organisationName: '县恒达食品有限公司',
      role: 'head',
      status: 'approved',
    },
  ],
}

const SUMMARY = {
  id: 21,
  code: 'ABCD2345WXYZ',
  kind: 'government_business',
  title: '政商双边清廉承诺书',
  templateVersion: 1,
  status: 'pending',
  enterprise: { id: 3, name: '县恒达食品有限公司' },
  department: { id: 10, name: '县工业信息化和商务局' },
  startedBy: { userId: 4, name: '陆海军', side: 'department' },
  createdAt: '2026-11-24T02:00:00.000Z',
  effectiveAt: null,
  canCountersign: true,
  canWithdraw: false,
}

function verification(intact: boolean) {
  return {
    code: 'ABCD2345WXYZ',
    kind: 'government_business',
    title: '政商双边清廉承诺书',
    templateVersion: 1,
    status: 'effective',
    enterpriseName: '县恒达食品有限公司',
    departmentName: '县工业信息化和商务局',
    textSha256: 'a'.repeat(64),
    signers: [
      {
        side: 'enterprise',
        name: '刘恒达',
        phoneMasked: '138****0032',
        organisationName: '县恒达食品有限公司',
        signedAt: '2026-11-24T02:00:00.000Z',
        signatureSha256: 'b'.repeat(64),
        chainSeq: 1,
      },
    ],
    recordIntact: intact || tailCut,
    chainIntact: intact,
    intact,
    checkedEntries: 1,
    firstBroken: intact
      ? null
      : tailCut
        ? {
            seq: 101,
            pledgeCode: null,
            reason: 'missing',
            missing: { from: 101, to: 120 },
            message: '哈希链第 101–120 条缺失：链外锚点已登记的链记录不在数据库中（记录被删除）',
          }
        : {
            seq: 1,
            pledgeCode: 'ABCD2345WXYZ',
            reason: 'text_hash',
            message: '第 1 条链记录（承诺编号 ABCD-2345-WXYZ）：承诺书正文与签署时的哈希不一致（正文被改动）',
          },
    anchor: anchored ? { count: 120, mac: 'c'.repeat(64), at: '2026-11-24T02:30:00.000Z' } : null,
    checkedAt: '2026-11-24T03:00:00.000Z',
  }
}

let transport: jest.MockedFunction<Transport>
let intact = true
/** The chain lost its tail after the pledge (the record itself holds). */
let tailCut = false
/** Whether a checkpoint has been written outside the database yet. */
let anchored = true
let pledgeCanCountersign = true

beforeEach(() => {
  localStorage.clear()
  intact = true
  tailCut = false
  anchored = true
  pledgeCanCountersign = true
  transport = jest.fn(async (req) => {
    const url = req.url
    if (url === '/api/v1/me') return { status: 200, data: HEAD_ME }
    if (url.startsWith('/api/v1/pledges/verify/ABCD2345WXYZ'))
      return { status: 200, data: verification(intact) }
    if (url === '/api/v1/pledges') return { status: 200, data: { pledges: [SUMMARY] } }
    if (url === '/api/v1/pledges/todo')
      return {
        status: 200,
        data: {
          personal: [
            { enterpriseId: 3, enterpriseName: '县恒达食品有限公司', remindedAt: '2026-11-24T01:00:00.000Z' },
          ],
          countersign: [SUMMARY],
        },
      }
    if (url === '/api/v1/pledges/21')
      return {
        status: 200,
        data: {
          ...SUMMARY,
          canCountersign: pledgeCanCountersign,
          text: '政商双边清廉承诺书\n\n双方共同承诺：\n一、守住不行贿、不欠薪、不逃税、不侵权的底线。',
          textSha256: 'c'.repeat(64),
          signatures: [],
          withdrawn: null,
          verifyPath: '/api/v1/pledges/verify/ABCD2345WXYZ',
          dealings: [],
        },
      }
    if (url === '/api/v1/enterprises/3') return { status: 200, data: enterpriseRow(3, '县恒达食品有限公司') }
    return { status: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', fields: [] } } }
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
})
afterEach(() => {
  act(() => logout())
})

function signIn() {
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: HEAD_ME.user },
    { method: 'demo', openid: 'demo-head-private' },
  )
}

describe('承诺核验 (public)', () => {
  it('shows an intact record with masked phones, without a login', async () => {
    openPage('/packages/pledges/pages/verify/index', { code: 'abcd-2345-wxyz' })
    render(<PledgeVerifyPage />)
    await screen.findByText('记录完整，哈希链完整')
    expect(screen.getByText(/138\*\*\*\*0032/)).toBeTruthy()
    // The latest checkpoint outside the database is printed.
    expect(screen.getByText(/哈希链共 120 条时写入 · 2026年11月24日 10:30/)).toBeTruthy()
    expect(screen.getByText(`MAC ${'c'.repeat(64)}`)).toBeTruthy()
    expect(screen.getByText(/已从最近的链外锚点起核对哈希链 1 条记录/)).toBeTruthy()
    const call = transport.mock.calls.find(([r]) => r.url.includes('/verify/'))
    expect(call?.[0].headers.Authorization).toBeUndefined()
  })

  it('says the chain was checked from its start while no checkpoint is written', async () => {
    anchored = false
    openPage('/packages/pledges/pages/verify/index', { code: 'ABCD2345WXYZ' })
    render(<PledgeVerifyPage />)
    await screen.findByText('记录完整，哈希链完整')
    expect(screen.getByText(/已从哈希链起点核对哈希链 1 条记录/)).toBeTruthy()
    expect(screen.queryByText(/链外锚点起核对/)).toBeNull()
  })

  it('says where a tampered record broke', async () => {
    intact = false
    openPage('/packages/pledges/pages/verify/index', { code: 'ABCD2345WXYZ' })
    render(<PledgeVerifyPage />)
    await screen.findByText('记录已被改动')
    expect(screen.getByText(/第一处断点：第 1 条链记录/)).toBeTruthy()
  })

  it('says which entries are missing when the chain lost its tail', async () => {
    intact = false
    tailCut = true
    openPage('/packages/pledges/pages/verify/index', { code: 'ABCD2345WXYZ' })
    render(<PledgeVerifyPage />)
    await screen.findByText('哈希链已断裂')
    expect(screen.getByText(/第一处断点：哈希链第 101–120 条缺失/)).toBeTruthy()
  })
})

describe('廉洁承诺 list', () => {
  it('shows the to-dos, what a head may sign (no 国企 pledge for a 民营 head) and the pledges', async () => {
    signIn()
    openPage('/packages/pledges/pages/list/index', {})
    render(<PledgeListPage />)
    await screen.findByText('签署本年度个人廉洁从业承诺书')
    expect(screen.getByText(/联络员已于/)).toBeTruthy()
    await screen.findByText('企业诚信守法经营承诺书')
    expect(screen.getByText('发起政商双边清廉承诺书')).toBeTruthy()
    expect(screen.queryByText('国有企业领导人员廉洁从业承诺书')).toBeNull()
    expect(screen.getAllByText('政商双边清廉承诺书待您签署').length).toBe(1)
    expect(screen.getByText('待对方签署')).toBeTruthy()
  })
})

describe('counter-signing', () => {
  it('offers the text and the pad to the counterparty', async () => {
    signIn()
    openPage('/packages/pledges/pages/sign/index', { pid: '21' })
    render(<PledgeSignPage />)
    await screen.findByText(/陆海军已签署，请企业方签署/)
    await screen.findByText('一、守住不行贿、不欠薪、不逃税、不侵权的底线。')
    expect(screen.getByText('确认签署')).toBeTruthy()
    expect(screen.getByText('清除重签')).toBeTruthy()
  })

  it('tells someone who is not the counterparty, and offers no signing', async () => {
    pledgeCanCountersign = false
    signIn()
    openPage('/packages/pledges/pages/sign/index', { pid: '21' })
    render(<PledgeSignPage />)
    await screen.findByText(/您不是这份承诺的对方签署人/)
    await waitFor(() => expect(screen.queryByText('确认签署')).toBeNull())
  })
})
