import Taro from '@tarojs/taro'
import { platformDownload } from './platform/download'
import type { DownloadProgress } from './platform/types'
import { exportProgressTitle } from './exportProgress'
import { apiBase } from './platform/env'
import { apiErrorFromResponse, buildUrl, toApiError } from './request'
import { getToken } from './session'

/**
 * Opens a file the API generates (an .xlsx 台账 or 签到表, a .docx 会议记录) with the bearer token: a
 * browser download on H5, wx.openDocument in the mini-program; every export button goes through here.
 * Failures become the request layer's ApiError. A large export takes seconds to build on the server (the
 * 工作台账 of 20,000 enterprises): the loading toast counts the seconds of 正在生成, then the download's %.
 */
export async function openApiFile(
  path: string,
  fileName: string,
  fileType: 'xlsx' | 'docx' = 'xlsx',
): Promise<void> {
  const token = getToken()
  const started = Date.now()
  let progress: DownloadProgress | null = null
  let shown = ''
  const show = () => {
    const title = exportProgressTitle(Math.floor((Date.now() - started) / 1000), progress)
    // Only when the words change: each call redraws the toast.
    if (title !== shown) void Taro.showLoading({ title: (shown = title), mask: true })
  }
  show()
  const ticking = setInterval(show, 1000)
  const res = await platformDownload
    .open({
      url: buildUrl(apiBase, path),
      header: token ? { Authorization: `Bearer ${token}` } : {},
      fileName,
      fileType,
      onProgress(p) {
        progress = p
        show()
      },
    })
    .catch((err: unknown) => {
      throw toApiError(err)
    })
    .finally(() => {
      clearInterval(ticking)
      void Taro.hideLoading()
    })
  if (res.status !== 200) throw apiErrorFromResponse(res.status, res.data ?? null)
}

/**
 * An export button's tap: opens the file, and a failure (no network, the server's refusal) is said in a
 * toast long enough to read, the page staying as it was.
 */
export async function exportOrToast(open: () => Promise<unknown>): Promise<void> {
  try {
    await open()
  } catch (err) {
    void Taro.showToast({
      title: err instanceof Error ? err.message : '导出失败',
      icon: 'none',
      duration: 2500,
    })
  }
}
