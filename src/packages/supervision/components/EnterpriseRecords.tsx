import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Progress } from '@nutui/nutui-react-taro'
import { RECTIFICATION_SOURCE_LABELS } from '@/models/rectification'
import { auditActionLabel } from '@/models/audit'
import { formatDate, formatDateTime } from '@/models/format'
import { MEETING_TYPE_SHORT } from '@/models/meetingCompliance'
import type { TEnterpriseHistoryEntry, TSupervisionEnterprise } from '@/models/supervisionEnterprise'
import { RectificationStatusTag } from '@/components/assessment/StatusTag'
import { OverdueTag } from '@/components/OverdueTag'
import { assessmentPages, eventPages, partyPages, pledgePages } from '@/services/routes'
import { EntCard } from './EntCard'

const go = (url: string) => () => void Taro.navigateTo({ url })
const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

export function Figure({ value, label, bad }: { value: number | string; label: string; bad?: boolean }) {
  return (
    <View className="ent-figure">
      <Text className={`ent-figure__value${bad ? ' ent-figure__value--bad' : ''}`}>{value}</Text>
      <Text className="ent-figure__label">{label}</Text>
    </View>
  )
}

function RateBar({ rate }: { rate: number | null }) {
  return <Progress percent={Math.round((rate ?? 0) * 100)} color="#b8232b" showText={false} />
}

/** 整改: open, overdue and 待核验 figures, then the open ones by deadline, each opening its page. */
export function RectificationsCard({ data }: { data: TSupervisionEnterprise }) {
  const r = data.rectifications
  const eid = data.profile.id
  return (
    <View className="a-card ent-card">
      <View className="ent-card__head">
        <Text className="a-card__title">整改</Text>
        <Text className="ent-link" onClick={go(assessmentPages.rectifications(eid))}>
          全部整改
        </Text>
      </View>
      <View className="ent-figures">
        <Figure value={r.open} label="未销号" />
        <Figure value={r.overdue} label="已逾期" bad={r.overdue > 0} />
        <Figure value={r.awaitingVerification} label="待核验" />
        <Figure value={r.closed} label="已销号" />
      </View>
      {r.items.length === 0 ? <Text className="ent-empty">暂无未销号的整改</Text> : null}
      {r.items.map((item) => (
        <View key={item.id} className="ent-row" onClick={go(assessmentPages.rectification(eid, item.id))}>
          <View className="ent-row__main">
            <Text className="ent-row__title">{item.title}</Text>
            <Text className={`ent-row__meta${item.overdue ? ' ent-row__meta--bad' : ''}`}>
              {RECTIFICATION_SOURCE_LABELS[item.source]} · 期限 {formatDate(item.deadline)}
            </Text>
          </View>
          <View className="ent-row__side">
            <RectificationStatusTag status={item.status} />
            {item.overdue ? <OverdueTag /> : null}
          </View>
        </View>
      ))}
      {r.open > r.items.length ? (
        <Text className="a-card__meta">仅列出期限最近的 {r.items.length} 项</Text>
      ) : null}
    </View>
  )
}

/** 三会一课: this year's 完成率 per branch and per kind of meeting. */
export function PartyCard({ data }: { data: TSupervisionEnterprise }) {
  const { party, profile } = data
  return (
    <EntCard
      title={`三会一课（${party.year}年）`}
      empty={
        party.branches.length === 0 ? (profile.partyOrg === 'none' ? '未建立党组织' : '尚未设立党支部') : null
      }
    >
      {party.branches.map((b) => (
        <View
          key={b.branchId}
          className="ent-block"
          onClick={go(partyPages.calendar(profile.id, b.branchId))}
        >
          <View className="ent-card__head">
            <Text className="ent-row__title">{b.branchName}</Text>
            <Text className="ent-rate">{percent(b.rate)}</Text>
          </View>
          <RateBar rate={b.rate} />
          <Text className="ent-row__meta">
            本月 {b.meetingsThisMonth} 次 · 最近一次{' '}
            {b.lastMeetingAt ? formatDate(b.lastMeetingAt) : '无记录'}
          </Text>
          <View className="ent-types">
            {b.byType.map((t) => (
              <Text key={t.type} className="ent-types__item">
                {MEETING_TYPE_SHORT[t.type]} {percent(t.rate)}
              </Text>
            ))}
          </View>
        </View>
      ))}
    </EntCard>
  )
}

const signed = (v: boolean | null) => (v === null ? '不适用' : v ? '已签署' : '未签署')

/** 廉洁承诺 this year and 活动到会率, each opening its own page. */
export function PledgesAttendanceCard({ data }: { data: TSupervisionEnterprise }) {
  const { pledges: p, attendance: a, profile } = data
  return (
    <View className="a-card ent-card">
      <View className="ent-block" onClick={go(pledgePages.coverage(profile.id))}>
        <View className="ent-card__head">
          <Text className="a-card__title">廉洁承诺（{p.year}年）</Text>
          <Text className="ent-rate">{percent(p.personalRate)}</Text>
        </View>
        <RateBar rate={p.personalRate} />
        <Text className="ent-row__meta">
          个人承诺 {p.personalSigned}/{p.members} 人 · 企业承诺{signed(p.enterprisePledge)}
          {p.soeLeaderPledge !== null ? ` · 国企领导人员承诺${signed(p.soeLeaderPledge)}` : ''}
        </Text>
        <Text className="ent-row__meta">
          政商双边承诺 生效 {p.governmentBusinessEffective} 份 · 待会签 {p.governmentBusinessPending} 份
        </Text>
      </View>
      <View className="ent-block" onClick={go(eventPages.rate(profile.id))}>
        <View className="ent-card__head">
          <Text className="a-card__title">活动到会率</Text>
          <Text className="ent-rate">{percent(a.rate)}</Text>
        </View>
        <RateBar rate={a.rate} />
        <Text className="ent-row__meta">
          {a.events
            ? `已开始签到的活动 ${a.events} 场 · 应到 ${a.expected} 人次 · 实到 ${a.attended} 人次`
            : '暂无已开始签到的活动'}
        </Text>
      </View>
    </View>
  )
}

const DECISIONS: Record<string, string> = { close: '销号', return: '退回重改' }

function historyText(h: TEnterpriseHistoryEntry): string {
  const decision =
    h.action === 'rectification.verify' && h.decision ? `：${DECISIONS[h.decision] ?? h.decision}` : ''
  return `${auditActionLabel(h.action)}${decision}`
}

/** 监管记录: returns, approvals, notices, verifications, newest first; 更多 loads the next page. */
export function HistoryCard({
  items,
  total,
  loading,
  onMore,
}: {
  items: TEnterpriseHistoryEntry[]
  total: number
  loading: boolean
  onMore: () => void
}) {
  return (
    <EntCard title={`监管记录（${total}）`} empty={items.length === 0 ? '暂无监管记录' : null}>
      {items.map((h) => (
        <View key={h.id} className="ent-history">
          <Text className="ent-history__what">{historyText(h)}</Text>
          {h.subject ? <Text className="ent-history__subject">{h.subject}</Text> : null}
          <Text className="ent-row__meta">
            {formatDateTime(h.at)}
            {h.actorName ? ` · ${h.actorName}` : ''}
          </Text>
        </View>
      ))}
      {items.length < total ? (
        <Button className="ent-more" size="small" fill="outline" loading={loading} onClick={onMore}>
          更多
        </Button>
      ) : null}
    </EntCard>
  )
}
