import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { openSupervisionLedger } from '@/services/supervision'
import { exportOrToast } from '@/services/download'
import { useBusy } from '@/hooks/useBusy'
import {
  fetchMeetingFigures,
  fetchRiskFigures,
  fetchSupervisionFigures,
} from '@/services/supervisionOverview'
import { formatDate } from '@/models/format'
import { PageState } from '@/components/PageState'
import { supervisionPages } from '@/services/routes'
import { isOffice } from '@/models/memberships'
import { useMe } from '@/hooks/useMe'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { Figures } from '../../components/Figures'
import { ChipRow } from '../../components/ChipRow'
import { SupervisedList, type ListFilter } from '../../components/SupervisedList'
import '@/styles/page.scss'
import './index.scss'

/**
 * 监管总览: the figures of a campaign (any earlier one too) over the enterprises in reach (the office: all,
 * or one department's), each opening the list behind it; then those enterprises, searchable and paged.
 */
const go = (url: string) => void Taro.navigateTo({ url })

export default function SupervisionOverviewPage() {
  const session = useRequireSession()
  const [campaignId, setCampaignId] = useState<number | undefined>()
  const [departmentId, setDepartmentId] = useState<number | undefined>()
  const [reloadKey, setReloadKey] = useState(0)
  const [list, setList] = useState<ListFilter>({})
  const { state, reload } = useRemote(
    session ? `supervision:figures:${campaignId ?? ''}:${departmentId ?? ''}` : null,
    () => fetchSupervisionFigures({ campaignId, departmentId }),
  )
  // 三会一课 (this year, not per campaign) comes on its own: the other figures need not wait for it.
  const meetings = useRemote(session ? `supervision:figures:meetings:${departmentId ?? ''}` : null, () =>
    fetchMeetingFigures({ departmentId }),
  )
  const risks = useRemote(session ? `supervision:figures:risks:${departmentId ?? ''}` : null, () =>
    fetchRiskFigures({ departmentId }),
  )
  usePullRefresh(async () => {
    setReloadKey((k) => k + 1)
    await Promise.all([reload(), meetings.reload(), risks.reload()])
  })
  const me = useMe(session?.user.id ?? null).state
  const office = me.status === 'ready' && isOffice(me.me.memberships)
  const [exporting, whileExporting] = useBusy()
  const exportLedger = (id?: number) => whileExporting(() => exportOrToast(() => openSupervisionLedger(id)))

  if (!session) return <View className="page" />
  const f = state.status === 'ready' ? state.data : null
  const scope = { campaignId: f?.campaign?.id, departmentId }
  const open = (drill: Record<string, string | number | undefined>) =>
    void Taro.navigateTo({ url: supervisionPages.enterprises({ ...scope, ...drill }) })

  return (
    <View className="page supervision">
      <View className="page__body">
        <PageState state={state} reload={reload} />
        {f ? (
          <View className="a-card">
            <Text className="a-card__title">{f.campaign?.name ?? '暂无自查期次'}</Text>
            {f.campaign ? (
              <Text className="a-card__subtitle">截止 {formatDate(f.campaign.dueDate)}</Text>
            ) : null}
            {f.campaigns.length > 1 ? (
              <ChipRow
                top
                label="期次"
                options={f.campaigns.map((c) => c.id)}
                name={(id) => f.campaigns.find((c) => c.id === id)?.name ?? ''}
                value={f.campaign?.id ?? null}
                onPick={setCampaignId}
              />
            ) : null}
            {f.departments.length > 1 ? (
              <ChipRow
                label="部门"
                all={office ? '全县' : '全部'}
                options={f.departments.map((d) => d.id)}
                name={(id) => f.departments.find((d) => d.id === id)?.name ?? ''}
                value={departmentId ?? null}
                onPick={(id: number | null) => setDepartmentId(id ?? undefined)}
              />
            ) : null}
            <View className="supervision__counts">
              <View className="supervision__count" onClick={() => open({})}>
                <Text className="supervision__count-value">{f.total}</Text>
                <Text className="supervision__count-label">所监管企业</Text>
              </View>
              <View className="supervision__count" onClick={() => open({ status: 'submitted' })}>
                <Text className="supervision__count-value supervision__count-value--todo">
                  {f.completion.submitted}
                </Text>
                <Text className="supervision__count-label">待审核</Text>
              </View>
              <View className="supervision__count" onClick={() => open({ status: 'returned' })}>
                <Text className="supervision__count-value">{f.completion.returned}</Text>
                <Text className="supervision__count-label">已退回</Text>
              </View>
              <View className="supervision__count" onClick={() => open({ rectification: 'overdue' })}>
                <Text className="supervision__count-value supervision__count-value--bad">
                  {f.rectifications.overdue.enterprises}
                </Text>
                <Text className="supervision__count-label">整改逾期</Text>
              </View>
            </View>
            {/* The county's outputs side by side: 台账, 督查专报, (the office's) 示范选树. */}
            <View className="supervision__actions">
              {[
                {
                  className: 'supervision__ledger',
                  text: '导出工作台账',
                  loading: exporting,
                  onClick: () => void exportLedger(f.campaign?.id),
                },
                {
                  className: 'supervision__reports',
                  text: '督查专报',
                  onClick: () => go(supervisionPages.reports()),
                },
                ...(office
                  ? [
                      {
                        className: 'supervision__ledger supervision__exemplars',
                        text: '示范选树',
                        onClick: () => go(supervisionPages.exemplars()),
                      },
                    ]
                  : []),
              ].map((a) => (
                <Button
                  key={a.text}
                  className={a.className}
                  type="primary"
                  fill="outline"
                  size="small"
                  loading={a.loading ?? false}
                  onClick={a.onClick}
                >
                  {a.text}
                </Button>
              ))}
            </View>
          </View>
        ) : null}
        {f ? (
          <Figures
            f={f}
            meetings={meetings.state.status === 'ready' ? meetings.state.data : null}
            risks={risks.state.status === 'ready' ? risks.state.data : null}
          />
        ) : null}
        {f ? (
          <SupervisedList
            filter={{ ...list, ...scope }}
            office={office}
            reloadKey={reloadKey}
            onFilter={(next) => {
              const { campaignId: _c, departmentId: _d, ...rest } = next
              setList(rest)
            }}
          />
        ) : null}
      </View>
    </View>
  )
}
