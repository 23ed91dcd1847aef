import { useMemo } from 'react'
import { View } from '@tarojs/components'
import { qrDataUrl } from '@/components/events/QrImage'

/** A QR code drawn as the background of a square box (a data URL: no canvas, same on H5 and weapp). */
export function PledgeQr({ text, label }: { text: string; label: string }) {
  const src = useMemo(() => qrDataUrl(text, 6), [text])
  return <View className="pl-qr" aria-label={label} style={{ backgroundImage: `url(${src})` }} />
}
