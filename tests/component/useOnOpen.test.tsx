import { renderHook } from '@testing-library/react'
import { useOnOpen } from '../../src/hooks/useOnOpen'

describe('useOnOpen', () => {
  it('does not reset on mount: a dialog opened with its page keeps what was typed at once', () => {
    const reset = jest.fn()
    const { rerender } = renderHook(({ visible }) => useOnOpen(visible, reset), {
      initialProps: { visible: true },
    })
    rerender({ visible: true })
    expect(reset).not.toHaveBeenCalled()
  })

  it('resets each time the dialog opens again, with the latest reset', () => {
    const first = jest.fn()
    const second = jest.fn()
    const { rerender } = renderHook(({ visible, reset }) => useOnOpen(visible, reset), {
      initialProps: { visible: false, reset: first },
    })
    rerender({ visible: true, reset: second })
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledTimes(1)
    rerender({ visible: false, reset: second })
    rerender({ visible: true, reset: second })
    expect(second).toHaveBeenCalledTimes(2)
  })
})
