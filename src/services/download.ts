import { platformDownload } from './platform/download'
import { apiBase } from './platform/env'
import { apiErrorFromResponse, buildUrl, toApiError } from './request'
import { getToken } from './session'

/**
 * Opens a file the API generates (an .xlsx 台账 or 签到表) with the bearer token: a browser download
 * on H5, wx.openDocument in the mini-program. Failures become the request layer's ApiError.
 */
export async function openApiFile(
  path: string,
  fileName: string,
  fileType: 'xlsx' | 'docx' = 'xlsx',
): Promise<void> {
  const token = getToken()
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
  if (res.status !== 200) throw apiErrorFromResponse(res.status, null)
}
