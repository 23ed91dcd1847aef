import { formatDate, formatDateTime, formatToday } from '../../../src/models/format'

/** What people read is 北京时间 whatever zone the device (or the test machine) is set to. */
describe.each(['UTC', 'America/New_York', 'Asia/Shanghai'])('dates in 北京时间 on a device in %s', (zone) => {
  const saved = process.env.TZ
  beforeAll(() => {
    process.env.TZ = zone
  })
  afterAll(() => {
    process.env.TZ = saved
  })

  it('a 05:30 北京时间 meeting on 12月2日 (21:30 UTC the day before) reads 12月2日 05:30', () => {
    expect(formatDate('2026-12-01T21:30:00.000Z')).toBe('2026年12月2日')
    expect(formatDateTime('2026-12-01T21:30:00.000Z')).toMatch(/12月2日 05:30$/)
    expect(formatToday(new Date('2026-12-01T21:30:00.000Z'))).toBe('12月2日 星期三')
  })

  it('an invalid value reads as nothing', () => {
    expect(formatDateTime('not a date')).toBe('')
    expect(formatDate('')).toBe('')
  })
})
