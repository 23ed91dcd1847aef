import { QUIZ_BANK, type TBankQuestion } from '../../../seeds/quiz/bank'
import { JUDGE_OPTIONS, ZQuestionCreate, questionProblems, type TQuizTopic } from '../../../src/models/quiz'
import { doc, REQUIREMENTS_TEXT, STEPS_TEXT, TASKS_TEXT, TASK_TEXT } from './programmeDoc'

/** 一、总体要求: everything before 二、主要任务 (the preamble and the 指导思想 / 主要目标). */
const GENERAL_TEXT = doc.slice(0, doc.indexOf('\n二、主要任务\n'))

/**
 * Task N → the heading of the group it stands under ('（二）加强清廉经营建设。'), so that a question on which of the
 * 四廉 a task belongs to can cite it.
 */
function groupHeadings(): Map<number, string> {
  const headings = new Map<number, string>()
  let heading = ''
  for (const line of TASKS_TEXT.split('\n')) {
    if (/^（[一二三四]）/.test(line)) heading = line
    const task = /^(\d{1,2})\./.exec(line)
    if (task) headings.set(Number(task[1]), heading)
  }
  return headings
}
const GROUP_HEADING = groupHeadings()

/** The part of the programme a question's topic points at (a task: its text and its group's heading). */
function topicText(topic: TQuizTopic): string {
  if (topic === 'G') return GENERAL_TEXT
  if (topic === 'S') return STEPS_TEXT
  if (topic === 'R') return REQUIREMENTS_TEXT
  const text = TASK_TEXT.get(topic)
  if (text === undefined) throw new Error(`task ${topic} not in the document`)
  return `${GROUP_HEADING.get(topic)}\n${text}`
}

/** 'Q-G-01' / 'Q-T07-02' / 'Q-S-03' / 'Q-R-01' → the topic the code names. */
function codeTopic(code: string): TQuizTopic | null {
  const m = /^Q-(?:([GSR])|T(0[1-9]|1[0-5]))-(\d\d)$/.exec(code)
  if (!m || m[3] === '00') return null
  return m[1] !== undefined ? (m[1] as 'G' | 'S' | 'R') : Number(m[2])
}

const byTopic = (topic: TQuizTopic): TBankQuestion[] => QUIZ_BANK.filter((q) => q.source.task === topic)
const label = (q: TBankQuestion): string => q.code

describe('the shipped 廉政知识竞赛 question bank', () => {
  it('has about 60 questions', () => {
    expect(QUIZ_BANK.length).toBeGreaterThanOrEqual(55)
    expect(QUIZ_BANK.length).toBeLessThanOrEqual(70)
  })

  it.each(QUIZ_BANK.map((q) => [label(q), q] as const))('%s parses and is well formed', (_code, q) => {
    const { code, ...question } = q
    expect(code).toBeTruthy()
    const parsed = ZQuestionCreate.safeParse(question)
    expect(parsed.success ? [] : parsed.error.issues).toEqual([])
    expect(questionProblems(q)).toEqual([])
    expect([...q.answer].sort((a, b) => a - b)).toEqual(q.answer)
    expect(new Set(q.options.map((o) => o.trim())).size).toBe(q.options.length)
    if (q.kind === 'judge') expect(q.options).toEqual([...JUDGE_OPTIONS])
    else expect(q.options.length).toBeGreaterThanOrEqual(4)
    if (q.kind === 'multiple') expect(q.answer.length).toBeLessThanOrEqual(q.options.length)
  })

  it('has unique codes that match their topic', () => {
    expect(new Set(QUIZ_BANK.map((q) => q.code)).size).toBe(QUIZ_BANK.length)
    const wrong = QUIZ_BANK.filter((q) => codeTopic(q.code) !== q.source.task).map(label)
    expect(wrong).toEqual([])
  })

  it('quotes every phrase exactly from the document, within the part its topic names', () => {
    const problems: string[] = []
    for (const q of QUIZ_BANK) {
      const { phrase, task } = q.source
      if (phrase.length < 8 || phrase.length > 120)
        problems.push(`${q.code}: phrase is ${phrase.length} characters`)
      if (!doc.includes(phrase)) problems.push(`${q.code}: not in the document: ${phrase}`)
      else if (!topicText(task).includes(phrase))
        problems.push(`${q.code}: not in its part (${task}): ${phrase}`)
    }
    expect(problems).toEqual([])
  })

  it('writes stems and explanations as Chinese sentences', () => {
    const problems: string[] = []
    for (const q of QUIZ_BANK) {
      if (q.kind === 'judge' ? !q.stem.endsWith('。') : !/[？。]$/.test(q.stem))
        problems.push(`${q.code}: stem ends with '${q.stem.slice(-1)}'`)
      if (!q.explanation.endsWith('。')) problems.push(`${q.code}: explanation does not end with 。`)
      // Chinese punctuation: no ASCII , ; : ? ! ( ) in the text a participant reads.
      for (const text of [q.stem, q.explanation, ...q.options])
        if (/[,;:?!()]/.test(text)) problems.push(`${q.code}: ASCII punctuation in '${text}'`)
    }
    expect(problems).toEqual([])
  })

  it('covers every part of the programme', () => {
    const short: string[] = []
    const need: [TQuizTopic, number][] = [
      ['G', 3],
      ['S', 4],
      ['R', 3],
      ...Array.from({ length: 15 }, (_, i): [TQuizTopic, number] => [i + 1, 2]),
    ]
    for (const [topic, min] of need)
      if (byTopic(topic).length < min) short.push(`${topic}: ${byTopic(topic).length}`)
    expect(short).toEqual([])
  })

  it('mixes the kinds about 40% 单选, 30% 多选, 30% 判断', () => {
    const share = (kind: TBankQuestion['kind']) =>
      QUIZ_BANK.filter((q) => q.kind === kind).length / QUIZ_BANK.length
    expect(share('single')).toBeGreaterThanOrEqual(0.35)
    expect(share('single')).toBeLessThanOrEqual(0.45)
    expect(share('multiple')).toBeGreaterThanOrEqual(0.25)
    expect(share('multiple')).toBeLessThanOrEqual(0.35)
    expect(share('judge')).toBeGreaterThanOrEqual(0.25)
    expect(share('judge')).toBeLessThanOrEqual(0.35)
  })

  it('has 判断题 answered both 正确 and 错误, neither much rarer than the other', () => {
    const judges = QUIZ_BANK.filter((q) => q.kind === 'judge')
    const wrong = judges.filter((q) => q.answer[0] === 1).length
    expect(wrong).toBeGreaterThanOrEqual(judges.length * 0.35)
    expect(judges.length - wrong).toBeGreaterThanOrEqual(judges.length * 0.35)
  })

  it('spreads the 单选题 right answers over A-D', () => {
    const singles = QUIZ_BANK.filter((q) => q.kind === 'single')
    for (const position of [0, 1, 2, 3]) {
      const n = singles.filter((q) => q.answer[0] === position).length
      expect([position, n >= singles.length * 0.15]).toEqual([position, true])
      expect([position, n <= singles.length * 0.35]).toEqual([position, true])
    }
  })

  it('has 多选题 that are not all "every option"', () => {
    const multiples = QUIZ_BANK.filter((q) => q.kind === 'multiple')
    const all = multiples.filter((q) => q.answer.length === q.options.length)
    expect(all.length).toBeLessThanOrEqual(multiples.length * 0.2)
  })
})
