import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { PLEDGE_SIDE_LABELS, PLEDGE_STATUS_LABELS } from '@/models/pledge'
import {
  VERIFY_CODE_PATTERN,
  anchorSummary,
  formatVerifyCode,
  normaliseVerifyCode,
} from '@/models/pledgeVerification'
import { verifyPledge } from '@/services/pledges'
import { ErrorState, LoadingState } from '@/components/PageState'
import { useRemote } from '@/hooks/useRemote'
import { chineseDateTime, formatShanghaiTime } from '@/models/shanghaiTime'
import { Heading } from '@/components/Heading'
import '@/styles/page.scss'
import '@/packages/pledges/components/pledges.scss'

function Row({ k, v }: { k: string; v: string }) {
  return (
    <View className="pl-kv">
      <Text className="pl-kv__k">{k}</Text>
      <Text className="pl-kv__v">{v}</Text>
    </View>
  )
}

/**
 * 承诺核验 (public, no login): given a verify code, the server hashes the record again and walks the
 * chain; this page says whether it is intact, where it broke if not, and who signed when.
 */
export default function PledgeVerifyPage() {
  const initial = useRouter().params.code ?? ''
  const [input, setInput] = useState(
    initial ? formatVerifyCode(normaliseVerifyCode(decodeURIComponent(initial))) : '',
  )
  const [code, setCode] = useState(() => normaliseVerifyCode(decodeURIComponent(initial)))
  const valid = VERIFY_CODE_PATTERN.test(code)
  const { state, reload } = useRemote(valid ? `verify:${code}` : null, () => verifyPledge(code))

  const submit = () => {
    const next = normaliseVerifyCode(input)
    if (!VERIFY_CODE_PATTERN.test(next))
      return void Taro.showToast({ title: '核验码为12位字母和数字', icon: 'none' })
    if (next === code) void reload().catch(() => undefined)
    setCode(next)
  }

  const result = state.status === 'ready' && valid ? state.data : null
  return (
    <View className="page pledge-verify">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">廉洁承诺核验</Text>
          <Text className="a-card__subtitle">
            输入承诺书证书上的核验码，核对签署记录与哈希链是否完整、未被改动。
          </Text>
          <Input
            className="pledge-verify__input"
            value={input}
            placeholder="如 ABCD-2345-WXYZ"
            maxLength={20}
            onChange={setInput}
          />
          <Button type="primary" block onClick={submit}>
            核验
          </Button>
        </View>
        {valid && state.status === 'loading' ? <LoadingState rows={2} /> : null}
        {valid && state.status === 'error' ? (
          <ErrorState
            message={/不存在/.test(state.message) ? '没有找到该核验码对应的承诺' : state.message}
            onRetry={() => void reload().catch(() => undefined)}
          />
        ) : null}
        {result ? (
          <>
            <View className={`pl-verdict pl-verdict--${result.intact ? 'ok' : 'broken'}`}>
              <Text className="pl-verdict__icon">{result.intact ? '✓' : '✗'}</Text>
              <Text className="pl-verdict__title">
                {result.intact
                  ? '记录完整，哈希链完整'
                  : result.recordIntact
                    ? '哈希链已断裂'
                    : '记录已被改动'}
              </Text>
              {result.firstBroken ? (
                <Text className="pl-verdict__detail">第一处断点：{result.firstBroken.message}</Text>
              ) : (
                <Text className="pl-verdict__detail">
                  正文、签名与签署记录均与签署时一致；已从
                  {result.anchor ? '最近的链外锚点起' : '哈希链起点'}核对哈希链 {result.checkedEntries} 条记录
                </Text>
              )}
            </View>
            <View className="a-card">
              <Text className="a-card__title">{result.title}</Text>
              <Row k="状态" v={PLEDGE_STATUS_LABELS[result.status]} />
              <Row k="核验码" v={formatVerifyCode(result.code)} />
              <Row k="模板版本" v={`第 ${result.templateVersion} 版`} />
              <Row k="企业" v={result.enterpriseName} />
              {result.departmentName ? <Row k="党员干部所在部门" v={result.departmentName} /> : null}
              <Row k="记录" v={result.recordIntact ? '完整' : '被改动'} />
              <Row k="哈希链" v={result.chainIntact ? '完整' : '断裂'} />
              <Row k="核验时间" v={chineseDateTime(formatShanghaiTime(result.checkedAt))} />
            </View>
            <Heading text="签署人" />
            {result.signers.map((s) => (
              <View key={s.chainSeq} className="a-card pledge-verify__signer">
                <Text className="a-card__title">
                  {s.name} {s.phoneMasked ?? ''}
                </Text>
                <Text className="a-card__subtitle">
                  {result.kind === 'government_business' ? `${PLEDGE_SIDE_LABELS[s.side]} · ` : ''}
                  {s.organisationName}
                </Text>
                <Text className="a-card__subtitle">
                  签署时间 {chineseDateTime(formatShanghaiTime(s.signedAt))}（北京时间）
                </Text>
                <Text className="pl-cert__hash">签名 SHA-256 {s.signatureSha256}</Text>
              </View>
            ))}
            <View className="a-card">
              <Text className="a-card__subtitle">正文 SHA-256</Text>
              <Text className="pl-cert__hash">{result.textSha256}</Text>
            </View>
            <View className="a-card pledge-verify__anchor">
              <Text className="a-card__subtitle">链外锚点（最近一次）</Text>
              <Text className="a-card__subtitle">
                {anchorSummary(result.anchor, (at) => chineseDateTime(formatShanghaiTime(at)))}
              </Text>
              {result.anchor ? <Text className="pl-cert__hash">MAC {result.anchor.mac}</Text> : null}
            </View>
          </>
        ) : null}
      </View>
    </View>
  )
}
