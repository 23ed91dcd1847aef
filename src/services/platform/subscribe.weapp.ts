import Taro from '@tarojs/taro'
import type { PlatformSubscribe, SubscribeChoice } from './types'

const CHOICES: readonly string[] = ['accept', 'reject', 'ban', 'filter']

/**
 * wx.requestSubscribeMessage: WeChat shows its panel only when called from the user's tap, before
 * anything asynchronous (the page calls this first thing in onClick, with ids loaded beforehand). The
 * answer is keyed by template id ('accept', 'reject', 'ban', 'filter').
 */
export const platformSubscribe: PlatformSubscribe = {
  supported: true,
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
