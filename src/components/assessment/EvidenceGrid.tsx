import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { TEvidenceFile } from '@/models/file'
import { fileUrl } from '@/services/files'
import './EvidenceGrid.scss'

export interface EvidenceGridProps {
  files: TEvidenceFile[]
  /** Shows the add tile and the delete buttons. */
  editable?: boolean
  /** Photos being uploaded now (drawn as placeholders). */
  uploading?: number
  /** Photos kept in the outbox, sent when the network is back. */
  waiting?: number
  onAdd?: () => void
  onRemove?: (file: TEvidenceFile) => void
  /** The add tile's label. */
  addLabel?: string
}

const isImage = (f: TEvidenceFile) => f.mime.startsWith('image/')

/** Evidence thumbnails: tap to view large, × to remove, + to add photos. */
export function EvidenceGrid({
  files,
  editable = false,
  uploading = 0,
  waiting = 0,
  onAdd,
  onRemove,
  addLabel = '拍照/上传',
}: EvidenceGridProps) {
  const images = files.filter(isImage).map((f) => fileUrl(f.url))
  const open = (f: TEvidenceFile) => {
    if (isImage(f)) void Taro.previewImage({ current: fileUrl(f.url), urls: images })
    else void Taro.showToast({ title: `${f.filename}（PDF 请在电脑端查看）`, icon: 'none' })
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
        <View className="evidence-grid__cell evidence-grid__add" onClick={onAdd}>
          <Text className="evidence-grid__plus">+</Text>
          <Text className="evidence-grid__add-label">{addLabel}</Text>
        </View>
      ) : null}
    </View>
  )
}
