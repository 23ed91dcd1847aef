import { useEffect, useRef } from 'react'
import Taro from '@tarojs/taro'

/**
 * Back to the top of the page whenever `key` changes (another question, the 小结): tapped at the foot of a
 * long question, 下一题 would otherwise open the next one below its stem, with the countdown off screen.
 */
export function useTopOnChange(key: string | number): void {
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }, [key])
}
