import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { fetchEvent, queueSignIn, type ScanLocation } from '@/services/events'
import { platformLocation } from '@/services/platform/location'
import { platformPrivacy } from '@/services/platform/privacy'
import { platformScan } from '@/services/platform/scan'
import { userOutbox } from '@/services/session'
import { eventPages, idParam, orgPages } from '@/services/routes'
import { parseJoinLink } from '@/models/joinLink'
import { signInPayload, signInPayloadFromParams } from '@/models/signInLink'
import { deliveredView, settleSignIn, type SignInView } from '@/services/signInResult'
import { useRequireSession } from '@/hooks/useSession'
import { useBusy } from '@/hooks/useBusy'
import '@/styles/events.scss'
import './index.scss'

const PRIVACY_BUTTON_ID = 'signin-privacy-agree'

/**
 * 扫码签到: the camera scanner in the mini-program (a field to paste the code on H5), then POST /sign-ins
 * through the outbox with the time of the scan, so an offline scan is kept and sent later. One result.
 */
export default function SignInPage() {
  const session = useRequireSession()
  const params = useRouter().params
  const eventId = idParam(params.eventId)
  // Opened from a scanned link (WeChat's scanner: `q`; a browser, through the server: `c`).
  const linked = signInPayloadFromParams(params)
  const [view, setView] = useState<SignInView | null>(null)
  const [busy, whileBusy] = useBusy()
  const [pasted, setPasted] = useState('')
  const [askPrivacy, setAskPrivacy] = useState(false)
  const scannedOnce = useRef(false)
  const offDelivered = useRef<(() => void) | null>(null)

  useEffect(() => platformPrivacy.onRequest(() => setAskPrivacy(true)), [])
  useEffect(() => () => offDelivered.current?.(), [])

  /** The position, only for an event with a place (asked before sending when the event is known). */
  const locate = async (): Promise<ScanLocation | null> => {
    const loc = await platformLocation.locate()
    setAskPrivacy(false)
    return loc
  }

  const submit = async (payload: string, scannedAt: Date) => {
    const outbox = userOutbox()
    if (!outbox || busy) return
    setView(null)
    offDelivered.current?.()
    await whileBusy(async () => {
      let location: ScanLocation | null = null
      if (eventId) {
        const event = await fetchEvent(eventId).catch(() => null)
        if (event?.place) location = await locate()
      }
      let entry = queueSignIn(payload, scannedAt, location)
      let result = await settleSignIn(outbox, entry)
      if (result.needsLocation && !location) {
        location = await locate()
        if (location) {
          entry = queueSignIn(payload, scannedAt, location)
          result = await settleSignIn(outbox, entry)
        }
      }
      if (result.tone === 'pending') {
        // Sent later by the outbox: show the server's answer if it comes while the page is open.
        const id = entry.id
        offDelivered.current = outbox.onDelivered((d) => {
          if (d.entry.id === id) setView(deliveredView(d.response))
        })
      }
      setView(result)
    })
  }

  const scan = async () => {
    try {
      const text = await platformScan.scan()
      // an invite or 管理员码 QR scanned here opens its join page instead
      const link = text === null ? null : parseJoinLink(text)
      if (link) return void Taro.redirectTo({ url: orgPages.join(link) })
      // the link or the bare QL1 payload; anything else goes to the server as it is, which says why not
      if (text !== null) await submit(signInPayload(text) ?? text, new Date())
    } catch (err) {
      void Taro.showToast({ title: err instanceof Error ? err.message : '扫码失败', icon: 'none' })
    }
  }

  // Opened by a scanned link: sign in with it at once. Otherwise, in the mini-program, the camera opens.
  useEffect(() => {
    if (!session || scannedOnce.current) return
    scannedOnce.current = true
    if (linked) void submit(linked, new Date())
    else if (platformScan.canScan) void scan()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session])

  if (!session) return <View className="page" />
  // Signed in (now or before): the box is for another event's code, not a step still to do here.
  const signedIn = view?.tone === 'success' || view?.tone === 'info'

  return (
    <View className="page signin">
      <View className="page__body">
        {askPrivacy ? (
          <View className="ev-paste signin__privacy">
            <Text className="ev-paste__hint">
              本活动需要确认您在活动现场。获取位置前，请阅读并同意《清廉企业小程序隐私保护指引》。
            </Text>
            <Text className="signin__link" onClick={() => void platformPrivacy.openContract()}>
              阅读隐私保护指引
            </Text>
            <Button
              id={PRIVACY_BUTTON_ID}
              type="primary"
              block
              openType="agreePrivacyAuthorization"
              onAgreePrivacyAuthorization={() => {
                platformPrivacy.agreed(PRIVACY_BUTTON_ID)
                setAskPrivacy(false)
              }}
            >
              同意并继续
            </Button>
            <Button
              fill="none"
              block
              onClick={() => {
                platformPrivacy.declined()
                setAskPrivacy(false)
              }}
            >
              暂不同意
            </Button>
          </View>
        ) : null}
        {view ? (
          <View className={`ev-result ev-result--${view.tone} signin__result`}>
            <Text className="ev-result__title signin__result-title">{view.title}</Text>
            {view.detail ? <Text className="ev-result__detail">{view.detail}</Text> : null}
          </View>
        ) : null}
        {busy ? (
          <View className="ev-result ev-result--pending">
            <Text className="ev-result__detail">正在签到…</Text>
          </View>
        ) : null}
        {platformScan.canScan ? (
          <View className="ev-actions">
            <Button type="primary" block loading={busy} onClick={() => void scan()}>
              {view ? '再扫一次' : '扫码签到'}
            </Button>
          </View>
        ) : (
          <View className="ev-paste">
            <Text className="ev-paste__hint">
              {signedIn
                ? '签到其他活动：粘贴该活动的签到码内容后提交。'
                : '浏览器中无法调用摄像头扫码：请粘贴签到码内容后提交。'}
            </Text>
            <View className="ev-paste__field">
              <Input
                className="signin__input"
                value={pasted}
                placeholder="粘贴签到码内容"
                onChange={(v) => setPasted(v)}
              />
            </View>
            <Button
              className="ev-paste__submit signin__submit"
              type="primary"
              block
              loading={busy}
              disabled={!pasted.trim()}
              onClick={() => void submit(signInPayload(pasted) ?? pasted.trim(), new Date())}
            >
              提交签到
            </Button>
          </View>
        )}
        {view?.eventId ? (
          <View className="ev-actions">
            <Button
              fill="outline"
              block
              onClick={() => void Taro.redirectTo({ url: eventPages.detail(view.eventId ?? 0) })}
            >
              查看活动
            </Button>
          </View>
        ) : null}
      </View>
    </View>
  )
}
