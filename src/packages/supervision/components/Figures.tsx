import { Text, View } from '@tarojs/components'
import { OWNERSHIPS, OWNERSHIP_LABELS, PARTY_ORGS, PARTY_ORG_LABELS } from '@/models/org'
import { SECTION_LABELS } from '@/models/checklist'
import { MILESTONE_STATUSES, MILESTONE_STATUS_LABELS } from '@/models/milestones'
import {
  ATTENDANCE_BANDS,
  ATTENDANCE_BAND_LABELS,
  COMPLETION_LABELS,
  COMPLETION_STATUSES,
  MEETING_BANDS,
  MEETING_BAND_LABELS,
  MILESTONE_KEYS,
  MILESTONE_KEY_LABELS,
  PLEDGE_BANDS,
  PLEDGE_BAND_LABELS,
  RECTIFICATION_FILTERS,
  RECTIFICATION_FILTER_LABELS,
  SCORE_BANDS,
  type TMeetingFigures,
  type TRiskFigures,
  type TScoreFigure,
  type TSupervisionFigures,
} from '@/models/supervisionOverview'
import { formatScore } from '@/services/assessmentView'
import { RiskFiguresSection } from './RiskFigures'
import { Bars, Section, Tile, type Drill } from './FigureParts'
import './supervision.scss'

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '—')

function ScoreBlock({ s, scope }: { s: TScoreFigure; scope: Drill }) {
  const label = s.key === 'overall' ? '综合得分' : SECTION_LABELS[s.key]
  return (
    <View className="sv-score">
      <Text className="sv-score__title">
        {s.scored ? `${label} 平均 ${formatScore(s.average)}（${s.scored} 家有得分）` : `${label}：暂无得分`}
      </Text>
      {s.scored ? (
        <Bars
          rows={SCORE_BANDS.map((b, i) => ({
            label: b.label,
            value: s.bands[i],
            drill: { ...scope, score: s.key, band: i },
          }))}
        />
      ) : null}
    </View>
  )
}

/**
 * 监管总览's figures: each number or bar opens the enterprises behind it (the same campaign and
 * department), where its count is the list's total.
 */
export function Figures({
  f,
  meetings,
  risks,
}: {
  f: TSupervisionFigures
  meetings: TMeetingFigures | null
  risks: TRiskFigures | null
}) {
  const scope: Drill = { campaignId: f.campaign?.id, departmentId: f.departmentId ?? undefined }
  const r = f.rectifications
  return (
    <View>
      <Section title="自查进度" extra={f.campaign ? f.campaign.name : '暂无期次'}>
        <View className="sv-tiles">
          {COMPLETION_STATUSES.map((s) => (
            <Tile
              key={s}
              value={f.completion[s]}
              label={COMPLETION_LABELS[s]}
              drill={{ ...scope, status: s }}
              tone={s === 'submitted' ? 'todo' : undefined}
            />
          ))}
        </View>
      </Section>
      <Section title="整改" extra="按企业计">
        <View className="sv-tiles">
          {RECTIFICATION_FILTERS.map((k) => (
            <Tile
              key={k}
              value={r[k].enterprises}
              label={`${RECTIFICATION_FILTER_LABELS[k]}（${r[k].items}项）`}
              drill={{ ...scope, rectification: k }}
              tone={k === 'overdue' && r[k].enterprises ? 'bad' : undefined}
            />
          ))}
        </View>
      </Section>
      <Section title="各维度得分" extra="平均分与分布">
        {f.scores.map((s) => (
          <ScoreBlock key={s.key} s={s} scope={scope} />
        ))}
      </Section>
      <Section
        title={`廉洁承诺覆盖（${f.pledges.year}年）`}
        extra={`个人承诺 ${f.pledges.signed}/${f.pledges.members} 人 ${percent(f.pledges.signed, f.pledges.members)}`}
      >
        <Bars
          rows={PLEDGE_BANDS.map((b) => ({
            label: PLEDGE_BAND_LABELS[b],
            value: f.pledges.bands[b],
            drill: { ...scope, pledge: b },
          }))}
        />
      </Section>
      <Section
        title="活动到会率"
        extra={`实到 ${f.attendance.attended} / 应到 ${f.attendance.expected} · 到会率 ${percent(f.attendance.attended, f.attendance.expected)}`}
      >
        <Bars
          rows={ATTENDANCE_BANDS.map((b) => ({
            label: ATTENDANCE_BAND_LABELS[b],
            value: f.attendance.bands[b],
            drill: { ...scope, attendance: b },
          }))}
        />
        <Text className="sv-section__note">
          应到 = 已开始签到的受邀活动 × 企业成员数；受邀·暂无成员：受邀了，但尚无成员加入、无人可签到
        </Text>
      </Section>
      {meetings ? (
        <Section
          title="三会一课完成率"
          extra={`${meetings.year}年 ${meetings.done}/${meetings.required}期 ${percent(meetings.done, meetings.required)}`}
        >
          <Bars
            rows={MEETING_BANDS.map((b) => ({
              label: MEETING_BAND_LABELS[b],
              value: meetings.bands[b],
              drill: { ...scope, meetings: b },
            }))}
          />
          <Text className="sv-section__note">
            只计有党员出席的已提交记录；未设立支部：资料填有党组织但未登记党支部；暂无要求：无党组织或尚无到期
          </Text>
        </Section>
      ) : null}
      {risks ? <RiskFiguresSection risks={risks} scope={scope} /> : null}
      <Section title="实施步骤">
        {MILESTONE_KEYS.map((m) => (
          <View key={m} className="sv-score">
            <Text className="sv-score__title">{MILESTONE_KEY_LABELS[m]}</Text>
            <View className="sv-tiles">
              {MILESTONE_STATUSES.map((s) => (
                <Tile
                  key={s}
                  value={f.milestones[m][s]}
                  label={MILESTONE_STATUS_LABELS[s]}
                  drill={{ ...scope, milestone: `${m}.${s}` }}
                  tone={s === 'late' && f.milestones[m][s] ? 'bad' : undefined}
                />
              ))}
            </View>
          </View>
        ))}
      </Section>
      <Section title="企业构成">
        <Text className="sv-score__title">所有制</Text>
        <Bars
          rows={OWNERSHIPS.map((o) => ({
            label: OWNERSHIP_LABELS[o],
            value: f.ownership[o],
            drill: { ...scope, ownership: o },
          }))}
        />
        <Text className="sv-score__title">党组织</Text>
        <Bars
          rows={PARTY_ORGS.map((o) => ({
            label: PARTY_ORG_LABELS[o],
            value: f.partyOrg[o],
            drill: { ...scope, partyOrg: o },
          }))}
        />
      </Section>
      {f.departments.length > 1 ? (
        <Section title="按监管部门">
          <Bars
            rows={f.departments.map((d) => ({
              label: d.name,
              value: d.enterprises,
              drill: { campaignId: f.campaign?.id, departmentId: d.id },
            }))}
          />
        </Section>
      ) : null}
    </View>
  )
}
