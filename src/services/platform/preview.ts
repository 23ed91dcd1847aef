/**
 * H5: Taro's image viewer brings swiper with it (~170 KB): it is loaded when an image is first opened,
 * not with every page that shows a thumbnail.
 */
export function previewImages(current: string, urls: string[]): void {
  void import('./previewViewer').then(({ openViewer }) => openViewer(current, urls))
}
