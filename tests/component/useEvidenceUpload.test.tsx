import { act, renderHook } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { chooseEvidence } from '@/services/evidence'
import type { PickedFile } from '@/services/platform/types'
import { useEvidenceUpload } from '@/hooks/useEvidenceUpload'

jest.mock('@/services/evidence', () => ({ chooseEvidence: jest.fn() }))

const choose = chooseEvidence as jest.MockedFunction<typeof chooseEvidence>
const file = (name: string) => ({ name }) as unknown as PickedFile

describe('useEvidenceUpload', () => {
  let toast: jest.SpyInstance
  beforeEach(() => {
    jest.clearAllMocks()
    toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' })
  })
  afterEach(() => toast.mockRestore())

  it('picks up to the room left and stores each file in turn, counting the one in flight', async () => {
    choose.mockResolvedValue([file('a.jpg'), file('b.jpg')])
    const { result } = renderHook(() => useEvidenceUpload())
    const stored: string[] = []
    let release: () => void = () => undefined
    const store = jest.fn(
      (f: PickedFile) =>
        new Promise<void>((resolve) => {
          stored.push((f as unknown as { name: string }).name)
          release = resolve
        }),
    )
    let done: Promise<void> = Promise.resolve()
    await act(async () => {
      done = result.current.add('photo', 7, store)
    })
    expect(choose).toHaveBeenCalledWith('photo', 7)
    expect(stored).toEqual(['a.jpg'])
    expect(result.current.uploading).toBe(1)
    await act(async () => release())
    expect(stored).toEqual(['a.jpg', 'b.jpg'])
    await act(async () => {
      release()
      await done
    })
    expect(result.current.uploading).toBe(0)
    expect(toast).not.toHaveBeenCalled()
  })

  it('says why a file was not stored and goes on with the others', async () => {
    choose.mockResolvedValue([file('a.pdf'), file('b.pdf')])
    const { result } = renderHook(() => useEvidenceUpload())
    const store = jest.fn().mockRejectedValueOnce(new Error('文件过大')).mockResolvedValueOnce(undefined)
    await act(() => result.current.add('pdf', 9, store))
    expect(store).toHaveBeenCalledTimes(2)
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '上传失败：文件过大', icon: 'none' }))
    expect(result.current.uploading).toBe(0)
  })

  it('says why the pick failed, and stores nothing', async () => {
    choose.mockRejectedValue(new Error('没有相册权限'))
    const { result } = renderHook(() => useEvidenceUpload())
    const store = jest.fn()
    await act(() => result.current.add('photo', 9, store))
    expect(store).not.toHaveBeenCalled()
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有相册权限' }))
    choose.mockRejectedValue(new Error(''))
    await act(() => result.current.add('pdf', 9, store))
    expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '无法选择文件' }))
  })
})
