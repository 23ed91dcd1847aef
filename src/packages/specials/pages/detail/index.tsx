import { useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { OWNERSHIP_LABELS } from '@/models/org'
import type { TSpecialCompletion } from '@/models/special'
import { fetchCompletion, fetchSpecial, queueSpecialClose } from '@/services/specials'
import { idParam, specialPages } from '@/services/routes'
import { usePages } from '@/hooks/usePages'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { ErrorState, InvalidLink, LoadMore, LoadingState, PagesPending } from '@/components/PageState'
import { CountsCard, ProgressTag, SpecialHead } from '../../components/SpecialBits'
import { ListSearch } from '@/components/ListSearch'
import { Heading } from '@/components/Heading'
import { useBusy } from '@/hooks/useBusy'
import '@/styles/page.scss'
import '../../components/specials.scss'

const go = (url: string) => void Taro.navigateTo({ url })

/**
 * One 专项整治 as its issuer follows it: the counts, then each enterprise's state (未填报 first, 逾期 in
 * red), paged and searchable; tap one for its 突出问题清单. The issuer can close it.
 */
export default function SpecialDetailPage() {
  const session = useRequireSession()
  const write = useWrite()
  const sid = idParam(useRouter().params.sid)
  const [q, setQ] = useState('')
  const [busy, whileBusy] = useBusy()
  const head = useRemote(session && sid ? `special:${sid}` : null, () => fetchSpecial(sid ?? 0))
  const pages = usePages<TSpecialCompletion>(session && sid ? `special:${sid}:${q}` : null, (page) =>
    fetchCompletion(sid ?? 0, page, q || undefined),
  )
  usePullRefresh(async () => {
    await Promise.all([head.reload(), pages.reload()])
  })
  useReachBottom(() => void pages.loadMore().catch(() => undefined))

  if (!session) return <View className="page" />
  if (!sid) return <InvalidLink message="页面链接不完整" />
  if (head.state.status === 'loading') return <LoadingState />
  if (head.state.status === 'error')
    return <ErrorState message={head.state.message} onRetry={() => void head.reload()} />
  const special = head.state.data
  const state = pages.state

  const close = async () => {
    const ok = await showModal({
      title: '结束专项整治',
      content: '结束后各企业不能再填报或修改问题清单。',
    })
    if (!ok.confirm || busy) return
    await whileBusy(async () => {
      const outcome = await write(queueSpecialClose(special.id, special.version), { done: '已结束' })
      if (outcome.kind !== 'refused') await head.reload()
    })
  }

  return (
    <View className="page">
      <View className="page__body">
        <SpecialHead special={special} quote />
        <CountsCard counts={special.counts} />
        {special.status === 'open' && special.canManage ? (
          <View className="sp-actions">
            <Button loading={busy} onClick={() => void close()}>
              结束专项整治
            </Button>
          </View>
        ) : null}
        <ListSearch placeholder="企业名称或统一社会信用代码" onSearch={setQ} />
        <PagesPending pages={pages} />
        {state.status === 'ready' ? (
          <Heading text={`企业（${state.last.total}）`} extra="未填报、整改中在前" />
        ) : null}
        {state.status === 'ready'
          ? state.items.map((r) => (
              <View
                key={r.enterpriseId}
                className="a-card sp-card sp-row"
                onClick={() => go(specialPages.sheet(r.enterpriseId, special.id, true))}
              >
                <View className="sp-tags">
                  <ProgressTag progress={r.progress} />
                  {r.overdue ? <Text className="sp-tag sp-tag--bad">逾期</Text> : null}
                  <Text className="sp-tag">{OWNERSHIP_LABELS[r.ownership]}</Text>
                </View>
                <Text className="sp-card__title">{r.enterpriseName}</Text>
                <Text className="sp-card__meta">
                  问题 {r.problems} 个，已完成 {r.problemsDone} 个
                </Text>
              </View>
            ))
          : null}
        <LoadMore pages={pages} />
      </View>
    </View>
  )
}
