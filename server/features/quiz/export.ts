import type { DbOrTrx } from '../../core/db/database'
import { actingDepartmentName, isOffice, supervisorDepartmentIds, type AuthContext } from '../../core/access'
import { found, notFound } from '../../core/errors'
import { exportJob } from '../../core/exports/exporter'
import type { Cell, WorkbookSpec } from '../../core/exports/spec'
import { exportedAt } from '../../core/workbook'
import { chineseDay, chineseMinute } from '../../../src/models/shanghaiTime'
import { quizBoardRepository } from './leaderboardRepository'
import { quizRepository, type QuizRow } from './repository'

/**
 * The 竞赛成绩 workbook (企业排名, 个人成绩): the office's for the county; a supervising department's limited
 * to the enterprises it supervises. Anyone else: the 404 of a missing 竞赛.
 */
export interface QuizExportScope {
  /** null: the whole county (the office). */
  departmentIds: number[] | null
  organisation: string
}

export async function quizExportScope(db: DbOrTrx, auth: AuthContext, quizId: number) {
  const departmentIds = isOffice(auth) ? null : supervisorDepartmentIds(auth)
  if (departmentIds !== null && departmentIds.length === 0) throw notFound()
  const quiz = await found(quizRepository.findQuiz(db, quizId))
  const organisation = await actingDepartmentName(db, auth)
  return { quiz, scope: { departmentIds, organisation } satisfies QuizExportScope }
}

/** 用时 as the leaderboard writes it: 45秒, 3分, 12分5秒. */
export function durationWords(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return m === 0 ? `${s}秒` : `${m}分${s ? `${s}秒` : ''}`
}

const RANK_COLUMNS = [
  { header: '名次', width: 7, center: true },
  { header: '企业', width: 40 },
  { header: '参加人数', width: 11 },
  { header: '平均分', width: 10, numFmt: '0.0' },
  { header: '最高分', width: 10 },
]
const PEOPLE_COLUMNS = [
  { header: '企业', width: 36 },
  { header: '姓名', width: 12 },
  { header: '最好成绩', width: 11 },
  // Centred: a short label between two right-aligned figures would run into the one before it.
  { header: '用时', width: 11, center: true },
  { header: '答题次数', width: 11 },
  { header: '最后交卷时间（北京时间）', width: 26, center: true },
]

/** A sheet with no counted paper says so, as a clerk writes it on a blank form. */
const NO_RESULTS = '暂无成绩'

/** The facts under the title: the window and the paper's rules; then what counts and the export time. */
function subtitleOf(quiz: QuizRow, now: number): string {
  const rules = [
    `竞赛时间：${chineseDay(quiz.starts_on)}至${chineseDay(quiz.ends_on)}`,
    ...(quiz.closed_at ? [`已于${chineseMinute(quiz.closed_at)}提前结束`] : []),
    `每卷 ${quiz.question_count} 题`,
    `限时 ${quiz.time_limit_minutes} 分钟`,
    `每天 ${quiz.attempts_per_day} 次`,
  ]
  // Two lines of their own: wrapped at a sheet's width one long line would split mid-phrase.
  return `${rules.join('    ')}\n超时交卷不计成绩    ${exportedAt(now)}`
}

/** `2026年廉政知识竞赛 成绩`; a department's own says whose enterprises it holds. */
function titleOf(quiz: QuizRow, scope: QuizExportScope, what: string): string {
  const whose = scope.departmentIds ? `（${scope.organisation || '本部门'}监管企业）` : ''
  return `${quiz.title} ${what}${whose}`
}

/** Gathers the rows (in an export worker where it can) and lays out both sheets. */
export async function quizWorkbook(
  db: DbOrTrx,
  quizId: number,
  scope: QuizExportScope,
  now: number,
): Promise<{ spec: WorkbookSpec }> {
  const quiz = await found(quizRepository.findQuiz(db, quizId))
  const whose = scope.departmentIds ? { departmentIds: scope.departmentIds } : null
  const [{ rows: enterprises }, { rows: people }] = await Promise.all([
    quizBoardRepository.enterprises(db, quizId, whose),
    quizBoardRepository.people(db, quizId, whose),
  ])
  const subtitle = subtitleOf(quiz, now)
  // People follow their enterprise's place in 企业排名, then their rank within it (the query's order).
  const place = new Map(enterprises.map((e, i) => [e.enterpriseId, i]))
  const nameOf = new Map(enterprises.map((e) => [e.enterpriseId, e.name]))
  const ordered = people
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (place.get(a.p.enterpriseId) ?? 0) - (place.get(b.p.enterpriseId) ?? 0) || a.i - b.i)
    .map(({ p }) => p)
  return {
    spec: {
      now,
      sheets: [
        {
          name: '企业排名',
          options: {
            title: titleOf(quiz, scope, '成绩'),
            subtitle,
            columns: RANK_COLUMNS,
            empty: NO_RESULTS,
          },
          rows: enterprises.map((e, i): Cell[] => [i + 1, e.name, e.participants, e.average, e.top]),
        },
        {
          name: '个人成绩',
          options: {
            title: titleOf(quiz, scope, '个人成绩'),
            subtitle,
            columns: PEOPLE_COLUMNS,
            empty: NO_RESULTS,
          },
          rows: ordered.map((p): Cell[] => [
            nameOf.get(p.enterpriseId) ?? '',
            p.name,
            p.best,
            durationWords(p.seconds),
            p.attempts,
            chineseMinute(p.lastAt),
          ]),
        },
      ],
    },
  }
}

export const quizExport = exportJob(__filename, 'quizWorkbook', quizWorkbook)
