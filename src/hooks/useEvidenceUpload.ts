import { useState } from 'react'
import Taro from '@tarojs/taro'
import { chooseEvidence, type EvidenceSource } from '@/services/evidence'
import type { PickedFile } from '@/services/platform/types'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

/**
 * An evidence grid's 添加: picks up to `room` files from `source` and stores them one after another with
 * `store`, counting those still uploading (the grid's placeholders). A pick that fails or a file that is
 * not stored says why in a toast; the other files go on.
 */
export function useEvidenceUpload() {
  const [uploading, setUploading] = useState(0)
  const add = async (source: EvidenceSource, room: number, store: (file: PickedFile) => Promise<unknown>) => {
    let picked: PickedFile[]
    try {
      picked = await chooseEvidence(source, room)
    } catch (err) {
      toast(err instanceof Error && err.message ? err.message : '无法选择文件')
      return
    }
    for (const file of picked) {
      setUploading((n) => n + 1)
      try {
        await store(file)
      } catch (err) {
        toast(`上传失败：${err instanceof Error ? err.message : '请稍后重试'}`)
      } finally {
        setUploading((n) => Math.max(0, n - 1))
      }
    }
  }
  return { uploading, add }
}
