import Taro from '@tarojs/taro'
import { ApiError } from '@/services/request'

/**
 * A paper that could not start (答题 / 再答一次): says why in a toast. True when the phone is offline,
 * when the quiz's state is not in doubt (nothing to reload).
 */
export function toastStartFailed(err: unknown): boolean {
  const offline = err instanceof ApiError && err.status === 0
  const title = offline ? '没有网络，联网后再开始答题' : err instanceof Error ? err.message : '开始答题失败'
  void Taro.showToast({ title, icon: 'none', duration: 2500 })
  return offline
}
