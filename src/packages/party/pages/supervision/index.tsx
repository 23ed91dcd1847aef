import Taro, { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import { MEETING_TYPE_SHORT } from '@/models/meetingCompliance'
import { fetchPartySupervision } from '@/services/meetings'
import { EmptyImage } from '@/components/EmptyImage'
import { formatDate } from '@/models/format'
import { CountedLoadMore, PagesPending } from '@/components/PageState'
import { partyPages, supervisionPages } from '@/services/routes'
import { PARTY_ORG_LABELS } from '@/models/org'
import { usePullRefresh } from '@/hooks/useRemote'
import { usePages } from '@/hooks/usePages'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import '@/packages/party/party.scss'
import './index.scss'

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

/** 监管: the branches of the enterprises this department supervises; who has not reported this month first. */
export default function PartySupervisionPage() {
  const session = useRequireSession()
  // A page at a time: a county's 2,000 branches at once are too many for the phone (and one setData).
  const pages = usePages(session ? 'party-supervision' : null, fetchPartySupervision)
  usePullRefresh(pages.reload)
  useReachBottom(() => void pages.loadMore().catch(() => undefined))
  if (!session) return <View className="page" />
  if (pages.state.status !== 'ready') return <PagesPending pages={pages} />
  const { items: branches, last } = pages.state
  const { month, year, withoutBranch, missing, total } = last
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <View className="page party-supervision">
      <View className="page__body">
        <View className="a-heading">
          <Text className="a-heading__text">
            {Number(month.slice(5))}月 未报送 {missing} 个支部
          </Text>
          <Text className="a-heading__extra">共 {total} 个支部</Text>
        </View>
        {/* A party organisation in the profile with no 党支部 registered: no branch to list, so named here. */}
        {withoutBranch.total > 0 ? (
          <View className="a-card party-supervision__unregistered">
            <View className="pt-head">
              <Text className="a-card__title">未设立支部 {withoutBranch.total} 家企业</Text>
              <Text className="pt-tag pt-tag--late">待跟进</Text>
            </View>
            <Text className="pt-hint">
              企业资料填有党组织，但尚未登记党支部，其三会一课无从记录：请督促企业联络员登记党支部和党员名册。
            </Text>
            {withoutBranch.enterprises.map((e) => (
              <View
                key={e.enterpriseId}
                className="party-supervision__enterprise"
                onClick={() => go(supervisionPages.enterprise(e.enterpriseId))}
              >
                <Text>{e.enterpriseName}</Text>
                <Text className="a-card__meta">{PARTY_ORG_LABELS[e.partyOrg]} ›</Text>
              </View>
            ))}
            {withoutBranch.total > withoutBranch.enterprises.length ? (
              <Text
                className="pt-row__add"
                onClick={() => go(supervisionPages.enterprises({ meetings: 'no_branch' }))}
              >
                查看全部 {withoutBranch.total} 家 ›
              </Text>
            ) : null}
          </View>
        ) : null}
        {total === 0 && withoutBranch.total === 0 ? (
          <Empty image={<EmptyImage />} title="暂无党支部" description="所监管企业设立党支部后将显示在这里" />
        ) : null}
        {branches.map((b) => (
          <View
            key={b.branchId}
            className="a-card party-supervision__card"
            onClick={() => go(partyPages.calendar(b.enterpriseId, b.branchId))}
          >
            <View className="pt-head">
              <Text className="a-card__title">{b.branchName}</Text>
              <Text className={`pt-tag ${b.reportedThisMonth ? 'pt-tag--submitted' : 'pt-tag--late'}`}>
                {b.reportedThisMonth ? `本月已报送 ${b.meetingsThisMonth} 次` : '本月未报送'}
              </Text>
            </View>
            <Text className="a-card__subtitle">{b.enterpriseName}</Text>
            <View className="pt-head">
              <Text className="a-card__meta">
                最近一次：{b.lastMeetingAt ? formatDate(b.lastMeetingAt) : '无记录'}
              </Text>
              <Text>
                <Text className="a-card__meta">{year}年完成率 </Text>
                <Text className="pt-rate pt-rate--small">{percent(b.rate)}</Text>
              </Text>
            </View>
            <View className="party-supervision__types">
              {b.byType.map((t) => (
                <Text key={t.type}>
                  {MEETING_TYPE_SHORT[t.type]} {percent(t.rate)}
                </Text>
              ))}
            </View>
          </View>
        ))}
        {total > 0 ? <CountedLoadMore pages={pages} unit="个支部" /> : null}
      </View>
    </View>
  )
}
