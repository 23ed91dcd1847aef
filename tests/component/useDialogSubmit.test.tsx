import { act, renderHook } from '@testing-library/react'
import { z } from 'zod'
import { useDialogSubmit } from '../../src/hooks/useDialogSubmit'
import { runWrite } from '../../src/hooks/useWrite'
import { userOutbox } from '../../src/services/session'
import { KEEP_OPEN } from '../../src/services/settleWrite'
import type { OutboxEntry } from '../../src/services/outbox'

jest.mock('../../src/hooks/useWrite', () => {
  const runWrite = jest.fn()
  return { runWrite, useWrite: () => runWrite }
})
jest.mock('../../src/services/session', () => ({ userOutbox: jest.fn() }))

const write = runWrite as jest.MockedFunction<typeof runWrite>
const outbox = userOutbox as jest.MockedFunction<typeof userOutbox>
const entry = { id: 'e1' } as OutboxEntry

describe('useDialogSubmit', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    outbox.mockReturnValue({} as ReturnType<typeof userOutbox>)
  })

  it('keeps the dialog open with the first problem of a failed check', async () => {
    const { result } = renderHook(() => useDialogSubmit())
    const schema = z.object({ code: z.string().min(4, '邀请码为 4 位以上') })
    let thrown: unknown
    act(() => {
      try {
        result.current.checked(schema.safeParse({ code: 'a' }))
      } catch (err) {
        thrown = err
      }
    })
    expect(thrown).toBe(KEEP_OPEN)
    expect(result.current.error).toBe('邀请码为 4 位以上')
    expect(result.current.checked(schema.safeParse({ code: 'abcd' }))).toEqual({ code: 'abcd' })
  })

  it('sends through the outbox and resolves with the outcome once delivered', async () => {
    write.mockResolvedValue({ kind: 'delivered', response: { status: 200, data: { ok: true } } })
    const { result } = renderHook(() => useDialogSubmit())
    let outcome: unknown
    await act(async () => {
      outcome = await result.current.send(() => entry, { done: '已保存' })
    })
    expect(outcome).toEqual({ kind: 'delivered', response: { status: 200, data: { ok: true } } })
    expect(write).toHaveBeenCalledWith(entry, expect.objectContaining({ done: '已保存' }))
    expect(result.current.busy).toBe(false)
    expect(result.current.error).toBeNull()
  })

  it('stays open with the server’s reason when the write is refused', async () => {
    write.mockImplementation(async (_entry, options) => {
      options?.onRefused?.('邀请码已失效', 'CODE_EXPIRED', [])
      return { kind: 'refused', code: 'CODE_EXPIRED', message: '邀请码已失效', fields: [] }
    })
    const { result } = renderHook(() => useDialogSubmit())
    await act(async () => {
      await expect(result.current.send(() => entry)).rejects.toBe(KEEP_OPEN)
    })
    expect(result.current.error).toBe('邀请码已失效')
    // The next keystroke stores the value and clears the message.
    const typed = jest.fn()
    act(() => result.current.edit(typed)('ABCD1234'))
    expect(typed).toHaveBeenCalledWith('ABCD1234')
    expect(result.current.error).toBeNull()
    await act(async () => {
      await expect(result.current.send(() => entry)).rejects.toBe(KEEP_OPEN)
    })
    act(() => result.current.reset())
    expect(result.current.error).toBeNull()
  })

  it('stays open, with the failure shown, when queueing throws; and sends nothing signed out', async () => {
    const { result } = renderHook(() => useDialogSubmit())
    await act(async () => {
      await expect(
        result.current.send(() => {
          throw new Error('本机存储已满')
        }),
      ).rejects.toBe(KEEP_OPEN)
    })
    expect(result.current.error).toBe('本机存储已满')
    outbox.mockReturnValue(null)
    await act(async () => {
      await expect(result.current.send(() => entry)).rejects.toBe(KEEP_OPEN)
    })
    expect(write).not.toHaveBeenCalled()
  })
})
