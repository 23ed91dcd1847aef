import { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import { OWNERSHIP_LABELS, type TOwnership } from '@/models/org'
import type { TSupervisionPledgeRow } from '@/models/pledge'
import { fetchSupervisionPledgeCoverage } from '@/services/pledges'
import { EmptyImage } from '@/components/EmptyImage'
import { CountedLoadMore, PagesPending } from '@/components/PageState'
import { usePullRefresh } from '@/hooks/useRemote'
import { usePages } from '@/hooks/usePages'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import '@/packages/pledges/components/pledges.scss'

const yesNo = (v: boolean | null) => (v === null ? '不适用' : v ? '已签署' : '未签署')

function Row({ r }: { r: TSupervisionPledgeRow }) {
  const rate = r.personalRate === null ? '—' : `${Math.round(r.personalRate * 100)}%`
  return (
    <View className="a-card">
      <Text className="a-card__title">{r.enterpriseName}</Text>
      <Text className="a-card__subtitle">{OWNERSHIP_LABELS[r.ownership as TOwnership] ?? r.ownership}</Text>
      <View className="pl-kv">
        <Text className="pl-kv__k">个人廉洁从业承诺</Text>
        <Text className="pl-kv__v">
          {r.personalSigned} / {r.members} 人（{rate}）
        </Text>
      </View>
      <View className="pl-bar">
        <View className="pl-bar__fill" style={{ width: `${Math.round((r.personalRate ?? 0) * 100)}%` }} />
      </View>
      <View className="pl-kv">
        <Text className="pl-kv__k">企业诚信守法经营承诺</Text>
        <Text className="pl-kv__v">{yesNo(r.enterprisePledge)}</Text>
      </View>
      <View className="pl-kv">
        <Text className="pl-kv__k">国企领导人员廉洁从业承诺</Text>
        <Text className="pl-kv__v">{yesNo(r.soeLeaderPledge)}</Text>
      </View>
      <View className="pl-kv">
        <Text className="pl-kv__k">政商双边清廉承诺</Text>
        <Text className="pl-kv__v">
          已生效 {r.governmentBusinessEffective} · 待签署 {r.governmentBusinessPending}
        </Text>
      </View>
    </View>
  )
}

/** 监管员 / 办公室: pledge coverage of each enterprise supervised, this year. */
export default function PledgeSupervisionPage() {
  const session = useRequireSession()
  // A page at a time: a county's 2,000 enterprises at once are too many for the phone (and one setData).
  const pages = usePages(session ? 'pledge-supervision' : null, fetchSupervisionPledgeCoverage)
  usePullRefresh(pages.reload)
  useReachBottom(() => void pages.loadMore().catch(() => undefined))
  if (!session) return <View className="page" />
  if (pages.state.status !== 'ready') return <PagesPending pages={pages} />
  const { items, last } = pages.state
  return (
    <View className="page pledge-supervision">
      <View className="page__body">
        <View className="a-heading">
          <Text className="a-heading__text">
            {last.year}年 · 所监管企业 {last.total} 家
          </Text>
        </View>
        {items.map((r) => (
          <Row key={r.enterpriseId} r={r} />
        ))}
        {last.total === 0 ? (
          <View className="a-empty">
            <Empty image={<EmptyImage />} title="暂无所监管的企业" />
          </View>
        ) : (
          <CountedLoadMore pages={pages} unit="家企业" />
        )}
      </View>
    </View>
  )
}
