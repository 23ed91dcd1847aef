/**
 * A fake `wx`: every name WeChat has (from miniprogram-api-typings), the ones the app uses modelled
 * on WeChat's documented behaviour, the rest answering `fail` and recorded as unmodelled (a test fails
 * on them, so nothing the app calls goes unnoticed):
 * - storage: 1 MB per key, 10 MB in all, sync and async;
 * - chooseMessageFile: the files queued in `device.messageFiles` (a chat's file), behind the privacy gate
 * - request / uploadFile / downloadFile: real HTTP to the test server (every HTTP status in `success`);
 * - login: a code the local fake code2Session understands (`ok:<openid>`);
 * - the privacy gate: privacy APIs wait for onNeedPrivacyAuthorization's resolve with the id of an
 *   agree button that was really tapped; getLocation also needs app.json's requiredPrivateInfos;
 * - toasts, modals, loading, clipboard, scans, chosen photos: recorded or scripted;
 * - subscribe requests as WeChat answers them: only from a tap (synchronously in its handler), 1–3
 *   template ids, the answer keyed by template id ('accept' / 'reject'), or errCode 20004 when the
 *   user has switched subscribe messages off.
 * - enableAlertBeforeUnload / disableAlertBeforeUnload: the question kept on the page on top, asked by
 *   the runner's back() (the navigation bar's back), never by wx.navigateBack;
 * - getImageInfo / compressImage: see ./wxImage.ts.
 */
import crypto from 'node:crypto'
import { wxApiNames } from './apiNames'
import { FakeCanvas } from './canvas'
import { fileSystemManager } from './wxFiles'
import { imageApis, type Compression } from './wxImage'
import { selectorQuery, systemInfo } from './wxLayout'
import { httpCall } from './wxNetwork'

export { FakeCanvas }

export type Callbacks = {
  success?: (res: unknown) => void
  fail?: (res: unknown) => void
  complete?: (res: unknown) => void
  [key: string]: unknown
}

/** Calls success/fail/complete on a later turn, as WeChat does. */
export type Answer = (options: Callbacks | undefined, name: string, result: unknown, failed?: boolean) => void

export interface Toast {
  title: string
  icon?: string
  page: string
}
export interface Modal {
  title?: string
  content?: string
  confirmed: boolean
  page: string
}

/** What the runner needs from the mini-program around `wx` (navigation, the page on top, failures). */
export interface Host {
  /** checks the navigation (an error message, or null) and calls `done` once it has been carried out */
  navigate(
    kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch',
    url: string,
    done?: () => void,
  ): string | null
  navigateBack(delta: number, done?: () => void): string | null
  currentRoute(): string
  /** the question asked before the page on top is left by the user's back (null: none) */
  setAlertBeforeUnload(message: string | null): void
  appJson: { requiredPrivateInfos?: string[]; tabBar?: { list: { pagePath: string }[] } }
  failure(message: string): void
  /** agree-button ids tapped since the last privacy request */
  tappedAgreeButtons: Set<string>
  /** whether a tap's handler is running right now (WeChat's "user TAP gesture") */
  inTap(): boolean
  /** a canvas node by element id, for createSelectorQuery().fields({ node: true }) */
  canvasNode(id: string): FakeCanvas | null
  track<T>(promise: Promise<T>): Promise<T>
  setTimeout(fn: () => void, ms: number): unknown
}

const STORAGE_KEY_LIMIT = 1024 * 1024
const STORAGE_TOTAL_LIMIT = 10 * 1024 * 1024

