import type { PickedFile, PlatformDocument } from './types'

/** The MIME types a file input offers for these extensions besides the extensions themselves. */
const MIME_OF: Record<string, string> = { pdf: 'application/pdf' }

/** H5: a hidden file input; the file goes on as a blob: URL, which Taro.uploadFile reads back. */
export const platformDocument: PlatformDocument = {
  pick(extensions) {
    return new Promise<PickedFile | null>((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = extensions.flatMap((e) => (MIME_OF[e] ? [`.${e}`, MIME_OF[e]] : [`.${e}`])).join(',')
      input.style.display = 'none'
      const done = (file: File | null) => {
        input.remove()
        resolve(file ? { path: URL.createObjectURL(file), size: file.size, name: file.name } : null)
      }
      input.addEventListener('change', () => done(input.files?.[0] ?? null))
      input.addEventListener('cancel', () => done(null))
      document.body.appendChild(input)
      input.click()
    })
  },
  async openPdf(url) {
    // The link is signed (no token needed): the browser's own PDF viewer, in a new tab.
    const tab = window.open(url, '_blank')
    if (!tab) throw new Error('浏览器拦截了新窗口，请允许本站弹出窗口后重试')
    tab.opener = null
  },
}
