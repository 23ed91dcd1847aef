import type { TQuestionCreate } from '../../src/models/quiz'

/**
 * 廉政知识竞赛's shipped question bank (task 11: "开展……廉政知识竞赛……传播清廉知识"). Every question tests
 * what the programme document says and cites the exact phrase (`source.phrase`, checked against the document
 * by tests/unit/seeds/quizBank.test.ts); codes are stable and never reused ('Q-T<task>-<nn>'; 'Q-G-…' for 一、总体要求,
 * 'Q-S-…' for 三、实施步骤, 'Q-R-…' for 四、工作要求). The server adds a missing code at start and never changes a
 * county's edits to an existing one.
 */
export type TBankQuestion = TQuestionCreate & { code: string }

export const QUIZ_BANK: readonly TBankQuestion[] = [
  {
    code: 'Q-G-01',
    kind: 'multiple',
    stem: '本县清廉企业建设推动的“四廉”包括哪些？',
    options: ['清廉政治', '清廉经营', '清廉文化', '清廉监管'],
    answer: [0, 1, 2, 3],
    explanation:
      '实施方案总体要求提出推动“四廉”（清廉政治、清廉经营、清廉文化、清廉监管）融入企业党建和生产经营。',
    source: { task: 'G', phrase: '“四廉”（清廉政治、清廉经营、清廉文化、清廉监管）' },
  },
  {
    code: 'Q-T04-01',
    kind: 'judge',
    stem: '国有企业选人用人要按照“信念坚定、为民服务、勤政务实、敢于担当、清正廉洁”的“20字好干部”标准。',
    options: ['正确', '错误'],
    answer: [0],
    explanation: '任务4“严格选人用人政治标准”要求国有企业按照“20字好干部”标准选人用人。',
    source: { task: 4, phrase: '“信念坚定、为民服务、勤政务实、敢于担当、清正廉洁”的“20字好干部”标准' },
  },
]
