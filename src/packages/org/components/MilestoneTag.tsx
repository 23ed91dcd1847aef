import { Text } from '@tarojs/components'
import { MILESTONE_STATUS_LABELS, type TMilestoneState } from '@/models/milestones'

/** 按时 (green) / 逾期 (orange) / 未报 (grey, red once the deadline is over). */
export function MilestoneTag({ state, prefix = '' }: { state: TMilestoneState; prefix?: string }) {
  const tone = state.status === 'on_time' ? 'ok' : state.status === 'late' || state.overdue ? 'bad' : 'none'
  return (
    <Text className={`milestone-tag milestone-tag--${tone}`}>
      {prefix}
      {MILESTONE_STATUS_LABELS[state.status]}
    </Text>
  )
}
