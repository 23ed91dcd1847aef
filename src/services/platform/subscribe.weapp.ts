import Taro from '@tarojs/taro'
import type { PlatformSubscribe, SubscribeChoice } from './types'

const CHOICES: readonly string[] = ['accept', 'reject', 'ban', 'filter']

/**
 * wx.requestSubscribeMessage: must be called from the user's tap (the page calls it in onClick). Each
 * "accept" lets the server send one message; the answers are sent to the server, which keeps them.
 */
export const platformSubscribe: PlatformSubscribe = {
  async request(templateIds) {
    if (templateIds.length === 0) return { kind: 'unsupported' }
    const res = (await Taro.requestSubscribeMessage({
      tmplIds: templateIds,
      entityIds: [],
    } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
    return {
      kind: 'answered',
      results: templateIds.map((templateId) => ({
        templateId,
        result: (CHOICES.includes(res[templateId]) ? res[templateId] : 'reject') as SubscribeChoice,
      })),
    }
  },
}
