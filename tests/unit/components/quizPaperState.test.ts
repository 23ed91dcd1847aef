import {
  blankNumbers,
  choicesKey,
  clockOffset,
  formatRemaining,
  handInPrompt,
  pick,
  readChoices,
  remainingMs,
  submissionOf,
  writeChoices,
} from '@/packages/quiz/take/paperState'
import { memoryStorage } from '@/services/storage'

const questions = [
  { id: 11, options: ['甲', '乙', '丙', '丁'] },
  { id: 12, options: ['正确', '错误'] },
  { id: 13, options: ['甲', '乙', '丙'] },
]

describe('a paper being answered', () => {
  it('单选 and 判断 take the tapped option alone; 多选 toggles it, kept ascending', () => {
    expect(pick('single', [2], 0)).toEqual([0])
    expect(pick('judge', [], 1)).toEqual([1])
    expect(pick('multiple', [2], 0)).toEqual([0, 2])
    expect(pick('multiple', [0, 2], 2)).toEqual([0])
    expect(pick('multiple', [0], 0)).toEqual([])
  })

  it('names the blank questions by number and hands in every question in order', () => {
    const choices = { 11: [1], 13: [] }
    expect(blankNumbers(questions, choices)).toEqual([2, 3])
    expect(submissionOf(questions, choices)).toEqual({
      answers: [
        { questionId: 11, choice: [1] },
        { questionId: 12, choice: [] },
        { questionId: 13, choice: [] },
      ],
    })
    expect(handInPrompt([2, 3], 3)).toBe('第 2、3 题未作答，交卷后不能修改，未作答的题不得分。')
    expect(handInPrompt([], 3)).toBe('3 题已全部作答，交卷后不能修改。')
    const many = Array.from({ length: 12 }, (_, i) => i + 1)
    expect(handInPrompt(many, 20)).toBe(
      '第 1、2、3、4、5、6、7、8、9、10 等 12 题未作答，交卷后不能修改，未作答的题不得分。',
    )
  })

  it('keeps choices per user and paper, and reads back only valid options of its own questions', () => {
    const storage = memoryStorage()
    const key = choicesKey(7, 42)
    expect(key).toBe('u7:quiz:paper:42')
    expect(readChoices(storage, key, questions)).toEqual({})
    writeChoices(storage, key, { 11: [3], 12: [0] })
    expect(readChoices(storage, key, questions)).toEqual({ 11: [3], 12: [0] })
    storage.set(key, JSON.stringify({ 11: [9, 1, 1], 12: 'x', 99: [0], 13: [2.5] }))
    expect(readChoices(storage, key, questions)).toEqual({ 11: [1] })
    storage.set(key, '{broken')
    expect(readChoices(storage, key, questions)).toEqual({})
  })
})

describe('the countdown on the server clock', () => {
  it('takes the offset from the Date header, mid-second and mid-round-trip', () => {
    const sent = Date.parse('2026-12-04T06:00:00.000Z')
    // The phone is 2 minutes slow: the server said 06:02:00 while the phone read 06:00:00.1-06:00:00.3.
    const offset = clockOffset('Fri, 04 Dec 2026 06:02:00 GMT', sent + 100, sent + 300)
    expect(offset).toBe(120_000 + 500 - 200)
    expect(clockOffset(undefined, sent, sent)).toBe(0)
    expect(clockOffset('not a date', sent, sent)).toBe(0)
  })

  it('counts down to the deadline on the corrected clock, never below 0', () => {
    const paper = { startedAt: '2026-12-04T06:00:00.000Z', deadlineAt: '2026-12-04T06:10:00.000Z' }
    const phone = Date.parse('2026-12-04T06:00:00.000Z')
    expect(remainingMs(paper, phone, 0)).toBe(600_000)
    expect(remainingMs(paper, phone, 120_000)).toBe(480_000)
    expect(remainingMs(paper, phone, 700_000)).toBe(0)
    // The offset's half-second of doubt, just after the start: the 10-minute paper shows 10:00, not 10:01.
    expect(formatRemaining(remainingMs(paper, phone, -400))).toBe('10:00')
    expect(formatRemaining(600_000)).toBe('10:00')
    expect(formatRemaining(59_001)).toBe('01:00')
    expect(formatRemaining(1)).toBe('00:01')
    expect(formatRemaining(0)).toBe('00:00')
    expect(formatRemaining(3_845_000)).toBe('1:04:05')
  })
})
