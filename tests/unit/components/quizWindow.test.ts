import { inZone, ZONES } from '../support/inZone'

/** 新建竞赛's days are 北京时间 days whatever zone the phone is set to. */
describe.each(ZONES)('新建竞赛 window on a phone in %s', (zone, offset) => {
  it('at 2026-12-05T17:00Z (01:00 北京时间 on the 6th) the start is the 6th, and so is the picker’s first day', () => {
    const result = inZone<string[]>(
      zone,
      'src/packages/quiz/components/officeForms.ts',
      `const w = m.quizWindow(Date.parse('2026-12-05T17:00:00Z'))
       const local = (d) => [d.getFullYear(), d.getMonth() + 1, d.getDate()].join('-')
       return [w.startsOn, w.endsOn, local(w.earliest), local(w.latest)]`,
    )
    expect(result.offset).toBe(offset)
    expect(result.value).toEqual(['2026-12-06', '2027-01-05', '2026-12-6', '2028-12-5'])
  })
})
