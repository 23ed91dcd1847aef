import Taro from '@tarojs/taro'
import { Cell } from '@nutui/nutui-react-taro'
import { useOutbox } from '@/hooks/useOutbox'
import './OutboxNotice.scss'

export const TASKS_PAGE = '/pages/tasks/index'

/** "N 条记录等待同步" / "N 条提交未被接受": links to 任务, where the outbox is shown. Nothing when empty. */
export function OutboxNotice() {
  const { pending, refused, syncing } = useOutbox()
  if (pending.length === 0 && refused.length === 0) return null
  const parts: string[] = []
  if (pending.length) parts.push(`${pending.length} 条记录${syncing ? '正在同步' : '等待同步'}`)
  if (refused.length) parts.push(`${refused.length} 条提交未被接受`)
  return (
    <Cell
      className="outbox-notice"
      title={parts.join('，')}
      description={refused.length ? '请到「任务」查看原因并处理' : '网络恢复后会自动发送，无需重复提交'}
      extra="查看"
      clickable
      onClick={() => void Taro.switchTab({ url: TASKS_PAGE })}
    />
  )
}
