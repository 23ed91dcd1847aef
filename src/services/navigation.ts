import Taro from '@tarojs/taro'
import type { z } from 'zod'
import type { WriteOutcome } from './settleWrite'

/** 首页, the first tab: where the app starts, and where going back ends when nothing is behind. */
export const HOME_PAGE = '/pages/home/index'

/**
 * Back to the page before, as after a save or a cancel. A page opened straight (a shared link, a QR
 * code, a reload) is alone in the stack, where navigateBack does nothing: it goes to 首页 instead. An
 * empty stack (jsdom's component tests) still goes back, so a test sees navigateBack called.
 */
export function goBack(): Promise<unknown> {
  if (Taro.getCurrentPages().length === 1) return Taro.reLaunch({ url: HOME_PAGE })
  return Taro.navigateBack()
}

/**
 * After a form has created a record: on to the record's page (`pageOf` its id, read from the server's
 * answer by `schema`); back when the write waits in the outbox or the answer holds no record.
 */
export function openCreated(
  outcome: WriteOutcome,
  schema: z.ZodType<{ id: number }>,
  pageOf: (id: number) => string,
): Promise<unknown> {
  const created = outcome.kind === 'delivered' ? schema.safeParse(outcome.response?.data) : null
  if (created?.success) return Taro.redirectTo({ url: pageOf(created.data.id) })
  return goBack()
}
