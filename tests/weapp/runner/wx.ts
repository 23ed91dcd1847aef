/**
 * A fake `wx`: every name WeChat has (from miniprogram-api-typings), the ones the app uses modelled
 * on WeChat's documented behaviour, the rest answering `fail` and recorded as unmodelled (a test fails
 * on them, so nothing the app calls goes unnoticed):
 * - storage: 1 MB per key, 10 MB in all, sync and async;
 * - request / uploadFile / downloadFile: real HTTP to the test server (every HTTP status in `success`);
 * - login: a code the local fake code2Session understands (`ok:<openid>`);
 * - the privacy gate: privacy APIs wait for onNeedPrivacyAuthorization's resolve with the id of an
 *   agree button that was really tapped; getLocation also needs app.json's requiredPrivateInfos;
 * - toasts, modals, loading, clipboard, scans, chosen photos, subscribe requests: recorded or scripted.
 */
import http from 'node:http'
import crypto from 'node:crypto'
import { PNG } from 'pngjs'
import { wxApiNames } from './apiNames'

type Callbacks = {
  success?: (res: unknown) => void
  fail?: (res: unknown) => void
  complete?: (res: unknown) => void
  [key: string]: unknown
}

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
  appJson: { requiredPrivateInfos?: string[] }
  failure(message: string): void
  /** agree-button ids tapped since the last privacy request */
  tappedAgreeButtons: Set<string>
  /** a canvas node by element id, for createSelectorQuery().fields({ node: true }) */
  canvasNode(id: string): FakeCanvas | null
  track<T>(promise: Promise<T>): Promise<T>
  setTimeout(fn: () => void, ms: number): unknown
}

const STORAGE_KEY_LIMIT = 1024 * 1024
const STORAGE_TOTAL_LIMIT = 10 * 1024 * 1024

