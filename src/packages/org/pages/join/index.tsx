import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ZJoinResult } from '@/models/invite'
import { joinLinkFromParams, joinRequestMessage } from '@/models/joinLink'
import { ZAdminCodeRedeemed } from '@/models/setup'
import { queueJoinEnterprise } from '@/services/api'
import { queueRedeemAdminCode } from '@/services/setup'
import { orgPages } from '@/services/routes'
import { goToLogin, rememberPendingLink } from '@/services/session'
import { HOME_PAGE } from '@/services/navigation'
import { useSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { NameStep, needsNameStep } from '../../components/NameStep'
import { InviteWhat, inviteJoinable, useInvitePreview } from '../../components/InvitePreview'
import '@/styles/page.scss'
import '../members/index.scss'
import './index.scss'
import { useBusy } from '@/hooks/useBusy'

/**
 * 加入: opened from an invite or 管理员码 QR (WeChat's scanner hands the link as `q`; the app's own scanner
 * and the browser redirect pass `kind` and `code`). The code is filled in; one tap sends the request,
 * after the name step while the profile still has WeChat's default name (the approver sees who asks).
 * Opened before login, the link is kept and login comes back here.
 */
export default function JoinPage() {
  const params = useRouter().params
  const link = useMemo(() => joinLinkFromParams(params), [params])
  const session = useSession()
  const send = useWrite()
  const [busy, whileBusy] = useBusy()
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [named, setNamed] = useState(false)
  useEffect(() => {
    if (!session && link) {
      rememberPendingLink(orgPages.join(link))
      goToLogin()
    }
  }, [session, link])

  // A refusal the join itself would give (invalid, expired, used up): said before the tap, and no tap offered.
  const invite = useInvitePreview(session && link?.kind === 'invite' ? link.code : null)
  const { preview, refused } = invite

  if (!link) {
    return (
      <View className="page org-join">
        <View className="page__body">
          <View className="a-card">
            <Text className="a-card__title">二维码无效</Text>
            <Text className="a-card__subtitle">
              没有识别出邀请码或管理员码。请向联络员或领导小组办公室重新获取，或在「我的 →
              加入企业」输入邀请码。
            </Text>
            <Button block onClick={() => void Taro.reLaunch({ url: HOME_PAGE })}>
              返回首页
            </Button>
          </View>
        </View>
      </View>
    )
  }
  if (!session) return <View className="page" />

  const admin = link.kind === 'admin'
  if (!named && needsNameStep(session.user)) {
    return (
      <NameStep
        user={session.user}
        purpose={admin ? '成为管理员' : '申请加入'}
        onSaved={() => setNamed(true)}
      />
    )
  }

  async function submit() {
    if (!link || busy) return
    setError(null)
    await whileBusy(async () => {
      const outcome = await send(admin ? queueRedeemAdminCode(link.code) : queueJoinEnterprise(link.code), {
        done: (data) => {
          const text = admin
            ? (() => {
                const r = ZAdminCodeRedeemed.safeParse(data)
                return `已成为${r.success ? `「${r.data.departmentName}」` : '领导小组办公室'}管理员`
              })()
            : (() => {
                const r = ZJoinResult.safeParse(data)
                return joinRequestMessage(r.success ? r.data : {})
              })()
          setDone(text)
          return text
        },
        onRefused: setError,
      })
      if (outcome.kind === 'queued') setDone('已保存在本机，联网后自动提交')
    })
  }

  return (
    <View className="page org-join">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">{admin ? '领导小组办公室管理员码' : '凭邀请码加入'}</Text>
          <Text className="a-card__subtitle">
            {admin
              ? '县里开通系统时给出的一次性管理员码：确认后你将成为领导小组办公室管理员。'
              : // Who decides depends on the invite (joinDeciders.ts): a liaison's own request goes to the
                // office, not to a liaison; the answer to the request names who.
                `确认后提交加入申请，审核通过后生效${preview ? '。' : '；提交后会显示由谁审核。'}`}
          </Text>
          <Text className="org-join__code">{link.code}</Text>
          {preview ? <InviteWhat preview={preview} /> : null}
          {error || refused ? <Text className="form-dialog__error">{error ?? refused}</Text> : null}
          {/* What happened first, then the way on. */}
          {done ? <Text className="org-join__done">{done}</Text> : null}
          {done || !inviteJoinable(invite) ? (
            <Button block onClick={() => void Taro.reLaunch({ url: HOME_PAGE })}>
              返回首页
            </Button>
          ) : (
            <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
              {admin ? '成为管理员' : '申请加入'}
            </Button>
          )}
        </View>
      </View>
    </View>
  )
}
