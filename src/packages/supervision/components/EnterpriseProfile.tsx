import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Tag } from '@nutui/nutui-react-taro'
import { SECTIONS, SECTION_LABELS } from '@/models/checklist'
import { OWNERSHIP_LABELS, PARTY_ORG_LABELS } from '@/models/org'
import { milestoneText, PLAN_FILING_STATUS_LABELS } from '@/models/milestones'
import type { TEnterpriseCampaign, TSupervisionEnterprise } from '@/models/supervisionEnterprise'
import { formatDate } from '@/models/format'
import { AssessmentStatusTag } from '@/components/assessment/StatusTag'
import { formatScore } from '@/services/assessmentView'
import { orgPages, supervisionPages } from '@/services/routes'
import { EntCard } from './EntCard'

const go = (url: string) => () => void Taro.navigateTo({ url })

/** 概况: who the enterprise is, who its liaison is, who supervises it, and its 实施步骤 milestones. */
export function ProfileCard({ data }: { data: TSupervisionEnterprise }) {
  const { profile: p, milestones: m } = data
  const liaison = p.liaisons.length
    ? p.liaisons.map((l) => `${l.name}${l.phone ? ` ${l.phone}` : ''}`).join('、')
    : p.registeredLiaison.name
      ? `${p.registeredLiaison.name}${p.registeredLiaison.phone ? ` ${p.registeredLiaison.phone}` : ''}（未加入）`
      : '未登记'
  return (
    <View className="a-card ent-card">
      <Text className="ent-card__name">{p.name}</Text>
      <View className="ent-card__tags">
        <Tag className="ent-tag">{OWNERSHIP_LABELS[p.ownership]}</Tag>
        <Tag className="ent-tag">{PARTY_ORG_LABELS[p.partyOrg]}</Tag>
        {p.demonstration ? (
          <Tag className="ent-tag ent-tag--mark" type="success">
            {p.demonstration === 'pilot' ? '示范点' : '示范企业'}
          </Tag>
        ) : null}
      </View>
      <CellGroup className="ent-cells">
        <Cell title="统一社会信用代码" extra={p.creditCode} />
        {p.industry ? <Cell title="行业" extra={p.industry} /> : null}
        <Cell title="联络员" extra={liaison} />
        <Cell title="监管部门" extra={p.departments.length ? p.departments.join('、') : '未关联'} />
        <Cell
          title="领导小组"
          extra={milestoneText(m.leadingGroup)}
          className={m.leadingGroup.overdue || m.leadingGroup.status === 'late' ? 'ent-cell--bad' : ''}
          clickable
          onClick={go(orgPages.milestones(p.id))}
        />
        <Cell
          title="实施方案"
          extra={`${milestoneText(m.plan)}${m.plan.receipt ? `（${PLAN_FILING_STATUS_LABELS[m.plan.receipt]}）` : ''}`}
          className={m.plan.overdue || m.plan.status === 'late' ? 'ent-cell--bad' : ''}
          clickable
          onClick={go(orgPages.milestones(p.id))}
        />
      </CellGroup>
      <Text className="a-card__meta">里程碑截止日期 {formatDate(m.deadline)}</Text>
      <Button
        className="ent-notice"
        type="primary"
        fill="outline"
        size="small"
        onClick={go(supervisionPages.notice(p.id, p.name))}
      >
        下发整改通知
      </Button>
    </View>
  )
}

/** The campaigns that have scores, oldest first: the order a trend reads in. */
const scored = (campaigns: TEnterpriseCampaign[]) => campaigns.filter((c) => c.overall !== null).reverse()

/** 历次自查: every campaign with its status and score, then each dimension's score over the campaigns. */
export function CampaignsCard({ data }: { data: TSupervisionEnterprise }) {
  const { campaigns, campaignCount, profile } = data
  const trend = scored(campaigns)
  return (
    <EntCard
      title={`历次自查（${campaignCount}）`}
      empty={campaigns.length === 0 ? '尚未参加自查期次' : null}
    >
      {campaigns.map((c) => (
        <View
          key={c.assessmentId}
          className="ent-row"
          onClick={go(supervisionPages.review(profile.id, c.assessmentId))}
        >
          <View className="ent-row__main">
            <Text className="ent-row__title">{c.campaignName}</Text>
            <Text className="ent-row__meta">
              {formatDate(c.periodStart)} 至 {formatDate(c.periodEnd)}
              {c.closed ? ' · 已结束' : ` · 截止 ${formatDate(c.dueDate)}`}
            </Text>
          </View>
          <View className="ent-row__side">
            <Text className="ent-row__score">{formatScore(c.overall)}</Text>
            <AssessmentStatusTag status={c.status} />
          </View>
        </View>
      ))}
      {campaignCount > campaigns.length ? (
        <Text className="a-card__meta">仅列出最近 {campaigns.length} 期</Text>
      ) : null}
      <Text className="ent-subtitle">各维度得分趋势</Text>
      {trend.length === 0 ? (
        <Text className="ent-empty">暂无已提交的自查得分</Text>
      ) : (
        SECTIONS.map((section) => (
          <View key={section} className="ent-trend">
            <Text className="ent-trend__label">{SECTION_LABELS[section]}</Text>
            {trend.map((c) => {
              const score = c.sections.find((s) => s.section === section)?.score ?? null
              return (
                <View key={c.assessmentId} className="ent-bar">
                  <Text className="ent-bar__name">{c.campaignName}</Text>
                  <View className="ent-bar__track">
                    <View
                      className={`ent-bar__fill${score !== null && score < 60 ? ' ent-bar__fill--low' : ''}`}
                      style={{ width: `${score ?? 0}%` }}
                    />
                  </View>
                  <Text className="ent-bar__value">{score === null ? '不适用' : formatScore(score)}</Text>
                </View>
              )
            })}
          </View>
        ))
      )}
    </EntCard>
  )
}
