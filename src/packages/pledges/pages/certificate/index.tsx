import { showModal } from '@/services/platform/modal'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PLEDGE_SIDE_LABELS, PLEDGE_WITHDRAW_AFTER_DAYS, type TPledge } from '@/models/pledge'
import { formatVerifyCode } from '@/models/pledgeVerification'
import {
  countersignPageUrl,
  exportCertificate,
  fetchPledge,
  queueWithdraw,
  verifyPageUrl,
} from '@/services/pledges'
import { platformCertificate } from '@/services/platform/certificate'
import { RemotePage } from '@/components/RemotePage'
import { InvalidLink } from '@/components/PageState'
import { pledgePages } from '@/services/routes'
import { PledgeQr } from '@/packages/pledges/components/PledgeQr'
import { PledgeStatusTag } from '@/packages/pledges/components/PledgeStatusTag'
import { DealingsBasis } from '@/packages/pledges/components/DealingsBasis'
import { chineseDateTime, formatShanghaiTime } from '@/models/shanghaiTime'
import '@/styles/page.scss'
import '@/packages/pledges/components/pledges.scss'
import { useWrite } from '@/hooks/useWrite'
import { useRouteRecord } from '@/hooks/useRouteRecord'
import { useBusy } from '@/hooks/useBusy'
import { exportOrToast } from '@/services/download'

function Signatures({ pledge }: { pledge: TPledge }) {
  return (
    <View className="pl-cert__signatures">
      {pledge.signatures.map((s) => (
        <View key={s.id} className="pl-cert__sig">
          <Text className="a-card__subtitle">
            {pledge.kind === 'government_business' ? `${PLEDGE_SIDE_LABELS[s.side]} · ` : ''}
            {s.organisationName}
          </Text>
          {s.image ? (
            <Image
              className="pl-cert__sig-img"
              src={s.image}
              mode="aspectFit"
              aria-label={`${s.signerName}的签名`}
            />
          ) : null}
          <Text className="a-card__title">
            {s.signerName} {s.phoneMasked ? <Text className="a-card__meta">{s.phoneMasked}</Text> : null}
          </Text>
          <Text className="a-card__subtitle">
            签署时间 {chineseDateTime(formatShanghaiTime(s.signedAt))}（北京时间）
          </Text>
          <Text className="pl-cert__hash">签名 SHA-256 {s.signatureSha256}</Text>
          <Text className="pl-cert__hash">哈希链第 {s.chainSeq} 条</Text>
        </View>
      ))}
    </View>
  )
}

/** The counter-signer's way in: a QR of the sign page (H5) and, in the mini-program, a share card. */
function ShareCard({ pledge }: { pledge: TPledge }) {
  const other =
    pledge.startedBy.side === 'enterprise'
      ? `${pledge.department?.name ?? ''}的党员干部`
      : `${pledge.enterprise.name}的负责人`
  const link = countersignPageUrl(pledge.id)
  return (
    <View className="a-card pl-cert__share">
      <Text className="a-card__title">请对方签署</Text>
      <Text className="a-card__subtitle">
        请{other}用「清廉企业」扫码，或打开下方链接签署；签署后双方均可在“我的承诺”中看到已生效的承诺。
      </Text>
      <PledgeQr text={link} label="对方签署二维码" />
      <View className="a-card__row">
        <Button size="small" fill="outline" onClick={() => void Taro.setClipboardData({ data: link })}>
          复制签署链接
        </Button>
        {platformCertificate.canShareCard ? (
          <Button size="small" type="primary" openType="share">
            发送给对方
          </Button>
        ) : null}
      </View>
    </View>
  )
}

