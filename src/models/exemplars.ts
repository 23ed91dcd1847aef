import { z } from 'zod'
import { pageOf, pagingFields, ZDay, ZIdParam, ZRowId } from './common'
import { ZSectionScore } from './assessment'
import { ZMilestoneSummary } from './milestones'
import { ZOwnership, type TOwnership } from './org'
import { oneLine } from './textLimit'

/**
 * 示范点 / 示范企业 (选树示范): the office opens a selection round, proposes candidates and compares their
 * figures side by side, marks the chosen ones, and publishes a 公示 for a set period on a public page.
 */

/**
 * 'pilot': 实施步骤（二）2「培育示范点企业」— one 国有企业 and one 民营企业; 'exemplar': the later rounds
 * that 选树更多的示范企业 from them (same step), as 总结提升阶段 asks to 树标杆发挥示范引领作用.
 */
export const EXEMPLAR_ROUND_KINDS = ['pilot', 'exemplar'] as const
export const ZExemplarRoundKind = z.enum(EXEMPLAR_ROUND_KINDS)
export type TExemplarRoundKind = z.infer<typeof ZExemplarRoundKind>

export const EXEMPLAR_ROUND_LABELS: Record<TExemplarRoundKind, string> = {
  pilot: '示范点',
  exemplar: '示范企业',
}

/** The programme's words each kind of round carries out (task numbers of the 实施方案). */
export const EXEMPLAR_ROUND_BASIS: Record<TExemplarRoundKind, string> = {
  pilot:
    '实施步骤（二）2 培育示范点企业：牵头单位在国有企业、民营企业各选择1家企业作为全县清廉企业建设单元培育试点。',
  exemplar:
    '实施步骤（二）2：各企业要积极争创示范引领……为从中选树更多的示范企业提供保障；（三）总结提升阶段：推广先进经验，树标杆发挥示范引领作用。',
}

/** 国企 / 民企 as the 示范点 step names them; 'other' (混合所有制, 其他) may stand only in 示范企业 rounds. */
export const EXEMPLAR_CLASSES = ['soe', 'private', 'other'] as const
export const ZExemplarClass = z.enum(EXEMPLAR_CLASSES)
export type TExemplarClass = z.infer<typeof ZExemplarClass>
export const EXEMPLAR_CLASS_LABELS: Record<TExemplarClass, string> = {
  soe: '国有企业',
  private: '民营企业',
  other: '其他企业',
}

export function exemplarClassOf(ownership: TOwnership): TExemplarClass {
  if (ownership === 'state_owned' || ownership === 'state_controlled') return 'soe'
  return ownership === 'private' ? 'private' : 'other'
}

/** Candidates compared side by side in one round: the comparison loads each one's enterprise page. */
export const EXEMPLAR_CANDIDATE_LIMIT = 8
/** The longest 公示 period, in days. */
export const EXEMPLAR_NOTICE_MAX_DAYS = 60

export const ZExemplarRoundCreate = z.object({
  kind: ZExemplarRoundKind,
  name: oneLine(z.string().trim().min(2, '名称至少2个字').max(60, '名称不超过60个字'), '名称'),
})
export type TExemplarRoundCreate = z.infer<typeof ZExemplarRoundCreate>

export const ZExemplarCandidateCreate = z.object({ enterpriseId: ZRowId })
export type TExemplarCandidateCreate = z.infer<typeof ZExemplarCandidateCreate>

export const ZExemplarPublish = z.object({ startsOn: ZDay, endsOn: ZDay })
export type TExemplarPublish = z.infer<typeof ZExemplarPublish>

export const ZExemplarRoundParams = z.object({ roundId: ZIdParam })
export const ZExemplarCandidateParams = ZExemplarRoundParams.extend({ enterpriseId: ZIdParam })

export const ZExemplarNotice = z.object({
  code: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  publishedAt: z.string(),
})

export const ZExemplarRound = z.object({
  id: z.number().int(),
  kind: ZExemplarRoundKind,
  name: z.string(),
  createdAt: z.string(),
  candidateCount: z.number().int(),
  chosenCount: z.number().int(),
  /** Null until published; then fixed. */
  notice: ZExemplarNotice.nullable(),
  /** When the office cancelled the round (before its 公示); null while it stands. */
  cancelledAt: z.string().nullable(),
})
export type TExemplarRound = z.infer<typeof ZExemplarRound>

export const ZExemplarRoundQuery = z.object(pagingFields)
export type TExemplarRoundQuery = z.infer<typeof ZExemplarRoundQuery>

export const ZExemplarRoundList = z.object(pageOf(ZExemplarRound)).meta({ id: 'ExemplarRounds' })
export type TExemplarRoundList = z.infer<typeof ZExemplarRoundList>

/** One candidate's figures, taken from its enterprise page (监管 · 企业详情). */
export const ZExemplarCandidate = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  ownership: ZOwnership,
  class: ZExemplarClass,
  chosen: z.boolean(),
  chosenAt: z.string().nullable(),
  /** Newest campaign first: the overall score and the score per dimension. */
  campaigns: z.array(
    z.object({
      campaignId: z.number().int(),
      campaignName: z.string(),
      overall: z.number().nullable(),
      sections: z.array(ZSectionScore),
    }),
  ),
  /** 整改 closed / all raised; null with none raised. */
  rectificationClosure: z.number().nullable(),
  rectificationOpen: z.number().int(),
  rectificationOverdue: z.number().int(),
  attendanceRate: z.number().nullable(),
  pledgeRate: z.number().nullable(),
  /** 三会一课 完成率 averaged over the branches that have one; null without any. */
  meetingRate: z.number().nullable(),
  milestones: ZMilestoneSummary,
})
export type TExemplarCandidate = z.infer<typeof ZExemplarCandidate>

export const ZExemplarRoundDetail = z
  .object({ round: ZExemplarRound, candidates: z.array(ZExemplarCandidate) })
  .meta({ id: 'ExemplarRoundDetail' })
export type TExemplarRoundDetail = z.infer<typeof ZExemplarRoundDetail>

/** What a write on a round answers: the round as it now is. */
export const ZExemplarRoundResult = ZExemplarRound.meta({ id: 'ExemplarRound' })

/** The public 公示: only names, kinds and the period; the names only while it runs. */
export const ZExemplarPublicNotice = z
  .object({
    title: z.string(),
    kind: ZExemplarRoundKind,
    basis: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    state: z.enum(['upcoming', 'open', 'ended']),
    items: z.array(z.object({ name: z.string(), class: ZExemplarClass })),
  })
  .meta({ id: 'ExemplarPublicNotice' })
export type TExemplarPublicNotice = z.infer<typeof ZExemplarPublicNotice>
