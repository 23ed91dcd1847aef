import { z } from 'zod'
import { pageOf, pagingFields, ZDay, ZRowId } from './common'
import { line, lines } from './textLimit'

/**
 * 廉政知识竞赛 (task 11: "开展读廉政书、廉政知识竞赛……传播清廉知识"). The county's question bank comes from the
 * programme document (every shipped question cites the phrase it tests); the office opens a 竞赛 with a
 * window, a paper size, a time limit and attempts per day; the server draws each paper and scores it, so
 * right answers never reach the app before a paper is handed in. 练习 draws from the same bank with the
 * answers shown at once and writes nothing.
 */

export const QUESTION_KINDS = ['single', 'multiple', 'judge'] as const
export const ZQuestionKind = z.enum(QUESTION_KINDS)
export type TQuestionKind = z.infer<typeof ZQuestionKind>
export const QUESTION_KIND_LABELS: Record<TQuestionKind, string> = {
  single: '单选题',
  multiple: '多选题',
  judge: '判断题',
}
/** A 判断题's two options, in this order (answer [0] = 正确). */
export const JUDGE_OPTIONS = ['正确', '错误'] as const

/**
 * Which part of the programme a question tests: 'G' 一、总体要求, tasks 1-15 of 二、主要任务, 'S' 三、实施步骤,
 * 'R' 四、工作要求.
 */
export const ZQuizTopic = z.union([z.number().int().min(1).max(15), z.enum(['G', 'S', 'R'])])
export type TQuizTopic = z.infer<typeof ZQuizTopic>
export function quizTopicLabel(topic: TQuizTopic): string {
  if (topic === 'G') return '总体要求'
  if (topic === 'S') return '实施步骤'
  if (topic === 'R') return '工作要求'
  return `任务${topic}`
}

/** Where a question comes from: the part of the programme and its exact words. */
export const ZQuestionSource = z.object({
  task: ZQuizTopic,
  /** Copied exactly from the programme document (or, for the office's own questions, the rule it cites). */
  phrase: lines(300, '出处原文').min(2, '请填写出处原文'),
})
export type TQuestionSource = z.infer<typeof ZQuestionSource>

const questionFields = {
  kind: ZQuestionKind,
  stem: lines(300, '题干').min(4, '请填写题干'),
  /** 单选/多选: 2-6 options; 判断: exactly JUDGE_OPTIONS. */
  options: z.array(line(100, '选项').min(1, '选项不能为空')).min(2, '至少两个选项').max(6, '最多六个选项'),
  /** Indexes into `options`, ascending; one for 单选/判断, two or more for 多选. */
  answer: z.array(z.number().int().min(0).max(5)).min(1, '请选择正确答案'),
  explanation: lines(500, '解析').min(2, '请填写解析'),
  source: ZQuestionSource,
}

/** Problems with a question's shape that zod's per-field checks cannot see; [] when it is well formed. */
export function questionProblems(q: { kind: TQuestionKind; options: string[]; answer: number[] }): string[] {
  const problems: string[] = []
  if (q.kind === 'judge' && (q.options.length !== 2 || q.options[0] !== '正确' || q.options[1] !== '错误'))
    problems.push('判断题的选项应为「正确」「错误」')
  if (new Set(q.options.map((o) => o.trim())).size !== q.options.length) problems.push('选项不能重复')
  if (q.answer.some((i) => i >= q.options.length)) problems.push('正确答案不在选项中')
  if (new Set(q.answer).size !== q.answer.length) problems.push('正确答案重复')
  if (q.kind !== 'multiple' && q.answer.length !== 1) problems.push('单选题和判断题只有一个正确答案')
  if (q.kind === 'multiple' && q.answer.length < 2) problems.push('多选题至少两个正确答案')
  return problems
}

export const ZQuestionCreate = z.object(questionFields)
export type TQuestionCreate = z.infer<typeof ZQuestionCreate>
export const ZQuestionUpdate = z.object({ ...questionFields, active: z.boolean() })
export type TQuestionUpdate = z.infer<typeof ZQuestionUpdate>

