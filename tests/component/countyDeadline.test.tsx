import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { TCountyDeadline } from '@/models/milestones'
import { configureRequest, type Transport } from '@/services/request'
import { completeLogin, getToken, logout, relogin } from '@/services/session'
import CountyDeadlinePage from '@/packages/org/pages/deadline/index'
import { openPage } from './support/assessmentFixture'
import { confirmPicker, OFFICE_ME } from './support/pageTest'

const PATH = '/api/v1/milestones/county-deadline'
let setting: TCountyDeadline
let transport: jest.MockedFunction<Transport>
let toast: jest.SpyInstance

beforeEach(() => {
  localStorage.clear()
  setting = { deadline: null, programme: '2022-06-15', updatedAt: null, updatedByName: null, ownDeadlines: 2 }
  transport = jest.fn(async (req) => {
    if (req.url === '/api/v1/me') return { status: 200, data: OFFICE_ME }
    if (req.method === 'GET' && req.url === PATH) return { status: 200, data: setting }
    if (req.method === 'PUT' && req.url === PATH) {
      const { deadline } = req.data as { deadline: string | null }
      if (deadline !== null && deadline < '2022-06-15')
        return {
          status: 400,
          data: {
            error: {
              code: 'DEADLINE_BEFORE_PROGRAMME',
              message: '完成期限不能早于实施方案规定的 2022年6月15日',
              fields: [],
            },
          },
        }
      setting = { ...setting, deadline, updatedAt: '2026-12-03T02:00:00.000Z', updatedByName: '覃秀' }
      return { status: 200, data: setting }
    }
    return { status: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', fields: [] } } }
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: OFFICE_ME.user },
    { method: 'demo', openid: 'demo-office' },
  )
  toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  openPage('/packages/org/pages/deadline/index', {})
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

const saveButton = () => screen.getByText('保存').closest('.nut-button') as HTMLElement
const puts = () =>
  transport.mock.calls.filter(([req]) => req.method === 'PUT').map(([req]) => req.data as object)

describe('全县领导小组与实施方案完成期限 (office)', () => {
  it('shows the programme’s date, picks a date, saves it with a toast, and shows it in force', async () => {
    render(<CountyDeadlinePage />)
    // (the first render of the suite is slow on a busy machine)
    expect(
      await screen.findByText('实施方案规定（尚未确定是否沿用）', undefined, { timeout: 10_000 }),
    ).toBeTruthy()
    expect(document.querySelector('.county-deadline__now')?.textContent).toBe('2022年6月15日')
    expect(screen.getByText('另有 2 家企业单独设定了期限，以其单独设定的为准。')).toBeTruthy()
    // nothing picked yet: nothing to save, nothing to go back to
    expect(saveButton().className).toContain('nut-button-disabled')

    fireEvent.click(screen.getByText('选择日期（北京时间）'))
    await act(async () => {
      await confirmPicker()
    })
    const picked = await waitFor(() => {
      const text = document.querySelector('.county-deadline__pick')?.textContent ?? ''
      // shown as every page writes a day; sent as the API's YYYY-MM-DD
      const day = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text)
      if (!day) throw new Error('no day picked')
      return { shown: day[0], sent: `${day[1]}-${day[2].padStart(2, '0')}-${day[3].padStart(2, '0')}` }
    })
    await waitFor(() => expect(saveButton().className).not.toContain('nut-button-disabled'))
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    await waitFor(() => expect(puts()).toEqual([{ deadline: picked.sent }]))
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(
        expect.objectContaining({ title: `全县完成期限已设为 ${picked.shown}` }),
      ),
    )
    expect(await screen.findByText('领导小组办公室全县统一设定（实施方案原定 2022年6月15日）')).toBeTruthy()
    expect(screen.getByText(/^上次设定：(2026年)?12月3日 10:00（北京时间，覃秀）$/)).toBeTruthy()

    // back to the programme's date
    await act(async () => {
      fireEvent.click(screen.getByText('沿用方案规定的2022年6月15日'))
    })
    await waitFor(() => expect(puts()).toEqual([{ deadline: picked.sent }, { deadline: null }]))
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已沿用2022年6月15日' })),
    )
    expect(await screen.findByText('领导小组办公室确定沿用实施方案规定')).toBeTruthy()
  })

  it('keeps the programme’s 2022年6月15日 in one tap, recorded as the county’s decision', async () => {
    render(<CountyDeadlinePage />)
    expect(
      await screen.findByText('实施方案规定（尚未确定是否沿用）', undefined, { timeout: 10_000 }),
    ).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('沿用方案规定的2022年6月15日'))
    })
    // the server's "none": the programme's date binds, and the office has decided it (the to-do goes)
    await waitFor(() => expect(puts()).toEqual([{ deadline: null }]))
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已沿用2022年6月15日' })),
    )
    expect(await screen.findByText('领导小组办公室确定沿用实施方案规定')).toBeTruthy()
    expect(document.querySelector('.county-deadline__now')?.textContent).toBe('2022年6月15日')
    expect(screen.getByText(/^上次设定：(2026年)?12月3日 10:00（北京时间，覃秀）$/)).toBeTruthy()
    // decided: no second offer to keep it; a later date can still be picked
    expect(screen.queryByText('沿用方案规定的2022年6月15日')).toBeNull()
    expect(screen.getByText('选择日期（北京时间）')).toBeTruthy()
  })

  it('shows the server’s refusal by the form and keeps the date in force', async () => {
    setting = {
      ...setting,
      deadline: '2027-03-31',
      updatedAt: '2026-12-01T02:00:00.000Z',
      updatedByName: null,
    }
    render(<CountyDeadlinePage />)
    expect(
      await screen.findByText(/^上次设定：(2026年)?12月1日 10:00（北京时间，开通时设定）$/, undefined, {
        timeout: 10_000,
      }),
    ).toBeTruthy()
    expect(document.querySelector('.county-deadline__now')?.textContent).toBe('2027年3月31日')
    // the set date is the one shown in the form: nothing to save until another is picked
    expect(saveButton().className).toContain('nut-button-disabled')
    // meanwhile the user lost the office role: the server refuses
    transport.mockImplementationOnce(async () => ({
      status: 403,
      data: { error: { code: 'FORBIDDEN', message: '没有权限执行此操作', fields: [] } },
    }))
    await act(async () => {
      fireEvent.click(screen.getByText('沿用方案规定的2022年6月15日'))
    })
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy()
    expect(toast).not.toHaveBeenCalled()
    expect(document.querySelector('.county-deadline__now')?.textContent).toBe('2027年3月31日')
  })
})
