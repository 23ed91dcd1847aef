import { Text } from '@tarojs/components'
import { PLEDGE_STATUS_LABELS, type TPledgeStatus } from '@/models/pledge'

/** 待对方签署 / 已生效 / 已撤回 */
export function PledgeStatusTag({ status }: { status: TPledgeStatus }) {
  return <Text className={`pl-tag pl-tag--${status}`}>{PLEDGE_STATUS_LABELS[status]}</Text>
}
