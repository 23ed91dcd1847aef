import { execFileSync } from 'node:child_process'
import path from 'node:path'
import {
  MEETING_RULES,
  MEETING_TYPES,
  computeCompliance,
  dueSoon,
  periodOf,
  shanghaiDate,
  type ComplianceMeeting,
  type TMeetingType,
} from '../../../src/models/meetingCompliance'
import { ZMeetingSave } from '../../../src/models/meeting'

/** An instant given as 北京时间 wall-clock text. */
const bj = (text: string) => Date.parse(`${text}+08:00`)
const meeting = (
  type: TMeetingType,
  startsAt: string,
  extra: Partial<ComplianceMeeting> = {},
): ComplianceMeeting => ({
  type,
  startsAt: new Date(bj(startsAt)).toISOString(),
  groupId: null,
  status: 'submitted',
  ...extra,
})

const groups = [
  { id: 1, name: '第一党小组' },
  { id: 2, name: '第二党小组' },
]

function row(
  result: ReturnType<typeof computeCompliance>,
  type: TMeetingType,
  groupId: number | null = null,
) {
  const found = result.rows.find((r) => r.type === type && r.groupId === groupId)
  if (!found) throw new Error(`no row ${type}`)
  return found
}

describe('meeting rules are data', () => {
  it('lists the five rules of the programme’s 三会一课 and 主题党日, each with its period', () => {
    expect(MEETING_RULES.map((r) => [r.type, r.period, r.min, r.perGroup])).toEqual([
      ['member_assembly', 'quarter', 1, false],
      ['committee', 'month', 1, false],
      ['group', 'month', 1, true],
      ['lecture', 'quarter', 1, false],
      ['party_day', 'month', 1, false],
    ])
    for (const rule of MEETING_RULES) expect(MEETING_TYPES).toContain(rule.type)
  })

  it('computes from whatever rule list it is given', () => {
    const result = computeCompliance({
      year: 2026,
      now: bj('2026-12-31T12:00:00'),
      meetings: [meeting('life_meeting', '2026-06-01T09:00:00')],
      groups: [],
      rules: [{ type: 'life_meeting', period: 'quarter', min: 1, perGroup: false, text: '每季度至少1次' }],
    })
    expect(result.rows).toHaveLength(1)
    expect(result.rows[0].cells.map((c) => c.status)).toEqual(['overdue', 'done', 'overdue', 'due'])
  })
})

describe('periods in 北京时间', () => {
  it('puts the last second of a month in it and midnight 北京时间 in the next, whatever UTC says', () => {
    expect(periodOf(bj('2026-03-31T23:59:59'), 'month').key).toBe('2026-03')
    expect(periodOf(bj('2026-04-01T00:00:00'), 'month').key).toBe('2026-04')
    // 2026-03-31T16:30Z is still March in UTC but April in 北京时间.
    expect(periodOf(Date.parse('2026-03-31T16:30:00Z'), 'month').key).toBe('2026-04')
    expect(periodOf(Date.parse('2026-03-31T16:30:00Z'), 'quarter').key).toBe('2026-Q2')
    expect(periodOf(bj('2026-03-31T23:59:59'), 'quarter').key).toBe('2026-Q1')
  })

  it('crosses the year at 北京时间 midnight', () => {
    expect(periodOf(Date.parse('2025-12-31T15:59:59Z'), 'month').key).toBe('2025-12')
    expect(periodOf(Date.parse('2025-12-31T16:00:00Z'), 'month').key).toBe('2026-01')
    expect(periodOf(Date.parse('2025-12-31T16:00:00Z'), 'quarter').key).toBe('2026-Q1')
    expect(shanghaiDate(Date.parse('2025-12-31T16:00:00Z'))).toBe('2026-01-01')
  })

  it('knows the last day of each period, leap years included', () => {
    expect(periodOf(bj('2028-02-10T10:00:00'), 'month').lastDay).toBe('2028-02-29')
    expect(periodOf(bj('2026-02-10T10:00:00'), 'month').lastDay).toBe('2026-02-28')
    expect(periodOf(bj('2026-05-10T10:00:00'), 'quarter').lastDay).toBe('2026-06-30')
    expect(periodOf(bj('2026-11-10T10:00:00'), 'quarter')).toMatchObject({
      key: '2026-Q4',
      lastDay: '2026-12-31',
    })
  })
})

