import Taro from '@tarojs/taro'
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
  type TScoreFigure,
  type TSupervisionFigures,
} from '@/models/supervisionOverview'
import { supervisionPages } from '@/services/routes'
import { formatScore } from '@/services/assessmentView'
import './supervision.scss'

type Drill = Record<string, string | number | undefined>

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '—')

/** A number that opens the list behind it. */
function Tile(props: { value: number; label: string; drill: Drill; tone?: 'bad' | 'todo' }) {
  return (
    <View
      className="sv-tile"
      onClick={() => void Taro.navigateTo({ url: supervisionPages.enterprises(props.drill) })}
    >
      <Text className={`sv-tile__value${props.tone ? ` sv-tile__value--${props.tone}` : ''}`}>
        {props.value}
      </Text>
      <Text className="sv-tile__label">{props.label}</Text>
    </View>
  )
}

/** Horizontal bars drawn with views (no chart library): each opens its list. */
function Bars(props: { rows: { label: string; value: number; drill: Drill }[] }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value))
  return (
    <View className="sv-bars">
      {props.rows.map((r) => (
        <View
          key={r.label}
          className="sv-bars__row"
          onClick={() => void Taro.navigateTo({ url: supervisionPages.enterprises(r.drill) })}
        >
          <Text className="sv-bars__label">{r.label}</Text>
          <View className="sv-bars__track">
            <View className="sv-bars__fill" style={{ width: `${(r.value / max) * 100}%` }} />
          </View>
          <Text className="sv-bars__value">{r.value}</Text>
        </View>
      ))}
    </View>
  )
}

function Section(props: { title: string; extra?: string; children: React.ReactNode }) {
  return (
    <View className="a-card sv-section">
      <View className="sv-section__head">
        <Text className="sv-section__title">{props.title}</Text>
        {props.extra ? <Text className="sv-section__extra">{props.extra}</Text> : null}
      </View>
      {props.children}
    </View>
  )
}

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
export function Figures({ f, meetings }: { f: TSupervisionFigures; meetings: TMeetingFigures | null }) {
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
        extra={`实到 ${f.attendance.attended}/应到 ${f.attendance.expected} ${percent(f.attendance.attended, f.attendance.expected)}`}
      >
        <Bars
          rows={ATTENDANCE_BANDS.map((b) => ({
            label: ATTENDANCE_BAND_LABELS[b],
            value: f.attendance.bands[b],
            drill: { ...scope, attendance: b },
          }))}
        />
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
        </Section>
      ) : null}
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
