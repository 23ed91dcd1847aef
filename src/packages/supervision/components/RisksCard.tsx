import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { RISK_LEVEL_LABELS, RISK_STATUS_LABELS } from '@/models/risk'
import { fetchRisks } from '@/services/risks'
import { riskPages } from '@/services/routes'
import { useRemote } from '@/hooks/useRemote'
import { Figure } from './EnterpriseRecords'
import { formatDate } from '@/models/format'

const go = (url: string) => () => void Taro.navigateTo({ url })
/** How many risk points the card lists (高 and 逾期 come first in the register's order). */
const SHOWN = 5

/** 廉洁风险点 of the enterprise: 有效 / 高 / 逾期未复核 (the alerts), then the first ones, each opening its page. */
export function RisksCard({ enterpriseId, loads }: { enterpriseId: number; loads: number }) {
  const { state } = useRemote(`supervision-risks:${enterpriseId}:${loads}`, () => fetchRisks(enterpriseId, 1))
  if (state.status !== 'ready') return null
  const { summary, items, total } = state.data
  return (
    <View className="a-card ent-card ent-risks">
      <View className="ent-card__head">
        <Text className="a-card__title">廉洁风险点</Text>
        <Text className="ent-link" onClick={go(riskPages.list(enterpriseId))}>
          全部风险点
        </Text>
      </View>
      <View className="ent-figures">
        <Figure value={summary.active} label="有效" />
        <Figure value={summary.high} label="高风险" bad={summary.high > 0} />
        <Figure value={summary.overdue} label="逾期未复核" bad={summary.overdue > 0} />
      </View>
      {total === 0 ? <Text className="ent-empty">尚未登记廉洁风险点</Text> : null}
      {items.slice(0, SHOWN).map((r) => (
        <View key={r.id} className="ent-row" onClick={go(riskPages.detail(enterpriseId, r.id))}>
          <View className="ent-row__main">
            <Text className="ent-row__title">
              {r.areaName} · {r.post}
            </Text>
            <Text className={`ent-row__meta${r.reviewOverdue ? ' ent-row__meta--bad' : ''}`}>
              {r.reviewOverdue
                ? `逾期未复核（应于 ${formatDate(r.nextReviewDate)}）`
                : `下次复核 ${formatDate(r.nextReviewDate)}`}
            </Text>
          </View>
          <View className="ent-row__side">
            <Text className={`ent-row__meta${r.level === 'high' ? ' ent-row__meta--bad' : ''}`}>
              {RISK_LEVEL_LABELS[r.level]}风险 · {RISK_STATUS_LABELS[r.status]}
            </Text>
          </View>
        </View>
      ))}
    </View>
  )
}
