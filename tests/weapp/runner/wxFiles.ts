/** wx.getFileSystemManager() over the device's files (temporary and saved). */
import type { Answer, Callbacks, Device } from './wx'

export function fileSystemManager(device: Device, answer: Answer) {
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
      if (!device.files.has(o.filePath ?? (o.path as string))) throw new Error('no such file or directory')
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