export default function PledgeCertificatePage() {
  const { session, id, state, reload } = useRouteRecord('id', 'pledge', fetchPledge)
  const [busy, whileBusy] = useBusy()
  const write = useWrite()
  const pledge = state.status === 'ready' ? state.data : null

  useShareAppMessage(() => ({
    title: pledge ? `请签署：${pledge.title}` : '廉洁承诺',
    path: pledge && pledge.status === 'pending' ? pledgePages.countersign(pledge.id) : pledgePages.list(),
  }))

  if (!session) return <View className="page" />
  if (!id) return <InvalidLink />

  async function withdraw(p: TPledge) {
    const answer = await showModal({
      title: '撤回承诺',
      content: `对方发起后${PLEDGE_WITHDRAW_AFTER_DAYS}天仍未签署。撤回后记录仍保留，对方不能再签署。`,
      confirmText: '撤回',
    })
    if (!answer.confirm) return
    await whileBusy(async () => {
      await write(queueWithdraw(p.id, '对方长期未签署，发起人撤回'), { done: null })
      await reload().catch(() => undefined)
    })
  }

  const exportImage = (p: TPledge) =>
    exportOrToast(async () => {
      const result = await exportCertificate(p)
      if (result === 'link-copied')
        void Taro.showToast({ title: '核验链接已复制，可在浏览器中打开并导出证书', icon: 'none' })
    })

  return (
    <RemotePage className="pledge-certificate" state={state} reload={reload}>
      {pledge ? (
        <>
          <View className="a-card">
            <View className="pl-card-head">
              <Text className="a-card__title">{pledge.title}</Text>
              <PledgeStatusTag status={pledge.status} />
            </View>
            <Text className="a-card__subtitle">
              模板第 {pledge.templateVersion} 版 ·{' '}
              {pledge.effectiveAt
                ? `${chineseDateTime(formatShanghaiTime(pledge.effectiveAt))} 生效`
                : `${chineseDateTime(formatShanghaiTime(pledge.createdAt))} 发起`}
            </Text>
            {pledge.withdrawn ? (
              <View className="a-notice">
                {pledge.withdrawn.byName}于 {chineseDateTime(formatShanghaiTime(pledge.withdrawn.at))} 撤回：
                {pledge.withdrawn.reason}
              </View>
            ) : null}
          </View>
          {pledge.canCountersign ? (
            <View className="a-notice a-notice--info">
              <Text>这份承诺待您签署。</Text>
              <Button
                type="primary"
                size="small"
                onClick={() => void Taro.navigateTo({ url: pledgePages.countersign(pledge.id) })}
              >
                阅读并签署
              </Button>
            </View>
          ) : null}
          {pledge.status === 'pending' && !pledge.canCountersign ? <ShareCard pledge={pledge} /> : null}
          {pledge.kind === 'government_business' ? <DealingsBasis refs={pledge.dealings} /> : null}
          <View className="pl-cert__text">
            {pledge.text.split('\n').map((line, i) => (
              <Text key={i} className={i === 0 ? 'pl-text__title' : 'pl-text__line'}>
                {line || ' '}
              </Text>
            ))}
          </View>
          <Signatures pledge={pledge} />
          <View className="a-card pl-cert__share">
            <Text className="a-card__subtitle">核验码</Text>
            <Text className="pl-cert__code">{formatVerifyCode(pledge.code)}</Text>
            <PledgeQr text={verifyPageUrl(pledge.code)} label="核验二维码" />
            <Text className="pl-cert__hash">正文 SHA-256 {pledge.textSha256}</Text>
            <View className="a-card__row">
              <Button
                size="small"
                fill="outline"
                onClick={() => void Taro.navigateTo({ url: pledgePages.verify(pledge.code) })}
              >
                核验
              </Button>
              <Button size="small" type="primary" fill="outline" onClick={() => void exportImage(pledge)}>
                导出证书图片
              </Button>
              {pledge.canWithdraw ? (
                <Button size="small" fill="outline" loading={busy} onClick={() => void withdraw(pledge)}>
                  撤回
                </Button>
              ) : null}
            </View>
          </View>
        </>
      ) : null}
    </RemotePage>
  )
}
