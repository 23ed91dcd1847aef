import fs from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { h5Delivery } from './h5Delivery'

/** NutUI React Taro is drawn on a 375 px canvas; our own styles on the usual 750 rpx one. */
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' && input ? (input.file ?? '') : ''
  return file.replace(/\\+/g, '/').includes('@nutui/') ? 375 : 750
}

/**
 * Taro inlines a `process.env.TARO_APP_*` only when the loaded .env file (or the shell) defines it; an
 * undefined one stays in the bundle as `process.env.X`, which throws in WeChat (no `process`). Refuse
 * to build instead.
 */
function checkAppVariables(): void {
  const used = new Set<string>()
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.(ts|tsx)$/.test(entry.name))
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/process\.env\.(TARO_APP_\w+)/g))
          used.add(m[1])
    }
  }
  walk(path.resolve(__dirname, '..', 'src'))
  const missing = [...used].filter((name) => process.env[name] === undefined)
  if (missing.length)
    throw new Error(
      `${missing.join(', ')} used in src/ but defined in no loaded .env file: add it to every .env.* file`,
    )
}

/** Packages that ship syntax newer than the mini-program's declared base (ES2020 `?.` and `??`). */
const TRANSPILED_PACKAGES =
  /[\\/]node_modules[\\/](zod|@nutui|@tarojs[\\/]plugin-framework-react|dayjs|qrcode-generator)[\\/]/

export default defineConfig<'webpack5'>(async (merge) => {
  checkAppVariables()
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'qinglian-qiye',
    date: '2026-11-24',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // dist/weapp and dist/h5 side by side: building one never deletes the other.
    outputRoot: `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    // Mini-program: depth of the unrolled templates in base.wxml (Taro's default 16); deeper nodes go
    // through the recursive comp component. 8 keeps ~20 KB out of the main package.
    baseLevel: 8,
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // project.config.json has es6:false and browserslist reaches old phones: WeChat does not transpile
      // for them, so what Taro leaves alone in node_modules must be ES5-safe (checked by tests/weapp).
      compile: { include: [(modulePath: string) => TRANSPILED_PACKAGES.test(modulePath)] },
      // Modules used only by a subpackage stay out of the main package (2 MB limit).
      optimizeMainPackage: { enable: true },
      // The app never calls toJSONSchema (the server's OpenAPI does): zod's generator stays out (~24 KB).
      webpackChain(chain) {
        chain.module
          .rule('zod-no-json-schema')
          .test(/[\\/]zod[\\/]v4[\\/]classic[\\/]schemas\.js$/)
          .enforce('pre')
          .use('stub')
          .loader(path.resolve(__dirname, 'weapp', 'zodNoJsonSchema.js'))
      },
      // Page stylesheets import NutUI component styles in different orders; the order does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      // Taro's components as React components (@tarojs/components-react), not Stencil web components: the
      // login page's components chunk drops from 8.7 to 1.8 KB (brotli) and the entry loses Stencil's
      // pull-to-refresh. The tab bar stays Stencil's, loaded after the entry (h5Delivery.ts, lazyTabBar).
      useHtmlComponents: true,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      webpackChain: h5Delivery,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
