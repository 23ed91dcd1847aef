import { inZone, ZONES } from '../support/inZone'

/** A deadline picker (DayPicker without bounds) starts on today in 北京时间, whatever zone the phone is set to. */
describe.each(ZONES)('deadline picker days on a phone in %s', (zone, offset) => {
  it('at 2026-12-05T17:00Z (01:00 北京时间 on the 6th) the first day is the 6th and the last two years on', () => {
    const result = inZone<string[]>(
      zone,
      'src/models/format.ts',
      `const s = m.pickerSpan(Date.parse('2026-12-05T17:00:00Z'))
       const local = (d) => [d.getFullYear(), d.getMonth() + 1, d.getDate()].join('-')
       return [local(s.start), local(s.end)]`,
    )
    expect(result.offset).toBe(offset)
    expect(result.value).toEqual(['2026-12-6', '2028-12-6'])
  })
})