describe('the calendar', () => {
  it('marks each month 已完成 / 待开展 / 已逾期 with the boundary at 北京时间 midnight', () => {
    const meetings = [meeting('committee', '2026-01-15T09:00:00')]
    const lastSecondOfFeb = computeCompliance({
      year: 2026,
      now: bj('2026-02-28T23:59:59'),
      meetings,
      groups: [],
    })
    expect(
      row(lastSecondOfFeb, 'committee')
        .cells.slice(0, 3)
        .map((c) => [c.key, c.status, c.current]),
    ).toEqual([
      ['2026-01', 'done', false],
      ['2026-02', 'due', true],
      ['2026-03', 'due', false],
    ])
    const marchFirst = computeCompliance({ year: 2026, now: bj('2026-03-01T00:00:00'), meetings, groups: [] })
    expect(
      row(marchFirst, 'committee')
        .cells.slice(0, 3)
        .map((c) => c.status),
    ).toEqual(['done', 'overdue', 'due'])
  })

  it('does not count a record nobody attended, and tells it apart in its period', () => {
    const result = computeCompliance({
      year: 2026,
      now: bj('2026-03-10T10:00:00'),
      meetings: [
        meeting('committee', '2026-01-15T09:00:00', { present: 0 }),
        meeting('committee', '2026-02-15T09:00:00', { present: 3 }),
        meeting('committee', '2026-02-20T09:00:00', { present: 0 }),
        meeting('committee', '2026-03-05T09:00:00', { status: 'draft', present: 0 }),
      ],
      groups: [],
    })
    expect(
      row(result, 'committee')
        .cells.slice(0, 3)
        .map((c) => [c.status, c.count, c.empty]),
    ).toEqual([
      ['overdue', 0, 1],
      ['done', 1, 1],
      ['due', 0, 0],
    ])
    expect(row(result, 'committee')).toMatchObject({ required: 2, done: 1 })
  })

  it('counts a meeting held at 00:30 北京时间 on 1 April in April and in the second quarter', () => {
    const result = computeCompliance({
      year: 2026,
      now: bj('2026-06-30T12:00:00'),
      meetings: [
        { type: 'committee', startsAt: '2026-03-31T16:30:00.000Z', groupId: null, status: 'submitted' },
        { type: 'member_assembly', startsAt: '2026-03-31T16:30:00.000Z', groupId: null, status: 'submitted' },
      ],
      groups: [],
    })
    expect(
      row(result, 'committee')
        .cells.map((c) => c.count)
        .slice(2, 4),
    ).toEqual([0, 1])
    expect(row(result, 'member_assembly').cells.map((c) => c.status)).toEqual([
      'overdue',
      'done',
      'due',
      'due',
    ])
  })

  it('counts a meeting on 31 December 23:00 北京时间 in that year, not the next', () => {
    const meetings = [meeting('party_day', '2025-12-31T23:00:00')]
    const y2025 = computeCompliance({ year: 2025, now: bj('2026-01-05T10:00:00'), meetings, groups: [] })
    expect(row(y2025, 'party_day').cells[11]).toMatchObject({ key: '2025-12', status: 'done', count: 1 })
    const y2026 = computeCompliance({ year: 2026, now: bj('2026-01-05T10:00:00'), meetings, groups: [] })
    expect(row(y2026, 'party_day').cells[0]).toMatchObject({ key: '2026-01', status: 'due', count: 0 })
  })

  it('holds each party group to its own month', () => {
    const result = computeCompliance({
      year: 2026,
      now: bj('2026-02-15T10:00:00'),
      meetings: [
        meeting('group', '2026-01-10T09:00:00', { groupId: 1 }),
        meeting('group', '2026-01-20T09:00:00', { groupId: 1 }),
      ],
      groups,
    })
    expect(row(result, 'group', 1).cells[0]).toMatchObject({ status: 'done', count: 2 })
    expect(row(result, 'group', 2).cells[0]).toMatchObject({ status: 'overdue', count: 0 })
    expect(result.byType.find((b) => b.type === 'group')).toEqual({
      type: 'group',
      required: 2,
      done: 1,
      rate: 0.5,
    })
    // A branch without groups has no 党小组会 rows at all.
    const noGroups = computeCompliance({
      year: 2026,
      now: bj('2026-02-15T10:00:00'),
      meetings: [],
      groups: [],
    })
    expect(noGroups.rows.some((r) => r.type === 'group')).toBe(false)
    expect(noGroups.byType.find((b) => b.type === 'group')!.rate).toBeNull()
  })

  it('does not hold a branch (or a 党小组) to the months before it was set up, but counts records kept', () => {
    // The branch came onto the system on 10 March 北京时间; group 2 on 5 May.
    const result = computeCompliance({
      year: 2026,
      now: bj('2026-06-15T10:00:00'),
      since: bj('2026-03-10T09:00:00'),
      meetings: [meeting('committee', '2026-01-20T09:00:00'), meeting('committee', '2026-04-08T09:00:00')],
      groups: [groups[0], { ...groups[1], since: bj('2026-05-05T12:00:00') }],
    })
    const committee = row(result, 'committee').cells.map((c) => c.status)
    // January has a record (entered afterwards): done. February ended before the branch: not required.
    // March (set up mid-month) and May are overdue, April done, June still due.
    expect(committee.slice(0, 6)).toEqual(['done', 'not_yet', 'overdue', 'done', 'overdue', 'due'])
    expect(row(result, 'committee')).toMatchObject({ required: 4, done: 2, rate: 0.5 })
    // The quarter that ended before the branch does not count; the current one is still due.
    expect(row(result, 'member_assembly').cells.map((c) => c.status)).toEqual([
      'overdue',
      'due',
      'due',
      'due',
    ])
    // Group 2 started in May: January to April are not required of it.
    expect(
      row(result, 'group', 2)
        .cells.slice(0, 6)
        .map((c) => c.status),
    ).toEqual(['not_yet', 'not_yet', 'not_yet', 'not_yet', 'overdue', 'due'])
  })

  it('ignores drafts', () => {
    const result = computeCompliance({
      year: 2026,
      now: bj('2026-01-20T10:00:00'),
      meetings: [meeting('committee', '2026-01-10T09:00:00', { status: 'draft' })],
      groups: [],
    })
    expect(row(result, 'committee').cells[0]).toMatchObject({ status: 'due', count: 0 })
  })

  it('rates a year over the periods ended, plus the current one once it is done', () => {
    // Mid-May: January to April have ended; May is current.
    const now = bj('2026-05-15T10:00:00')
    const meetings = [
      meeting('committee', '2026-01-05T09:00:00'),
      meeting('committee', '2026-03-05T09:00:00'),
      meeting('committee', '2026-05-05T09:00:00'),
      meeting('lecture', '2026-02-05T09:00:00'),
    ]
    const result = computeCompliance({ year: 2026, now, meetings, groups: [] })
    // committee: Jan done, Feb overdue, Mar done, Apr overdue, May done (current) → 3 / 5
    expect(row(result, 'committee')).toMatchObject({ required: 5, done: 3, rate: 0.6 })
    // lecture: Q1 done; Q2 current and not done yet → 1 / 1
    expect(row(result, 'lecture')).toMatchObject({ required: 1, done: 1, rate: 1 })
    // party_day: four months overdue → 0 / 4; member_assembly: Q1 overdue → 0 / 1
    expect(row(result, 'party_day')).toMatchObject({ required: 4, done: 0, rate: 0 })
    expect(result.overall).toEqual({ required: 11, done: 4, rate: 0.364 })
    // A year that has not started requires nothing yet.
    const next = computeCompliance({ year: 2027, now, meetings, groups: [] })
    expect(next.overall).toEqual({ required: 0, done: 0, rate: null })
    expect(next.rows.every((r) => r.cells.every((c) => c.status === 'due' && !c.current))).toBe(true)
  })
})

