import type { TAssessment } from '@/models/assessment'
import type { TRectification } from '@/models/rectification'
import { RECTIFICATION_STATUS_LABELS } from '@/models/rectification'
import type { TimelineEvent } from './Timeline'

type Step = Pick<TimelineEvent, 'actorName' | 'comment' | 'createdAt'>

/** A history as timeline events, each step named (and toned) by `describe`. */
function timeline<H extends Step>(
  history: readonly H[],
  describe: (h: H) => { title: string; tone?: TimelineEvent['tone'] },
): TimelineEvent[] {
  return history.map((h, i) => {
    const { title, tone = 'default' } = describe(h)
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

/** The assessment's history as timeline events: 发起自查 → 提交 → 退回修改 / 审核通过 → 重新提交 … */
export function assessmentEvents(history: TAssessment['history']): TimelineEvent[] {
  return timeline(history, (h) => {
    if (h.toStatus === 'draft') return { title: h.fromStatus === null ? '发起自查' : '改为草稿' }
    if (h.toStatus === 'submitted')
      return { title: h.fromStatus === 'returned' ? '修改后重新提交' : '提交自查' }
    if (h.toStatus === 'returned') return { title: '退回修改', tone: 'warn' }
    return { title: '审核通过', tone: 'good' }
  })
}

/** The latest 退回 event (its comment is the reviewer's overall opinion). */
export function lastReturn(history: TAssessment['history']) {
  return [...history].reverse().find((h) => h.toStatus === 'returned') ?? null
}

export function rectificationEvents(history: TRectification['history']): TimelineEvent[] {
  return timeline(history, (h) => {
    if (h.fromStatus === null) return { title: '生成整改事项' }
    if (h.toStatus === 'awaiting_verification') return { title: '报送整改情况' }
    if (h.toStatus === 'closed') return { title: '核验销号', tone: 'good' }
    if (h.toStatus === 'returned') return { title: '核验退回', tone: 'warn' }
    return { title: RECTIFICATION_STATUS_LABELS[h.toStatus] }
  })
}