/** A bank question as the office manages it (answers included). */
export const ZQuestion = z.object({
  id: ZRowId,
  /** Stable: 'Q-T11-01' for shipped questions, 'Q-C-0001' for the county's own. */
  code: z.string(),
  ...questionFields,
  active: z.boolean(),
  /** Shipped with the product (from the programme document) or added by the county's office. */
  builtIn: z.boolean(),
  updatedAt: z.string(),
})
export type TQuestion = z.infer<typeof ZQuestion>

/** A part of the programme as a query names it: '1'..'15', 'G', 'S', 'R'. */
const ZTopicParam = z
  .string()
  .regex(/^(?:[1-9]|1[0-5]|[GSR])$/, '出处应为任务1-15、G、S或R')
  .optional()

export const ZQuestionListQuery = z.object({
  ...pagingFields,
  task: ZTopicParam,
  active: z.enum(['true', 'false']).optional(),
  q: line(50, '搜索词').optional(),
})
export const ZQuestionList = z.object(pageOf(ZQuestion))
export type TQuestionList = z.infer<typeof ZQuestionList>

/** A question as a paper shows it before hand-in: no answer, no explanation. */
export const ZPaperQuestion = z.object({
  id: ZRowId,
  kind: ZQuestionKind,
  stem: z.string(),
  options: z.array(z.string()),
})
export type TPaperQuestion = z.infer<typeof ZPaperQuestion>

/** A question with its answer, as 练习 and a handed-in paper show it. */
export const ZAnsweredQuestion = ZPaperQuestion.extend({
  answer: z.array(z.number().int()),
  explanation: z.string(),
  source: ZQuestionSource,
})
export type TAnsweredQuestion = z.infer<typeof ZAnsweredQuestion>

export const PRACTICE_SIZE = 10
export const ZPracticeQuery = z.object({ task: ZTopicParam })
export const ZPractice = z.object({ questions: z.array(ZAnsweredQuestion) })
export type TPractice = z.infer<typeof ZPractice>

/** A 竞赛's limits, as the office sets them. */
export const QUIZ_LIMITS = {
  questionCount: { min: 5, max: 50 },
  timeLimitMinutes: { min: 1, max: 120 },
  attemptsPerDay: { min: 1, max: 10 },
} as const
/** A hand-in this long after the time limit still counts (the phone's clock and the network are not exact). */
export const QUIZ_GRACE_SECONDS = 60

export const ZQuizCreate = z.object({
  title: line(60, '竞赛名称').min(4, '请填写竞赛名称'),
  description: lines(500, '说明').nullable().optional(),
  startsOn: ZDay,
  endsOn: ZDay,
  questionCount: z.number().int().min(5, '每卷至少 5 题').max(50, '每卷最多 50 题'),
  timeLimitMinutes: z.number().int().min(1, '限时至少 1 分钟').max(120, '限时最多 120 分钟'),
  attemptsPerDay: z.number().int().min(1, '每天至少可答 1 次').max(10, '每天最多 10 次'),
})
export type TQuizCreate = z.infer<typeof ZQuizCreate>

/** 未开始 / 进行中 / 已结束 by the 北京时间 day; 'closed' when the office ended it early. */
export const QUIZ_STATES = ['upcoming', 'open', 'ended'] as const
export const ZQuizState = z.enum(QUIZ_STATES)
export type TQuizState = z.infer<typeof ZQuizState>
export const QUIZ_STATE_LABELS: Record<TQuizState, string> = {
  upcoming: '未开始',
  open: '进行中',
  ended: '已结束',
}

export function quizState(
  startsOn: string,
  endsOn: string,
  today: string,
  closedAt: string | null,
): TQuizState {
  if (closedAt !== null || endsOn < today) return 'ended'
  if (startsOn > today) return 'upcoming'
  return 'open'
}

