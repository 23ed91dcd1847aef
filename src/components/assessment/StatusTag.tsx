import { Tag } from '@nutui/nutui-react-taro'
import { ASSESSMENT_STATUS_LABELS, type TAssessmentStatus } from '@/models/assessment'
import { RECTIFICATION_STATUS_LABELS, type TRectificationStatus } from '@/models/rectification'
import './StatusTag.scss'

/** 草稿 / 已提交 / 退回修改 / 已通过, each in its own colour. */
export function AssessmentStatusTag({ status }: { status: TAssessmentStatus | null }) {
  if (!status) return <Tag className="status-tag status-tag--none">未发起</Tag>
  return <Tag className={`status-tag status-tag--${status}`}>{ASSESSMENT_STATUS_LABELS[status]}</Tag>
}

/** 待整改 / 待核验 / 已销号 / 退回重改, and 已逾期 when the deadline has passed. */
export function RectificationStatusTag({ status }: { status: TRectificationStatus }) {
  return <Tag className={`status-tag status-tag--rect-${status}`}>{RECTIFICATION_STATUS_LABELS[status]}</Tag>
}
