import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Transport, TransportResponse } from '@/services/request'
import { logout, userOutbox } from '@/services/session'
import { formatDateTime } from '@/models/format'
import SignInPage from '@/packages/events/pages/signin/index'
import EventQrPage from '@/packages/events/pages/qr/index'
import { EventForm } from '@/packages/events/pages/create/EventForm'
import { LIAISON_ME, openPage } from './support/assessmentFixture'
import { confirmPicker, enterpriseRow, NOT_FOUND, signInLiaison } from './support/pageTest'

let transport: jest.MockedFunction<Transport>
/** The answer to the next POST /sign-ins; an Error is a network failure. */
let signInAnswer: TransportResponse | Error
let qrCalls = 0

function typeInto(element: Element, value: string) {
  act(() => {
    element.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

const refusal = (status: number, code: string, message: string): TransportResponse => ({
  status,
  data: { error: { code, message, fields: [] } },
})

const signIn = (at: string) => ({
  id: 5,
  eventId: 7,
  eventTitle: '廉政党课',
  userId: 9,
  signedInAt: at,
  receivedAt: at,
  scannedAt: at,
  method: 'scan',
  flags: [],
})

function qr(n: number) {
  const serverTime = new Date(Date.now()).toISOString()
  return {
    payload: `QL1.7.${n}.sig`,
    slot: n,
    // Expires in 1 s: the page fetches the next one as soon as it does.
    expiresAt: new Date(Date.now() + 1000).toISOString(),
    acceptedUntil: new Date(Date.now() + 16_000).toISOString(),
    serverTime,
  }
}

beforeEach(() => {
  localStorage.clear()
  qrCalls = 0
  transport = jest.fn(async (req) => {
    if (req.method === 'GET' && req.url === '/api/v1/me') return { status: 200, data: LIAISON_ME }
    if (req.method === 'POST' && req.url === '/api/v1/sign-ins') {
      if (signInAnswer instanceof Error) throw signInAnswer
      return signInAnswer
    }
    if (req.method === 'GET' && req.url === '/api/v1/events/7/qr') return { status: 200, data: qr(++qrCalls) }
    if (req.method === 'GET' && req.url === '/api/v1/events/7/attendance?page=1&pageSize=1')
      return {
        status: 200,
        data: {
          eventId: 7,
          title: '廉政党课',
          cancelledAt: null,
          count: qrCalls,
          expected: 12,
          absentCount: 12 - qrCalls,
          flaggedCount: 0,
          items: [],
          total: qrCalls,
          page: 1,
          pageSize: 1,
        },
      }
    return NOT_FOUND
  })
  signInLiaison(transport)
})
afterEach(() => {
  act(() => logout())
})

async function pasteAndSubmit(payload: string) {
  openPage('/packages/events/pages/signin/index', {})
  render(<SignInPage />)
  const input = await waitFor(() => {
    const el =
      document.querySelector('.signin__input taro-input-core') ?? document.querySelector('.signin__input')
    if (!el) throw new Error('no input')
    return el
  })
  typeInto(input, payload)
  fireEvent.click(screen.getByText('提交签到'))
}

describe('扫码签到: one clear result from the server’s answer', () => {
  const cases: [string, TransportResponse, string][] = [
    [
      '201 signed_in',
      { status: 201, data: { result: 'signed_in', signIn: signIn('2026-11-24T02:05:00.000Z') } },
      '签到成功',
    ],
    [
      '200 already_signed_in',
      { status: 200, data: { result: 'already_signed_in', signIn: signIn('2026-11-24T01:50:00.000Z') } },
      '已签到',
    ],
    ['QR_EXPIRED', refusal(422, 'QR_EXPIRED', '二维码已过期'), '二维码已过期'],
    ['QR_INVALID', refusal(422, 'QR_INVALID', '无效二维码'), '无效二维码'],
    ['OUTSIDE_WINDOW', refusal(422, 'OUTSIDE_WINDOW', '不在签到时间'), '不在签到时间'],
    ['NOT_IN_AUDIENCE', refusal(403, 'NOT_IN_AUDIENCE', '非活动对象'), '非活动对象'],
    ['OUT_OF_RANGE', refusal(422, 'OUT_OF_RANGE', '不在活动范围'), '不在活动范围'],
  ]
  it.each(cases)('%s → %s', async (_name, answer, title) => {
    signInAnswer = answer
    await pasteAndSubmit('QL1.7.1.sig')
    await waitFor(() => expect(document.querySelector('.signin__result-title')?.textContent).toBe(title))
    // Signed in: the paste box no longer reads as a step still to do; refused: it asks again.
    const signed = title === '签到成功' || title === '已签到'
    expect(screen.queryByText(/^签到其他活动/) !== null).toBe(signed)
    expect(screen.queryByText(/^浏览器中无法调用摄像头扫码/) !== null).toBe(!signed)
    // Shown here, so nothing is left in the outbox for 任务.
    expect(userOutbox()?.list()).toEqual([])
  })

  it('labels the time of a new sign-in', async () => {
    signInAnswer = { status: 201, data: { result: 'signed_in', signIn: signIn('2026-11-24T02:05:00.000Z') } }
    await pasteAndSubmit('QL1.7.1.sig')
    expect(
      await screen.findByText(`「廉政党课」 签到时间 ${formatDateTime('2026-11-24T02:05:00.000Z')}`),
    ).toBeTruthy()
  })

  it('shows the original time for 已签到 and the scan time is sent in the body', async () => {
    signInAnswer = {
      status: 200,
      data: { result: 'already_signed_in', signIn: signIn('2026-11-24T01:50:00.000Z') },
    }
    await pasteAndSubmit('QL1.7.1.sig')
    expect(
      await screen.findByText(`您已于 ${formatDateTime('2026-11-24T01:50:00.000Z')} 签到「廉政党课」`),
    ).toBeTruthy()
    const post = transport.mock.calls.map((c) => c[0]).find((r) => r.method === 'POST')
    expect(post?.data).toMatchObject({ payload: 'QL1.7.1.sig' })
    expect(typeof (post?.data as { scannedAt: string }).scannedAt).toBe('string')
  })

  it('keeps an offline scan in the outbox: 已记录，联网后自动补传', async () => {
    signInAnswer = new Error('request:fail')
    await pasteAndSubmit('QL1.7.1.sig')
    expect(await screen.findByText('已记录，联网后自动补传', {}, { timeout: 10_000 })).toBeTruthy()
    const pending = userOutbox()?.list() ?? []
    expect(pending).toHaveLength(1)
    expect(pending[0]).toMatchObject({ path: '/api/v1/sign-ins', status: 'pending' })
  }, 15_000)
})

describe('签到二维码 (organiser)', () => {
  it('shows a real QR image and fetches the next code when it expires, with the live count', async () => {
    openPage('/packages/events/pages/qr/index', { eventId: '7' })
    render(<EventQrPage />)
    const img = () => document.querySelector('.qr-image__img img, img.qr-image__img, .qr-image__img')
    await waitFor(() => expect(qrCalls).toBe(1))
    await waitFor(() => expect(img()?.getAttribute('src') ?? '').toMatch(/^data:image\/gif;base64,/))
    const first = img()?.getAttribute('src')
    expect(await screen.findByText(/秒后更换/)).toBeTruthy()
    await waitFor(() => expect(qrCalls).toBeGreaterThanOrEqual(2), { timeout: 4000 })
    await waitFor(() => expect(img()?.getAttribute('src')).not.toBe(first))
    await waitFor(() => expect(document.querySelector('.event-qr__count')?.textContent).toBe(String(qrCalls)))
  }, 10_000)
})

describe('发起活动 form', () => {
  const ORGANISERS = [
    { kind: 'enterprise' as const, id: 3, name: '县恒达食品有限公司' },
    { kind: 'enterprise' as const, id: 4, name: '县宏远建材有限公司' },
  ]

  it('offers the organisers, picks the times in 北京时间, sends the event and opens it', async () => {
    const redirect = jest
      .spyOn(Taro, 'redirectTo')
      .mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }))
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    const answer = transport.getMockImplementation()!
    transport.mockImplementation(async (req) => {
      if (req.method !== 'POST' || req.url !== '/api/v1/enterprises/4/events') return answer(req)
      const body = req.data as Record<string, unknown>
      const organiser = { kind: 'enterprise', id: 4, name: '县宏远建材有限公司' }
      return {
        status: 201,
        data: {
          ...body,
          id: 21,
          organiser,
          phase: 'not_started',
          audience: [{ id: 4, name: organiser.name }],
          canManage: true,
          signedInCount: 0,
          mySignIn: null,
          inAudience: true,
          createdAt: new Date().toISOString(),
          cancelledAt: null,
        },
      }
    })
    openPage('/packages/events/pages/create/index', {})
    render(<EventForm options={ORGANISERS} />)

    // The fields: organiser, kind, name, description, the four times, the place switch.
    for (const label of ['组织单位', '活动类型', '活动名称', '活动说明（选填）', '开始时间', '签到截止'])
      expect(screen.getByText(label)).toBeTruthy()
    const chosen = () => document.querySelector('.ev-create__choice--active')?.textContent
    expect(chosen()).toBe('县恒达食品有限公司')
    fireEvent.click(screen.getByText('县宏远建材有限公司'))
    expect(chosen()).toBe('县宏远建材有限公司')

    // The start opens on its own time, in 北京时间, and comes back the same when confirmed.
    const shown = document.querySelector('.ev-create__time-startsAt .ev-create__value')!.textContent
    fireEvent.click(document.querySelector('.ev-create__time-startsAt')!)
    await confirmPicker()
    expect(document.querySelector('.ev-create__time-startsAt .ev-create__value')!.textContent).toBe(shown)

    typeInto(document.querySelector('.ev-create__title taro-input-core')!, '廉政警示教育')
    await act(async () => {
      fireEvent.click(screen.getByText('发起活动'))
    })
    await waitFor(() =>
      expect(redirect).toHaveBeenCalledWith({ url: '/packages/events/pages/detail/index?eventId=21' }),
    )
    const post = transport.mock.calls.find(([req]) => req.method === 'POST')![0]
    const body = post.data as Record<string, string>
    expect(body).toMatchObject({ kind: 'warning_education', title: '廉政警示教育', place: null })
    expect(formatDateTime(body.startsAt)).toBe(shown)
    expect(Date.parse(body.endsAt) - Date.parse(body.startsAt)).toBe(120 * 60_000)
    expect(Date.parse(body.startsAt) - Date.parse(body.signInOpensAt)).toBe(30 * 60_000)
    jest.restoreAllMocks()
  })

  it('offers a county event the supervised enterprises, and the office every enterprise', async () => {
    const answer = transport.getMockImplementation()!
    transport.mockImplementation(async (req) =>
      req.method === 'GET' && req.url === '/api/v1/enterprises'
        ? {
            status: 200,
            data: {
              enterprises: [
                enterpriseRow(3, '县恒达食品有限公司', [2]),
                enterpriseRow(4, '县宏远建材有限公司', [5]),
              ],
            },
          }
        : answer(req),
    )
    const names = () =>
      Array.from(document.querySelectorAll('.ev-create__enterprise')).map((e) => e.textContent?.trim())

    openPage('/packages/events/pages/create/index', {})
    const supervisor = render(<EventForm options={[{ kind: 'department', id: 2, name: '县委统战部' }]} />)
    await waitFor(() => expect(names()).toEqual(['县恒达食品有限公司']))
    // A list read at a glance: no search box, no views, 全选 as before.
    expect(document.querySelector('.audience__search')).toBeNull()
    expect(screen.getByText('全选')).toBeTruthy()
    supervisor.unmount()

    render(<EventForm options={[{ kind: 'department', id: 9, name: '领导小组办公室', office: true }]} />)
    await waitFor(() => expect(names()).toEqual(['县恒达食品有限公司', '县宏远建材有限公司']))
    expect(screen.queryByText('本部门暂无监管企业')).toBeNull()
  })
})
