import { useMemo, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { SECTION_LABELS } from '@/models/checklist'
import { MILESTONE_STATUS_LABELS, type TMilestoneStatus } from '@/models/milestones'
import {
  ATTENDANCE_BAND_LABELS,
  MEETING_BAND_LABELS,
  MILESTONE_KEY_LABELS,
  PLEDGE_BAND_LABELS,
  RECTIFICATION_FILTER_LABELS,
  SCORE_BANDS,
  ZEnterpriseListQuery,
  riskFilterLabel,
} from '@/models/supervisionOverview'
import { fetchCampaigns } from '@/services/assessments'
import { fetchDepartments } from '@/services/departments'
import { isOffice, supervisedDepartments } from '@/models/memberships'
import { useMe } from '@/hooks/useMe'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { ChipRow } from '../../components/ChipRow'
import { SupervisedList, type ListFilter } from '../../components/SupervisedList'
import '@/styles/page.scss'
import '../overview/index.scss'

/** What a figure's filter says, for the chip the list was opened with. */
function drillLabel(f: ListFilter): string | null {
  if (f.rectification) return RECTIFICATION_FILTER_LABELS[f.rectification]
  if (f.pledge) return `承诺：${PLEDGE_BAND_LABELS[f.pledge]}`
  if (f.attendance) return `到会率：${ATTENDANCE_BAND_LABELS[f.attendance]}`
  if (f.meetings) return `三会一课：${MEETING_BAND_LABELS[f.meetings]}`
  if (f.risk) return riskFilterLabel(f.risk)
  if (f.milestone) {
    const [key, state] = f.milestone.split('.') as [keyof typeof MILESTONE_KEY_LABELS, TMilestoneStatus]
    return `${MILESTONE_KEY_LABELS[key]}：${MILESTONE_STATUS_LABELS[state]}`
  }
  if (f.score && f.band !== undefined)
    return `${f.score === 'overall' ? '综合得分' : SECTION_LABELS[f.score]} ${SCORE_BANDS[Number(f.band)].label}`
  return null
}

/** The filter of the page's query (`?rectification=overdue&campaignId=3` …); anything invalid is dropped. */
function filterOf(params: Record<string, string | undefined>): ListFilter {
  const parsed = ZEnterpriseListQuery.safeParse(params)
  if (!parsed.success) return {}
  const { page: _p, pageSize: _s, ...filter } = parsed.data
  return filter
}

/**
 * The enterprises behind one figure of 监管总览: search, filter chips, paging, and a comparison with
 * another campaign (its scores and the change per enterprise).
 */
export default function SupervisedEnterprisesPage() {
  const session = useRequireSession()
  const params = useRouter().params
  const initial = useMemo(() => filterOf(params), [params])
  const [filter, setFilter] = useState<ListFilter>(initial)
  const [reloadKey, setReloadKey] = useState(0)
  const me = useMe(session?.user.id ?? null).state
  const office = me.status === 'ready' && isOffice(me.me.memberships)
  const campaigns = useRemote(session ? 'campaigns' : null, fetchCampaigns).state
  const departments = useRemote(office ? 'departments' : null, () => fetchDepartments()).state
  usePullRefresh(async () => setReloadKey((k) => k + 1))

  if (!session) return <View className="page" />
  const label = drillLabel(filter)
  const list = campaigns.status === 'ready' ? campaigns.data : []
  // The campaign shown: the one asked for, else the latest (as the server takes it).
  const current = list.find((c) => c.id === Number(filter.campaignId)) ?? list[0] ?? null
  const others = list.filter((c) => c.id !== current?.id)

  return (
    <View className="page supervision">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">
            {current?.name ?? (campaigns.status === 'ready' ? campaigns.data[0]?.name : '') ?? ''}
          </Text>
          {others.length ? (
            <ChipRow
              top
              label="对比"
              options={others.map((c) => c.id)}
              name={(id) => others.find((c) => c.id === id)?.name ?? ''}
              value={filter.compareCampaignId === undefined ? null : Number(filter.compareCampaignId)}
              onPick={(id) =>
                setFilter({
                  ...filter,
                  compareCampaignId: Number(filter.compareCampaignId) === id ? undefined : id,
                })
              }
            />
          ) : null}
        </View>
        <SupervisedList
          filter={filter}
          fixed={
            label
              ? {
                  label,
                  clear: () =>
                    setFilter({
                      ...filter,
                      rectification: undefined,
                      pledge: undefined,
                      attendance: undefined,
                      meetings: undefined,
                      risk: undefined,
                      milestone: undefined,
                      score: undefined,
                      band: undefined,
                    }),
                }
              : null
          }
          departments={
            // The office: every department; a 监管员: its own (chips once it has several).
            office
              ? departments.status === 'ready'
                ? departments.data.filter((d) => !d.isOffice).map((d) => ({ id: d.id, name: d.name }))
                : undefined
              : me.status === 'ready'
                ? supervisedDepartments(me.me.memberships)
                : undefined
          }
          office={office}
          reloadKey={reloadKey}
          onFilter={setFilter}
        />
      </View>
    </View>
  )
}
