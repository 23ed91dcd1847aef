import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EVENT_KIND_LABELS } from '@/models/event'
import { fetchDisplayQr } from '@/services/events'
import { formatDateTime } from '@/models/format'
import { QrImage } from '@/components/events/QrImage'
import { signInLinkUrl } from '@/models/signInLink'
import { webOrigin } from '@/services/platform/env'
import { useRotatingQr } from '@/hooks/useRotatingQr'
import './index.scss'

/** The projector polls every 3 s (the code itself changes every 15 s). */
export const SCREEN_POLL_MS = 3000

/**
 * 签到大屏 (H5, for a projector): no login, the display token in the link is the permission. Shows the
 * title, a large rotating QR, the countdown and the live count, legible from the back of a room.
 */
export default function EventScreenPage() {
  const token = useRouter().params.token ?? ''
  const valid = /^[A-Za-z0-9_-]{32}$/.test(token)
  const { qr, secondsLeft, error } = useRotatingQr(
    valid ? `screen:${token}` : null,
    () => fetchDisplayQr(token),
    SCREEN_POLL_MS,
  )

  if (!valid || (!qr && error)) {
    return (
      <View className="screen screen--message">
        <Text className="screen__message">{valid ? error : '大屏链接无效'}</Text>
        <Text className="screen__sub">请组织者在「清廉企业」小程序的活动详情中重新生成大屏链接</Text>
      </View>
    )
  }
  if (!qr) {
    return (
      <View className="screen screen--message">
        <Text className="screen__message">正在加载签到码…</Text>
      </View>
    )
  }
  const cancelled = qr.event.cancelledAt !== null || qr.payload === null
  const open = qr.event.phase === 'open' && !cancelled
  return (
    <View className="screen">
      <View className="screen__head">
        <Text className="screen__kind">{EVENT_KIND_LABELS[qr.event.kind]}</Text>
        <Text className="screen__title">{qr.event.title}</Text>
        <Text className="screen__sub">
          签到时间 {formatDateTime(qr.event.signInOpensAt)} – {formatDateTime(qr.event.signInClosesAt)}
        </Text>
      </View>
      <View className="screen__body">
        <View className="screen__qr-box">
          {open && qr.payload ? (
            <QrImage className="screen__qr" text={signInLinkUrl(webOrigin(), qr.payload)} />
          ) : (
            <Text className={`screen__closed${cancelled ? ' screen__closed--cancelled' : ''}`}>
              {cancelled ? '活动已取消' : qr.event.phase === 'not_started' ? '签到尚未开始' : '签到已结束'}
            </Text>
          )}
        </View>
        <View className="screen__side">
          <Text className="screen__label">已签到</Text>
          <Text className="screen__count">{qr.attendance.count}</Text>
          <Text className="screen__label">应到 {qr.attendance.expected} 人</Text>
          <Text className="screen__countdown">{open ? `二维码 ${secondsLeft} 秒后更换` : ''}</Text>
          {error ? <Text className="screen__warn">网络不稳定：{error}</Text> : null}
        </View>
      </View>
      <Text className="screen__foot">
        {cancelled ? '本次活动已取消，无需签到' : '打开微信「清廉企业」小程序 → 扫码签到'}
      </Text>
    </View>
  )
}
