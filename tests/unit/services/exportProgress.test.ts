import { exportProgressTitle } from '../../../src/services/exportProgress'

describe('exportProgressTitle: what an export’s loading toast says', () => {
  it('counts the seconds of 正在生成 until the answer begins, then the download', () => {
    expect(exportProgressTitle(0, null)).toBe('正在生成文件…')
    expect(exportProgressTitle(7, null)).toBe('正在生成文件… 7 秒')
    expect(exportProgressTitle(9, { received: 0, total: null })).toBe('正在下载…')
    expect(exportProgressTitle(9, { received: 512 * 1024, total: 2 * 1024 * 1024 })).toBe('正在下载 25%')
    expect(exportProgressTitle(9, { received: 3000, total: null })).toBe('正在下载 3 KB')
    expect(exportProgressTitle(9, { received: 10, total: 10 })).toBe('正在下载 100%')
  })
})
