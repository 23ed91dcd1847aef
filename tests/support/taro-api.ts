/**
 * `@tarojs/taro` in component tests: what the H5 build gives the app. The H5 build links
 * `import Taro from '@tarojs/taro'` to @tarojs/taro-h5 and adds the React hooks of
 * @tarojs/plugin-framework-react; this module does the same for jest (see jest.component.config.js).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
const h5: Record<string, any> = require('@tarojs/taro-h5')
const hooks: Record<string, any> = require('@tarojs/plugin-framework-react/dist/runtime')

const base: Record<string, any> = h5.default ?? {}
const taro: Record<string, any> = Object.assign(Object.create(null), base)
for (const [key, value] of Object.entries(h5))
  if (key !== 'default' && key !== '__esModule') taro[key] = value
for (const [key, value] of Object.entries(hooks))
  if (key !== 'default' && key !== '__esModule') taro[key] = value

module.exports = { __esModule: true, ...taro, default: taro }

export {}
