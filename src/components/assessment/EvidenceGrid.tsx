import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { TEvidenceFile } from '@/models/file'
import { fileUrl } from '@/services/files'
import { openPdf, type EvidenceSource } from '@/services/evidence'
import { previewImages } from '@/services/platform/preview'
import './EvidenceGrid.scss'

export interface EvidenceGridProps {
  files: TEvidenceFile[]
  /** Shows the add tiles and the delete buttons. */
  editable?: boolean
  /** Files being uploaded now (drawn as placeholders). */
  uploading?: number
  /** Files kept in the outbox, sent when the network is back. */
  waiting?: number
  /** The user chose where the next file comes from (拍照/相册, or 文件（PDF）). */
  onAdd?: (source: EvidenceSource) => void
  onRemove?: (file: TEvidenceFile) => void
  /** The photo tile's label. */
  addLabel?: string
  /** Offers the 文件（PDF） tile besides the photo tile (evidence is 图片或 PDF). */
  acceptPdf?: boolean
}

const isImage = (f: TEvidenceFile) => f.mime.startsWith('image/')

/**
 * Evidence: images as thumbnails (tap to view large), PDFs as a file chip (tap to open), × to remove, and
 * the add tiles: 拍照/相册 and, where PDFs are accepted, 文件（PDF）.
 */
export function EvidenceGrid({
  files,
  editable = false,
  uploading = 0,
  waiting = 0,
  onAdd,
  onRemove,
  addLabel = '拍照/相册',
  acceptPdf = true,
}: EvidenceGridProps) {
  const images = files.filter(isImage).map((f) => fileUrl(f.url))
  const open = (f: TEvidenceFile) => {
    if (isImage(f)) previewImages(fileUrl(f.url), images)
    else
      openPdf(f.url).catch((err: unknown) =>
        Taro.showToast({
          title: err instanceof Error && err.message ? err.message : '无法打开该文件，请稍后重试',
          icon: 'none',
        }),
      )
  }
  return (
    <View className="evidence-grid">
      {files.map((f) => (
        <View key={f.id} className="evidence-grid__cell">
          {isImage(f) ? (
            <Image
              className="evidence-grid__image"
              src={fileUrl(f.url)}
              mode="aspectFill"
              lazyLoad
              onClick={() => open(f)}
            />
          ) : (
            <View className="evidence-grid__file" onClick={() => open(f)}>
              <Text className="evidence-grid__ext">PDF</Text>
              <Text className="evidence-grid__name">{f.filename}</Text>
            </View>
          )}
          {editable && onRemove ? (
            <View
              className="evidence-grid__remove"
              aria-label={`删除 ${f.filename}`}
              onClick={(e) => {
                e.stopPropagation()
                onRemove(f)
              }}
            >
              <Text>×</Text>
            </View>
          ) : null}
        </View>
      ))}
      {Array.from({ length: uploading }, (_, i) => (
        <View key={`up-${i}`} className="evidence-grid__cell evidence-grid__cell--uploading">
          <Text className="evidence-grid__progress">上传中…</Text>
        </View>
      ))}
      {Array.from({ length: waiting }, (_, i) => (
        <View key={`wait-${i}`} className="evidence-grid__cell evidence-grid__cell--waiting">
          <Text className="evidence-grid__progress">待上传</Text>
        </View>
      ))}
      {editable && onAdd ? (
        <View
          className="evidence-grid__cell evidence-grid__add evidence-grid__add--photo"
          onClick={() => onAdd('photo')}
        >
          <Text className="evidence-grid__plus">+</Text>
          <Text className="evidence-grid__add-label">{addLabel}</Text>
        </View>
      ) : null}
      {editable && onAdd && acceptPdf ? (
        <View
          className="evidence-grid__cell evidence-grid__add evidence-grid__add--pdf"
          onClick={() => onAdd('pdf')}
        >
          <Text className="evidence-grid__plus">+</Text>
          <Text className="evidence-grid__add-label">文件（PDF）</Text>
        </View>
      ) : null}
    </View>
  )
}
