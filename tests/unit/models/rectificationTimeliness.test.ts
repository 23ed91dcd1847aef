import {
  isOverdue,
  ledgerOverdueCell,
  rectificationTimeliness,
  RECTIFICATION_TIMELINESS_LABELS,
} from '../../../src/models/rectificationTimeliness'

const deadline = '2026-05-01'
const today = '2026-06-10'

describe('整改 overdue', () => {
  it('is overdue only while open or returned and past the deadline', () => {
    expect(isOverdue('open', '2026-11-23', '2026-11-24')).toBe(true)
    expect(isOverdue('open', '2026-11-24', '2026-11-24')).toBe(false)
    expect(isOverdue('awaiting_verification', '2026-01-01', '2026-11-24')).toBe(false)
    expect(isOverdue('returned', '2026-01-01', '2026-11-24')).toBe(true)
  })
})

describe('rectificationTimeliness', () => {
  it('judges an open or returned 整改 by today: 逾期 after the deadline, 未到期 until then', () => {
    expect(rectificationTimeliness({ status: 'open', deadline, submittedAt: null }, '2026-05-02')).toBe(
      'overdue',
    )
    expect(rectificationTimeliness({ status: 'returned', deadline, submittedAt: null }, '2026-05-02')).toBe(
      'overdue',
    )
    expect(rectificationTimeliness({ status: 'open', deadline, submittedAt: null }, deadline)).toBe('not_due')
    // A returned hand-in, even an early one, does not count: it is open again, and late by today.
    expect(
      rectificationTimeliness(
        { status: 'returned', deadline, submittedAt: '2026-04-01T02:00:00.000Z' },
        today,
      ),
    ).toBe('overdue')
  })

  it('judges one handed in (待核验 or 已销号) by the 北京时间 day of the hand-in, whatever today is', () => {
    for (const status of ['awaiting_verification', 'closed'] as const) {
      expect(
        rectificationTimeliness({ status, deadline, submittedAt: '2026-05-01T02:00:00.000Z' }, today),
      ).toBe('done_on_time')
      expect(
        rectificationTimeliness({ status, deadline, submittedAt: '2026-05-03T02:00:00.000Z' }, today),
      ).toBe('done_late')
    }
  })

  it('counts the hours 00:00–08:00 北京时间 on the next day', () => {
    const at = (submittedAt: string) =>
      rectificationTimeliness({ status: 'awaiting_verification', deadline, submittedAt }, today)
    // 2026-05-01 23:59 北京时间: on the deadline's day.
    expect(at('2026-05-01T15:59:59.999Z')).toBe('done_on_time')
    // 2026-05-02 00:00 and 01:00 北京时间, still 2026-05-01 in UTC: a day late.
    expect(at('2026-05-01T16:00:00.000Z')).toBe('done_late')
    expect(at('2026-05-01T17:00:00.000Z')).toBe('done_late')
    // 2026-05-01 07:59 北京时间, 2026-04-30 in UTC: on time.
    expect(at('2026-04-30T23:59:00.000Z')).toBe('done_on_time')
  })

  it('has nothing to show late a finished 整改 whose hand-in was never recorded', () => {
    expect(rectificationTimeliness({ status: 'closed', deadline, submittedAt: null }, today)).toBe(
      'done_on_time',
    )
  })
})

describe('是否逾期 in the 工作台账', () => {
  it('reads 逾期 or 逾期完成, blank for on time or not yet due', () => {
    expect(ledgerOverdueCell('overdue')).toBe('逾期')
    expect(ledgerOverdueCell('done_late')).toBe('逾期完成')
    expect(ledgerOverdueCell('done_on_time')).toBe('')
    expect(ledgerOverdueCell('not_due')).toBe('')
    expect(RECTIFICATION_TIMELINESS_LABELS.done_on_time).toBe('按时完成')
  })
})
