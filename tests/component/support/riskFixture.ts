import { RISK_AREAS } from '@/models/riskCatalogue'
import type { TRiskDetail } from '@/models/risk'

/** A 高 risk of 县恒达食品有限公司 (enterprise 3) as GET …/risks/4 answers it; `over` changes fields. */
export function riskDetail(over: Partial<TRiskDetail> = {}): TRiskDetail {
  return {
    id: 4,
    enterpriseId: 3,
    area: RISK_AREAS[0].code,
    areaName: RISK_AREAS[0].label,
    post: '采购部 / 询价比价',
    description: '供应商围标串标',
    likelihood: 2,
    impact: 3,
    level: 'high',
    measures: '三家以上比价，纪检列席',
    owner: '陈静',
    reviewCycle: 3,
    nextReviewDate: '2026-12-31',
    reviewOverdue: false,
    status: 'active',
    rectificationId: null,
    rectificationOpen: false,
    version: 1,
    updatedAt: '2026-11-20T08:00:00.000Z',
    attachments: [],
    alert: { occasion: 1, acks: [], canAcknowledge: false },
    history: [],
    ...over,
  }
}
