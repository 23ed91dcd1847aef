// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI's JS tree-shakes by itself but its CSS does not: babel-plugin-import adds, next to each
// imported component, that component's own stylesheet (dist/es/packages/<lower-cased name>/style/css).
//
// The H5 build (browsers, big screens, tests; phones use the mini-program) targets browsers from 2020 on
// (optional chaining, async/await and classes kept as written): its app.js is about 7 KB smaller gzipped,
// less to download and parse before the login page's first text (issue 15). The mini-program build keeps
// package.json's browserslist, which WeChat's older clients need.
const h5Targets = { chrome: '80', safari: '13.1', ios: '13.4', firefox: '78', edge: '80' }

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'h5' ? { targets: h5Targets } : {}),
      },
    ],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        style: 'css',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        customStyleName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
}
