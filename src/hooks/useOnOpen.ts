import { useEffect, useRef } from 'react'

/**
 * Runs `reset` each time `visible` turns true after being false. Not on mount: the first render's
 * state comes from `useState`'s initial values, and a reset in a mount effect (which runs after the
 * paint) could wipe what a quick hand typed into a dialog that opened as its page appeared.
 */
export function useOnOpen(visible: boolean, reset: () => void): void {
  const was = useRef(visible)
  const latest = useRef(reset)
  latest.current = reset
  useEffect(() => {
    if (visible && !was.current) latest.current()
    was.current = visible
  }, [visible])
}
