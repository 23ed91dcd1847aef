import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Transport } from '@/services/request'
import { logout } from '@/services/session'
import { pickWorkbook, uploadWorkbook } from '@/services/imports'
import ImportPage from '@/packages/org/pages/import/index'
import { LIAISON_ME, openPage } from './support/assessmentFixture'
import { NOT_FOUND, signInLiaison } from './support/pageTest'

// Picking a file is the platform's dialog: the page gets the file and the server's answer from these.
jest.mock('@/services/imports', () => ({
  ...jest.requireActual('@/services/imports'),
  pickWorkbook: jest.fn(),
  uploadWorkbook: jest.fn(),
}))

const counts = { create: 1, update: 0, unchanged: 0, refuse: 0 }
const summary = (id: number, filename: string, state: string, batch: number | null) => ({
  id,
  filename,
  state,
  total: 1,
  counts,
  createdAt: '2026-12-03T02:00:00.000Z',
  committedAt: batch ? '2026-12-03T02:05:00.000Z' : null,
  batch,
})
const view = {
  ...summary(9, '第一批企业.xlsx', 'committed', 1),
  processed: 1,
  errorMessage: null,
  commitResult: { created: 1, updated: 0, unchanged: 0, invites: 1 },
  rows: [],
  rowsTotal: 0,
}
let pending: Record<string, unknown>
let transport: jest.MockedFunction<Transport>
let redirect: jest.SpyInstance

beforeEach(() => {
  localStorage.clear()
  pending = { ...view, ...summary(12, '补报企业.xlsx', 'ready', null), commitResult: null }
  transport = jest.fn(async (req) => {
    if (req.url === '/api/v1/me') return { status: 200, data: LIAISON_ME }
    if (req.url.startsWith('/api/v1/imports?'))
      return {
        status: 200,
        data: {
          items: [summary(12, '补报企业.xlsx', 'ready', null), summary(9, '第一批企业.xlsx', 'committed', 1)],
          total: 2,
          page: 1,
          pageSize: 5,
        },
      }
    if (req.url.startsWith('/api/v1/imports/9?')) return { status: 200, data: view }
    if (req.url.startsWith('/api/v1/imports/12?')) return { status: 200, data: pending }
    if (req.url === '/api/v1/imports/12/commit') {
      pending = { ...view, ...summary(12, '补报企业.xlsx', 'committed', 2) }
      return { status: 200, data: view.commitResult }
    }
    return NOT_FOUND
  })
  signInLiaison(transport)
  redirect = jest
    .spyOn(Taro, 'redirectTo')
    .mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }))
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

