import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ENTERPRISE_HISTORY_FIRST, type TEnterpriseHistoryEntry } from '@/models/supervisionEnterprise'
import { fetchEnterpriseHistory, fetchSupervisionEnterprise } from '@/services/supervisionEnterprise'
import { PageState } from '@/components/PageState'
import { CampaignsCard, ProfileCard } from '../../components/EnterpriseProfile'
import {
  HistoryCard,
  PartyCard,
  PledgesAttendanceCard,
  RectificationsCard,
} from '../../components/EnterpriseRecords'
import { RisksCard } from '../../components/RisksCard'
import { PowersCard } from '../../components/PowersCard'
import '@/styles/page.scss'
import './index.scss'
import { useRouteRecord } from '@/hooks/useRouteRecord'

/**
 * 企业详情 for its supervising departments and the office: profile and milestones, every campaign's
 * scores and their trend, 整改, 三会一课, pledges, attendance and the history of supervision actions.
 */
export default function SupervisionEnterprisePage() {
  const {
    session,
    id: enterpriseId,
    state,
    reload,
  } = useRouteRecord('enterpriseId', 'supervision-enterprise', fetchSupervisionEnterprise)
  // History pages loaded with 更多 after the first one (which comes with the page); a reload starts over.
  const [more, setMore] = useState<{ items: TEnterpriseHistoryEntry[]; page: number }>({ items: [], page: 1 })
  const [loadingMore, setLoadingMore] = useState(false)
  const data = state.status === 'ready' ? state.data : null
  // Each load of the page reloads the risk card too (pull-to-refresh).
  const [loads, setLoads] = useState(0)
  useEffect(() => {
    setMore({ items: [], page: 1 })
    setLoads((n) => n + 1)
  }, [data])
  const name = data?.profile.name
  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: name })
  }, [name])

  if (!session) return <View className="page" />
  if (!enterpriseId)
    return (
      <View className="page">
        <PageState state={{ status: 'error', message: '页面参数有误' }} reload={reload} />
      </View>
    )

  const loadMore = async () => {
    setLoadingMore(true)
    try {
      const next = await fetchEnterpriseHistory(enterpriseId, more.page + 1, ENTERPRISE_HISTORY_FIRST)
      // An entry added meanwhile shifts the pages: keep each entry once.
      setMore((m) => {
        const seen = new Set([...(data?.history.items ?? []), ...m.items].map((h) => h.id))
        return { items: [...m.items, ...next.items.filter((h) => !seen.has(h.id))], page: next.page }
      })
    } catch (err) {
      void Taro.showToast({ title: err instanceof Error ? err.message : '加载失败', icon: 'none' })
    } finally {
      setLoadingMore(false)
    }
  }

  return (
    <View className="page ent">
      <View className="page__body">
        <PageState state={state} reload={reload}>
          {(d) => (
            <>
              <ProfileCard data={d} />
              <CampaignsCard data={d} />
              <RectificationsCard data={d} />
              <RisksCard enterpriseId={d.profile.id} loads={loads} />
              <PowersCard enterpriseId={d.profile.id} ownership={d.profile.ownership} loads={loads} />
              <PartyCard data={d} />
              <PledgesAttendanceCard data={d} />
              <HistoryCard
                items={[...d.history.items, ...more.items]}
                total={d.history.total}
                loading={loadingMore}
                onMore={() => void loadMore()}
              />
            </>
          )}
        </PageState>
      </View>
    </View>
  )
}
