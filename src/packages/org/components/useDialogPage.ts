import { useRef } from 'react'
import { goBack } from '@/services/navigation'

/**
 * A form or dialog shown as a page of its own (its code and zod's stay out of the main package): leaving
 * it, by cancel or after it is sent, goes back to the tab page, which reloads when shown again. Once
 * only: NutUI's Dialog calls onClose after a confirm too. Opened with nothing to go back to (a link), it
 * goes to 首页.
 */
export function useDialogPage(): () => void {
  const left = useRef(false)
  return () => {
    if (left.current) return
    left.current = true
    void goBack()
  }
}
