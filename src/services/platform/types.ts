import type { TLoginResponse } from '@/models/auth'

/** How the stored session was obtained; decides how it can be renewed without the user. */
export type LoginMethod = 'wechat' | 'demo'

export interface SessionIdentity {
  method: LoginMethod
  /** Demo logins remember which demo user was picked. */
  openid?: string
}

/**
 * The platform's way in. H5 (login.ts): the demo-user picker; mini-program (login.weapp.ts): wx.login.
 * Both files export `platformLogin` of this type, so callers type-check against either.
 */
export interface PlatformLogin {
  /** What the login page offers. */
  readonly kind: 'wechat' | 'demo' | 'unavailable'
  /**
   * Logs in again without asking the user (after a 401 or an expired token), or returns null when
   * that is impossible here. Network failures reject with the request layer's ApiError.
   */
  silentLogin(previous: SessionIdentity): Promise<TLoginResponse | null>
}

/** WeChat's privacy guide (since 2023-09): privacy APIs fail until the user has agreed. */
export interface PlatformPrivacy {
  /** False where there is nothing to agree to (H5), or once the user has agreed. */
  needsAuthorization(): Promise<boolean>
  /** Opens the privacy guide filed with WeChat (no-op on H5). */
  openContract(): Promise<void>
  /**
   * Registers the consent UI for privacy APIs called before consent (wx.onNeedPrivacyAuthorization).
   * The callback shows the UI; it returns the unregister function.
   */
  onRequest(show: () => void): () => void
  /** The user tapped the agree button (open-type agreePrivacyAuthorization) with this id. */
  agreed(buttonId: string): void
  /** The user declined. */
  declined(): void
}

/** A photo the user picked, as the platform hands it over (a temp path, or a blob: URL on H5). */
export interface PickedFile {
  path: string
  size: number
  /** The original file name where the platform knows it (H5). */
  name?: string
}

export interface UploadRequest {
  url: string
  filePath: string
  /** Multipart field name. */
  name: string
  fileName?: string
  header: Record<string, string>
  timeoutMs: number
}

/**
 * Photos and uploads. H5 (media.ts): a file input and XHR multipart; mini-program (media.weapp.ts):
 * wx.chooseMedia (a privacy API: it waits for the user's consent) and wx.uploadFile.
 */
export interface PlatformMedia {
  /** Up to `count` photos from the camera or the album; [] when the user cancels. */
  chooseImages(count: number): Promise<PickedFile[]>
  /** Resolves with any HTTP status; rejects (request layer's ApiError, status 0) when nothing came back. */
  uploadFile(req: UploadRequest): Promise<{ status: number; data: unknown }>
  /**
   * A picked file made to outlive the app (so a queued upload survives a restart): the mini-program
   * saves it among the user's files; H5 cannot, its blob: URL lives as long as the page.
   */
  keep(file: PickedFile): Promise<PickedFile>
  /** Removes a kept file once it has been delivered. */
  release(path: string): Promise<void>
}

/**
 * Photos made smaller before upload. H5 (photo.ts): a canvas re-encode to JPEG; mini-program
 * (photo.weapp.ts): wx.compressImage.
 */
export interface PlatformPhoto {
  /**
   * A photo over imageCompression's threshold re-encoded smaller on the device (about 1–2 MB; the
   * longest side at most MAX_EDGE_PX); smaller ones, and any the platform cannot decode, as they are.
   */
  compress(file: PickedFile): Promise<PickedFile>
}

/** QR scanning. Mini-program (scan.weapp.ts): wx.scanCode from the camera; H5 (scan.ts): none, paste instead. */
export interface PlatformScan {
  /** False where there is no scanner: the page offers a text field for the code. */
  readonly canScan: boolean
  /** The scanned text; null when the user cancels. */
  scan(): Promise<string | null>
}

/** The device's position for events with a place (WGS84). */
export interface PlatformLocation {
  /** Null when the user refuses (privacy guide or permission) or the position is unavailable. */
  locate(): Promise<{ lat: number; lng: number; accuracy?: number } | null>
}

export interface DownloadRequest {
  url: string
  header: Record<string, string>
  fileName: string
  fileType: 'xlsx' | 'docx'
  /** The answer has begun (received 0) and each part of it after; total null when the size is not known. */
  onProgress?: (progress: DownloadProgress) => void
}

export interface DownloadProgress {
  received: number
  total: number | null
}

/** A file from the API for the user: a browser download on H5, wx.openDocument in the mini-program. */
export interface PlatformDownload {
  /** Resolves with the HTTP status (and the error body where the platform gives it); rejects when nothing came back. */
  open(req: DownloadRequest): Promise<{ status: number; data?: string }>
}

/** What the user chose for one subscribe-message template. */
export type SubscribeChoice = 'accept' | 'reject' | 'ban' | 'filter'

/**
 * Subscribe messages (订阅消息). Mini-program (subscribe.weapp.ts): wx.requestSubscribeMessage, which
 * only works from a tap; H5 (subscribe.ts): none, 'unsupported'.
 */
export interface PlatformSubscribe {
  /** Whether the platform has subscribe messages at all (the mini-program does, H5 does not). */
  supported: boolean
  request(
    templateIds: string[],
  ): Promise<
    { kind: 'unsupported' } | { kind: 'answered'; results: { templateId: string; result: SubscribeChoice }[] }
  >
}

export interface CertificateExportRequest {
  /** The certificate as SVG from the API (it needs the bearer token). */
  svgUrl: string
  header: Record<string, string>
  /** Without extension: the adapter adds the one of the file it makes. */
  baseName: string
  /** The public verify page of the pledge, for platforms that cannot make the image. */
  verifyUrl: string
}

/** 导出证书图片: a PNG download on H5; in the mini-program the verify link is copied instead. */
export interface PlatformCertificate {
  /** Whether a share card to another user exists (the mini-program's 转发). */
  readonly canShareCard: boolean
  export(req: CertificateExportRequest): Promise<{ status: number; result: 'downloaded' | 'link-copied' }>
}

/**
 * A document file the user picks to upload (the enterprise import's .xlsx, a PDF as evidence), and a
 * stored PDF opened for reading. Mini-program (document.weapp.ts): wx.chooseMessageFile, from a chat (a
 * privacy API), and wx.openDocument; H5 (document.ts): a file input, and a new browser tab.
 */
export interface PlatformDocument {
  /** The picked file; null when the user cancels. */
  pick(extensions: string[]): Promise<PickedFile | null>
  /** Opens a stored PDF from its (signed) link; rejects when it cannot be fetched or shown. */
  openPdf(url: string): Promise<void>
}

/**
 * Asking before the user leaves a page with unsaved typed text. Mini-program (leave.weapp.ts):
 * wx.enableAlertBeforeUnload, which WeChat shows on the navigation bar's back and Android's back key (not
 * on a swipe back, nor on the app's own navigateBack); H5 (leave.ts): the browser's beforeunload and the
 * back / home buttons of the title bar.
 */
export interface PlatformLeaveGuard {
  /** From now on, going back from the current page asks `message` first. */
  enable(message: string): void
  /** Going back no longer asks. */
  disable(): void
}
