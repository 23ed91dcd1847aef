import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {
  PROGRAMME_DEADLINE,
  PROGRAMME_DEADLINE_QUOTE,
  ZLeadingGroupSave,
  ZPlanDecision,
  filedOn,
  deadlineRuleText,
  milestoneDeadline,
  resolveMilestoneDeadline,
  milestoneOverdue,
  milestoneStatus,
  milestoneSummary,
  milestoneText,
} from '@/models/milestones'

const bj = (local: string) => Date.parse(`${local}+08:00`)

describe('按时 / 逾期 / 未报', () => {
  it('takes the deadline from the programme document, verbatim', () => {
    const seed = fs.readFileSync(
      path.join(__dirname, '../../../../shared/seed/000_9b535e9640dff580.txt'),
      'utf8',
    )
    const step = seed.split('\n').find((l) => l.includes('清廉建设工作领导小组') && l.includes('6月15日'))
    expect(step).toBeDefined()
    expect(step).toContain(PROGRAMME_DEADLINE_QUOTE)
    expect(PROGRAMME_DEADLINE_QUOTE).toContain('2022年6月15日前完成')
    expect(PROGRAMME_DEADLINE).toBe('2022-06-15')
  })

  it('is 按时 on or before the deadline day, 逾期 after it, 未报 when not reached', () => {
    expect(milestoneStatus('2022-06-10', '2022-06-15')).toBe('on_time')
    expect(milestoneStatus('2022-06-15', '2022-06-15')).toBe('on_time')
    expect(milestoneStatus('2022-06-16', '2022-06-15')).toBe('late')
    expect(milestoneStatus('2023-01-01', '2022-06-15')).toBe('late')
    expect(milestoneStatus(null, '2022-06-15')).toBe('missing')
    expect(milestoneStatus(null, '2099-01-01')).toBe('missing')
  })

  it('counts the day in 北京时间: 23:59 北京时间 on the deadline is on time, 00:00 the next day is late', () => {
    expect(filedOn('2022-06-15T15:59:59.999Z')).toBe('2022-06-15')
    expect(filedOn('2022-06-15T16:00:00.000Z')).toBe('2022-06-16')
    expect(
      milestoneStatus(filedOn(new Date(bj('2022-06-15T23:59:00')).toISOString()), PROGRAMME_DEADLINE),
    ).toBe('on_time')
    expect(
      milestoneStatus(filedOn(new Date(bj('2022-06-16T00:00:00')).toISOString()), PROGRAMME_DEADLINE),
    ).toBe('late')
  })

  it('marks 未报 as overdue once the deadline day is over in 北京时间', () => {
    expect(milestoneOverdue(null, '2022-06-15', bj('2022-06-15T23:59:59'))).toBe(false)
    expect(milestoneOverdue(null, '2022-06-15', bj('2022-06-16T00:00:00'))).toBe(true)
    expect(milestoneOverdue('2022-06-20', '2022-06-15', bj('2026-01-01T00:00:00'))).toBe(false)
  })

  it("uses the enterprise's own deadline, else the county's, else the programme one", () => {
    expect(milestoneDeadline(null, null)).toBe('2022-06-15')
    expect(milestoneDeadline('2026-12-31', null)).toBe('2026-12-31')
    expect(resolveMilestoneDeadline(null, '2027-03-31')).toEqual({ deadline: '2027-03-31', source: 'county' })
    expect(resolveMilestoneDeadline('2026-12-31', '2027-03-31')).toEqual({
      deadline: '2026-12-31',
      source: 'enterprise',
    })
    expect(resolveMilestoneDeadline(undefined, null)).toEqual({ deadline: '2022-06-15', source: 'programme' })
    expect(deadlineRuleText('2027-03-31')).toContain('截止 2027年3月31日')
    expect(deadlineRuleText(null)).toContain('截止 2022年6月15日')
    // the county's date turns an enterprise red since 2022 into one not yet due
    const county = milestoneSummary(
      {
        ownDeadline: null,
        countyDeadline: '2027-03-31',
        leadingGroupDate: null,
        planFiledDate: null,
        planReceipt: null,
      },
      bj('2026-12-02T10:00:00'),
    )
    expect(county).toMatchObject({ deadline: '2027-03-31', leadingGroup: { overdue: false } })
    expect(milestoneText(county.leadingGroup)).toBe('未报')
    const s = milestoneSummary(
      {
        ownDeadline: '2026-12-31',
        countyDeadline: '2027-03-31',
        leadingGroupDate: '2026-11-02',
        planFiledDate: null,
        planReceipt: null,
      },
      bj('2026-12-02T10:00:00'),
    )
    expect(s).toMatchObject({
      deadline: '2026-12-31',
      leadingGroup: { status: 'on_time', doneOn: '2026-11-02', overdue: false },
      plan: { status: 'missing', overdue: false, receipt: null },
    })
    expect(milestoneText(s.leadingGroup)).toBe('按时 2026年11月2日')
    expect(milestoneText(s.plan)).toBe('未报')
    const late = milestoneSummary(
      {
        ownDeadline: null,
        countyDeadline: null,
        leadingGroupDate: '2022-07-01',
        planFiledDate: null,
        planReceipt: 'returned',
      },
      bj('2026-12-02T10:00:00'),
    )
    expect(milestoneText(late.leadingGroup)).toBe('逾期 2022年7月1日')
    expect(milestoneText(late.plan)).toBe('未报（已过截止日）')
  })

  it('gives the same answer whatever the process TZ', () => {
    const script = `
      const m = require('./src/models/milestones.ts');
      const out = [m.filedOn('2022-06-15T15:59:59.999Z'), m.filedOn('2022-06-15T16:00:00.000Z'),
        m.milestoneOverdue(null, '2022-06-15', Date.parse('2022-06-15T16:00:00Z'))];
      process.stdout.write(JSON.stringify(out));
    `
    const run = (tz: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
        cwd: path.join(__dirname, '../../..'),
      })
    const utc = run('UTC')
    expect(JSON.parse(utc)).toEqual(['2022-06-15', '2022-06-16', true])
    for (const tz of ['America/Los_Angeles', 'Asia/Shanghai']) expect(run(tz)).toBe(utc)
  }, 30_000)
})

