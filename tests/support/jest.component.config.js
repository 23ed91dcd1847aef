// Owned by the app work: the jsdom project that renders Taro pages with NutUI.
//
// Taro and NutUI ship ES modules built for a bundler; in jest they run as the H5 build would:
// - `@tarojs/taro` is tests/support/taro-api.ts: @tarojs/taro-h5's APIs plus the React hooks
//   (useDidShow, usePullDownRefresh …) of @tarojs/plugin-framework-react's runtime;
// - `@tarojs/components` is its React build (lib/react) of the Stencil web components;
// - `@nutui/nutui-react-taro` is its ES build (the UMD main needs a real canvas), with jest-canvas-mock;
// - the ESM of Taro, NutUI, Stencil, lodash-es, swiper … is transformed (everything else in
//   node_modules is not), and stylesheets are empty modules.
const path = require('path')

const swcTs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
]
const swcJs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript', jsx: true }, transform: { react: { runtime: 'automatic' } } } },
]

const ESM_PACKAGES = [
  '@tarojs',
  '@nutui',
  '@stencil',
  '@react-spring',
  '@use-gesture',
  '@swc/helpers',
  'lodash-es',
  'swiper',
  'ssr-window',
  'dom7',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'mobile-detect',
  'nanoid',
]

module.exports = {
  displayName: 'component',
  rootDir: path.resolve(__dirname, '../..'),
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/component/**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': swcTs,
    '^.+\\.(js|jsx|mjs|cjs)$': swcJs,
  },
  // Skip node_modules except paths inside one of the packages above (taro-h5 bundles ESM under its own
  // dist/node_modules, so "inside" means anywhere in the path).
  transformIgnorePatterns: [`^(?!.*/node_modules/(?:${ESM_PACKAGES.join('|')})/).*/node_modules/`],
  moduleNameMapper: {
    // Stylesheets first: `@/styles/page.scss` is an empty module too, not a file under src/.
    '\\.(css|scss|sass|less)$': '<rootDir>/tests/support/taro-style-mock.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@tarojs/taro$': '<rootDir>/tests/support/taro-api.ts',
    '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
    '^@nutui/nutui-react-taro$':
      '<rootDir>/node_modules/@nutui/nutui-react-taro/dist/es/packages/nutui.react.build.js',
    // Loaded by NutUI's full ES build for its Lottie component only; warns about canvases on import.
    '^@nutui/lottie-miniprogram$': '<rootDir>/tests/support/taro-style-mock.ts',
  },
  // Constants the H5 build defines (DefinePlugin) and Taro's runtime reads.
  globals: {
    DEPRECATED_ADAPTER_COMPONENT: false,
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
  },
  setupFiles: ['<rootDir>/tests/support/taro-setup.ts'],
}
