import { Text, View } from '@tarojs/components'
import { RISK_AREAS } from '@/models/riskCatalogue'
import type { TRiskFigures } from '@/models/supervisionOverview'
import { Bars, Section, Tile, type Drill } from './FigureParts'

const LEVELS = [
  ['high', '高'],
  ['medium', '中'],
  ['low', '低'],
] as const

/**
 * 廉洁风险点 (有效) of the enterprises in reach: enterprises with a 高 one and with a review past its date,
 * then per level and per area (bars of enterprises, the points beside), and for the office per department.
 * Each opens the enterprises behind it (`risk=`), where its count is the list's total.
 */
export function RiskFiguresSection({ risks, scope }: { risks: TRiskFigures; scope: Drill }) {
  const areas = RISK_AREAS.map((a) => ({ ...a, ...risks.areas.find((x) => x.area === a.code)! })).filter(
    (a) => a.points > 0,
  )
  // Only the departments whose enterprises have 有效 points: a row of zeros for every department says nothing.
  const departments = risks.departments.filter((d) => d.points > 0)
  return (
    <Section title="廉洁风险点" extra={`有效 ${risks.active.points} 个，涉及 ${risks.active.enterprises} 家`}>
      <View className="sv-tiles">
        <Tile
          value={risks.levels.high.enterprises}
          label={`有高风险点（${risks.levels.high.points}个）`}
          drill={{ ...scope, risk: 'high' }}
          tone={risks.levels.high.enterprises ? 'bad' : undefined}
        />
        <Tile
          value={risks.overdue.enterprises}
          label={`逾期未复核（${risks.overdue.points}个）`}
          drill={{ ...scope, risk: 'overdue' }}
          tone={risks.overdue.enterprises ? 'todo' : undefined}
        />
      </View>
      <Text className="sv-score__title">按等级（企业数）</Text>
      <Bars
        rows={LEVELS.map(([level, label]) => ({
          label,
          note: `（${risks.levels[level].points}个）`,
          value: risks.levels[level].enterprises,
          drill: { ...scope, risk: level },
        }))}
      />
      {areas.length ? (
        <>
          <Text className="sv-score__title">按领域（企业数）</Text>
          <Bars
            rows={areas.map((a) => ({
              label: a.label,
              note: `（${a.points}个）`,
              value: a.enterprises,
              drill: { ...scope, risk: `area:${a.code}` },
            }))}
          />
        </>
      ) : null}
      {risks.departments.length > 1 && departments.length > 0 && scope.departmentId === undefined ? (
        <>
          <Text className="sv-score__title">按监管部门（有高风险点的企业）</Text>
          <Bars
            rows={departments.map((d) => ({
              label: d.name,
              note: `（${d.points}个）`,
              value: d.high,
              drill: { campaignId: scope.campaignId, departmentId: d.id, risk: 'high' },
            }))}
          />
        </>
      ) : null}
    </Section>
  )
}
