import type { PickedFile, PlatformDocument } from './types'

/** H5: a hidden file input; the file goes on as a blob: URL, which Taro.uploadFile reads back. */
export const platformDocument: PlatformDocument = {
  pick(extensions) {
    return new Promise<PickedFile | null>((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = extensions.map((e) => `.${e}`).join(',')
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
}
