import { Tag } from '@nutui/nutui-react-taro'
import './assessment/StatusTag.scss'

/**
 * 已逾期, in the status tags' red. Not in StatusTag.tsx, whose tags need the assessment model: the 任务
 * tab, in the mini-program's main package, would pull that model and zod in with it.
 */
export function OverdueTag() {
  return <Tag className="status-tag status-tag--overdue">已逾期</Tag>
}
