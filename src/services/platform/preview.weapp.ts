import Taro from '@tarojs/taro'

/** WeChat's own image viewer: nothing to load. */
export function previewImages(current: string, urls: string[]): void {
  void Taro.previewImage({ current, urls })
}
