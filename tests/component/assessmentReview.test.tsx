import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { submitProblems, type TAssessment } from '@/models/assessment'
import { configureRequest, type Transport, type TransportResponse } from '@/services/request'
import { completeLogin, getToken, logout, relogin, userOutbox } from '@/services/session'
import ReviewPage from '@/packages/assessment/pages/review/index'
import { LIAISON_ME, answer, assessment, evidence, openPage } from './support/assessmentFixture'

const SUBMIT_URL = '/api/v1/enterprises/3/assessments/7/submit'
let server: TAssessment
let submitReply: TransportResponse
let transport: jest.MockedFunction<Transport>
let redirect: jest.SpyInstance
let modal: jest.SpyInstance

beforeEach(() => {
  localStorage.clear()
  server = assessment()
  submitReply = { status: 200, data: { ...server, status: 'submitted' } }
  transport = jest.fn(async (req) => {
    if (req.method === 'GET' && req.url === '/api/v1/me') return { status: 200, data: LIAISON_ME }
    if (req.method === 'GET' && req.url === '/api/v1/enterprises/3/assessments/7')
      return { status: 200, data: server }
    if (req.method === 'POST' && req.url === SUBMIT_URL) return submitReply
    return { status: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', fields: [] } } }
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: LIAISON_ME.user },
    { method: 'demo', openid: 'demo-liaison-private' },
  )
  openPage('/packages/assessment/pages/review/index', { eid: '3', aid: '7' })
  redirect = jest
    .spyOn(Taro, 'redirectTo')
    .mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }))
  modal = jest
    .spyOn(Taro, 'showModal')
    .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

const submitButton = () => screen.getByText('提交').closest('.nut-button') as HTMLElement

describe('提交前检查', () => {
  it('lists what is missing, grouped by section, the way submitProblems() finds it', async () => {
    // T01-04: 不适用 without a reason; T05-01: 是 without the required evidence; T09-02: not answered.
    server = assessment({ answers: [answer('T01-04', 'na'), answer('T05-01', 'yes')] })
    const expected = submitProblems(server.items, server.answers, () => 0)
    expect(expected.map((p) => p.itemCode)).toEqual(['T01-04', 'T05-01', 'T09-02'])

    render(<ReviewPage />)

    expect(await screen.findByText('待处理 3 项')).toBeTruthy()
    expect(screen.getByText('清廉政治（1 项）')).toBeTruthy()
    expect(screen.getByText('清廉经营（1 项）')).toBeTruthy()
    expect(screen.getByText('清廉文化（1 项）')).toBeTruthy()
    for (const p of expected) {
      const row = screen.getByText(p.itemCode).closest('.missing-item') as HTMLElement
      expect(row.textContent).toContain(p.message)
    }
    expect(screen.getByText('选择“不适用”须说明理由')).toBeTruthy()
    expect(screen.getByText('该项要求上传佐证材料')).toBeTruthy()
    expect(screen.getByText('尚未作答')).toBeTruthy()
    await waitFor(() => expect(submitButton().className).toContain('nut-button-disabled'))

    // Each one leads to its item.
    const navigate = jest
      .spyOn(Taro, 'navigateTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
    fireEvent.click(screen.getByText('T05-01'))
    expect(navigate).toHaveBeenCalledWith({
      url: '/packages/assessment/pages/item/index?eid=3&aid=7&code=T05-01',
    })
    fireEvent.click(submitButton())
    await act(async () => undefined)
    expect(modal).not.toHaveBeenCalled()
    expect(transport.mock.calls.some((c) => c[0].url === SUBMIT_URL)).toBe(false)
  })

  it('submits after a confirmation when nothing is missing, then opens the result', async () => {
    server = assessment({
      answers: [
        answer('T01-04', 'na', { naReason: '本企业不适用' }),
        answer('T05-01', 'yes'),
        answer('T09-02', 'no', { note: '尚未开展' }),
      ],
      evidence: [evidence(5, 'T05-01')],
    })
    submitReply = {
      status: 200,
      data: { ...server, status: 'submitted', submittedAt: '2026-11-24T09:00:00.000Z' },
    }

    render(<ReviewPage />)

    expect(await screen.findByText('检查通过')).toBeTruthy()
    await waitFor(() => expect(submitButton().className).not.toContain('nut-button-disabled'))
    fireEvent.click(submitButton())

    await waitFor(() =>
      expect(redirect).toHaveBeenCalledWith({ url: '/packages/assessment/pages/result/index?eid=3&aid=7' }),
    )
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '提交自查', confirmText: '提交' }))
    const submit = transport.mock.calls.find((c) => c[0].url === SUBMIT_URL)![0]
    expect(submit.method).toBe('POST')
    expect(submit.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(userOutbox()!.list()).toHaveLength(0)
  })

  it('shows the server’s reason when it refuses the submit, and drops the refused entry', async () => {
    server = assessment({
      answers: [answer('T01-04', 'yes'), answer('T05-01', 'yes'), answer('T09-02', 'yes')],
      evidence: [evidence(5, 'T01-04'), evidence(6, 'T05-01')],
    })
    submitReply = {
      status: 422,
      data: {
        error: {
          code: 'ASSESSMENT_INCOMPLETE',
          message: '自查表尚未完成：还有 1 项需要处理',
          fields: [{ path: 'T05-01', message: '该项要求上传佐证材料' }],
        },
      },
    }

    render(<ReviewPage />)
    await screen.findByText('检查通过')
    await waitFor(() => expect(submitButton().className).not.toContain('nut-button-disabled'))
    fireEvent.click(submitButton())

    expect(await screen.findByText('未能提交')).toBeTruthy()
    expect(screen.getByText('自查表尚未完成：还有 1 项需要处理')).toBeTruthy()
    expect(redirect).not.toHaveBeenCalled()
    expect(userOutbox()!.list()).toHaveLength(0)
  })
})
