import type { TAssessment, TRectification } from '@/models/assessment'
import { RECTIFICATION_STATUS_LABELS } from '@/models/assessment'
import type { TimelineEvent } from './Timeline'

/** The assessment's history as timeline events: 发起自查 → 提交 → 退回修改 / 审核通过 → 重新提交 … */
export function assessmentEvents(history: TAssessment['history']): TimelineEvent[] {
  return history.map((h, i) => {
    let title: string
    let tone: TimelineEvent['tone'] = 'default'
    if (h.toStatus === 'draft') title = h.fromStatus === null ? '发起自查' : '改为草稿'
    else if (h.toStatus === 'submitted') title = h.fromStatus === 'returned' ? '修改后重新提交' : '提交自查'
    else if (h.toStatus === 'returned') {
      title = '退回修改'
      tone = 'warn'
    } else {
      title = '审核通过'
      tone = 'good'
    }
    return {
      key: `${i}-${h.createdAt}`,
      title,
      actorName: h.actorName,
      comment: h.comment,
      createdAt: h.createdAt,
      tone,
    }
  })
}

/** The latest 退回 event (its comment is the reviewer's overall opinion). */
export function lastReturn(history: TAssessment['history']) {
  return [...history].reverse().find((h) => h.toStatus === 'returned') ?? null
}

export function rectificationEvents(history: TRectification['history']): TimelineEvent[] {
  return history.map((h, i) => {
    let title: string = RECTIFICATION_STATUS_LABELS[h.toStatus]
    let tone: TimelineEvent['tone'] = 'default'
    if (h.fromStatus === null) title = '生成整改事项'
    else if (h.toStatus === 'awaiting_verification') title = '报送整改情况'
    else if (h.toStatus === 'closed') {
      title = '核验销号'
      tone = 'good'
    } else if (h.toStatus === 'returned') {
      title = '核验退回'
      tone = 'warn'
    }
    return {
      key: `${i}-${h.createdAt}`,
      title,
      actorName: h.actorName,
      comment: h.comment,
      createdAt: h.createdAt,
      tone,
    }
  })
}