export const ZQuiz = z.object({
  id: ZRowId,
  title: z.string(),
  description: z.string().nullable(),
  startsOn: ZDay,
  endsOn: ZDay,
  questionCount: z.number().int(),
  timeLimitMinutes: z.number().int(),
  attemptsPerDay: z.number().int(),
  state: ZQuizState,
  closedAt: z.string().nullable(),
  /** The caller's own standing: attempts started today (北京时间), best counted score, an unfinished paper. */
  mine: z.object({
    attemptsToday: z.number().int(),
    best: z.number().int().nullable(),
    openPaperId: ZRowId.nullable(),
  }),
})
export type TQuiz = z.infer<typeof ZQuiz>
export const ZQuizList = z.object(pageOf(ZQuiz))
export type TQuizList = z.infer<typeof ZQuizList>
export const ZQuizListQuery = z.object({
  ...pagingFields,
  /** true: only the 竞赛 not ended (upcoming or open), for the 题库's warning before a question is withdrawn. */
  live: z.enum(['true', 'false']).optional(),
})
export type TQuizListQuery = z.infer<typeof ZQuizListQuery>

/** Starting a paper: which of the caller's enterprises it counts for. */
export const ZPaperStart = z.object({ enterpriseId: ZRowId })
export type TPaperStart = z.infer<typeof ZPaperStart>

export const PAPER_STATUSES = ['open', 'submitted', 'late'] as const
export const ZPaperStatus = z.enum(PAPER_STATUSES)
export type TPaperStatus = z.infer<typeof ZPaperStatus>
export const PAPER_STATUS_LABELS: Record<TPaperStatus, string> = {
  open: '答题中',
  submitted: '已交卷',
  late: '超时交卷（不计成绩）',
}

/** One answer as handed in: the chosen option indexes (empty: left blank). */
export const ZPaperAnswer = z.object({
  questionId: ZRowId,
  choice: z.array(z.number().int().min(0).max(5)).max(6),
})
export const ZPaperSubmission = z.object({ answers: z.array(ZPaperAnswer).max(50) })
export type TPaperSubmission = z.infer<typeof ZPaperSubmission>

/** Right when the chosen set equals the answer set exactly (多选: no partial credit). */
export function answerIsRight(choice: readonly number[], answer: readonly number[]): boolean {
  if (choice.length !== answer.length) return false
  const a = new Set(answer)
  return choice.every((c) => a.has(c))
}

/** 0-100, every question worth the same. */
export function paperScore(right: number, total: number): number {
  return total === 0 ? 0 : Math.round((100 * right) / total)
}

export const ZPaper = z.object({
  id: ZRowId,
  quizId: ZRowId,
  quizTitle: z.string(),
  enterpriseId: ZRowId,
  status: ZPaperStatus,
  startedAt: z.string(),
  /** Hand in by this time (the grace is on top). */
  deadlineAt: z.string(),
  submittedAt: z.string().nullable(),
  questions: z.array(ZPaperQuestion),
  /** After hand-in: the score, each question's answer and explanation, and what was chosen. */
  result: z
    .object({
      score: z.number().int(),
      right: z.number().int(),
      total: z.number().int(),
      questions: z.array(ZAnsweredQuestion.extend({ choice: z.array(z.number().int()), right: z.boolean() })),
    })
    .nullable(),
})
export type TPaper = z.infer<typeof ZPaper>

export const LEADERBOARD_SCOPES = ['enterprise', 'county'] as const
export const ZLeaderboardQuery = z.object({
  ...pagingFields,
  scope: z.enum(LEADERBOARD_SCOPES),
  /** For scope=enterprise. */
  enterpriseId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
})
/** 本企业: people by best counted score, then the shorter time, then who handed in first. */
export const ZPersonRank = z.object({
  rank: z.number().int(),
  name: z.string(),
  best: z.number().int(),
  seconds: z.number().int(),
  isMe: z.boolean(),
})
/** 全县: enterprises by the average of their people's best counted scores, then by how many took part. */
export const ZEnterpriseRank = z.object({
  rank: z.number().int(),
  enterpriseId: ZRowId,
  name: z.string(),
  participants: z.number().int(),
  average: z.number(),
  isMine: z.boolean(),
})
export const ZLeaderboard = z.object({
  scope: z.enum(LEADERBOARD_SCOPES),
  people: z.object(pageOf(ZPersonRank)).nullable(),
  enterprises: z.object(pageOf(ZEnterpriseRank)).nullable(),
})
export type TLeaderboard = z.infer<typeof ZLeaderboard>
