import { Tag } from '@nutui/nutui-react-taro'
import './assessment/StatusTag.scss'
import type { TRectificationTimeliness } from '@/models/rectificationTimeliness'

/**
 * 已逾期, in the status tags' red; `done`: 逾期完成, outlined in the same red, for work handed in after its
 * deadline (it stays visible once finished). Not in StatusTag.tsx, whose tags need the assessment model:
 * the 任务 tab, in the mini-program's main package, would pull that model and zod in with it.
 */
export function OverdueTag({ done = false }: { done?: boolean }) {
  return done ? (
    <Tag className="status-tag status-tag--overdue-done">逾期完成</Tag>
  ) : (
    <Tag className="status-tag status-tag--overdue">已逾期</Tag>
  )
}

/** A 整改's mark: 已逾期 while open past its deadline, 逾期完成 once handed in late, else none. */
export function RectificationOverdueTag({ timeliness }: { timeliness: TRectificationTimeliness }) {
  if (timeliness === 'overdue') return <OverdueTag />
  return timeliness === 'done_late' ? <OverdueTag done /> : null
}
