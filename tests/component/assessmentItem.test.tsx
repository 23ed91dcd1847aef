import { act, fireEvent, render, screen, waitFor, type RenderResult } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { TAssessment } from '@/models/assessment'
import { configureRequest, type Transport, type TransportRequest } from '@/services/request'
import { platformFileTransport } from '@/services/upload'
import { completeLogin, getToken, logout, relogin, userOutbox } from '@/services/session'
import ItemPage from '@/packages/assessment/pages/item/index'
import { closePlace } from '@/packages/assessment/pages/item/place'
import { LIAISON_ME, answer, assessment, evidence, openPage } from './support/assessmentFixture'
import { CHECKLIST_V2 } from '../../seeds/checklist/v2'

const ANSWERS_URL = '/api/v1/enterprises/3/assessments/7/answers'
const ITEM_URL = '/packages/assessment/pages/item/index'
let server: TAssessment
let me: unknown
let transport: jest.MockedFunction<Transport>

/** Taro's <Textarea> is a Stencil web component: typing is an `input` event, leaving it a `blur` event. */
function typeInto(field: Element, value: string) {
  const el = field.querySelector('taro-textarea-core') ?? field
  act(() => {
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}
function leave(field: Element) {
  const el = field.querySelector('taro-textarea-core') ?? field
  act(() => {
    el.dispatchEvent(new CustomEvent('blur', { detail: { value: '' }, bubbles: true }))
  })
}

const puts = () =>
  transport.mock.calls
    .map((c) => c[0])
    .filter((r: TransportRequest) => r.method === 'PUT' && r.url === ANSWERS_URL)

beforeEach(() => {
  localStorage.clear()
  server = assessment()
  me = LIAISON_ME
  transport = jest.fn(async (req) => {
    if (req.method === 'GET' && req.url === '/api/v1/me') return { status: 200, data: me }
    if (req.method === 'GET' && req.url === '/api/v1/enterprises/3/assessments/7')
      return { status: 200, data: server }
    if (req.method === 'PUT' && req.url === ANSWERS_URL)
      return { status: 200, data: { saved: 1, answeredCount: 1, applicableCount: 3 } }
    return { status: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在', fields: [] } } }
  })
  configureRequest({ baseUrl: '', getToken, relogin, transport, fileTransport: platformFileTransport })
  completeLogin(
    { token: 'test-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: LIAISON_ME.user },
    { method: 'demo', openid: 'demo-liaison-private' },
  )
  openPage('/packages/assessment/pages/item/index', { eid: '3', aid: '7', code: 'T01-04' })
  // The H5 address of the page, as the router left it after navigateTo.
  window.history.replaceState(null, '', `#${ITEM_URL}?eid=3&aid=7&code=T01-04`)
})
afterEach(() => {
  act(() => logout())
  jest.restoreAllMocks()
})

async function renderItem() {
  const view = render(<ItemPage />)
  await screen.findByText(/党支部是否通过/)
  // The liaison's role arrives with GET /me: the answers become tappable.
  await waitFor(() => expect(document.querySelector('.answer-option--disabled')).toBeNull())
  return view
}

describe('自查作答 (item walk)', () => {
  it('shows the question, its basis on tap, what counts as evidence, and where it is in the walk', async () => {
    await renderItem()
    expect(screen.getByText('第 1 / 3 项')).toBeTruthy()
    expect(screen.getByText('清廉政治 · 任务1')).toBeTruthy()
    expect(screen.getByText('未作答')).toBeTruthy()
    expect(screen.getByText('可作为佐证：“三会一课”、主题党日活动记录')).toBeTruthy()
    expect(screen.queryByText('要通过支部“三会一课”、主题党日活动')).toBeNull()
    fireEvent.click(screen.getByText('查看依据 ▼'))
    expect(screen.getByText('要通过支部“三会一课”、主题党日活动')).toBeTruthy()
    expect(screen.getByText('《县清廉企业建设实施方案》任务1')).toBeTruthy()
  })

  it('saves a tapped answer at once through the outbox: PUT …/answers with the whole answer', async () => {
    await renderItem()
    fireEvent.click(screen.getByText('部分'))

    await waitFor(() => expect(puts()).toHaveLength(1))
    const req = puts()[0]
    expect(req.data).toEqual({
      answers: [{ itemCode: 'T01-04', value: 'partial', note: null, naReason: null }],
    })
    expect(req.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(req.headers.Authorization).toBe('Bearer test-token')
    expect(await screen.findByText('✓ 已保存')).toBeTruthy()
    expect(userOutbox()!.list()).toHaveLength(0)
    // 部分 on an item that needs evidence: the page says so.
    expect(screen.getByText('该项须上传佐证材料')).toBeTruthy()

    // The note is sent with the answer when the field is left.
    typeInto(document.querySelector('.item-editor__note')!, '尚未覆盖全部分支机构')
    leave(document.querySelector('.item-editor__note')!)
    await waitFor(() => expect(puts()).toHaveLength(2))
    expect(puts()[1].data).toEqual({
      answers: [{ itemCode: 'T01-04', value: 'partial', note: '尚未覆盖全部分支机构', naReason: null }],
    })
  })

  it('不适用 asks for a reason, and sends it with the answer', async () => {
    await renderItem()
    expect(screen.queryByText(/不适用理由/)).toBeNull()
    fireEvent.click(screen.getByText('不适用'))

    expect(await screen.findByText('不适用理由')).toBeTruthy()
    expect(screen.getByText('选择“不适用”须说明理由，否则不能提交')).toBeTruthy()
    await waitFor(() => expect(puts()).toHaveLength(1))
    expect(puts()[0].data).toEqual({
      answers: [{ itemCode: 'T01-04', value: 'na', note: null, naReason: null }],
    })

    typeInto(document.querySelector('.item-editor__reason')!, '本企业未设党支部以外的党组织')
    leave(document.querySelector('.item-editor__reason')!)
    await waitFor(() => expect(puts()).toHaveLength(2))
    expect(puts()[1].data).toEqual({
      answers: [{ itemCode: 'T01-04', value: 'na', note: null, naReason: '本企业未设党支部以外的党组织' }],
    })
    await waitFor(() => expect(screen.queryByText('选择“不适用”须说明理由，否则不能提交')).toBeNull())
  })

  it('shows 待同步 while the network is down and keeps the answer in the outbox', async () => {
    await renderItem()
    transport.mockImplementation(async (req) => {
      if (req.method === 'PUT') throw new Error('request:fail')
      return { status: 200, data: req.url === '/api/v1/me' ? me : server }
    })
    fireEvent.click(screen.getByText('是'))
    expect(await screen.findByText('待同步')).toBeTruthy()
    expect(userOutbox()!.list()).toHaveLength(1)
    expect(userOutbox()!.list()[0].label).toBe('自查答案 T01-04：是')
    expect(document.querySelector('.answer-option--yes.answer-option--selected')).toBeTruthy()
  })

  it('walks to the next item and jumps to the next unanswered one', async () => {
    server = assessment({ answers: [answer('T05-01', 'yes')], evidence: [evidence(11, 'T05-01')] })
    await renderItem()
    expect(screen.getByText('跳到下一未答（还有 2 项未答）')).toBeTruthy()
    fireEvent.click(screen.getByText('跳到下一未答（还有 2 项未答）'))
    expect(await screen.findByText('是否组织开展廉洁文化宣传教育活动？')).toBeTruthy()
    expect(screen.getByText('第 3 / 3 项')).toBeTruthy()
    expect(screen.getByText('提交前检查')).toBeTruthy()
    fireEvent.click(screen.getByText('上一项'))
    expect(await screen.findByText(/是否树立诚信、守法、廉洁的经营理念/)).toBeTruthy()
    expect(screen.getByText('✓ 已保存')).toBeTruthy()
  })

  it('opened without an item, starts at the first unanswered one and stays there once it is answered', async () => {
    server = assessment({ answers: [answer('T01-04', 'yes')], evidence: [evidence(11, 'T01-04')] })
    openPage('/packages/assessment/pages/item/index', { eid: '3', aid: '7' })
    render(<ItemPage />)
    expect(await screen.findByText('第 2 / 3 项')).toBeTruthy()
    await waitFor(() => expect(document.querySelector('.answer-option--disabled')).toBeNull())
    fireEvent.click(screen.getByText('否'))
    await waitFor(() => expect(puts()).toHaveLength(1))
    expect(screen.getByText('第 2 / 3 项')).toBeTruthy()
    expect(document.querySelector('.answer-option--no.answer-option--selected')).toBeTruthy()
  })

  /** The page opened anew with this query (a reload, a restored mini-program, a tap on a link). */
  async function reopen(view: RenderResult, query: Record<string, string>) {
    act(() => view.unmount())
    openPage(ITEM_URL, query)
    const next = render(<ItemPage />)
    await waitFor(() => expect(document.querySelector('.answer-option--disabled')).toBeNull())
    return next
  }
  /** Opened on the first item, 下一项 twice. */
  async function walkToThirdItem() {
    const view = await renderItem()
    fireEvent.click(screen.getByText('下一项'))
    fireEvent.click(await screen.findByText('下一项'))
    expect(await screen.findByText('第 3 / 3 项')).toBeTruthy()
    return view
  }
  const queryOfAddress = () =>
    Object.fromEntries(new URLSearchParams(window.location.hash.split('?')[1] ?? ''))

  it('下一项 stays on the page and replaces the item in the address: a reload opens that item', async () => {
    const view = await renderItem()
    const entries = window.history.length
    fireEvent.click(screen.getByText('下一项'))
    expect(await screen.findByText('第 2 / 3 项')).toBeTruthy()
    await waitFor(() => expect(window.location.hash).toBe(`#${ITEM_URL}?eid=3&aid=7&code=T05-01`))
    fireEvent.click(screen.getByText('下一项'))
    await waitFor(() => expect(window.location.hash).toBe(`#${ITEM_URL}?eid=3&aid=7&code=T09-02`))
    // Replaced, never pushed: the back button still leads to the overview in one step.
    expect(window.history.length).toBe(entries)

    await reopen(view, queryOfAddress())
    expect(await screen.findByText('第 3 / 3 项')).toBeTruthy()
    // The address named it: nothing to explain.
    expect(screen.queryByText(/继续上次/)).toBeNull()
  })

  it('reopened with the query it had while open (WeChat restored it), continues at the item the user was on', async () => {
    const view = await walkToThirdItem()

    // Killed in the background: no unload; WeChat opens the page again with code=T01-04.
    const restored = await reopen(view, { eid: '3', aid: '7', code: 'T01-04' })
    expect(await screen.findByText('第 3 / 3 项')).toBeTruthy()
    expect(screen.getByText('继续上次：第 3 项')).toBeTruthy()
    fireEvent.click(screen.getByText('上一项'))
    expect(await screen.findByText('第 2 / 3 项')).toBeTruthy()
    expect(screen.queryByText(/继续上次/)).toBeNull()

    // Left with 返回 (onUnload; the overview shows and closes it too): a link to an item opens that item.
    act(() => closePlace(7))
    await reopen(restored, { eid: '3', aid: '7', code: 'T01-04' })
    expect(await screen.findByText('第 1 / 3 项')).toBeTruthy()
    expect(screen.queryByText(/继续上次/)).toBeNull()
  })

  it('继续作答 after 返回 continues at the item the user was on, not the first unanswered one', async () => {
    const view = await walkToThirdItem()
    act(() => closePlace(7))
    await reopen(view, { eid: '3', aid: '7' })
    expect(await screen.findByText('第 3 / 3 项')).toBeTruthy()
    expect(screen.getByText('继续上次：第 3 项')).toBeTruthy()
    await waitFor(() => expect(queryOfAddress()).toEqual({ eid: '3', aid: '7', code: 'T09-02' }))
  })

  it('uploads a photo with the token and an idempotency key and shows its thumbnail', async () => {
    await renderItem()
    jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({
      tempFiles: [
        {
          tempFilePath: 'blob:photo-1',
          size: 2048,
          fileType: 'image',
          duration: 0,
          height: 0,
          width: 0,
          thumbTempFilePath: '',
        },
      ],
      type: 'image',
      errMsg: 'chooseMedia:ok',
    } as unknown as Taro.chooseMedia.SuccessCallbackResult)
    // The H5 adapter checks that the picked blob still exists before sending it.
    const blobCheck = jest.fn().mockResolvedValue({ ok: true })
    globalThis.fetch = blobCheck as unknown as typeof fetch
    const upload = jest.spyOn(Taro, 'uploadFile').mockResolvedValue({
      statusCode: 201,
      data: JSON.stringify(evidence(21, 'T01-04')),
      errMsg: 'uploadFile:ok',
    } as Taro.uploadFile.SuccessCallbackResult)

    fireEvent.click(screen.getByText('拍照/相册'))

    await waitFor(() => expect(document.querySelectorAll('.evidence-grid__image')).toHaveLength(1))
    const opts = upload.mock.calls[0][0]
    expect(opts.url).toBe('/api/v1/enterprises/3/assessments/7/evidence?itemCode=T01-04')
    expect(opts.name).toBe('file')
    expect(opts.filePath).toBe('blob:photo-1')
    expect(opts.header?.Authorization).toBe('Bearer test-token')
    expect(opts.header?.['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(blobCheck).toHaveBeenCalledWith('blob:photo-1')
  })

  it('keeps a photo taken without network in the outbox and shows it once it has been sent', async () => {
    jest.useFakeTimers({ advanceTimers: true })
    await renderItem()
    jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({
      tempFiles: [
        { tempFilePath: 'blob:offline-1', size: 4096, fileType: 'image', duration: 0, height: 0, width: 0 },
      ],
      type: 'image',
      errMsg: 'chooseMedia:ok',
    } as unknown as Taro.chooseMedia.SuccessCallbackResult)
    globalThis.fetch = jest.fn().mockResolvedValue({ ok: true }) as unknown as typeof fetch
    let online = false
    const upload = jest.spyOn(Taro, 'uploadFile').mockImplementation((async () => {
      if (!online) throw { errMsg: 'uploadFile:fail net::ERR_INTERNET_DISCONNECTED' }
      return { statusCode: 201, data: JSON.stringify(evidence(31, 'T01-04')), errMsg: 'uploadFile:ok' }
    }) as unknown as typeof Taro.uploadFile)

    fireEvent.click(screen.getByText('拍照/相册'))
    // The outbox tries, fails for want of network and keeps it: the page says it waits.
    await waitFor(() => expect(screen.getByText('待上传')).toBeTruthy(), { timeout: 12_000 })
    expect(document.querySelectorAll('.evidence-grid__image')).toHaveLength(0)
    const waiting = userOutbox()!.list()
    expect(waiting).toHaveLength(1)
    expect(waiting[0].file).toEqual({ filePath: 'blob:offline-1' })

    // Network back: one more try sends it with the same idempotency key; the thumbnail appears.
    online = true
    await act(async () => {
      await userOutbox()!.flush({ force: true })
    })
    await waitFor(() => expect(document.querySelectorAll('.evidence-grid__image')).toHaveLength(1))
    expect(screen.queryByText('待上传')).toBeNull()
    const keys = upload.mock.calls.map((c) => c[0].header?.['Idempotency-Key'])
    expect(new Set(keys).size).toBe(1)
    expect(userOutbox()!.list()).toHaveLength(0)
    jest.useRealTimers()
  }, 20_000)

  it('shows the reviewer’s comment on a returned item', async () => {
    server = assessment({
      status: 'returned',
      answers: [answer('T01-04', 'partial', { reviewComment: '请上传修订后的制度文本' })],
    })
    await renderItem()
    expect(screen.getByText('退回意见')).toBeTruthy()
    expect(screen.getByText('请上传修订后的制度文本')).toBeTruthy()
  })

  it('is read-only for an employee: tapping an answer sends nothing', async () => {
    me = { ...LIAISON_ME, memberships: [{ ...LIAISON_ME.memberships[0], role: 'employee' }] }
    render(<ItemPage />)
    await screen.findByText(/党支部是否通过/)
    await waitFor(() => expect(transport.mock.calls.some((c) => c[0].url === '/api/v1/me')).toBe(true))
    fireEvent.click(screen.getByText('是'))
    await act(async () => undefined)
    expect(puts()).toHaveLength(0)
    expect(screen.queryByText('拍照/相册')).toBeNull()
  })
})

describe('自查作答 on checklist v2 (依据 sentence, answer rules)', () => {
  const V2 = ['T01-04', 'T08-05', 'T10-03'].map((code) => CHECKLIST_V2.find((i) => i.code === code)!)

  async function renderV2(code: string, answers: TAssessment['answers'] = []) {
    server = { ...assessment({ answers }), templateVersion: 2, items: V2 }
    openPage('/packages/assessment/pages/item/index', { eid: '3', aid: '7', code })
    render(<ItemPage />)
    await screen.findByText(V2.find((i) => i.code === code)!.question)
    await waitFor(() => expect(document.querySelector('.answer-option--disabled')).toBeNull())
  }

  it('shows the task title and the whole sentence with the quote highlighted', async () => {
    await renderV2('T01-04')
    fireEvent.click(screen.getByText('查看依据 ▼'))
    expect(screen.getByText('《县清廉企业建设实施方案》任务1 坚持把党的政治建设摆在首位')).toBeTruthy()
    const mark = document.querySelector('.item-editor__basis-mark')!
    expect(mark.textContent).toBe('要通过支部“三会一课”、主题党日活动')
    expect(document.querySelector('.item-editor__basis-sentence')!.textContent).toBe(V2[0].basis.sentence)
  })

  it('offers no 不适用 on a baseline duty; 否 asks for a note and drops the 须上传 tag', async () => {
    await renderV2('T08-05', [answer('T08-05', 'no')])
    expect(screen.queryByText('不适用')).toBeNull()
    expect(screen.getByText('（必填，至少5个字）')).toBeTruthy()
    expect(screen.getByText('选择“否”须写明未落实的内容，否则不能提交')).toBeTruthy()
    expect(screen.getByText('选填')).toBeTruthy()
    expect(screen.queryByText('须上传')).toBeNull()
  })

  it('asks no note for 否 on what is only 探索', async () => {
    await renderV2('T10-03', [answer('T10-03', 'no')])
    expect(screen.getByText('不适用')).toBeTruthy()
    expect(screen.queryByText(/须写明未落实的内容/)).toBeNull()
  })
})
