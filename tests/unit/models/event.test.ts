import fs from 'node:fs'
import path from 'node:path'
import {
  EVENT_KINDS,
  EVENT_KIND_INFO,
  ZCountyEventCreate,
  ZEnterpriseEventCreate,
  distanceMetres,
  eventEndProblem,
} from '../../../src/models/event'
import { formatShanghaiTime } from '../../../src/models/shanghaiTime'

const DOC_PATH = path.resolve(__dirname, '../../../../shared/seed/000_9b535e9640dff580.txt')
const doc = fs.readFileSync(DOC_PATH, 'utf8')

/** The text of task N of 二、主要任务: from the line opening 'N.' to the next task or part heading. */
function taskText(n: number): string {
  const tasks = doc.slice(doc.indexOf('\n二、主要任务\n'), doc.indexOf('\n三、实施步骤\n'))
  const lines = tasks.split('\n')
  const from = lines.findIndex((l) => l.startsWith(`${n}.`))
  expect(from).toBeGreaterThanOrEqual(0)
  const out = [lines[from]]
  for (const line of lines.slice(from + 1)) {
    if (/^(\d{1,2})\./.test(line) || /^（[一二三四五六七八九十]+）/.test(line)) break
    out.push(line)
  }
  return out.join('\n')
}

describe('event kinds', () => {
  it('come from the programme: each quote is in the task it cites', () => {
    expect(EVENT_KINDS).toHaveLength(8)
    for (const kind of EVENT_KINDS) {
      const { task, quote, label } = EVENT_KIND_INFO[kind]
      expect({ kind, label, found: taskText(task).includes(quote) }).toEqual({ kind, label, found: true })
    }
    const labels = EVENT_KINDS.map((k) => EVENT_KIND_INFO[k].label)
    expect(labels).toEqual([
      '警示教育',
      '廉政党课',
      '读廉政书',
      '廉政知识竞赛',
      '廉政家访',
      '主题党日',
      '专题培训',
      '进企业进车间进班组',
    ])
  })
})

describe('event create schemas', () => {
  const base = {
    kind: 'integrity_lecture',
    title: '廉政党课',
    startsAt: '2026-05-01T09:00:00+08:00',
    endsAt: '2026-05-01T11:00:00+08:00',
  }

  it('normalises times to UTC and opens sign-in 30 minutes before the start by default', () => {
    const parsed = ZEnterpriseEventCreate.parse(base)
    expect(parsed.startsAt).toBe('2026-05-01T01:00:00.000Z')
    expect(parsed.signInOpensAt).toBe('2026-05-01T00:30:00.000Z')
    expect(parsed.signInClosesAt).toBe('2026-05-01T03:00:00.000Z')
  })

  it('refuses an end before the start, an empty window and an unknown kind', () => {
    const swapped = ZEnterpriseEventCreate.safeParse({ ...base, endsAt: '2026-05-01T08:00:00+08:00' })
    expect(swapped.success).toBe(false)
    expect(swapped.error?.issues.map((i) => i.path.join('.'))).toContain('endsAt')
    const window = ZEnterpriseEventCreate.safeParse({
      ...base,
      signInOpensAt: '2026-05-01T10:00:00+08:00',
      signInClosesAt: '2026-05-01T09:00:00+08:00',
    })
    expect(window.error?.issues.map((i) => i.path.join('.'))).toContain('signInClosesAt')
    expect(ZEnterpriseEventCreate.safeParse({ ...base, kind: 'party' }).success).toBe(false)
    expect(ZCountyEventCreate.safeParse({ ...base, audienceEnterpriseIds: [] }).success).toBe(false)
    expect(
      ZCountyEventCreate.parse({ ...base, audienceEnterpriseIds: [3, 3, 4] }).audienceEnterpriseIds,
    ).toEqual([3, 4])
  })

  it('keeps the sign-in window within a day of the event and overlapping it', () => {
    const fields = (times: Record<string, string>) =>
      Object.fromEntries(
        (ZEnterpriseEventCreate.safeParse({ ...base, ...times }).error?.issues ?? []).map((i) => [
          i.path.join('.'),
          i.message,
        ]),
      )
    expect(fields({ signInOpensAt: '2026-04-30T09:00:00+08:00' })).toEqual({})
    expect(fields({ signInOpensAt: '2026-04-30T08:59:00+08:00' })).toEqual({
      signInOpensAt: '签到最早在活动开始前24小时开始',
    })
    expect(
      fields({ signInOpensAt: '2026-05-01T12:00:00+08:00', signInClosesAt: '2026-05-01T13:00:00+08:00' }),
    ).toEqual({ signInOpensAt: '签到开始时间应早于活动结束时间' })
    expect(
      fields({ signInOpensAt: '2026-05-01T07:00:00+08:00', signInClosesAt: '2026-05-01T08:00:00+08:00' }),
    ).toEqual({ signInClosesAt: '签到截止时间应晚于活动开始时间' })
    expect(fields({ signInClosesAt: '2026-05-02T11:00:00+08:00' })).toEqual({})
    expect(fields({ signInClosesAt: '2026-05-02T11:01:00+08:00' })).toEqual({
      signInClosesAt: '签到截止时间不能晚于活动结束后24小时',
    })
  })

  it('refuses an event that has already ended', () => {
    const end = '2026-05-01T03:00:00.000Z'
    expect(eventEndProblem(end, Date.parse(end) - 1)).toBeNull()
    expect(eventEndProblem(end, Date.parse(end))).toBe('活动结束时间已过，不能发起已经结束的活动')
  })
})

describe('helpers', () => {
  it('measures distances on the ground', () => {
    // One degree of latitude is about 111.2 km.
    expect(distanceMetres({ lat: 23, lng: 108 }, { lat: 24, lng: 108 })).toBeCloseTo(111_195, -2)
    expect(distanceMetres({ lat: 23, lng: 108 }, { lat: 23, lng: 108 })).toBe(0)
  })

  it('formats times in 北京时间', () => {
    expect(formatShanghaiTime('2026-05-01T01:02:03.000Z')).toBe('2026-05-01 09:02:03')
    expect(formatShanghaiTime('nonsense')).toBe('')
  })
})