describe('批量导入 page', () => {
  it('opens the import its address names and lists the recent ones, each opening in the address', async () => {
    openPage('/packages/org/pages/import/index', { id: '9' })
    render(<ImportPage />)
    expect(await screen.findByText('检查结果：第一批企业.xlsx')).toBeTruthy()
    expect(await screen.findByText('最近导入')).toBeTruthy()
    expect(await screen.findByText('第1批 已导入')).toBeTruthy()
    expect(screen.getByText('待确认导入')).toBeTruthy()
    expect(screen.getByText('下载联络员邀请函')).toBeTruthy()
    fireEvent.click(screen.getByText('补报企业.xlsx'))
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/org/pages/import/index?id=12' })
  })

  it('asks for the list again once the open import is committed, so its line says 已导入', async () => {
    openPage('/packages/org/pages/import/index', { id: '12' })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    render(<ImportPage />)
    fireEvent.click(await screen.findByText('确认导入'))
    expect(await screen.findByText('下载联络员邀请函')).toBeTruthy()
    const lists = () => transport.mock.calls.filter((c) => c[0].url.startsWith('/api/v1/imports?')).length
    await waitFor(() => expect(lists()).toBeGreaterThanOrEqual(2))
  })

  it('puts a new upload in the page address, so its result outlives leaving the page', async () => {
    openPage('/packages/org/pages/import/index', {})
    jest.mocked(pickWorkbook).mockResolvedValue({ path: '/tmp/a.xlsx', name: 'a.xlsx', size: 10 })
    jest.mocked(uploadWorkbook).mockResolvedValue({ id: 13 })
    render(<ImportPage />)
    fireEvent.click(await screen.findByText('选择文件并上传'))
    await waitFor(() =>
      expect(redirect).toHaveBeenCalledWith({ url: '/packages/org/pages/import/index?id=13' }),
    )
  })

  it('asks for the progress again only once the last answer is in, so a slow answer is shown, not dropped', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
    try {
      const parsing = { ...pending, id: 14, state: 'parsing', total: 3, processed: 3, counts: null }
      const done = { ...pending, id: 14, state: 'ready', total: 3, processed: 3 }
      /** The answer held back: a server under load answers a progress request late. */
      let answerLate: (() => void) | null = null
      const answer = transport.getMockImplementation()!
      let asked = 0
      transport.mockImplementation(async (req) => {
        if (!req.url.startsWith('/api/v1/imports/14?')) return answer(req)
        asked += 1
        if (asked === 1) return { status: 200, data: parsing }
        await new Promise<void>((resolve) => (answerLate = resolve))
        return { status: 200, data: done }
      })
      openPage('/packages/org/pages/import/index', { id: '14' })
      render(<ImportPage />)
      expect(await screen.findByText('正在检查 3 / 3 行')).toBeTruthy()
      await act(() => jest.advanceTimersByTimeAsync(1000))
      expect(asked).toBe(2)
      // While that answer is on its way no other request starts (each would set the one before aside).
      await act(() => jest.advanceTimersByTimeAsync(5000))
      expect(asked).toBe(2)
      await act(async () => answerLate!())
      expect(await screen.findByText('确认导入')).toBeTruthy()
      expect(screen.queryByText('正在检查 3 / 3 行')).toBeNull()
    } finally {
      jest.useRealTimers()
    }
  })

  describe('逐行结果 opens on what needs looking at', () => {
    const row = (rowNo: number, status: string) => ({
      rowNo,
      status,
      reason: status === 'refuse' ? '统一社会信用代码校验位不正确' : null,
      name: `企业${rowNo}`,
      creditCode: '91450000000000000X',
    })
    const serve = (rows: ReturnType<typeof row>[]) => {
      const answer = transport.getMockImplementation()!
      transport.mockImplementation(async (req) => {
        if (!req.url.startsWith('/api/v1/imports/15?')) return answer(req)
        const status = new URLSearchParams(req.url.split('?')[1]).get('status')
        const shown = rows.filter((r) => !status || r.status === status)
        const tally = { create: 0, update: 0, unchanged: 0, refuse: 0 }
        for (const r of rows) tally[r.status as keyof typeof tally] += 1
        return {
          status: 200,
          data: {
            ...pending,
            id: 15,
            total: rows.length,
            counts: tally,
            rows: shown,
            rowsTotal: shown.length,
          },
        }
      })
    }
    const active = () => document.querySelector('.org-roles__item--active')?.textContent

    it('on 全部 when nothing was refused, and stays where the user then taps', async () => {
      serve([row(2, 'create'), row(3, 'update')])
      openPage('/packages/org/pages/import/index', { id: '15' })
      render(<ImportPage />)
      expect(await screen.findByText('第2行 企业2', undefined, { timeout: 5000 })).toBeTruthy()
      expect(screen.getByText('第3行 企业3')).toBeTruthy()
      expect(active()).toBe('全部')
      expect(screen.queryByText(/没有“拒绝”的行/)).toBeNull()
      // 拒绝 picked by hand stays picked, empty as it is.
      fireEvent.click(screen.getByText('拒绝', { selector: '.org-roles__item' }))
      expect(await screen.findByText('没有“拒绝”的行')).toBeTruthy()
      expect(active()).toBe('拒绝')
    })

    it('on 拒绝 when rows were refused: they must be fixed first', async () => {
      serve([row(2, 'create'), row(3, 'refuse')])
      openPage('/packages/org/pages/import/index', { id: '15' })
      render(<ImportPage />)
      expect(await screen.findByText('第3行 企业3')).toBeTruthy()
      expect(active()).toBe('拒绝')
      expect(screen.queryByText('第2行 企业2')).toBeNull()
    })
  })
})
