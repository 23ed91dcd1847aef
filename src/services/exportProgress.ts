import type { DownloadProgress } from './platform/types'

/** What the export's loading toast says: the seconds the server has been generating, then what has arrived. */
export function exportProgressTitle(seconds: number, progress: DownloadProgress | null): string {
  if (!progress) return seconds < 1 ? '正在生成文件…' : `正在生成文件… ${seconds} 秒`
  if (progress.total)
    return `正在下载 ${Math.min(100, Math.floor((progress.received / progress.total) * 100))}%`
  return progress.received ? `正在下载 ${Math.ceil(progress.received / 1024)} KB` : '正在下载…'
}
