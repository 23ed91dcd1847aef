import { eventTimeProblems } from '../../../src/models/event'
import { eventEditProblems, lockedEventTimes } from '../../../src/models/eventEdit'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const NOW = Date.parse('2026-06-10T02:00:00Z')
const iso = (ms: number) => new Date(ms).toISOString()

/** An event starting in an hour for two hours, sign-in from 30 minutes before to the end. */
const times = (shift = 0) => ({
  startsAt: iso(NOW + HOUR + shift),
  endsAt: iso(NOW + 3 * HOUR + shift),
  signInOpensAt: iso(NOW + 30 * MINUTE + shift),
  signInClosesAt: iso(NOW + 3 * HOUR + shift),
})
const fields = (problems: { path: string; message: string }[]) =>
  Object.fromEntries(problems.map((p) => [p.path, p.message]))

describe('event times: the one rule of creation and edit', () => {
  it('accepts a sound event and names each field that does not fit', () => {
    expect(eventTimeProblems(times())).toEqual([])
    expect(fields(eventTimeProblems({ ...times(), endsAt: iso(NOW + 20 * MINUTE) }))).toEqual({
      endsAt: '结束时间应晚于开始时间',
      signInOpensAt: '签到开始时间应早于活动结束时间',
    })
  })
})

describe('event edit: against the others and against now', () => {
  it('locks nothing before the event; the start once started, the opening once open, the end once ended', () => {
    const t = times()
    expect(lockedEventTimes(t, NOW)).toEqual({})
    expect(Object.keys(lockedEventTimes(t, NOW + 45 * MINUTE))).toEqual(['signInOpensAt'])
    expect(Object.keys(lockedEventTimes(t, NOW + 2 * HOUR))).toEqual(['startsAt', 'signInOpensAt'])
    expect(Object.keys(lockedEventTimes(t, NOW + 4 * HOUR))).toEqual(['startsAt', 'signInOpensAt', 'endsAt'])
  })

  it('moves a future event as a whole, but not into the past', () => {
    expect(eventEditProblems(times(), times(DAY), NOW)).toEqual([])
    // Two hours earlier: the start would be in the past (the rest is still ahead).
    expect(fields(eventEditProblems(times(), times(-2 * HOUR), NOW))).toEqual({
      startsAt: '开始时间不能早于当前时间',
    })
    expect(fields(eventEditProblems(times(), times(-4 * HOUR), NOW))).toEqual({
      startsAt: '开始时间不能早于当前时间',
      endsAt: '结束时间不能早于当前时间',
      signInClosesAt: '签到截止时间不能早于当前时间',
    })
  })

  it('keeps what has begun and only extends the sign-in of an ended event, up to 24 h after the end', () => {
    const t = times()
    const ended = NOW + 4 * HOUR
    const end = Date.parse(t.endsAt)
    expect(fields(eventEditProblems(t, { ...t, endsAt: iso(end + HOUR) }, ended))).toEqual({
      endsAt: '活动已结束，结束时间不能再修改',
    })
    expect(fields(eventEditProblems(t, { ...t, signInClosesAt: iso(end - MINUTE) }, ended))).toEqual({
      signInClosesAt: '活动已结束，签到截止时间只能延后',
    })
    expect(fields(eventEditProblems(t, { ...t, signInClosesAt: iso(end + DAY + MINUTE) }, ended))).toEqual({
      signInClosesAt: '签到截止时间不能晚于活动结束后24小时',
    })
    expect(eventEditProblems(t, { ...t, signInClosesAt: iso(end + DAY) }, ended)).toEqual([])
    // Unchanged times are never checked against now.
    expect(eventEditProblems(t, t, ended)).toEqual([])
  })

  it('lets the sign-in open earlier, even now, while it has not opened yet', () => {
    const t = times()
    expect(eventEditProblems(t, { ...t, signInOpensAt: iso(NOW - MINUTE) }, NOW)).toEqual([])
    expect(fields(eventEditProblems(t, { ...t, signInOpensAt: iso(NOW - 2 * DAY) }, NOW))).toEqual({
      signInOpensAt: '签到最早在活动开始前24小时开始',
    })
  })
})
