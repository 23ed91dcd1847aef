import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { platformLeaveGuard } from '@/services/platform/leave'

/** What the user is asked when leaving a page with typed text not saved yet. */
export const UNSAVED_MESSAGE = '内容尚未保存，确定离开？'

/**
 * While `dirty` (typed text that leaving would lose), going back from the page asks UNSAVED_MESSAGE
 * first: WeChat's own dialog in the mini-program, a modal on the H5 title bar's back or home and the
 * browser's question on reload or close. Saving clears `dirty`; the page's own navigation after a save
 * never asks.
 */
export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return
    const page = Taro.getCurrentInstance().page
    platformLeaveGuard.enable(UNSAVED_MESSAGE)
    return () => {
      // Only while this page is on top: once it has been left, the question went with it, and the
      // call would clear the question of the page now shown.
      if (Taro.getCurrentInstance().page === page) platformLeaveGuard.disable()
    }
  }, [dirty])
}
