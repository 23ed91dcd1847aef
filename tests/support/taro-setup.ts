/**
 * Runs before each component test file (jest `setupFiles`): the H5 environment Taro expects.
 */
import 'jest-canvas-mock'

process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
// The demo-user picker is what the H5 login page shows in demo mode.
process.env.TARO_APP_DEMO = 'true'
process.env.TARO_APP_API_BASE = ''

// @tarojs/taro (taro-h5) must load before anything loads @tarojs/router: they require each other.
require('@tarojs/taro')

// The H5 build's createRouter gives Taro's router its config, which getCurrentPages reads: the same
// (hash mode, as config/index.ts) without a router started, so no page is in the stack (an empty list).
require('@tarojs/router/dist/router/index.js').RouterConfig.config = { router: { mode: 'hash' } }

// The hooks (useDidShow, usePullDownRefresh …) find React through the framework runtime, which the H5
// build configures when it creates the app: do the same once here.
const React = require('react')
const ReactDOM = require('react-dom')
const runtime = require('@tarojs/plugin-framework-react/dist/runtime')
runtime.createH5NativeComponentConfig(null, React, ReactDOM)

// NutUI's Overlay uses react-transition-group, which calls the deprecated findDOMNode: library noise.
const consoleError = console.error.bind(console)
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('findDOMNode is deprecated')) return
  consoleError(...args)
}
