/**
 * 题库's check against the 竞赛 still to be answered: a paper draws its questionCount from the questions
 * 启用 (a 竞赛 has no topic scope: the whole bank), so fewer 启用 than that and 开始答题 fails
 * (QUIZ_TOO_FEW_QUESTIONS).
 */
import { QUIZ_STATE_LABELS, type TQuiz } from '@/models/quiz'

export interface Shortfall {
  id: number
  title: string
  needs: number
}

/** The 进行中 / 未开始 竞赛 whose paper needs more than `active` questions. */
export function shortfalls(quizzes: readonly TQuiz[], active: number): Shortfall[] {
  return quizzes
    .filter((q) => q.state !== 'ended' && q.questionCount > active)
    .map((q) => ({
      id: q.id,
      title: `${QUIZ_STATE_LABELS[q.state]}的「${q.title}」`,
      needs: q.questionCount,
    }))
}

/** One sentence per 竞赛: what it needs, what is 启用. */
export function shortfallText(list: readonly Shortfall[], active: number): string {
  return list.map((s) => `${s.title}每卷需 ${s.needs} 题，题库启用的只有 ${active} 题`).join('；')
}
