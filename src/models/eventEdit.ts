import { z } from 'zod'
import { eventCreateFields, eventTimeProblems, type EventTimes, type FieldProblem } from './event'

/**
 * 修改活动: the organiser changes an event's fields (PATCH, any of those of creation; the audience stays).
 * The times are checked by the rule of creation (eventTimeProblems) and against now (eventEditProblems).
 */
export const ZEventUpdate = z.object(eventCreateFields).partial().meta({ id: 'EventUpdate' })
export type TEventUpdate = z.input<typeof ZEventUpdate>
export type TEventUpdateData = z.output<typeof ZEventUpdate>

export type EventTimeField = keyof EventTimes
export const EVENT_TIME_FIELDS: readonly EventTimeField[] = [
  'startsAt',
  'endsAt',
  'signInOpensAt',
  'signInClosesAt',
]

/**
 * The times that can no longer move at `now`, each with the reason: what has begun stays where it is
 * (the start once the event has started, the opening of sign-in once sign-in has opened, the end once
 * the event has ended). The form disables them with this text; the server refuses a change with it.
 */
export function lockedEventTimes(
  current: Required<EventTimes>,
  now: number,
): Partial<Record<EventTimeField, string>> {
  const locked: Partial<Record<EventTimeField, string>> = {}
  if (Date.parse(current.startsAt) <= now) locked.startsAt = '活动已开始，开始时间不能再修改'
  if (Date.parse(current.signInOpensAt) <= now) locked.signInOpensAt = '签到已开始，签到开始时间不能再修改'
  if (Date.parse(current.endsAt) <= now) locked.endsAt = '活动已结束，结束时间不能再修改'
  return locked
}

const NOT_IN_PAST: Record<EventTimeField, string> = {
  startsAt: '开始时间不能早于当前时间',
  endsAt: '结束时间不能早于当前时间',
  // Opening sign-in earlier (even now) is what an organiser does when people arrive early.
  signInOpensAt: '',
  signInClosesAt: '签到截止时间不能早于当前时间',
}

/**
 * A change of an event's times (`next`: the times as they would be), one message per field: a time
 * that has begun cannot move (lockedEventTimes); a time that moves cannot move into the past (except
 * the opening of sign-in); once the event has ended its sign-in can only be extended, up to 24 h after
 * the end (the rule of creation). Then the rule of creation on `next` for the other fields.
 */
export function eventEditProblems(
  current: Required<EventTimes>,
  next: Required<EventTimes>,
  now: number,
): FieldProblem[] {
  const out: FieldProblem[] = []
  const locked = lockedEventTimes(current, now)
  const ended = Date.parse(current.endsAt) <= now
  for (const field of EVENT_TIME_FIELDS) {
    const before = Date.parse(current[field])
    const after = Date.parse(next[field])
    if (before === after) continue
    const lock = locked[field]
    if (lock) out.push({ path: field, message: lock })
    else if (field === 'signInClosesAt' && ended && after < before)
      out.push({ path: field, message: '活动已结束，签到截止时间只能延后' })
    else if (after < now && NOT_IN_PAST[field]) out.push({ path: field, message: NOT_IN_PAST[field] })
  }
  for (const problem of eventTimeProblems(next))
    if (!out.some((p) => p.path === problem.path)) out.push(problem)
  return out
}
