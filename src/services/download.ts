import Taro from '@tarojs/taro'
import { platformDownload } from './platform/download'
import { apiBase } from './platform/env'
import { apiErrorFromResponse, buildUrl, toApiError } from './request'
import { getToken } from './session'

/**
 * Opens a file the API generates (an .xlsx 台账 or 签到表) with the bearer token: a browser download
 * on H5, wx.openDocument in the mini-program. Failures become the request layer's ApiError. A large
 * export takes seconds to build on the server (the 工作台账 of 20,000 enterprises): a loading toast says
 * it is being prepared until the file arrives.
 */
export async function openApiFile(
  path: string,
  fileName: string,
  fileType: 'xlsx' | 'docx' = 'xlsx',
): Promise<void> {
  const token = getToken()
  void Taro.showLoading({ title: '正在生成文件…', mask: true })
  const res = await platformDownload
    .open({
      url: buildUrl(apiBase, path),
      header: token ? { Authorization: `Bearer ${token}` } : {},
      fileName,
      fileType,
    })
    .catch((err: unknown) => {
      throw toApiError(err)
    })
    .finally(() => void Taro.hideLoading())
  if (res.status !== 200) throw apiErrorFromResponse(res.status, res.data ?? null)
}
