import type { UserConfigExport } from '@tarojs/cli'

/** `taro build --type h5 --watch` serves the app; the API runs separately (`npm run dev:server`, port 3000). */
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:3000'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      proxy: [{ context: ['/api'], target: apiTarget, changeOrigin: true }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
