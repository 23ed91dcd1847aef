import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { fetchAttendance, fetchEventQr } from '@/services/events'
import { InvalidLink } from '@/components/PageState'
import { idParam } from '@/services/routes'
import { QrImage } from '@/components/events/QrImage'
import { signInLinkUrl } from '@/models/signInLink'
import { webOrigin } from '@/services/platform/env'
import { useRotatingQr } from '@/hooks/useRotatingQr'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/events.scss'
import './index.scss'

/** The organiser shows the rotating code on the phone: refreshed every 5 s and as soon as it expires. */
export const QR_POLL_MS = 5000

export default function EventQrPage() {
  const session = useRequireSession()
  const eventId = idParam(useRouter().params.eventId)
  const key = session && eventId ? `qr:${eventId}` : null
  const { qr, secondsLeft, error } = useRotatingQr(key, () => fetchEventQr(eventId ?? 0), QR_POLL_MS)
  // The counts only (签到 / 应到): a page of one person.
  const attendance = useRemote(key, () => fetchAttendance(eventId ?? 0, 1, 1))
  const { reload } = attendance

  // The count follows the code's refresh.
  useEffect(() => {
    if (qr) reload().catch(() => undefined)
  }, [qr, reload])

  useEffect(() => {
    if (attendance.state.status === 'ready')
      void Taro.setNavigationBarTitle({ title: attendance.state.data.title })
  }, [attendance.state])

  if (!session) return <View className="page" />
  if (!eventId) {
    return <InvalidLink message="链接无效：缺少活动编号" framed />
  }
  const count = attendance.state.status === 'ready' ? attendance.state.data.count : null
  const expected = attendance.state.status === 'ready' ? attendance.state.data.expected : null
  return (
    <View className="page event-qr">
      <Text className="event-qr__hint">请参加人员打开「清廉企业」小程序扫码签到</Text>
      <View className="event-qr__box">
        {qr ? (
          <QrImage className="event-qr__code" text={signInLinkUrl(webOrigin(), qr.payload)} />
        ) : (
          <Text className="event-qr__loading">正在获取签到码…</Text>
        )}
      </View>
      <Text className="event-qr__countdown">
        {qr ? `${secondsLeft} 秒后更换` : ''}
        {error ? `（${error}）` : ''}
      </Text>
      <View className="event-qr__stat">
        <Text className="event-qr__label">已签到</Text>
        <Text className="ev-count event-qr__count">{count ?? '—'}</Text>
        <Text className="event-qr__label">{expected !== null ? `/ 应到 ${expected} 人` : '人'}</Text>
      </View>
    </View>
  )
}