describe('the forms', () => {
  const member = (groupRole: string, name = '张三') => ({ name, title: '董事长', groupRole })
  it('needs exactly one 组长, a real date and named members', () => {
    expect(
      ZLeadingGroupSave.safeParse({ setUpDate: '2022-06-10', members: [member('leader')] }).success,
    ).toBe(true)
    expect(
      ZLeadingGroupSave.safeParse({ setUpDate: '2022-06-10', members: [member('member')] }).success,
    ).toBe(false)
    expect(
      ZLeadingGroupSave.safeParse({
        setUpDate: '2022-06-10',
        members: [member('leader'), member('leader', '李四')],
      }).success,
    ).toBe(false)
    expect(
      ZLeadingGroupSave.safeParse({ setUpDate: '2022-02-30', members: [member('leader')] }).success,
    ).toBe(false)
    expect(ZLeadingGroupSave.safeParse({ setUpDate: '2022-06-10', members: [] }).success).toBe(false)
    expect(
      ZLeadingGroupSave.safeParse({ setUpDate: '2022-06-10', members: [{ ...member('leader'), name: ' ' }] })
        .success,
    ).toBe(false)
  })
  it('needs a reason to return a 实施方案', () => {
    expect(ZPlanDecision.safeParse({ decision: 'receive' }).success).toBe(true)
    expect(ZPlanDecision.safeParse({ decision: 'return' }).success).toBe(false)
    expect(ZPlanDecision.safeParse({ decision: 'return', reason: '  ' }).success).toBe(false)
    expect(ZPlanDecision.safeParse({ decision: 'return', reason: '缺少责任分工' }).success).toBe(true)
  })
})
