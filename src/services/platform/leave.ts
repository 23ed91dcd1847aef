import Taro from '@tarojs/taro'
import { showModal } from '@/services/platform/modal'
import type { PlatformLeaveGuard } from './types'

/** The question of each page that has one, by page instance: a page left for good drops out by itself. */
const guards = new WeakMap<object, string>()
/** Where no page instance is known (outside the router). */
const NO_PAGE = {}

const currentPage = (): object => Taro.getCurrentInstance().page ?? NO_PAGE
const question = (): string | undefined => guards.get(currentPage())

/** Reload, closing the tab, another address: the browser asks with its own words. */
function onBeforeUnload(event: BeforeUnloadEvent): void {
  const message = question()
  if (!message) return
  event.preventDefault()
  event.returnValue = message
}

/**
 * The back and home buttons of Taro's H5 title bar: caught in the capture phase, before Taro's own
 * handler on the button, and let through once the user confirms.
 */
function onTitleBarClick(event: MouseEvent): void {
  const message = question()
  if (!message) return
  const target = event.target instanceof Element ? event.target : null
  const button = target?.closest<HTMLElement>('.taro-navigation-bar-back, .taro-navigation-bar-home')
  if (!button) return
  event.stopPropagation()
  event.preventDefault()
  void showModal({ title: '', content: message }).then((res) => {
    if (!res.confirm) return
    platformLeaveGuard.disable()
    button.click()
  })
}

let listening = false

/** H5: the title bar's back / home ask through a modal first; a reload or a closed tab, the browser asks. */
export const platformLeaveGuard: PlatformLeaveGuard = {
  enable(message) {
    guards.set(currentPage(), message)
    if (listening) return
    listening = true
    window.addEventListener('beforeunload', onBeforeUnload)
    window.addEventListener('click', onTitleBarClick, true)
  },
  disable() {
    guards.delete(currentPage())
  },
}
