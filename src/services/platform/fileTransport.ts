// Apart from upload.ts (whose evidence schema needs zod): the session wires it in the main package.
import type { FileTransport } from '../request'
import { platformMedia } from './media'

/** The request layer's multipart sender: the platform's uploadFile (wx.uploadFile, Taro's XHR on H5). */
export const platformFileTransport: FileTransport = (req) =>
  platformMedia.uploadFile({
    url: req.url,
    filePath: req.file.filePath,
    name: 'file',
    ...(req.file.fileName ? { fileName: req.file.fileName } : {}),
    header: req.headers,
    timeoutMs: req.timeoutMs,
  })
