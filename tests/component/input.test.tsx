/**
 * Input that respects people: the shared text field (counter, over-limit message, growth), the leave
 * warning on unsaved text (H5 adapter: the title bar's back and beforeunload), and the evidence picker's
 * choice between photos and a PDF.
 */
import { useState } from 'react'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { TextField } from '@/components/TextField'
import { TextAreaField } from '@/components/TextAreaField'
import { EvidenceGrid } from '@/components/assessment/EvidenceGrid'
import { UNSAVED_MESSAGE, useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import type { TEvidenceFile } from '@/models/file'
import { chooseEvidence } from '@/services/evidence'

/** Taro's <Textarea>/<Input> are Stencil web components: typing is an `input` event with the value. */
function typeInto(container: Element, value: string) {
  const el = container.querySelector('taro-textarea-core, taro-input-core')!
  act(() => {
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

function Field(props: { limit: number; multiline?: boolean; onValue?: (v: string) => void }) {
  const [value, setValue] = useState('')
  const Component = props.multiline ? TextAreaField : TextField
  return (
    <Component
      limit={props.limit}
      value={value}
      placeholder="说明"
      onChange={(v) => {
        setValue(v)
        props.onValue?.(v)
      }}
    />
  )
}

afterEach(() => {
  jest.restoreAllMocks()
})

describe('TextField and TextAreaField', () => {
  it('a text area shows n/limit at all times and grows with its text (no fixed height to spill over)', () => {
    const { container } = render(<Field multiline limit={500} />)
    expect(screen.getByText('0/500')).toBeTruthy()
    expect(container.querySelector('.text-field.text-field--grow')).toBeTruthy()
    typeInto(container, '整改措施已落实')
    expect(screen.getByText('7/500')).toBeTruthy()
  })

  it('a one-line field shows its counter only near the limit', () => {
    const { container } = render(<Field limit={30} />)
    typeInto(container, '一'.repeat(20))
    expect(screen.queryByText('20/30')).toBeNull()
    typeInto(container, '一'.repeat(24))
    expect(screen.getByText('24/30')).toBeTruthy()
  })

  it('keeps a paste over the limit, says by how much once, and shows it until it is shortened', () => {
    const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    const values: string[] = []
    const { container } = render(<Field multiline limit={10} onValue={(v) => values.push(v)} />)
    const pasted = '这是一段从别处粘贴来的较长文字'
    typeInto(container, pasted)
    // nothing is cut: the page has the whole text
    expect(values.at(-1)).toBe(pasted)
    expect(toast).toHaveBeenCalledTimes(1)
    expect(toast.mock.calls[0][0]).toMatchObject({ title: '最多 10 字，已超出 5 字', icon: 'none' })
    expect(screen.getByText('最多 10 字，已超出 5 字，请删减')).toBeTruthy()
    expect(screen.getByText('15/10').className).toContain('text-field__count--over')
    expect(container.querySelector('.nut-textarea-error')).toBeTruthy()
    // typing on while over says nothing new; back within the limit the message goes
    typeInto(container, `${pasted}。`)
    expect(toast).toHaveBeenCalledTimes(1)
    typeInto(container, '整改到位')
    expect(screen.queryByText(/已超出/)).toBeNull()
    expect(container.querySelector('.text-field--over')).toBeNull()
  })
})

function GuardedPage() {
  const [text, setText] = useState('')
  useUnsavedGuard(text.trim() !== '')
  return (
    <>
      <TextAreaField limit={1000} value={text} onChange={setText} />
      <button type="button" onClick={() => setText('')}>
        保存
      </button>
    </>
  )
}

describe('leave warning on unsaved text (H5)', () => {
  /** Taro's H5 title bar puts its back button outside the page, with its own click handler. */
  function titleBarBack(onBack: () => void) {
    const bar = document.createElement('div')
    bar.id = 'taro-navigation-bar'
    const back = document.createElement('div')
    back.className = 'taro-navigation-bar-back'
    back.addEventListener('click', onBack)
    bar.appendChild(back)
    document.body.appendChild(bar)
    return back
  }
  afterEach(() => document.getElementById('taro-navigation-bar')?.remove())

  it('asks before the title bar goes back while typed text is unsaved, and lets go once confirmed', async () => {
    const modal = jest.spyOn(Taro, 'showModal')
    const onBack = jest.fn()
    const back = titleBarBack(onBack)
    const { container } = render(<GuardedPage />)

    back.click()
    expect(onBack).toHaveBeenCalledTimes(1)
    expect(modal).not.toHaveBeenCalled()

    typeInto(container, '已完成制度修订')
    modal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    back.click()
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(modal.mock.calls[0][0]).toMatchObject({ content: UNSAVED_MESSAGE })
    expect(onBack).toHaveBeenCalledTimes(1)

    modal.mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    back.click()
    await waitFor(() => expect(onBack).toHaveBeenCalledTimes(2))
    expect(modal).toHaveBeenCalledTimes(2)
  })

  it('has the browser ask on reload or close while unsaved, and not after saving', () => {
    const { container } = render(<GuardedPage />)
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(event)
      return event.defaultPrevented
    }
    expect(unload()).toBe(false)
    typeInto(container, '已完成制度修订')
    expect(unload()).toBe(true)
    fireEvent.click(screen.getByText('保存'))
    expect(unload()).toBe(false)
  })
})

describe('evidence: photo or PDF', () => {
  const pdf: TEvidenceFile = {
    id: 41,
    itemCode: 'T01-04',
    filename: '整改报告.pdf',
    mime: 'application/pdf',
    size: 81234,
    sha256: 'b'.repeat(64),
    url: '/api/v1/files/41?expires=9999999999&sig=abc',
    createdAt: '2026-11-24T08:00:00.000Z',
  }

  it('offers 拍照/相册 and 文件（PDF） and says which one was chosen', () => {
    const onAdd = jest.fn()
    render(<EvidenceGrid files={[]} editable onAdd={onAdd} />)
    fireEvent.click(screen.getByText('拍照/相册'))
    fireEvent.click(screen.getByText('文件（PDF）'))
    expect(onAdd.mock.calls).toEqual([['photo'], ['pdf']])
  })

  it('offers photos only where a PDF is not wanted (会议现场照片)', () => {
    render(<EvidenceGrid files={[]} editable onAdd={jest.fn()} acceptPdf={false} />)
    expect(screen.getByText('拍照/相册')).toBeTruthy()
    expect(screen.queryByText('文件（PDF）')).toBeNull()
  })

  it('the PDF choice opens a file input for PDFs; the photo choice the camera or album', async () => {
    const clicked: HTMLInputElement[] = []
    jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      clicked.push(this)
      const file = new File(['%PDF-1.4\n'], '整改报告.pdf', { type: 'application/pdf' })
      Object.defineProperty(this, 'files', { value: [file] })
      this.dispatchEvent(new Event('change'))
    })
    URL.createObjectURL = jest.fn(() => 'blob:pdf-1')
    const picked = await chooseEvidence('pdf', 9)
    expect(clicked[0].accept.split(',')).toEqual(['.pdf', 'application/pdf'])
    expect(picked).toEqual([{ path: 'blob:pdf-1', size: 9, name: '整改报告.pdf' }])

    const media = jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({
      tempFiles: [{ tempFilePath: 'blob:photo-1', size: 2048, fileType: 'image' }],
      type: 'image',
      errMsg: 'chooseMedia:ok',
    } as unknown as Taro.chooseMedia.SuccessCallbackResult)
    expect(await chooseEvidence('photo', 3)).toEqual([{ path: 'blob:photo-1', size: 2048 }])
    expect(media.mock.calls[0][0]).toMatchObject({ count: 3, mediaType: ['image'] })
  })

  it('shows a PDF as a file chip that opens in a new tab', () => {
    const open = jest.spyOn(window, 'open').mockReturnValue({ opener: {} } as Window)
    render(<EvidenceGrid files={[pdf]} />)
    expect(screen.getByText('PDF')).toBeTruthy()
    fireEvent.click(screen.getByText('整改报告.pdf'))
    expect(open).toHaveBeenCalledWith('/api/v1/files/41?expires=9999999999&sig=abc', '_blank')
    expect(document.querySelector('.evidence-grid__image')).toBeNull()
  })
})
