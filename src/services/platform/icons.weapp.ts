import { configure } from '@nutui/icons-react-taro'

/**
 * NutUI's icons render as `<i>`, for which the mini-program has no template: WeChat draws nothing (the
 * input clear icon, the checkbox tick). A `view` carries the same classes and SVG mask and is drawn.
 */
export function setUpIcons(): void {
  configure({ tag: 'view' })
}
