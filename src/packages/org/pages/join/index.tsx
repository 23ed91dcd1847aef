import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ZJoinResult, type TInvitePreview } from '@/models/invite'
import { joinDecider, joinLinkFromParams, joinRequestMessage } from '@/models/joinLink'
import { ROLE_LABELS } from '@/models/org'
import { chineseMinute } from '@/models/shanghaiTime'
import { ZAdminCodeRedeemed } from '@/models/setup'
import { queueJoinEnterprise } from '@/services/api'
import { queueRedeemAdminCode } from '@/services/setup'
import { fetchInvitePreview } from '@/services/members'
import { ApiError } from '@/services/request'
import { orgPages } from '@/services/routes'
import { goToLogin, rememberPendingLink } from '@/services/session'
import { HOME_PAGE } from '@/services/navigation'
import { useSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { NameStep, needsNameStep } from '../../components/NameStep'
import '@/styles/page.scss'
import '../members/index.scss'
import './index.scss'

/** What the join itself would answer for this code: said before the tap. */
const CODE_REFUSALS = ['INVITE_INVALID', 'INVITE_USED_UP', 'VALIDATION_FAILED']

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
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [named, setNamed] = useState(false)
  const [preview, setPreview] = useState<TInvitePreview | null>(null)
  // A refusal the join itself would give (invalid, expired, used up): said before the tap, and no tap offered.
  const [refused, setRefused] = useState<string | null>(null)
  const signedIn = !!session

  useEffect(() => {
    if (!session && link) {
      rememberPendingLink(orgPages.join(link))
      goToLogin()
    }
  }, [session, link])

  useEffect(() => {
    if (!signedIn || !link || link.kind !== 'invite') return
    let live = true
    fetchInvitePreview(link.code).then(
      (p) => live && setPreview(p),
      // Only the join's own refusals withhold the button: without signal (or on a passing server error) the
      // request can still be queued and sent.
      (err: unknown) =>
        live && err instanceof ApiError && CODE_REFUSALS.includes(err.code) && setRefused(err.message),
    )
    return () => {
      live = false
    }
  }, [signedIn, link])

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
    setBusy(true)
    setError(null)
    try {
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
    } finally {
      setBusy(false)
    }
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
          {done || refused || preview?.alreadyMember ? (
            <Button block onClick={() => void Taro.reLaunch({ url: HOME_PAGE })}>
              返回首页
            </Button>
          ) : null}
          {done ? (
            <>
              <Text className="org-join__done">{done}</Text>
            </>
          ) : refused || preview?.alreadyMember ? null : (
            <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
              {admin ? '成为管理员' : '申请加入'}
            </Button>
          )}
        </View>
      </View>
    </View>
  )
}

/** Whose invite it is and what it asks, so nobody applies to the wrong enterprise or role. */
function InviteWhat({ preview }: { preview: TInvitePreview }) {
  const role = ROLE_LABELS[preview.role] ?? preview.role
  return (
    <View className="org-join__what">
      <Text className="org-join__org">{preview.organisationName}</Text>
      <Text className="org-join__line">
        {preview.alreadyMember
          ? `你已申请或已是该${preview.organisationKind === 'department' ? '部门' : '企业'}的${role}，无需再次申请。`
          : `邀请你以「${role}」身份加入，由${joinDecider(preview)}审核。`}
      </Text>
      <Text className="org-join__line">有效期至 {chineseMinute(preview.expiresAt)}（北京时间）</Text>
    </View>
  )
}
