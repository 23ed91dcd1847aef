import { useMemo } from 'react'
import { Image, View } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import './QrImage.scss'

/** A QR code as a GIF data URL: an <image> in the mini-program, an <img> on H5; no canvas needed. */
export function qrDataUrl(text: string, cellSize = 8): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(cellSize, 4)
}

export function QrImage({ text, className }: { text: string; className?: string }) {
  const src = useMemo(() => qrDataUrl(text), [text])
  return (
    <View className={`qr-image ${className ?? ''}`}>
      <Image className="qr-image__img" src={src} mode="aspectFit" aria-label="签到二维码" />
    </View>
  )
}
