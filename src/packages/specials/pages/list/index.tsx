import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TSpecialList } from '@/models/special'
import { fetchEnterpriseSpecials, fetchSpecials } from '@/services/specials'
import { idParam, specialPages } from '@/services/routes'
import { usePagedList } from '@/hooks/usePagedList'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { ErrorState, LoadMore, LoadingState, PagesPending } from '@/components/PageState'
import { OutboxNotice } from '@/components/OutboxNotice'
import { CountsCard, ProgressTag, SpecialHead } from '../../components/SpecialBits'
import { ListSearch } from '@/components/ListSearch'
import '@/styles/page.scss'
import '../../components/specials.scss'

const go = (url: string) => void Taro.navigateTo({ url })

/** An enterprise's 专项整治 (`eid`): each with its list's state; tap to its 突出问题清单. */
function EnterpriseSpecials({ eid }: { eid: number }) {
  const { state, reload } = useRemote(`specials:e${eid}`, () => fetchEnterpriseSpecials(eid))
  usePullRefresh(reload)
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const items = state.data.items
  return (
    <View className="page">
      <View className="page__body">
        <OutboxNotice />
        {items.length === 0 ? (
          <View className="a-card">
            <Text className="sp-form__hint">本企业暂无专项整治。</Text>
          </View>
        ) : null}
        {items.map((s) => (
          <View key={s.id} className="sp-item" onClick={() => go(specialPages.sheet(eid, s.id))}>
            <SpecialHead special={s}>
              <View className="sp-tags sp-tags--progress">
                <ProgressTag progress={s.progress} />
                <Text className="sp-card__meta">
                  问题 {s.problems} 个，已完成 {s.problemsDone} 个
                </Text>
              </View>
            </SpecialHead>
          </View>
        ))}
      </View>
    </View>
  )
}

/** The 专项整治 the caller's department opened (the office: every one), paged, by title. */
function IssuedSpecials() {
  const [q, setQ] = useState('')
  const pages = usePagedList<TSpecialList>(`specials:${q}`, (page) => fetchSpecials(page, q || undefined))
  const state = pages.state
  return (
    <View className="page">
      <View className="page__body">
        <OutboxNotice />
        <View className="sp-actions">
          <Button type="primary" onClick={() => go(specialPages.create())}>
            开展专项整治
          </Button>
        </View>
        <ListSearch placeholder="按标题查找" onSearch={setQ} />
        <PagesPending pages={pages} />
        {state.status === 'ready' && state.items.length === 0 ? (
          <View className="a-card">
            <Text className="sp-form__hint">
              尚未开展专项整治。方案任务13要求“列出企业突出问题清单，开展专项整治行动”。
            </Text>
          </View>
        ) : null}
        {state.status === 'ready'
          ? state.items.map((s) => (
              <View key={s.id} className="sp-item" onClick={() => go(specialPages.detail(s.id))}>
                <SpecialHead special={s}>
                  <CountsCard counts={s.counts} inline />
                </SpecialHead>
              </View>
            ))
          : null}
        <LoadMore pages={pages} />
      </View>
    </View>
  )
}

/** 专项整治: an enterprise's (`eid`), or the ones the caller's department opened. */
export default function SpecialListPage() {
  const session = useRequireSession()
  const eid = idParam(useRouter().params.eid)
  if (!session) return <View className="page" />
  return eid ? <EnterpriseSpecials eid={eid} /> : <IssuedSpecials />
}