/** A 2D canvas that records the strokes drawn on it and can be exported as a PNG. */
export class FakeCanvas {
  width = 300
  height = 150
  readonly strokes: { x: number; y: number }[][] = []
  private current: { x: number; y: number }[] | null = null
  getContext(): object {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the context's methods are called with the context as this
    const canvas = this
    return {
      lineWidth: 1,
      strokeStyle: '#000',
      lineCap: 'butt',
      lineJoin: 'miter',
      clearRect() {
        canvas.strokes.length = 0
      },
      beginPath() {
        canvas.current = []
        canvas.strokes.push(canvas.current)
      },
      closePath() {},
      moveTo(x: number, y: number) {
        canvas.current = [{ x, y }]
        canvas.strokes.push(canvas.current)
      },
      lineTo(x: number, y: number) {
        if (!canvas.current) canvas.strokes.push((canvas.current = []))
        canvas.current.push({ x, y })
      },
      stroke() {},
      fill() {},
      save() {},
      restore() {},
      scale() {},
      fillRect() {},
      arc() {},
      drawImage() {},
      fillText() {},
    }
  }
  createImage(): object {
    return {}
  }
  toPng(): Buffer {
    const png = new PNG({
      width: Math.max(1, Math.round(this.width)),
      height: Math.max(1, Math.round(this.height)),
    })
    png.data.fill(255)
    for (const stroke of this.strokes)
      for (let k = 1; k < stroke.length; k++) {
        const a = stroke[k - 1]
        const b = stroke[k]
        const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y)))
        for (let s = 0; s <= steps; s++) {
          const x = Math.round(a.x + ((b.x - a.x) * s) / steps)
          const y = Math.round(a.y + ((b.y - a.y) * s) / steps)
          if (x < 0 || y < 0 || x >= png.width || y >= png.height) continue
          const i = (y * png.width + x) * 4
          png.data[i] = png.data[i + 1] = png.data[i + 2] = 0
        }
      }
    return PNG.sync.write(png)
  }
}

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
  readonly openedDocuments: string[] = []
  /** results for the next scanCode calls */
  readonly scans: string[] = []
  /** files picked by the next chooseMedia / chooseImage calls (PNG bytes) */
  readonly photos: Buffer[] = []
  location = { latitude: 30.0, longitude: 120.0, accuracy: 20 }
  subscribeAnswer: 'accept' | 'reject' = 'accept'
  readonly subscribeRequests: string[][] = []
  loading: string | null = null
  online = true
  /** every HTTP exchange: method, path and status */
  readonly exchanges: { method: string; path: string; status: number; authorised: boolean }[] = []
  private privacyListener: ((resolve: (o: { event: string; buttonId?: string }) => void) => void) | null =
    null
  private fileCounter = 0

  constructor(
    openid: string,
    private readonly serverOrigin: string,
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
    const answer = (options: Callbacks | undefined, name: string, result: unknown, failed = false) => {
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
      setNavigationBarColor: (options: Callbacks) => answer(options, 'setNavigationBarColor', {}),
      showNavigationBarLoading: () => undefined,
      hideNavigationBarLoading: () => undefined,
      stopPullDownRefresh: (options?: Callbacks) => answer(options, 'stopPullDownRefresh', {}),
      startPullDownRefresh: (options?: Callbacks) => answer(options, 'startPullDownRefresh', {}),
      pageScrollTo: (options: Callbacks) => answer(options, 'pageScrollTo', {}),
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
        return httpCall(options, 'request')
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
            : 'application/octet-stream'
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${options.name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
          ),
          file,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        )
        return httpCall(
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
        return httpCall({ ...options, method: 'GET' }, 'downloadFile')
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
      openDocument(options: Callbacks & { filePath: string }) {
        if (!device.files.has(options.filePath))
          return answer(options, 'openDocument', 'file not found', true)
        device.openedDocuments.push(options.filePath)
        answer(options, 'openDocument', {})
      },
      requestSubscribeMessage(options: Callbacks & { tmplIds: string[] }) {
        device.subscribeRequests.push(options.tmplIds)
        answer(
          options,
          'requestSubscribeMessage',
          Object.fromEntries(options.tmplIds.map((id) => [id, device.subscribeAnswer])),
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
      getFileSystemManager: () => fileSystemManager(),

      // ── canvas and layout ──
      createSelectorQuery: () => selectorQuery(),
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

    function httpCall(
      options: Callbacks & { url: string; method?: string; data?: unknown; header?: Record<string, string> },
      name: 'request' | 'uploadFile' | 'downloadFile',
    ) {
      let aborted = false
      let request: http.ClientRequest | null = null
      const task = {
        abort() {
          aborted = true
          request?.destroy()
        },
        onHeadersReceived() {},
        offHeadersReceived() {},
        onProgressUpdate() {},
        offProgressUpdate() {},
        onChunkReceived() {},
        offChunkReceived() {},
      }
      if (!device.online) {
        answer(options, name, 'network error (offline)', true)
        return task
      }
      const target = new URL(options.url, device.serverOrigin)
      const origin = new URL(device.serverOrigin)
      target.protocol = origin.protocol
      target.host = origin.host
      const method = (options.method ?? 'GET').toUpperCase()
      let body: Buffer | undefined
      const headers: Record<string, string> = { ...(options.header ?? {}) }
      if (Buffer.isBuffer(options.data)) body = options.data
      else if (options.data !== undefined && options.data !== null) {
        if (method === 'GET') {
          for (const [k, v] of Object.entries(options.data as object)) target.searchParams.set(k, String(v))
        } else if (typeof options.data === 'string') body = Buffer.from(options.data)
        else {
          body = Buffer.from(JSON.stringify(options.data))
          if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
            headers['content-type'] = 'application/json'
        }
      }
      const done = new Promise<void>((resolve) => {
        request = http.request(target, { method, headers }, (response) => {
          const chunks: Buffer[] = []
          response.on('data', (c: Buffer) => chunks.push(c))
          response.on('end', () => {
            const raw = Buffer.concat(chunks)
            const header = response.headers as Record<string, string>
            device.exchanges.push({
              method,
              path: target.pathname,
              status: response.statusCode ?? 0,
              authorised: Object.keys(headers).some((h) => h.toLowerCase() === 'authorization'),
            })
            let result: object
            if (name === 'downloadFile') {
              const type = String(header['content-type'] ?? '')
              const ext = type.includes('spreadsheet')
                ? 'xlsx'
                : type.includes('wordprocessing')
                  ? 'docx'
                  : type.includes('png')
                    ? 'png'
                    : 'bin'
              result = { tempFilePath: device.newFile(raw, ext), statusCode: response.statusCode }
            } else {
              let data: unknown = raw.toString('utf8')
              const wantsJson =
                name === 'request' &&
                (options.dataType ?? 'json') === 'json' &&
                options.responseType !== 'arraybuffer'
              if (options.responseType === 'arraybuffer')
                data = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)
              else if (wantsJson) {
                try {
                  data = JSON.parse(data as string)
                } catch {
                  /* WeChat hands over the text when it is not JSON */
                }
              }
              result = { data, statusCode: response.statusCode, header }
            }
            if (!aborted) answer(options, name, result)
            resolve()
          })
        })
        request.on('error', (error) => {
          answer(options, name, aborted ? 'abort' : error.message, true)
          resolve()
        })
        request.end(body)
      })
      void host.track(done)
      return task
    }

    function fileSystemManager() {
      const fsCall =
        (name: string, run: (options: Callbacks & { filePath: string }) => unknown) =>
        (options: Callbacks & { filePath: string }) => {
          try {
            answer(options, name, run(options) ?? {})
          } catch (error) {
            answer(options, name, (error as Error).message, true)
          }
        }
      const read = (filePath: string, encoding?: string) => {
        const bytes = device.files.get(filePath)
        if (!bytes) throw new Error(`no such file or directory ${filePath}`)
        return encoding
          ? bytes.toString(encoding as BufferEncoding)
          : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
      }
      const size = (filePath: string) => {
        const bytes = device.files.get(filePath)
        if (!bytes) throw new Error(`no such file or directory ${filePath}`)
        return bytes.length
      }
      return {
        readFile: fsCall('readFile', (o) => ({ data: read(o.filePath, o.encoding as string | undefined) })),
        readFileSync: (filePath: string, encoding?: string) => read(filePath, encoding),
        writeFile: fsCall('writeFile', (o) => {
          const data = o.data as string | ArrayBuffer
          device.files.set(
            o.filePath,
            typeof data === 'string'
              ? Buffer.from(data, (o.encoding as BufferEncoding) ?? 'utf8')
              : Buffer.from(data),
          )
        }),
        writeFileSync(filePath: string, data: string | ArrayBuffer, encoding?: BufferEncoding) {
          device.files.set(
            filePath,
            typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : Buffer.from(data),
          )
        },
        access: fsCall('access', (o) => {
          if (!device.files.has(o.filePath ?? (o.path as string)))
            throw new Error('no such file or directory')
        }),
        accessSync(p: string) {
          if (!device.files.has(p)) throw new Error(`accessSync:fail no such file or directory ${p}`)
        },
        unlink: fsCall('unlink', (o) => {
          if (!device.files.delete(o.filePath)) throw new Error('no such file or directory')
        }),
        unlinkSync(p: string) {
          device.files.delete(p)
        },
        getFileInfo: fsCall('getFileInfo', (o) => ({ size: size(o.filePath) })),
        stat: fsCall('stat', (o) => ({
          stats: { size: size(o.filePath ?? (o.path as string)), isFile: () => true },
        })),
        saveFile: fsCall('saveFile', (o) => {
          const bytes = device.files.get(o.tempFilePath as string)
          if (!bytes) throw new Error('no such file')
          return {
            savedFilePath: device.newFile(bytes, String(o.tempFilePath).split('.').pop() ?? 'bin', true),
          }
        }),
        removeSavedFile: fsCall('removeSavedFile', (o) => {
          device.files.delete(o.filePath)
        }),
        getSavedFileList: (o: Callbacks) =>
          answer(o, 'getSavedFileList', {
            fileList: [...device.files.keys()]
              .filter((k) => k.startsWith('wxfile://'))
              .map((filePath) => ({ filePath })),
          }),
      }
    }

    function selectorQuery() {
      const requests: { selector: string; fields: Record<string, boolean>; cb?: (r: unknown) => void }[] = []
      const query = {
        in: () => query,
        select(selector: string) {
          return nodesRef(selector)
        },
        selectAll(selector: string) {
          return nodesRef(selector)
        },
        selectViewport() {
          return nodesRef('viewport')
        },
        exec(cb?: (res: unknown[]) => void) {
          host.setTimeout(() => {
            const results = requests.map((r) => {
              const result = resolve(r.selector, r.fields)
              r.cb?.(result)
              return result
            })
            cb?.(results)
          }, 0)
          return query
        },
      }
      function resolve(selector: string, fields: Record<string, boolean>) {
        const rect = {
          id: selector.replace(/^#/, ''),
          dataset: {},
          left: 0,
          right: 375,
          top: 0,
          bottom: 100,
          width: 375,
          height: 100,
        }
        if (fields.node) {
          const node = host.canvasNode(selector.replace(/^#/, ''))
          return { ...rect, node, width: node?.width ?? 300, height: node?.height ?? 150 }
        }
        return { ...rect, scrollTop: 0, scrollLeft: 0, scrollHeight: 100, scrollWidth: 375 }
      }
      function nodesRef(selector: string) {
        const ref = {
          boundingClientRect(cb?: (r: unknown) => void) {
            requests.push({ selector, fields: { rect: true, size: true }, cb })
            return query
          },
          fields(fields: Record<string, boolean>, cb?: (r: unknown) => void) {
            requests.push({ selector, fields, cb })
            return query
          },
          scrollOffset(cb?: (r: unknown) => void) {
            requests.push({ selector, fields: { scrollOffset: true }, cb })
            return query
          },
          node(cb?: (r: unknown) => void) {
            requests.push({ selector, fields: { node: true }, cb })
            return query
          },
          context(cb?: (r: unknown) => void) {
            requests.push({ selector, fields: { context: true }, cb })
            return query
          },
        }
        return ref
      }
      return query
    }

    return wx
  }
}

function systemInfo() {
  return {
    brand: 'runner',
    model: 'headless',
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 700,
    statusBarHeight: 44,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 16.0',
    platform: 'ios',
    SDKVersion: '3.0.0',
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
    theme: 'light',
    enableDebug: false,
  }
}
