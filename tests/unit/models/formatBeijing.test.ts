import { inZone, ZONES } from '../support/inZone'

/** What people read is 北京时间 whatever zone the device (or the test machine) is set to. */
describe.each(ZONES)('dates in 北京时间 on a device in %s', (zone, offset) => {
  const run = <T>(body: string) => {
    const result = inZone<T>(zone, 'src/models/format.ts', body)
    expect(result.offset).toBe(offset)
    return result.value
  }

  it('a 05:30 北京时间 meeting on 12月2日 (21:30 UTC the day before) reads 12月2日 05:30', () => {
    const at = '2026-12-01T21:30:00.000Z'
    expect(
      run(`return [m.formatDate('${at}'), m.formatDateTime('${at}'), m.formatToday(new Date('${at}'))]`),
    ).toEqual(['2026年12月2日', expect.stringMatching(/12月2日 05:30$/), '12月2日 星期三'])
  })

  it('a last day (a calendar day, no instant) reads as written, east of 北京 too', () => {
    expect(run(`return m.formatDate('2026-11-24')`)).toBe('2026年11月24日')
  })

  it('a 北京时间 minute as a 更正 keeps it (2026-06-10 09:00) reads as written, in every zone', () => {
    expect(run(`return [m.formatDate('2026-06-10 09:00'), m.formatDateTime('2026-06-10 09:00')]`)).toEqual([
      '2026年6月10日',
      expect.stringMatching(/6月10日 09:00$/),
    ])
  })

  it('an invalid value reads as nothing', () => {
    expect(run(`return [m.formatDateTime('not a date'), m.formatDate('')]`)).toEqual(['', ''])
  })
})