describe('what falls due within 7 days', () => {
  it('lists the open current periods that end within 7 北京时间 days, today included', () => {
    const meetings = [meeting('committee', '2026-03-02T09:00:00')]
    // 25 March: 7 days left in March and in the first quarter.
    const items = dueSoon({ now: bj('2026-03-25T08:00:00'), meetings, groups: [groups[0]] })
    expect(items.map((i) => [i.type, i.groupName, i.periodKey, i.lastDay, i.daysLeft])).toEqual([
      ['member_assembly', null, '2026-Q1', '2026-03-31', 7],
      ['group', '第一党小组', '2026-03', '2026-03-31', 7],
      ['lecture', null, '2026-Q1', '2026-03-31', 7],
      ['party_day', null, '2026-03', '2026-03-31', 7],
    ])
    // 24 March 23:59 北京时间 is 8 days out (although it is already the 24th in UTC too).
    expect(dueSoon({ now: bj('2026-03-24T23:59:00'), meetings, groups: [] })).toEqual([])
    // On the last day: 1 day left; 16:00 UTC that day is already the next month in 北京时间.
    expect(dueSoon({ now: bj('2026-03-31T23:00:00'), meetings, groups: [] })[0].daysLeft).toBe(1)
    expect(
      dueSoon({ now: Date.parse('2026-03-31T16:00:00Z'), meetings, groups: [] }).map((i) => i.periodKey),
    ).toEqual([])
  })

  it('counts February’s days in a leap year', () => {
    expect(dueSoon({ now: bj('2028-02-22T10:00:00'), meetings: [], groups: [] }).map((i) => i.type)).toEqual(
      [],
    )
    expect(dueSoon({ now: bj('2028-02-23T10:00:00'), meetings: [], groups: [] }).map((i) => i.type)).toEqual([
      'committee',
      'party_day',
    ])
  })
})

