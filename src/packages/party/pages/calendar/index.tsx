import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TBranchSummary, TCompliance, TMeetingSummary } from '@/models/meeting'
import { MEETING_STATUS_LABELS } from '@/models/meeting'
import {
  CELL_STATUS_LABELS,
  EMPTY_RECORD_FIX,
  isEmptyRecord,
  MEETING_TYPES,
  MEETING_TYPE_LABELS,
  MEETING_TYPE_SHORT,
} from '@/models/meetingCompliance'
import { fetchCompliance, fetchMeetings, fetchMyBranches, openYearWorkbook } from '@/services/meetings'
import { exportOrToast } from '@/services/download'
import { fetchReminderOffer, remindersSupported } from '@/services/reminders'
import { chooseTemplates, type TReminderOffer } from '@/models/reminder'
import { ReminderButton } from '@/components/todos/ReminderButton'
import { EmptyBox } from '@/components/EmptyImage'
import { formatDateTime } from '@/models/format'
import { OutboxNotice } from '@/components/OutboxNotice'
import { ErrorState, LoadingState } from '@/components/PageState'
import { idParam, partyPages } from '@/services/routes'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useMe } from '@/hooks/useMe'
import { enterprisesOf } from '@/models/memberships'
import type { TRole } from '@/models/roles'
import { shanghaiParts } from '@/models/shanghaiTime'
import { Heading } from '@/components/Heading'
import { Chips } from '@/components/Chips'
import { useBusy } from '@/hooks/useBusy'
import '@/styles/page.scss'
import '@/packages/party/party.scss'
import './index.scss'

const go = (url: string) => void Taro.navigateTo({ url })
const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

interface CalendarData {
  branches: TBranchSummary[]
  branch: { eid: number; bid: number; name: string; enterpriseName: string; canWrite: boolean } | null
  compliance: TCompliance | null
  meetings: TMeetingSummary[]
  /** The mini-program's reminder templates (null on H5, or when they could not be loaded). */
  offer: TReminderOffer | null
}

async function load(eid: number | null, bid: number | null, year: number): Promise<CalendarData> {
  const [branches, offer] = await Promise.all([
    fetchMyBranches(),
    remindersSupported ? fetchReminderOffer().catch(() => null) : Promise.resolve(null),
  ])
  const mine =
    eid && bid ? branches.find((b) => b.id === bid) : (branches.find((b) => b.canWrite) ?? branches[0])
  const target = eid && bid ? { eid, bid } : mine ? { eid: mine.enterpriseId, bid: mine.id } : null
  if (!target) return { branches, branch: null, compliance: null, meetings: [], offer }
  const [compliance, meetings] = await Promise.all([
    fetchCompliance(target.eid, target.bid, year),
    fetchMeetings(target.eid, target.bid, year),
  ])
  return {
    branches,
    branch: {
      ...target,
      name: compliance.branchName,
      enterpriseName: mine?.enterpriseName ?? '',
      canWrite: mine?.canWrite ?? false,
    },
    compliance,
    meetings,
    offer,
  }
}

