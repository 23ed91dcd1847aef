import type { FastifyInstance } from 'fastify'
import type { TQuestion } from '../../../src/models/quiz'
import { call } from './testApp'

/**
 * Adds `count` 单选 questions of the office's own (right answers spread over 甲..丁) and returns every active
 * bank question's right answer by id, so a test can hand in papers it knows the score of.
 */
export async function addTestQuestions(
  app: FastifyInstance,
  office: string,
  count: number,
  label: string,
): Promise<Map<number, number[]>> {
  for (let i = 0; i < count; i++)
    await call(app, office, {
      method: 'POST',
      url: '/api/v1/quiz-questions',
      payload: {
        kind: 'single',
        stem: `${label}第${i + 1}题`,
        options: ['甲', '乙', '丙', '丁'],
        answer: [i % 4],
        explanation: '测试解析',
        source: { task: 11, phrase: '廉政知识竞赛' },
      },
    })
  const bank = await call(app, office, { method: 'GET', url: '/api/v1/quiz-questions?pageSize=200' })
  return new Map((bank.json().items as TQuestion[]).map((q) => [q.id, q.answer]))
}
