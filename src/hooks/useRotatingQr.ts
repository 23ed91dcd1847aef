import { useEffect, useRef, useState } from 'react'
import type { TQr } from '@/models/event'

/** What the polling needs of an answer: when its code expires, on the server's clock. */
type Rotating = Pick<TQr, 'expiresAt' | 'serverTime'>

export interface RotatingQrState<T extends Rotating> {
  qr: T | null
  /** Whole seconds until the shown payload is replaced (server time). */
  secondsLeft: number
  /** The last poll failed (the screen keeps the last code until it expires). */
  error: string | null
}

/** When to poll next: every `pollMs`, and right after the payload expires (server clock). */
export function nextPollDelay(qr: Rotating, receivedAt: number, pollMs: number): number {
  const untilExpiry = Date.parse(qr.expiresAt) - Date.parse(qr.serverTime)
  const elapsed = Date.now() - receivedAt
  return Math.max(200, Math.min(pollMs, untilExpiry - elapsed + 300))
}

/**
 * Polls a rotating QR (organiser's /qr or the big screen's /display/:token/qr) while `key` is set:
 * every `pollMs` and as soon as the shown one expires; counts down once a second.
 */
export function useRotatingQr<T extends Rotating>(
  key: string | null,
  fetcher: () => Promise<T>,
  pollMs: number,
): RotatingQrState<T> {
  const [qr, setQr] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const fetchRef = useRef(fetcher)
  fetchRef.current = fetcher
  const receivedRef = useRef(0)

  useEffect(() => {
    if (key === null) return undefined
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      let delay = pollMs
      try {
        const next = await fetchRef.current()
        if (stopped) return
        receivedRef.current = Date.now()
        setQr(next)
        setError(null)
        delay = nextPollDelay(next, receivedRef.current, pollMs)
      } catch (err) {
        if (stopped) return
        setError(err instanceof Error ? err.message : '刷新失败')
      }
      timer = setTimeout(() => void poll(), delay)
    }
    void poll()
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      clearInterval(tick)
    }
  }, [key, pollMs])

  let secondsLeft = 0
  if (qr) {
    const serverNow = Date.parse(qr.serverTime) + (now - receivedRef.current)
    secondsLeft = Math.max(0, Math.ceil((Date.parse(qr.expiresAt) - serverNow) / 1000))
  }
  return { qr, secondsLeft, error }
}