describe('time zone of the machine', () => {
  const script = `
    const m = require(${JSON.stringify(path.resolve(__dirname, '../../../src/models/meetingCompliance.ts'))});
    const bj = (t) => Date.parse(t + '+08:00');
    const meetings = [
      { type: 'committee', startsAt: '2026-03-31T16:30:00.000Z', groupId: null, status: 'submitted' },
      { type: 'party_day', startsAt: '2025-12-31T16:00:00.000Z', groupId: null, status: 'submitted' },
      { type: 'member_assembly', startsAt: '2026-06-30T15:59:59.000Z', groupId: null, status: 'submitted' },
    ];
    const out = {
      c: m.computeCompliance({ year: 2026, now: bj('2026-07-01T00:00:00'), meetings, groups: [] }),
      d: m.dueSoon({ now: bj('2026-03-25T00:10:00'), meetings, groups: [] }),
      p: [m.periodOf(Date.parse('2026-03-31T16:30:00Z'), 'month').key, m.shanghaiDate(Date.parse('2026-03-31T16:30:00Z'))],
    };
    process.stdout.write(JSON.stringify(out));
  `
  const run = (tz: string) =>
    execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    })

  it('gives the same answer with TZ=UTC, America/Los_Angeles, Asia/Kolkata and Asia/Shanghai', () => {
    const utc = run('UTC')
    const parsed = JSON.parse(utc)
    expect(parsed.p).toEqual(['2026-04', '2026-04-01'])
    expect(parsed.c.rows[1].cells[3]).toMatchObject({ key: '2026-04', status: 'done' })
    expect(parsed.c.rows[0].cells[1]).toMatchObject({ key: '2026-Q2', status: 'done' })
    for (const tz of ['America/Los_Angeles', 'Asia/Kolkata', 'Asia/Shanghai']) expect(run(tz)).toBe(utc)
  }, 30_000)
})

describe('the record body', () => {
  it('normalises times to UTC and refuses the same member twice', () => {
    const parsed = ZMeetingSave.safeParse({
      type: 'committee',
      startsAt: '2026-03-01T09:00:00+08:00',
      attendance: [
        { memberId: 1, status: 'present' },
        { memberId: 1, status: 'absent', reason: '病假' },
      ],
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0].path).toEqual(['attendance', 1, 'memberId'])
    const ok = ZMeetingSave.parse({ type: 'committee', startsAt: '2026-03-01T09:00:00+08:00' })
    expect(ok).toMatchObject({
      startsAt: '2026-03-01T01:00:00.000Z',
      topic: '',
      attendance: [],
      submit: false,
    })
  })
})
