/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time. */
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform being built; Taro also picks `foo.<TARO_ENV>.ts` over `foo.ts`. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony'
    /** Mini-program AppID written into dist/weapp/project.config.json (optional; default touristappid). */
    TARO_APP_ID?: string
    /** API origin for the H5 build: '' = same origin (the server serves dist/h5 and /api). */
    TARO_APP_API_BASE: string
    /** API origin for the mini-program: a full https URL registered as a 合法域名. */
    TARO_APP_WEAPP_API_BASE: string
    /** 'true': the H5 login page offers the demo-user picker. */
    TARO_APP_DEMO: 'true' | 'false'
  }
}
