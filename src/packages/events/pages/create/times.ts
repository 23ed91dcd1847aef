import type { TEvent } from '@/models/event'
import type { EventTimeField } from '@/models/eventEdit'

type TimeField = EventTimeField

export const TIME_LABELS: Record<TimeField, string> = {
  startsAt: '开始时间',
  endsAt: '结束时间',
  signInOpensAt: '签到开始',
  signInClosesAt: '签到截止',
}

/** The next whole hour, so the default start is a time people would choose. */
function nextHour(): Date {
  const d = new Date()
  d.setMinutes(0, 0, 0)
  d.setHours(d.getHours() + 1)
  return d
}

export const addMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000)

export type Times = Record<TimeField, Date>

export const isoTimes = (t: Times) => ({
  startsAt: t.startsAt.toISOString(),
  endsAt: t.endsAt.toISOString(),
  signInOpensAt: t.signInOpensAt.toISOString(),
  signInClosesAt: t.signInClosesAt.toISOString(),
})

/** A new event: the next hour for two hours, sign-in from 30 minutes before; an edit: the event's own. */
export function initialTimes(event?: TEvent): Times {
  if (event)
    return {
      startsAt: new Date(event.startsAt),
      endsAt: new Date(event.endsAt),
      signInOpensAt: new Date(event.signInOpensAt),
      signInClosesAt: new Date(event.signInClosesAt),
    }
  const start = nextHour()
  return {
    startsAt: start,
    endsAt: addMinutes(start, 120),
    signInOpensAt: addMinutes(start, -30),
    signInClosesAt: addMinutes(start, 120),
  }
}

/**
 * One time changed by the user, and the times that follow it: moving the start keeps the length and the
 * 30-minute sign-in lead; moving the end moves the close when it was at the end. A time that has begun
 * (locked) is never moved along.
 */
export function moveTime(
  t: Times,
  field: TimeField,
  value: Date,
  locked: Partial<Record<TimeField, string>>,
): Times {
  const next = { ...t, [field]: value }
  const follow = (f: TimeField, d: Date) => {
    if (!locked[f]) next[f] = d
  }
  if (field === 'startsAt') {
    const length = t.endsAt.getTime() - t.startsAt.getTime()
    follow('endsAt', new Date(value.getTime() + length))
    follow('signInOpensAt', addMinutes(value, -30))
    follow('signInClosesAt', next.endsAt)
  } else if (field === 'endsAt' && t.signInClosesAt.getTime() === t.endsAt.getTime()) {
    follow('signInClosesAt', value)
  }
  return next
}
