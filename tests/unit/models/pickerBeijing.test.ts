import { fromPicker, pickerValue } from '../../../src/models/format'

/** A picker shows and gives 北京时间 whatever the device's zone. */
describe.each(['UTC', 'America/New_York', 'Asia/Shanghai'])('date pickers on a device in %s', (zone) => {
  const saved = process.env.TZ
  beforeAll(() => {
    process.env.TZ = zone
  })
  afterAll(() => {
    process.env.TZ = saved
  })

  it('14:30 picked on 12月2日 is 06:30 UTC, and the picker opens on it again', () => {
    const instant = fromPicker(['2026', '12', '2', '14', '30'])
    expect(instant.toISOString()).toBe('2026-12-02T06:30:00.000Z')
    const shown = pickerValue(instant)
    expect([
      shown.getFullYear(),
      shown.getMonth() + 1,
      shown.getDate(),
      shown.getHours(),
      shown.getMinutes(),
    ]).toEqual([2026, 12, 2, 14, 30])
  })
})
