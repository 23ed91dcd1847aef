import { moveTime, type Times } from '@/packages/events/pages/create/times'

const at = (hhmm: string) => new Date(`2026-12-04T${hhmm}:00+08:00`)
const times: Times = {
  startsAt: at('09:00'),
  endsAt: at('11:00'),
  signInOpensAt: at('08:30'),
  signInClosesAt: at('11:00'),
}
const shown = (t: Times) =>
  Object.fromEntries(
    Object.entries(t).map(([k, d]) => [
      k,
      d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
    ]),
  )

describe('活动时间 in the event form', () => {
  it('moves the end, the sign-in lead and the close along with the start', () => {
    expect(shown(moveTime(times, 'startsAt', at('14:00'), {}))).toEqual({
      startsAt: '14:00:00',
      endsAt: '16:00:00',
      signInOpensAt: '13:30:00',
      signInClosesAt: '16:00:00',
    })
  })

  it('moves the close with the end only while the close was at the end', () => {
    expect(shown(moveTime(times, 'endsAt', at('12:00'), {})).signInClosesAt).toBe('12:00:00')
    const earlyClose = { ...times, signInClosesAt: at('09:30') }
    expect(shown(moveTime(earlyClose, 'endsAt', at('12:00'), {})).signInClosesAt).toBe('09:30:00')
  })

  it('never moves a time that has begun', () => {
    const moved = moveTime(times, 'startsAt', at('10:00'), { signInOpensAt: '签到已开始' })
    expect(shown(moved)).toEqual({
      startsAt: '10:00:00',
      endsAt: '12:00:00',
      signInOpensAt: '08:30:00',
      signInClosesAt: '12:00:00',
    })
  })
})
