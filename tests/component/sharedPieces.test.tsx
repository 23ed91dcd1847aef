import { act, fireEvent, render, renderHook, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ErrorNotice } from '@/components/ErrorNotice'
import { FormSubmit } from '@/components/FormSubmit'
import { useBusy } from '@/hooks/useBusy'
import { exportOrToast } from '@/services/download'
import { InvalidLink } from '@/components/PageState'
import { runWrite } from '@/hooks/useWrite'
import { showModal } from '@/services/platform/modal'
import type { OutboxEntry } from '@/services/outbox'
import type { TMember } from '@/models/org'
import { useOrgPeople } from '@/packages/org/components/useOrgPeople'
import { openPage } from './support/assessmentFixture'

jest.mock('@/hooks/useWrite', () => {
  const runWrite = jest.fn()
  return { runWrite, useWrite: () => runWrite }
})
jest.mock('@/services/platform/modal', () => ({ showModal: jest.fn() }))

const write = runWrite as jest.MockedFunction<typeof runWrite>
const modal = showModal as jest.MockedFunction<typeof showModal>

describe('ErrorNotice', () => {
  it('draws nothing without a message', () => {
    const { container } = render(<ErrorNotice message={null} />)
    expect(container.innerHTML).toBe('')
  })

  it('draws the message in the red notice, with its title when given', () => {
    const { container } = render(<ErrorNotice title="未能提交" message="本次自查已截止" />)
    const notice = container.querySelector('.a-notice.a-notice--error')
    expect(notice?.querySelector('.a-notice__title')?.textContent).toBe('未能提交')
    expect(notice?.textContent).toBe('未能提交本次自查已截止')
  })
})

describe('FormSubmit', () => {
  it('shows the refusal in the form’s own class over the primary button, which sends the form', () => {
    const submit = jest.fn()
    const { container } = render(
      <FormSubmit
        block="campaigns"
        className="notice__submit"
        error="请填写整改要求"
        busy={false}
        onSubmit={submit}
      >
        下发
      </FormSubmit>,
    )
    expect(container.querySelector('.campaigns__error')?.textContent).toBe('请填写整改要求')
    const button = container.querySelector('.campaigns__submit.notice__submit')
    expect(button?.textContent).toContain('下发')
    fireEvent.click(screen.getByText('下发'))
    expect(submit).toHaveBeenCalledTimes(1)
  })

  it('draws no error line without a refusal', () => {
    const { container } = render(
      <FormSubmit block="qo-form" error={null} busy onSubmit={jest.fn()}>
        保存
      </FormSubmit>,
    )
    expect(container.querySelector('.qo-form__error')).toBeNull()
    expect(container.querySelector('.qo-form__submit')).not.toBeNull()
  })
})

describe('useBusy', () => {
  it('is busy while the action runs and not after, whether it resolves or throws', async () => {
    const { result } = renderHook(() => useBusy())
    let finish: (v: string) => void = () => undefined
    let running: Promise<string> = Promise.resolve('')
    act(() => {
      running = result.current[1](() => new Promise<string>((resolve) => (finish = resolve)))
    })
    expect(result.current[0]).toBe(true)
    await act(async () => {
      finish('done')
      await expect(running).resolves.toBe('done')
    })
    expect(result.current[0]).toBe(false)
    await act(async () => {
      await expect(result.current[1](() => Promise.reject(new Error('网络异常')))).rejects.toThrow('网络异常')
    })
    expect(result.current[0]).toBe(false)
  })
})

describe('exportOrToast', () => {
  afterEach(() => jest.restoreAllMocks())

  it('says a failed export in a toast, with the error’s own words, and settles', async () => {
    const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    await expect(exportOrToast(() => Promise.reject(new Error('导出过于频繁')))).resolves.toBeUndefined()
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '导出过于频繁', icon: 'none' }))
    await exportOrToast(() => Promise.reject('?'))
    expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '导出失败' }))
  })

  it('says nothing when the export opens', async () => {
    const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    const open = jest.fn().mockResolvedValue(undefined)
    await exportOrToast(open)
    expect(open).toHaveBeenCalledTimes(1)
    expect(toast).not.toHaveBeenCalled()
  })
})

describe('InvalidLink', () => {
  afterEach(() => jest.restoreAllMocks())

  it('says the link is invalid and goes back on 重新加载', () => {
    const back = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' })
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as ReturnType<typeof Taro.getCurrentPages>)
    const { container } = render(<InvalidLink />)
    expect(screen.getByText('链接无效')).toBeTruthy()
    expect(container.querySelector('.page')).toBeNull()
    fireEvent.click(screen.getByText('重新加载'))
    expect(back).toHaveBeenCalled()
  })

  it('goes to 首页 when opened alone, and draws inside the page frame when framed', () => {
    const relaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' })
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}] as ReturnType<typeof Taro.getCurrentPages>)
    const { container } = render(<InvalidLink message="链接无效：缺少活动编号" framed />)
    expect(container.querySelector('.page')?.textContent).toContain('链接无效：缺少活动编号')
    fireEvent.click(screen.getByText('重新加载'))
    expect(relaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })
})

describe('useOrgPeople: a join request’s decision', () => {
  const member = { membershipId: 7, name: '张三' } as TMember
  const entry = { id: 'd7' } as OutboxEntry

  beforeEach(() => {
    jest.clearAllMocks()
    write.mockResolvedValue({ kind: 'delivered', response: { status: 200, data: {} } })
    // A page opened without its enterprise (and not signed in): nothing loads, the decisions still work.
    openPage('/packages/org/pages/members/index', {})
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  function hook() {
    return renderHook(() =>
      useOrgPeople(
        'eid',
        'members',
        async () => [],
        async () => [],
      ),
    )
  }

  it('approves at once, saying 已通过', async () => {
    const { result } = hook()
    await act(() => result.current.decide(member, true, '本企业', () => entry))
    expect(modal).not.toHaveBeenCalled()
    expect(write).toHaveBeenCalledWith(entry, expect.objectContaining({ done: '已通过' }))
    expect(result.current.busy).toBeNull()
  })

  it('asks before a rejection, naming where, and sends nothing when cancelled', async () => {
    modal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'ok' })
    const { result } = hook()
    await act(() => result.current.decide(member, false, '县市场监管局', () => entry))
    expect(modal).toHaveBeenCalledWith(
      expect.objectContaining({ content: expect.stringContaining('拒绝张三加入县市场监管局吗') }),
    )
    expect(write).not.toHaveBeenCalled()

    modal.mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    await act(() => result.current.decide(member, false, '县市场监管局', () => entry))
    expect(write).toHaveBeenCalledWith(entry, expect.objectContaining({ done: '已拒绝' }))
  })
})
