// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI's JS tree-shakes by itself but its CSS does not: babel-plugin-import adds, next to each
// imported component, that component's own stylesheet (dist/es/packages/<lower-cased name>/style/css).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
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
