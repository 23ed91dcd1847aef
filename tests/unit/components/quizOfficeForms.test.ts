import {
  addOption,
  checkQuestion,
  checkQuiz,
  initialQuestionCount,
  questionCountHint,
  QUIZ_TOPICS,
  removeOption,
  toggleAnswer,
  withKind,
  type OptionsDraft,
  type QuizDraft,
} from '@/packages/quiz/components/officeForms'
import { quizTopicLabel, type TQuestionCreate } from '@/models/quiz'

const single = { kind: 'single' as const, options: ['甲', '乙', '丙', '丁'], answer: [1] }

describe('the question form’s options and answers', () => {
  it('lists every topic in the programme’s order', () => {
    expect(QUIZ_TOPICS.map(quizTopicLabel)).toEqual([
      '总体要求',
      ...Array.from({ length: 15 }, (_, i) => `任务${i + 1}`),
      '实施步骤',
      '工作要求',
    ])
  })

  it('单选 and 判断 take one answer; 多选 toggles, ascending', () => {
    expect(toggleAnswer(single, 3)).toEqual([3])
    const multiple = { ...single, kind: 'multiple' as const, answer: [2] }
    expect(toggleAnswer(multiple, 0)).toEqual([0, 2])
    expect(toggleAnswer({ ...multiple, answer: [0, 2] }, 2)).toEqual([0])
  })

  it('switching kind: 判断 has its fixed options, leaving it starts blank, 单选 ↔ 多选 keeps what fits', () => {
    expect(withKind(single, 'judge')).toEqual({ kind: 'judge', options: ['正确', '错误'], answer: [] })
    expect(withKind({ kind: 'judge', options: ['正确', '错误'], answer: [0] }, 'multiple')).toEqual({
      kind: 'multiple',
      options: ['', ''],
      answer: [],
    })
    expect(withKind(single, 'multiple').answer).toEqual([1])
    expect(withKind({ ...single, kind: 'multiple', answer: [0, 1] }, 'single').answer).toEqual([])
    expect(withKind({ ...single, kind: 'multiple', answer: [2] }, 'single').answer).toEqual([2])
  })

  it('adds up to six options, removes down to two, and moves the answers with their options', () => {
    let draft: OptionsDraft = single
    draft = addOption(addOption(draft))
    expect(draft.options).toHaveLength(6)
    expect(addOption(draft)).toBe(draft)
    const removed = removeOption({ ...single, kind: 'multiple', answer: [0, 2, 3] }, 1)
    expect(removed).toEqual({ kind: 'multiple', options: ['甲', '丙', '丁'], answer: [0, 1, 2] })
    const two = { ...single, options: ['甲', '乙'], answer: [0] }
    expect(removeOption(two, 0)).toBe(two)
    const judge = withKind(single, 'judge')
    expect(addOption(judge)).toBe(judge)
  })
})

describe('checkQuestion', () => {
  const base: TQuestionCreate = {
    kind: 'multiple',
    stem: '“四廉”包括哪些方面？',
    options: ['清廉政治', '清廉经营', '清廉文化'],
    answer: [0],
    explanation: '见实施方案总体要求。',
    source: { task: 'G', phrase: '“四廉”（清廉政治、清廉经营、清廉文化、清廉监管）' },
  }

  it('says what is wrong with the shape in Chinese', () => {
    const checked = checkQuestion(base)
    expect(checked.success).toBe(false)
    if (!checked.success) expect(checked.error.issues[0].message).toBe('多选题至少两个正确答案')
    const twice = checkQuestion({ ...base, options: ['清廉政治', '清廉政治'], answer: [0, 1] })
    expect(!twice.success && twice.error.issues[0].message).toBe('选项不能重复')
  })

  it('the schema’s field messages come first, then it passes when well formed', () => {
    const blank = checkQuestion({ ...base, stem: '' })
    expect(!blank.success && blank.error.issues[0].message).toBe('请填写题干')
    const emptyOption = checkQuestion({ ...base, options: ['清廉政治', ''], answer: [0, 1] })
    expect(!emptyOption.success && emptyOption.error.issues[0].message).toBe('选项不能为空')
    expect(checkQuestion({ ...base, answer: [0, 2] }).success).toBe(true)
  })
})

describe('checkQuiz', () => {
  const draft = draftOf()
  const problem = (d: Partial<QuizDraft>, active: number | null = 40, today = '2026-12-04') => {
    const checked = checkQuiz({ ...draft, ...d }, today, active)
    return checked.success ? null : checked.error.issues[0].message
  }

  it('passes a good draft as numbers, a blank 说明 as null', () => {
    const checked = checkQuiz(draft, '2026-12-04', 40)
    expect(checked).toEqual({
      success: true,
      data: { ...draft, description: null, questionCount: 20, timeLimitMinutes: 15, attemptsPerDay: 3 },
    })
  })

  it('explains every refusal in Chinese', () => {
    expect(problem({ title: '竞赛' })).toBe('请填写竞赛名称')
    expect(problem({ questionCount: '2.5' })).toBe('每卷题数请填写整数')
    expect(problem({ questionCount: '' })).toBe('每卷题数请填写整数')
    expect(problem({ questionCount: '4' })).toBe('每卷至少 5 题')
    expect(problem({ timeLimitMinutes: '121' })).toBe('限时最多 120 分钟')
    expect(problem({ attemptsPerDay: '0' })).toBe('每天至少可答 1 次')
    expect(problem({ endsOn: '2026-12-01', startsOn: '2026-12-02' }, 40, '2026-11-01')).toBe(
      '结束日期不能早于开始日期',
    )
    expect(problem({ startsOn: '2026-11-01', endsOn: '2026-12-01' })).toBe('结束日期不能早于今天')
    expect(problem({ questionCount: '30' }, 25)).toBe('每卷题数不能多于启用的题目（25 道）')
    expect(problem({ questionCount: '30' }, null)).toBeNull()
  })
})

describe('新建竞赛’s 每卷题数', () => {
  it('starts at 20, or at every active question when fewer are switched on, so the form can be sent', () => {
    expect(initialQuestionCount(null)).toBe('20')
    expect(initialQuestionCount(70)).toBe('20')
    expect(initialQuestionCount(12)).toBe('12')
    const d = { ...draftOf(), questionCount: initialQuestionCount(12) }
    expect(checkQuiz(d, '2026-12-04', 12).success).toBe(true)
  })

  it('says how many questions are active, and what to do when too few are', () => {
    expect(questionCountHint(70)).toBe('题库中启用的题目 70 道；每卷 5–50 题，每人每卷随机抽取')
    expect(questionCountHint(12)).toBe('题库中启用的题目 12 道；每卷 5–12 题，每人每卷随机抽取')
    expect(questionCountHint(3)).toBe('题库中启用的题目只有 3 道，每卷至少 5 题：请先到题库启用或新增题目')
  })
})

function draftOf(): QuizDraft {
  return {
    title: '2026年度廉政知识竞赛',
    description: '',
    startsOn: '2026-12-04',
    endsOn: '2027-01-03',
    questionCount: '20',
    timeLimitMinutes: '15',
    attemptsPerDay: '3',
  }
}