function Calendar({
  compliance,
  canWrite,
  onAdd,
}: {
  compliance: TCompliance
  canWrite: boolean
  onAdd: (type: string, groupId: number | null) => void
}) {
  return (
    <View className="a-card pt-calendar">
      <View className="pt-legend">
        {(compliance.rows.some((r) => r.cells.some((c) => c.status === 'not_yet'))
          ? (['done', 'due', 'overdue', 'not_yet'] as const)
          : (['done', 'due', 'overdue'] as const)
        ).map((s) => (
          <Text key={s}>
            <Text className={`pt-legend__dot pt-status--${s}`} />
            {CELL_STATUS_LABELS[s]}
          </Text>
        ))}
        <Text>黑框为本期</Text>
      </View>
      {compliance.rows.map((row) => (
        <View key={`${row.type}:${row.groupId ?? ''}`} className={`pt-row pt-row--${row.type}`}>
          <View className="pt-head">
            <Text className="pt-row__title">
              {MEETING_TYPE_SHORT[row.type]}
              {row.groupName ? `·${row.groupName}` : ''}
            </Text>
            <Text className="pt-rate pt-rate--small">{percent(row.rate)}</Text>
          </View>
          <Text className="pt-row__rule">{row.rule}</Text>
          <View className="pt-grid">
            {row.cells.map((c) => (
              <View
                key={c.key}
                className={`pt-cell pt-status--${c.status}${row.period === 'quarter' ? ' pt-cell--quarter' : ''}${c.current ? ' pt-cell--current' : ''}`}
                data-period={c.key}
                data-status={c.status}
              >
                <Text className="pt-cell__label">
                  {row.period === 'quarter' ? c.label.replace('第', '') : c.label}
                </Text>
                <Text className="pt-cell__status">
                  {CELL_STATUS_LABELS[c.status]}
                  {c.count > 1 ? `×${c.count}` : ''}
                </Text>
              </View>
            ))}
          </View>
          {row.cells
            .filter((c) => c.empty > 0)
            .map((c) => (
              <Text key={c.key} className="pt-row__empty">
                {row.period === 'quarter' ? c.label.replace('第', '') : c.label}有 {c.empty}{' '}
                次记录无人出席，不计入完成率
              </Text>
            ))}
          {canWrite ? (
            <Text className="pt-row__add" onClick={() => onAdd(row.type, row.groupId)}>
              ＋ 记录{MEETING_TYPE_SHORT[row.type]}
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  )
}

/**
 * Why there is no branch, said to the role that meets it: the 联络员 registers branches (成员管理 → 新增党支部)
 * and names their secretary, so each other role is told what to ask of the liaison, or what the liaison does.
 */
function noBranchText(roles: readonly TRole[]): string {
  if (roles.includes('liaison'))
    return '本企业还没有登记党支部。设有党组织的，请在「成员管理」中新增党支部并登记党员名册，支部书记和支委即可在此记录三会一课'
  if (roles.includes('branch_secretary'))
    return '您所在的党支部还没有登记。请联络员在「成员管理」中新增本支部并将您设为支部书记，之后即可在此记录三会一课'
  if (roles.includes('head'))
    return '本企业还没有登记党支部。设有党组织的，由联络员在「成员管理」中新增党支部、登记党员名册并设定支部书记，之后您可在此查看各支部三会一课的完成情况'
  return '企业设立党支部、并将您列入党员名册后，可在此查看三会一课；联络员可在成员管理中登记党支部'
}

export default function PartyCalendarPage() {
  const session = useRequireSession()
  const { state: me } = useMe(session?.user.id ?? null)
  const roles = me.status === 'ready' ? enterprisesOf(me.me.memberships).flatMap((e) => e.roles) : []
  const params = useRouter().params
  const [chosen, setChosen] = useState<{ eid: number; bid: number } | null>(null)
  const eid = chosen?.eid ?? idParam(params.eid)
  const bid = chosen?.bid ?? idParam(params.bid)
  const [year, setYear] = useState(shanghaiParts(Date.now()).year)
  const { state, reload, setData } = useRemote(session ? `party:${eid}:${bid}:${year}` : null, () =>
    load(eid, bid, year),
  )
  usePullRefresh(reload)
  const [busy, whileBusy] = useBusy()

  if (!session) return <View className="page" />
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error')
    return <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
  const { branches, branch, compliance, meetings, offer } = state.data
  const templateIds = offer ? chooseTemplates(offer, ['meeting_due']) : []
  if (!branch || !compliance)
    return (
      <View className="page">
        <EmptyBox className="page__body" title="暂无党支部" description={noBranchText(roles)} />
      </View>
    )

  // Records kept from before a meeting needed someone present: shown, never counted.
  const emptyRecords = meetings.filter(isEmptyRecord).length
  const add = (type: string, groupId: number | null) =>
    go(partyPages.edit(branch.eid, branch.bid, { type, groupId }))

  const exportYear = () =>
    whileBusy(() => exportOrToast(() => openYearWorkbook(branch.eid, branch.bid, branch.name, year)))

  return (
    <View className="page party-calendar">
      <View className="page__body">
        <OutboxNotice />
        {branches.length > 1 ? (
          <Chips
            block="pt-branches"
            item="pt-choice"
            options={branches.map((b) => b.id)}
            value={branch.bid}
            label={(id) => branches.find((b) => b.id === id)!.name}
            onPick={(id) => setChosen({ eid: branches.find((b) => b.id === id)!.enterpriseId, bid: id })}
          />
        ) : null}
        <View className="a-card">
          <Text className="a-card__title party-calendar__branch">{branch.name}</Text>
          {branch.enterpriseName ? <Text className="a-card__subtitle">{branch.enterpriseName}</Text> : null}
          <View className="pt-head party-calendar__summary">
            <View className="pt-year">
              <Text className="pt-year__arrow" onClick={() => setYear(year - 1)}>
                ‹
              </Text>
              <Text>{year}年</Text>
              <Text className="pt-year__arrow" onClick={() => setYear(year + 1)}>
                ›
              </Text>
            </View>
            <View>
              <Text className="a-card__meta">年度完成率 </Text>
              <Text className="pt-rate party-calendar__rate">{percent(compliance.overall.rate)}</Text>
            </View>
          </View>
          <View className="party-calendar__types">
            {compliance.byType.map((t) => (
              <Text key={t.type} className="party-calendar__type">
                {MEETING_TYPE_SHORT[t.type]} {percent(t.rate)}
              </Text>
            ))}
          </View>
          {emptyRecords > 0 ? (
            <Text className="a-notice party-calendar__empty">
              {year}年有 {emptyRecords} 次会议记录无人出席（应到或实到为0），不计入完成率
              {branch.canWrite ? `。${EMPTY_RECORD_FIX}` : ''}
            </Text>
          ) : null}
        </View>

        <Calendar compliance={compliance} canWrite={branch.canWrite} onAdd={add} />

        {branch.canWrite ? (
          <View className="a-card">
            <Text className="a-card__title">新建会议记录</Text>
            <View className="pt-choices party-calendar__new">
              {MEETING_TYPES.map((t) => (
                <Text key={t} className="pt-choice" onClick={() => add(t, null)}>
                  {MEETING_TYPE_LABELS[t]}
                </Text>
              ))}
            </View>
            <Text className="pt-hint">自动带入同类型上一次会议的议题、地点、主持人和记录人。</Text>
          </View>
        ) : null}

        <Heading text={`${year}年会议记录`} extra={`共 ${meetings.length} 次`} />
        {meetings.length === 0 ? (
          <Text className="pt-hint party-calendar__none">本年度尚无会议记录</Text>
        ) : null}
        {meetings.map((m) => (
          <View
            key={m.id}
            className="a-card pt-meeting"
            onClick={() => go(partyPages.detail(branch.eid, branch.bid, m.id))}
          >
            <View className="pt-meeting__head">
              <Text className="pt-tag pt-tag--type">
                {MEETING_TYPE_SHORT[m.type]}
                {m.groupName ? `·${m.groupName}` : ''}
              </Text>
              <Text className={`pt-tag pt-tag--${m.status}`}>{MEETING_STATUS_LABELS[m.status]}</Text>
              {isEmptyRecord(m) ? <Text className="pt-tag pt-tag--late">无人出席·不计入</Text> : null}
            </View>
            <Text className="pt-meeting__topic">{m.topic || '（未填写议题）'}</Text>
            <Text className="a-card__subtitle">
              {formatDateTime(m.startsAt)} · 应到 {m.expected} 实到 {m.present}
              {m.attachmentCount ? ` · 附件 ${m.attachmentCount}` : ''}
              {m.revision ? ` · 更正 ${m.revision} 次` : ''}
            </Text>
          </View>
        ))}

        <View className="pt-actions">
          <Button fill="outline" onClick={() => go(partyPages.roll(branch.eid, branch.bid))}>
            党员名册
          </Button>
          <Button fill="outline" loading={busy} onClick={() => void exportYear()}>
            导出年度台账
          </Button>
          {branch.canWrite && templateIds.length > 0 ? (
            <ReminderButton
              templateIds={templateIds}
              label="订阅三会一课到期提醒"
              text="到期提醒"
              onRecorded={(next) => setData({ ...state.data, offer: next })}
            />
          ) : null}
        </View>
      </View>
    </View>
  )
}