export class Device {
  /** the WeChat user on this phone: wx.login answers a code for this openid */
  openid: string
  readonly storage = new Map<string, string>()
  readonly files = new Map<string, Buffer>()
  privacyAgreed = false
  readonly toasts: Toast[] = []
  readonly modals: Modal[] = []
  /** answers for the next showModal calls (true = 确定); default 确定 */
  readonly modalAnswers: boolean[] = []
  readonly unmodelled: string[] = []
  readonly clipboard: string[] = []
  /** The tab bar's badges by tab index (setTabBarBadge / removeTabBarBadge). */
  readonly tabBarBadges = new Map<number, string>()
  readonly openedDocuments: string[] = []
  /** where each pageScrollTo asked the page to go (scrollTop, or a selector) */
  readonly pageScrolls: { scrollTop?: number; selector?: string }[] = []
  /** every wx.compressImage call */
  readonly compressions: Compression[] = []
  /** results for the next scanCode calls */
  readonly scans: string[] = []
  /** files picked by the next chooseMedia / chooseImage calls (PNG bytes) */
  readonly photos: Buffer[] = []
  /** files in the user's chats, picked by the next chooseMessageFile calls (name and bytes) */
  readonly messageFiles: { name: string; bytes: Buffer }[] = []
  location = { latitude: 30.0, longitude: 120.0, accuracy: 20 }
  /** the user's choice in the subscribe panel, per template id (default for the others: subscribeAnswer) */
  subscribeAnswer: 'accept' | 'reject' = 'accept'
  readonly subscribeAnswers = new Map<string, 'accept' | 'reject'>()
  /** 设置 → 订阅消息 main switch */
  subscribeSwitchOn = true
  /** the template ids of each panel shown */
  readonly subscribeRequests: string[][] = []
  /** calls WeChat refused (not from a tap, too many ids …), with the reason */
  readonly subscribeRefusals: string[] = []
  loading: string | null = null
  online = true
  /** every HTTP exchange: method, path and status */
  readonly exchanges: { method: string; path: string; status: number; authorised: boolean }[] = []
  private privacyListener: ((resolve: (o: { event: string; buttonId?: string }) => void) => void) | null =
    null
  private fileCounter = 0

  constructor(
    openid: string,
    readonly serverOrigin: string,
  ) {
    this.openid = openid
  }

  storageBytes(): number {
    let total = 0
    for (const [k, v] of this.storage) total += k.length + v.length
    return total
  }

  newFile(bytes: Buffer, ext: string, saved = false): string {
    const name = `${saved ? 'store' : 'tmp'}_${++this.fileCounter}_${crypto.randomBytes(4).toString('hex')}.${ext}`
    const path = saved ? `wxfile://${name}` : `http://tmp/${name}`
    this.files.set(path, bytes)
    return path
  }

  /** Builds the `wx` object for one launch of the mini-program. */
  createWx(host: Host): Record<string, unknown> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- wx's functions are called with wx as this
    const device = this
    const wx: Record<string, unknown> = {}
    const page = () => host.currentRoute()
    const onTabPage = () => (host.appJson.tabBar?.list ?? []).some((t) => t.pagePath === page())
    const unmodelled = (name: string) =>
      function (this: unknown, options?: Callbacks) {
        device.unmodelled.push(name)
        host.failure(`wx.${name} was called, and the runner does not model it`)
        const res = { errMsg: `${name}:fail not modelled by the test runner` }
        if (options && typeof options === 'object') {
          options.fail?.(res)
          options.complete?.(res)
        }
      }
    for (const name of wxApiNames()) {
      wx[name] = /^(on|off)[A-Z]/.test(name) ? () => undefined : unmodelled(name)
    }

    // Calls success/fail/complete on the next turn (WeChat answers asynchronously).
    const answer: Answer = (options, name, result, failed = false) => {
      host.setTimeout(() => {
        const res = failed
          ? { errMsg: `${name}:fail ${String(result)}` }
          : { errMsg: `${name}:ok`, ...(result as object) }
        if (failed) options?.fail?.(res)
        else options?.success?.(res)
        options?.complete?.(res)
      }, 0)
    }

    // The privacy gate: a privacy API waits for consent (or fails without a listener).
    const gated =
      (name: string, run: (options: Callbacks) => void) =>
      (options: Callbacks = {}): void => {
        if (name === 'getLocation' && !(host.appJson.requiredPrivateInfos ?? []).includes('getLocation')) {
          answer(
            options,
            name,
            'the api need to be declared in the requiredPrivateInfos field in app.json',
            true,
          )
          return
        }
        if (device.privacyAgreed) return run(options)
        if (!device.privacyListener) {
          answer(options, name, 'api scope is not declared in the privacy agreement (no consent)', true)
          return
        }
        host.tappedAgreeButtons.clear()
        device.privacyListener((res) => {
          if (res.event === 'exposureAuthorization') return
          if (res.event === 'agree') {
            if (!res.buttonId || !host.tappedAgreeButtons.has(res.buttonId)) {
              host.failure(
                `privacy resolve({event:'agree'}) with buttonId ${res.buttonId} that was not tapped`,
              )
              answer(options, name, 'privacy permission is not authorized', true)
              return
            }
            device.privacyAgreed = true
            run(options)
          } else {
            answer(options, name, 'privacy permission is not authorized', true)
          }
        })
      }

