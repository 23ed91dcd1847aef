import { z } from 'zod'
import { enterpriseRef, rowIds, ZDay } from './common'
import { lines, oneLine, severalLines, textOf } from './textLimit'
import { ZEvidenceFile } from './file'
import { RECTIFICATION_TIMELINESS } from './rectificationTimeliness'

/** 整改: a finding of a 自查, a supervisor's 整改通知 or a 风险点, put right and verified (销号). */

export const RECTIFICATION_STATUSES = ['open', 'awaiting_verification', 'closed', 'returned'] as const
export const ZRectificationStatus = z.enum(RECTIFICATION_STATUSES)
export type TRectificationStatus = z.infer<typeof ZRectificationStatus>
export const RECTIFICATION_STATUS_LABELS: Record<TRectificationStatus, string> = {
  open: '待整改',
  awaiting_verification: '待核验',
  closed: '已销号',
  returned: '退回重改',
}
export const RECTIFICATION_SOURCE_LABELS = {
  finding: '自查发现',
  notice: '整改通知',
  risk: '风险点',
} as const

export const ZRectification = z
  .object({
    id: z.number().int(),
    ...enterpriseRef,
    source: z.enum(['finding', 'notice', 'risk']),
    assessmentId: z.number().int().nullable(),
    itemCode: z.string().nullable(),
    /** The 廉洁风险点 it was raised from (source 'risk'). */
    riskId: z.number().int().nullable(),
    title: z.string(),
    detail: z.string().nullable(),
    deadline: z.string(),
    status: ZRectificationStatus,
    /** 待整改 or 退回重改 and past the deadline (北京时间). */
    overdue: z.boolean(),
    /** When it was handed in for 核验 to reach its present 待核验 or 已销号 (null while open or returned). */
    submittedAt: z.string().nullable(),
    /** rectificationTimeliness(): 逾期 / 未到期 while open, 逾期完成 / 按时完成 once handed in. */
    timeliness: z.enum(RECTIFICATION_TIMELINESS),
    response: z.string().nullable(),
    evidence: z.array(ZEvidenceFile),
    history: z.array(
      z.object({
        fromStatus: ZRectificationStatus.nullable(),
        toStatus: ZRectificationStatus,
        actorName: z.string().nullable(),
        comment: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
    updatedAt: z.string(),
  })
  .meta({ id: 'Rectification' })
export type TRectification = z.infer<typeof ZRectification>

/** 整改通知: a supervising department (or the office) tells an enterprise what to put right, by when. */
export const ZRectificationNotice = z
  .object({
    title: oneLine(textOf(2, '请填写整改事项（至少2个字）', 100, '整改事项不超过100字'), '整改事项'),
    detail: severalLines(textOf(2, '请填写整改要求（至少2个字）', 1000, '整改要求不超过1000字'), '整改要求'),
    deadline: ZDay,
  })
  .meta({ id: 'RectificationNotice' })
export type TRectificationNotice = z.input<typeof ZRectificationNotice>

export const ZRectificationRespond = z
  .object({
    response: severalLines(textOf(2, '请说明整改情况', 1000, '整改说明不超过1000字'), '整改说明'),
    evidenceIds: rowIds(20, '证明材料').default([]),
  })
  .meta({ id: 'RectificationRespond' })

export const ZRectificationVerify = z
  .object({
    decision: z.enum(['close', 'return']),
    comment: lines(500, '意见').nullable().optional(),
  })
  .refine((v) => v.decision === 'close' || (v.comment ?? '').length > 0, {
    message: '退回须填写意见',
    path: ['comment'],
  })
  .meta({ id: 'RectificationVerify' })
