import type { ReactNode } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { SECTION_LABELS, SECTIONS } from '@/models/checklist'
import { EXEMPLAR_CLASS_LABELS, type TExemplarCandidate } from '@/models/exemplars'
import { milestoneText } from '@/models/milestones'
import { formatScore } from '@/services/assessmentView'

const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)
// Scores as every other page shows them (81, 80.6).
const score = formatScore

/** The campaigns any candidate took part in, newest first (each candidate's own list is newest first). */
function campaignsOf(candidates: TExemplarCandidate[]) {
  const seen = new Map<number, string>()
  for (const c of candidates)
    for (const k of c.campaigns) if (!seen.has(k.campaignId)) seen.set(k.campaignId, k.campaignName)
  return [...seen.entries()].sort((a, b) => b[0] - a[0]).slice(0, 4)
}

function Row({ label, cells, head }: { label: string; cells: ReactNode[]; head?: boolean }) {
  return (
    <View className={`ex-cmp__row${head ? ' ex-cmp__row--head' : ''}`}>
      <Text className="ex-cmp__label">{label}</Text>
      {cells.map((cell, i) => (
        <View key={i} className="ex-cmp__cell">
          {cell}
        </View>
      ))}
    </View>
  )
}

/**
 * The candidates side by side: one column each, one row per figure of their enterprise pages (scores per
 * campaign and per dimension, 整改, attendance, pledges, 三会一课, milestones), then the choice.
 */
export function ExemplarComparison(props: {
  candidates: TExemplarCandidate[]
  editable: boolean
  onChoose: (c: TExemplarCandidate, chosen: boolean) => void
  onRemove: (c: TExemplarCandidate) => void
  onOpen: (c: TExemplarCandidate) => void
}) {
  const { candidates, editable } = props
  const campaigns = campaignsOf(candidates)
  const latest = campaigns[0]?.[0]
  const text = (value: string, good?: boolean) => (
    <Text className={`ex-cmp__value${good ? ' ex-cmp__value--good' : ''}`}>{value}</Text>
  )
  const each = (f: (c: TExemplarCandidate) => ReactNode) => candidates.map(f)
  return (
    <ScrollView scrollX className="ex-cmp">
      <View className="ex-cmp__table">
        <Row
          head
          label="企业"
          cells={each((c) => (
            <Text className="ex-cmp__name" onClick={() => props.onOpen(c)}>
              {c.name}
            </Text>
          ))}
        />
        <Row label="类别" cells={each((c) => text(EXEMPLAR_CLASS_LABELS[c.class]))} />
        {campaigns.map(([id, name]) => (
          <Row
            key={id}
            label={`${name} 总分`}
            cells={each((c) => text(score(c.campaigns.find((k) => k.campaignId === id)?.overall)))}
          />
        ))}
        {latest !== undefined
          ? SECTIONS.map((s) => (
              <Row
                key={s}
                label={`${SECTION_LABELS[s]}（最近一期）`}
                cells={each((c) =>
                  text(
                    score(
                      c.campaigns.find((k) => k.campaignId === latest)?.sections.find((x) => x.section === s)
                        ?.score,
                    ),
                  ),
                )}
              />
            ))
          : null}
        <Row label="整改销号率" cells={each((c) => text(pct(c.rectificationClosure)))} />
        <Row
          label="未销号 / 逾期"
          cells={each((c) => text(`${c.rectificationOpen} / ${c.rectificationOverdue}`))}
        />
        <Row label="活动到会率" cells={each((c) => text(pct(c.attendanceRate)))} />
        <Row label="个人承诺覆盖" cells={each((c) => text(pct(c.pledgeRate)))} />
        <Row label="三会一课完成率" cells={each((c) => text(pct(c.meetingRate)))} />
        <Row label="成立领导小组" cells={each((c) => text(milestoneText(c.milestones.leadingGroup)))} />
        <Row label="报送实施方案" cells={each((c) => text(milestoneText(c.milestones.plan)))} />
        <Row
          label="选定"
          cells={each((c) =>
            editable ? (
              <View className="ex-cmp__actions">
                <Button
                  size="small"
                  type={c.chosen ? 'default' : 'primary'}
                  className={`ex-choose ex-choose--${c.enterpriseId}`}
                  onClick={() => props.onChoose(c, !c.chosen)}
                >
                  {c.chosen ? '取消选定' : '选定'}
                </Button>
                {c.chosen ? null : (
                  <Text className="ex-cmp__remove" onClick={() => props.onRemove(c)}>
                    移出
                  </Text>
                )}
              </View>
            ) : (
              text(c.chosen ? '已选定' : '未选定', c.chosen)
            ),
          )}
        />
      </View>
    </ScrollView>
  )
}
