import Taro from '@tarojs/taro'

/** Loaded on demand by preview.ts (H5): this module is the chunk that carries swiper. */
export function openViewer(current: string, urls: string[]): void {
  void Taro.previewImage({ current, urls })
}
