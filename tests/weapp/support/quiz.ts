/** A 竞赛 open today, drawn from questions the office adds (task 11's wording), for the quiz suites. */
import { shanghaiDate, shanghaiDateAfterDays } from '../../../src/models/shanghaiTime'
import type { TQuestionCreate } from '../../../src/models/quiz'

type Api = (openid: string, method: 'GET' | 'POST', url: string, payload?: object) => Promise<unknown>

const SOURCE = { task: 11, phrase: '开展读廉政书、廉政知识竞赛、廉政家访、廉政主题党课等活动' } as const

/** Five questions, one of each shape, each citing task 11. */
export const TEST_QUESTIONS: TQuestionCreate[] = [
  {
    kind: 'single',
    stem: '实施方案要求企业开展的清廉文化活动不包括哪一项？（测试）',
    options: ['读廉政书', '廉政知识竞赛', '商业促销', '廉政家访'],
    answer: [2],
    explanation: '任务11列举了读廉政书、廉政知识竞赛、廉政家访、廉政主题党课等活动。',
    source: SOURCE,
  },
  {
    kind: 'judge',
    stem: '廉政知识竞赛是任务11“加强清廉文化建设”列举的活动之一。（测试）',
    options: ['正确', '错误'],
    answer: [0],
    explanation: '任务11原文：开展读廉政书、廉政知识竞赛、廉政家访、廉政主题党课等活动。',
    source: SOURCE,
  },
  {
    kind: 'multiple',
    stem: '下列哪些是任务11列举的清廉文化活动？（测试）',
    options: ['读廉政书', '廉政家访', '廉政主题党课', '年终联欢'],
    answer: [0, 1, 2],
    explanation: '读廉政书、廉政家访、廉政主题党课均为任务11列举的活动。',
    source: SOURCE,
  },
  {
    kind: 'single',
    stem: '廉政知识竞赛属于实施方案的哪一项主要任务？（测试）',
    options: ['任务3', '任务11', '任务14'],
    answer: [1],
    explanation: '廉政知识竞赛出自任务11。',
    source: SOURCE,
  },
  {
    kind: 'judge',
    stem: '廉政家访不属于任务11列举的活动。（测试）',
    options: ['正确', '错误'],
    answer: [1],
    explanation: '任务11明确列举了廉政家访。',
    source: SOURCE,
  },
]

/** The office adds the questions and opens a 竞赛 of 5 questions, 10 minutes, 2 attempts a day; its id. */
export async function openTestQuiz(api: Api, title = '廉政知识竞赛（运行测试）'): Promise<number> {
  for (const q of TEST_QUESTIONS) await api('demo-office', 'POST', '/api/v1/quiz-questions', q)
  const now = Date.now()
  const quiz = (await api('demo-office', 'POST', '/api/v1/quizzes', {
    title,
    description: null,
    startsOn: shanghaiDate(now),
    endsOn: shanghaiDateAfterDays(now, 14),
    questionCount: 5,
    timeLimitMinutes: 10,
    attemptsPerDay: 2,
  })) as { id: number }
  return quiz.id
}
