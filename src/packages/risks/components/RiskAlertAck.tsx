import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatDateTime } from '@/models/format'
import type { TRiskDetail } from '@/models/risk'
import { ActionBar } from '@/components/ActionBar'
import { useBusy } from '@/hooks/useBusy'
import { useWrite } from '@/hooks/useWrite'
import { queueRiskAcknowledge } from '@/services/risks'
import './risks.scss'

/**
 * A 高 risk's 风险预警 as the supervising departments take note of it: who has 阅知 this occasion (北京时间),
 * and 阅知 for a supervisor whose department has not. It then leaves their 任务 until the alert changes
 * (a new 高, an edit of the post or the measures, an overdue review).
 */
export function RiskAlertAck({ risk, onDone }: { risk: TRiskDetail; onDone: () => Promise<unknown> }) {
  const write = useWrite()
  const [busy, whileBusy] = useBusy()
  const { acks, canAcknowledge, occasion } = risk.alert
  if (acks.length === 0 && !canAcknowledge) return null

  const acknowledge = () =>
    whileBusy(async () => {
      const outcome = await write(queueRiskAcknowledge(risk.enterpriseId, risk.id, occasion), {
        done: '已阅知',
      })
      if (outcome.kind !== 'queued') await onDone().catch(() => undefined)
    })

  return (
    <View className="a-card risk-alert">
      <Text className="a-card__title">风险预警</Text>
      {acks.map((a) => (
        <Text key={`${a.departmentName}${a.acknowledgedAt}`} className="risk-alert__ack">
          {`${a.departmentName}已于 ${formatDateTime(a.acknowledgedAt)} 阅知${a.userName ? `（${a.userName}）` : ''}`}
        </Text>
      ))}
      {canAcknowledge ? (
        <>
          <Text className="risk-form__hint">
            阅知后，本预警不再列入本部门的任务；风险等级重新升为高、岗位或防控措施修改、逾期未复核时会再次提醒。
          </Text>
          <ActionBar>
            <Button type="primary" block loading={busy} disabled={busy} onClick={() => void acknowledge()}>
              阅知
            </Button>
          </ActionBar>
        </>
      ) : null}
    </View>
  )
}