    Object.assign(wx, {
      // ── storage ──
      setStorageSync(key: string, data: unknown) {
        const value = JSON.stringify(data === undefined ? null : data)
        if (value.length > STORAGE_KEY_LIMIT) throw new Error('setStorageSync:fail entry size limit reached')
        const previous = device.storage.get(key)?.length ?? 0
        if (device.storageBytes() - previous + value.length > STORAGE_TOTAL_LIMIT)
          throw new Error('setStorageSync:fail exceed storage max size 10Mb')
        device.storage.set(key, value)
      },
      getStorageSync(key: string) {
        const value = device.storage.get(key)
        return value === undefined ? '' : JSON.parse(value)
      },
      removeStorageSync(key: string) {
        device.storage.delete(key)
      },
      clearStorageSync() {
        device.storage.clear()
      },
      getStorageInfoSync() {
        return {
          keys: [...device.storage.keys()],
          currentSize: Math.ceil(device.storageBytes() / 1024),
          limitSize: STORAGE_TOTAL_LIMIT / 1024,
        }
      },
      setStorage(options: Callbacks & { key: string; data: unknown }) {
        try {
          ;(wx.setStorageSync as (k: string, d: unknown) => void)(options.key, options.data)
          answer(options, 'setStorage', {})
        } catch (error) {
          answer(options, 'setStorage', (error as Error).message, true)
        }
      },
      getStorage(options: Callbacks & { key: string }) {
        if (!device.storage.has(options.key)) return answer(options, 'getStorage', 'data not found', true)
        answer(options, 'getStorage', { data: JSON.parse(device.storage.get(options.key)!) })
      },
      removeStorage(options: Callbacks & { key: string }) {
        device.storage.delete(options.key)
        answer(options, 'removeStorage', {})
      },
      getStorageInfo(options: Callbacks) {
        answer(options, 'getStorageInfo', (wx.getStorageInfoSync as () => object)())
      },

      // ── system ──
      getSystemInfoSync: () => systemInfo(),
      getSystemInfo: (options: Callbacks) => answer(options, 'getSystemInfo', systemInfo()),
      getSystemInfoAsync: (options: Callbacks) => answer(options, 'getSystemInfoAsync', systemInfo()),
      getWindowInfo: () => systemInfo(),
      getDeviceInfo: () => ({
        brand: 'runner',
        model: 'headless',
        system: 'iOS 16.0',
        platform: 'ios',
        pixelRatio: 2,
      }),
      getAppBaseInfo: () => ({
        SDKVersion: '3.0.0',
        language: 'zh_CN',
        version: '8.0.50',
        theme: 'light',
        enableDebug: false,
      }),
      getSystemSetting: () => ({
        bluetoothEnabled: false,
        locationEnabled: true,
        wifiEnabled: true,
        deviceOrientation: 'portrait',
      }),
      getAppAuthorizeSetting: () => ({
        albumAuthorized: 'authorized',
        cameraAuthorized: 'authorized',
        locationAuthorized: 'authorized',
      }),
      getMenuButtonBoundingClientRect: () => ({
        width: 87,
        height: 32,
        top: 48,
        right: 368,
        bottom: 80,
        left: 281,
      }),
      getAccountInfoSync: () => ({
        miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' },
      }),
      getLaunchOptionsSync: () => ({ path: 'pages/home/index', scene: 1001, query: {}, referrerInfo: {} }),
      getEnterOptionsSync: () => ({ path: 'pages/home/index', scene: 1001, query: {}, referrerInfo: {} }),
      canIUse: () => true,
      nextTick: (fn: () => void) => host.setTimeout(fn, 0),
      getNetworkType: (options: Callbacks) =>
        answer(options, 'getNetworkType', { networkType: device.online ? 'wifi' : 'none' }),
      reportAnalytics: () => undefined,
      getRealtimeLogManager: () => ({
        info() {},
        warn() {},
        error() {},
        setFilterMsg() {},
        addFilterMsg() {},
      }),
      getLogManager: () => ({ log() {}, info() {}, warn() {}, debug() {} }),
      getUpdateManager: () => ({
        onCheckForUpdate() {},
        onUpdateReady() {},
        onUpdateFailed() {},
        applyUpdate() {},
      }),
      setNavigationBarTitle: (options: Callbacks) => answer(options, 'setNavigationBarTitle', {}),
      // WeChat refuses tab bar calls from a page that is not a tab page, and a badge over 4 characters.
      setTabBarBadge: (options: Callbacks & { index: number; text: string }) => {
        if (!onTabPage()) return answer(options, 'setTabBarBadge', 'not TabBar page', true)
        if (String(options.text).length > 4) return answer(options, 'setTabBarBadge', 'text too long', true)
        device.tabBarBadges.set(options.index, String(options.text))
        answer(options, 'setTabBarBadge', {})
      },
      removeTabBarBadge: (options: Callbacks & { index: number }) => {
        if (!onTabPage()) return answer(options, 'removeTabBarBadge', 'not TabBar page', true)
        device.tabBarBadges.delete(options.index)
        answer(options, 'removeTabBarBadge', {})
      },
      setNavigationBarColor: (options: Callbacks) => answer(options, 'setNavigationBarColor', {}),
      showNavigationBarLoading: () => undefined,
      hideNavigationBarLoading: () => undefined,
      stopPullDownRefresh: (options?: Callbacks) => answer(options, 'stopPullDownRefresh', {}),
      startPullDownRefresh: (options?: Callbacks) => answer(options, 'startPullDownRefresh', {}),
      pageScrollTo: (options: Callbacks & { scrollTop?: number; selector?: string }) => {
        device.pageScrolls.push({ scrollTop: options.scrollTop, selector: options.selector })
        answer(options, 'pageScrollTo', {})
      },
      vibrateShort: (options?: Callbacks) => answer(options, 'vibrateShort', {}),
      setKeepScreenOn: (options: Callbacks) => answer(options, 'setKeepScreenOn', {}),
      setScreenBrightness: (options: Callbacks) => answer(options, 'setScreenBrightness', {}),
      getScreenBrightness: (options: Callbacks) => answer(options, 'getScreenBrightness', { value: 0.5 }),
      hideKeyboard: (options?: Callbacks) => answer(options, 'hideKeyboard', {}),
      showShareMenu: (options?: Callbacks) => answer(options, 'showShareMenu', {}),
      hideHomeButton: (options?: Callbacks) => answer(options, 'hideHomeButton', {}),

      // ── interaction ──
      showToast(options: Callbacks & { title: string; icon?: string }) {
        device.toasts.push({ title: options.title, icon: options.icon, page: page() })
        answer(options, 'showToast', {})
      },
      hideToast: (options?: Callbacks) => answer(options, 'hideToast', {}),
      showLoading(options: Callbacks & { title: string }) {
        device.loading = options.title
        answer(options, 'showLoading', {})
      },
      hideLoading(options?: Callbacks) {
        device.loading = null
        answer(options, 'hideLoading', {})
      },
      showModal(options: Callbacks & { title?: string; content?: string }) {
        const confirmed = device.modalAnswers.length ? device.modalAnswers.shift()! : true
        device.modals.push({ title: options.title, content: options.content, confirmed, page: page() })
        answer(options, 'showModal', { confirm: confirmed, cancel: !confirmed, content: '' })
      },
      showActionSheet(options: Callbacks) {
        answer(options, 'showActionSheet', { tapIndex: 0 })
      },
      // The question belongs to the page on top; WeChat asks it on the bar's back and Android's back key.
      enableAlertBeforeUnload(options: Callbacks & { message?: unknown }) {
        if (typeof options?.message !== 'string' || !options.message)
          return answer(options, 'enableAlertBeforeUnload', 'parameter.message should be String', true)
        host.setAlertBeforeUnload(options.message)
        answer(options, 'enableAlertBeforeUnload', {})
      },
      disableAlertBeforeUnload(options?: Callbacks) {
        host.setAlertBeforeUnload(null)
        answer(options, 'disableAlertBeforeUnload', {})
      },

      // ── navigation ──
      navigateTo: (options: Callbacks & { url: string }) => navigation('navigateTo', options),
      redirectTo: (options: Callbacks & { url: string }) => navigation('redirectTo', options),
      switchTab: (options: Callbacks & { url: string }) => navigation('switchTab', options),
      reLaunch: (options: Callbacks & { url: string }) => navigation('reLaunch', options),
      navigateBack(options: Callbacks & { delta?: number } = {}) {
        const error = host.navigateBack(options.delta ?? 1, () => answer(options, 'navigateBack', {}))
        if (error) answer(options, 'navigateBack', error, true)
      },

      // ── network ──
      request(
        options: Callbacks & {
          url: string
          method?: string
          data?: unknown
          header?: Record<string, string>
        },
      ) {
        return httpCall(device, host, answer, options, 'request')
      },
      uploadFile(
        options: Callbacks & {
          url: string
          filePath: string
          name: string
          formData?: Record<string, string>
          header?: Record<string, string>
        },
      ) {
        const file = device.files.get(options.filePath)
        if (!file) return answer(options, 'uploadFile', `file not found: ${options.filePath}`, true)
        const boundary = `----wxrunner${crypto.randomBytes(8).toString('hex')}`
        const parts: Buffer[] = []
        for (const [k, v] of Object.entries(options.formData ?? {}))
          parts.push(
            Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
          )
        const filename = options.filePath.split('/').pop()!
        const type = filename.endsWith('.png')
          ? 'image/png'
          : filename.endsWith('.jpg')
            ? 'image/jpeg'
            : filename.endsWith('.pdf')
              ? 'application/pdf'
              : 'application/octet-stream'
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${options.name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
          ),
          file,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        )
        return httpCall(
          device,
          host,
          answer,
          {
            ...options,
            method: 'POST',
            header: {
              ...(options.header ?? {}),
              'content-type': `multipart/form-data; boundary=${boundary}`,
            },
            data: Buffer.concat(parts),
          },
          'uploadFile',
        )
      },
      downloadFile(options: Callbacks & { url: string; header?: Record<string, string> }) {
        return httpCall(device, host, answer, { ...options, method: 'GET' }, 'downloadFile')
      },
      onNetworkStatusChange: () => undefined,
      offNetworkStatusChange: () => undefined,

      // ── login and privacy ──
      login(options: Callbacks) {
        answer(options, 'login', { code: `ok:${device.openid}` })
      },
      checkSession: (options: Callbacks) => answer(options, 'checkSession', {}),
      getPrivacySetting(options: Callbacks) {
        answer(options, 'getPrivacySetting', {
          needAuthorization: !device.privacyAgreed,
          privacyContractName: '《清廉企业小程序隐私保护指引》',
        })
      },
      onNeedPrivacyAuthorization(listener: typeof device.privacyListener) {
        device.privacyListener = listener
      },
      requirePrivacyAuthorize: gated('requirePrivacyAuthorize', (options) =>
        answer(options, 'requirePrivacyAuthorize', {}),
      ),
      openPrivacyContract: (options: Callbacks) => answer(options, 'openPrivacyContract', {}),

      // ── privacy APIs and media ──
      getLocation: gated('getLocation', (options) => answer(options, 'getLocation', { ...device.location })),
      chooseMedia: gated('chooseMedia', (options) => {
        const photo = device.photos.shift()
        if (!photo) return answer(options, 'chooseMedia', 'cancel', true)
        const tempFilePath = device.newFile(photo, 'png')
        answer(options, 'chooseMedia', {
          type: 'image',
          tempFiles: [{ tempFilePath, size: photo.length, fileType: 'image' }],
        })
      }),
      chooseImage: gated('chooseImage', (options) => {
        const photo = device.photos.shift()
        if (!photo) return answer(options, 'chooseImage', 'cancel', true)
        const path = device.newFile(photo, 'png')
        answer(options, 'chooseImage', { tempFilePaths: [path], tempFiles: [{ path, size: photo.length }] })
      }),
      chooseMessageFile: gated('chooseMessageFile', (options) => {
        const o = options as Callbacks & { count?: number; type?: string; extension?: string[] }
        const file = device.messageFiles.shift()
        if (!file) return answer(options, 'chooseMessageFile', 'cancel', true)
        const ext = file.name.split('.').pop() ?? ''
        if (o.extension && !o.extension.includes(ext))
          return answer(options, 'chooseMessageFile', 'cancel', true)
        const path = device.newFile(file.bytes, ext)
        answer(options, 'chooseMessageFile', {
          tempFiles: [{ path, size: file.bytes.length, name: file.name, type: 'file', time: 0 }],
        })
      }),
      setClipboardData: gated('setClipboardData', (options) => {
        device.clipboard.push(String(options.data))
        answer(options, 'setClipboardData', {})
      }),
      scanCode(options: Callbacks) {
        const result = device.scans.shift()
        if (result === undefined) return answer(options, 'scanCode', 'cancel', true)
        answer(options, 'scanCode', { result, scanType: 'QR_CODE', charSet: 'utf-8' })
      },
      previewImage: (options: Callbacks) => answer(options, 'previewImage', {}),
      ...imageApis(device, answer),
      openDocument(options: Callbacks & { filePath: string }) {
        if (!device.files.has(options.filePath))
          return answer(options, 'openDocument', 'file not found', true)
        device.openedDocuments.push(options.filePath)
        answer(options, 'openDocument', {})
      },
      requestSubscribeMessage(options: Callbacks & { tmplIds?: unknown }) {
        const refuse = (errCode: number | null, reason: string) => {
          device.subscribeRefusals.push(reason)
          host.setTimeout(() => {
            const res = {
              errMsg: `requestSubscribeMessage:fail ${reason}`,
              ...(errCode === null ? {} : { errCode }),
            }
            options.fail?.(res)
            options.complete?.(res)
          }, 0)
        }
        // Since base library 2.8.2 the panel opens only from the user's tap, not after an await.
        if (!host.inTap()) return refuse(null, 'can only be invoked by user TAP gesture.')
        const ids = options.tmplIds
        if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || !id))
          return refuse(10001, "TmplIds can't be empty")
        if (ids.length > 3) return refuse(20003, 'Templates count out of max bounds')
        if (!device.subscribeSwitchOn) return refuse(20004, 'The main switch is switched off')
        device.subscribeRequests.push(ids as string[])
        answer(
          options,
          'requestSubscribeMessage',
          Object.fromEntries(
            (ids as string[]).map((id) => [id, device.subscribeAnswers.get(id) ?? device.subscribeAnswer]),
          ),
        )
      },

      // ── files ──
      saveFile(options: Callbacks & { tempFilePath: string }) {
        const bytes = device.files.get(options.tempFilePath)
        if (!bytes) return answer(options, 'saveFile', 'file not found', true)
        const ext = options.tempFilePath.split('.').pop() ?? 'bin'
        answer(options, 'saveFile', { savedFilePath: device.newFile(bytes, ext, true) })
      },
      removeSavedFile(options: Callbacks & { filePath: string }) {
        const existed = device.files.delete(options.filePath)
        answer(options, 'removeSavedFile', existed ? {} : 'file not exist', !existed)
      },
      getFileSystemManager: () => fileSystemManager(device, answer),

      // ── canvas and layout ──
      createSelectorQuery: () => selectorQuery(host),
      canvasToTempFilePath(options: Callbacks & { canvas?: FakeCanvas }) {
        if (!(options.canvas instanceof FakeCanvas))
          return answer(options, 'canvasToTempFilePath', 'canvas is empty', true)
        answer(options, 'canvasToTempFilePath', {
          tempFilePath: device.newFile(options.canvas.toPng(), 'png'),
        })
      },
      createOffscreenCanvas: () => new FakeCanvas(),
    })

    function navigation(
      kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch',
      options: Callbacks & { url: string },
    ) {
      // WeChat answers success once the new page is there
      const error = host.navigate(kind, options.url, () => answer(options, kind, {}))
      if (error) answer(options, kind, error, true)
    }

    return wx
  }
}
