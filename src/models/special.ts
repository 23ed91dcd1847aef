import { z } from 'zod'
import { historyEntry, pageOf, pagingFields, rowIds, ZDay, ZRowId } from './common'
import { ZOwnership } from './org'
import { line, lines } from './textLimit'
import { SPECIAL_BASES, type TSpecialBasis } from './specialBasis'

export * from './specialBasis'

/**
 * 专项整治 (task 13: 列出企业突出问题清单，开展专项整治): the office or a department opens one over a fixed
 * set of enterprises; each lists its 突出问题 with a measure, an owner, a planned date and its progress.
 */

const ZVersion = z.number().int().min(1)
export const ZSpecialBasis = z.enum(SPECIAL_BASES.map((b) => b.code) as [TSpecialBasis, ...TSpecialBasis[]])
export const ZSpecialStatus = z.enum(['open', 'closed'])
export const ZSpecialProblemStatus = z.enum(['in_progress', 'done'])
export type TSpecialProblemStatus = z.infer<typeof ZSpecialProblemStatus>
export const ZSpecialProgress = z.enum(['unreported', 'in_progress', 'done'])

const editable = {
  title: line(60, '标题').min(2, '请填写标题'),
  description: lines(2000, '工作要求').min(2, '请填写工作要求'),
  /** The last day (北京时间) for the lists; overdue after it. */
  deadline: ZDay,
}

export const ZSpecialCreate = z
  .object({
    ...editable,
    basis: ZSpecialBasis,
    /** Opened for this department (the caller must supervise in it); absent: as the office. */
    departmentId: ZRowId.optional(),
    /** By ownership kinds (of the enterprises within reach), or an explicit list. */
    scope: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('ownership'),
        ownerships: z.array(ZOwnership).min(1, '请选择企业性质').max(5),
      }),
      z.object({ kind: z.literal('list'), enterpriseIds: rowIds(5000, '企业').min(1, '请选择企业') }),
    ]),
  })
  .meta({ id: 'SpecialCreate' })
export type TSpecialCreate = z.input<typeof ZSpecialCreate>

export const ZSpecialUpdate = z.object({ ...editable, version: ZVersion }).meta({ id: 'SpecialUpdate' })
export type TSpecialUpdate = z.input<typeof ZSpecialUpdate>
export const ZVersionBody = z.object({ version: ZVersion })

export const ZSpecialCounts = z.object({
  enterprises: z.number().int(),
  unreported: z.number().int(),
  inProgress: z.number().int(),
  done: z.number().int(),
  problems: z.number().int(),
  problemsDone: z.number().int(),
})
export type TSpecialCounts = z.infer<typeof ZSpecialCounts>

export const ZSpecial = z
  .object({
    id: ZRowId,
    title: z.string(),
    basis: ZSpecialBasis,
    basisLabel: z.string(),
    basisQuote: z.string(),
    description: z.string(),
    deadline: z.string(),
    overdue: z.boolean(),
    status: ZSpecialStatus,
    issuerName: z.string(),
    byOffice: z.boolean(),
    scopeLabel: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'Special' })
export type TSpecial = z.infer<typeof ZSpecial>

export const ZSpecialDetail = ZSpecial.extend({
  counts: ZSpecialCounts,
  /** The caller may change and 结束 it (its department's, or the office's own); others only read it. */
  canManage: z.boolean(),
}).meta({ id: 'SpecialDetail' })
export type TSpecialDetail = z.infer<typeof ZSpecialDetail>

export const ZSpecialListQuery = z.object({ ...pagingFields, q: line(60).optional() })
export const ZSpecialList = z.object(pageOf(ZSpecialDetail)).meta({ id: 'SpecialList' })
export type TSpecialList = z.infer<typeof ZSpecialList>

export const ZSpecialCompletionQuery = z.object({
  ...pagingFields,
  q: line(60).optional(),
  progress: ZSpecialProgress.optional(),
})
export const ZSpecialCompletionRow = z.object({
  enterpriseId: ZRowId,
  enterpriseName: z.string(),
  ownership: ZOwnership,
  progress: ZSpecialProgress,
  problems: z.number().int(),
  problemsDone: z.number().int(),
  /** Past the deadline and not 已完成. */
  overdue: z.boolean(),
  reportedAt: z.string().nullable(),
})
export type TSpecialCompletionRow = z.infer<typeof ZSpecialCompletionRow>
export const ZSpecialCompletion = z
  .object({ ...pageOf(ZSpecialCompletionRow), counts: ZSpecialCounts })
  .meta({ id: 'SpecialCompletion' })
export type TSpecialCompletion = z.infer<typeof ZSpecialCompletion>

const problemFields = {
  problem: lines(1000, '突出问题').min(2, '请填写问题'),
  measure: lines(1000, '整改措施').min(2, '请填写整改措施'),
  owner: line(30, '责任人').min(1, '请填写责任人'),
  plannedDate: ZDay,
}
export const ZSpecialProblemCreate = z
  .object({ ...problemFields, note: lines(1000, '进展情况').optional() })
  .meta({ id: 'SpecialProblemCreate' })
export type TSpecialProblemCreate = z.input<typeof ZSpecialProblemCreate>
/** An edit, and its progress note (kept in the history), on the version read. */
export const ZSpecialProblemUpdate = z
  .object({
    ...problemFields,
    status: ZSpecialProblemStatus,
    note: lines(1000, '进展情况').optional(),
    version: ZVersion,
  })
  .meta({ id: 'SpecialProblemUpdate' })
export type TSpecialProblemUpdate = z.input<typeof ZSpecialProblemUpdate>

export const ZSpecialProblem = z
  .object({
    id: ZRowId,
    problem: z.string(),
    measure: z.string(),
    owner: z.string(),
    plannedDate: z.string(),
    status: ZSpecialProblemStatus,
    version: z.number().int(),
    updatedAt: z.string(),
    history: z.array(
      historyEntry({
        kind: z.enum(['created', 'edited', 'note']),
        note: z.string().nullable(),
        status: ZSpecialProblemStatus.nullable(),
      }),
    ),
  })
  .meta({ id: 'SpecialProblem' })
export type TSpecialProblem = z.infer<typeof ZSpecialProblem>

/** One enterprise's list in one 专项整治, as the enterprise and the issuer read it. */
export const ZSpecialSheet = z
  .object({
    special: ZSpecial,
    enterpriseId: ZRowId,
    enterpriseName: z.string(),
    progress: ZSpecialProgress,
    reportedAt: z.string().nullable(),
    problems: z.array(ZSpecialProblem),
  })
  .meta({ id: 'SpecialSheet' })
export type TSpecialSheet = z.infer<typeof ZSpecialSheet>

/** The enterprise's 专项整治, newest first, each with its own state. */
export const ZEnterpriseSpecials = z
  .object({
    items: z.array(
      ZSpecial.extend({
        progress: ZSpecialProgress,
        problems: z.number().int(),
        problemsDone: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'EnterpriseSpecials' })
export type TEnterpriseSpecials = z.infer<typeof ZEnterpriseSpecials>

/** An enterprise's state from its report and problems. */
export function specialProgress(reported: boolean, problems: number, done: number) {
  if (!reported) return 'unreported' as const
  return done < problems ? ('in_progress' as const) : ('done' as const)
}
