import type { Transaction } from 'kysely'
import type { Database } from '../server/core/db/schema'
import type { TBranchRole } from '../src/models/meeting'
import { MEETING_RULES, monthPeriod, periodOf, type TMeetingType } from '../src/models/meetingCompliance'
import { shanghaiParts } from '../src/models/shanghaiTime'
import { DEMO_ENTERPRISES } from './organisationsDemo'
import { DEMO_USERS } from './usersDemo'

/** When the demo's party branches and groups were set up: before any year the demo shows, so it all counts. */
export const DEMO_BRANCHES_SINCE = '2020-01-01T00:00:00.000Z'

/**
 * Demo 三会一课 data: the branches' rolls and party groups, and ten months of submitted records before the
 * current month (with a few gaps, so the calendar shows 已逾期 too). The current month is left open for the
 * demo secretary to log. Names of people are invented; linked members are the demo users.
 */
interface DemoPartyMember {
  name: string
  /** openid of the demo user this member is, when they have an account */
  openid?: string
  role: TBranchRole
  /** index into the branch's groups */
  group?: number
}

interface DemoBranchRoll {
  enterprise: string
  groups: string[]
  members: DemoPartyMember[]
  /** How many months back records exist, and for which rules. */
  months: number
  types: TMeetingType[]
}

export const DEMO_BRANCH_ROLLS: DemoBranchRoll[] = [
  {
    enterprise: 'private',
    groups: ['生产车间党小组', '经营管理党小组'],
    members: [
      { name: '梁红梅', openid: 'demo-secretary-private', role: 'secretary', group: 1 },
      { name: '刘恒达', openid: 'demo-head-private', role: 'committee', group: 1 },
      { name: '陈静', openid: 'demo-liaison-private', role: 'committee', group: 1 },
      { name: '王小军', openid: 'demo-employee-private', role: 'member', group: 0 },
      { name: '黄建国', role: 'member', group: 0 },
      { name: '莫丽娟', role: 'member', group: 0 },
      { name: '覃海峰', role: 'member', group: 1 },
      { name: '蓝春梅', role: 'member', group: 0 },
    ],
    months: 10,
    types: ['member_assembly', 'committee', 'group', 'lecture', 'party_day'],
  },
  {
    enterprise: 'soe',
    groups: ['机关第一党小组'],
    members: [
      { name: '张国栋', openid: 'demo-head-soe', role: 'secretary', group: 0 },
      { name: '李明', openid: 'demo-liaison-soe', role: 'committee', group: 0 },
      { name: '吴春燕', role: 'committee', group: 0 },
      { name: '杨志刚', role: 'member', group: 0 },
      { name: '韦秋菊', role: 'member', group: 0 },
    ],
    months: 3,
    types: ['committee', 'party_day'],
  },
  {
    enterprise: 'mixed',
    groups: [],
    members: [
      { name: '蒙德华', role: 'secretary' },
      { name: '罗小梅', role: 'committee' },
      { name: '甘永平', role: 'member' },
    ],
    months: 0,
    types: [],
  },
]

/** Topics from 《县清廉企业建设实施方案》 task 1 and task 11 (the study the meetings carry). */
const TOPICS: Record<TMeetingType, string[]> = {
  member_assembly: [
    '传达学习清廉企业建设实施方案，研究部署本支部清廉建设工作',
    '学习《关于加强新时代廉洁文化建设的意见》，通报支部工作',
  ],
  committee: [
    '研究本月支部工作安排和清廉企业建设推进事项',
    '学习习近平总书记关于全面从严治党重要论述（第一议题）',
    '研究廉洁风险点排查和整改落实',
  ],
  group: ['学习党中央重大决策部署，交流岗位廉洁从业体会', '开展清廉文化“进车间、进班组”学习讨论'],
  lecture: ['廉政主题党课：守纪律 讲规矩 做清廉表率', '廉政主题党课：以案为鉴 警钟长鸣'],
  party_day: ['主题党日：读廉政书', '主题党日：廉政知识竞赛', '主题党日：重温入党誓词'],
  life_meeting: ['组织生活会'],
}

/** Gaps in the demo history: [months back, type, group index?]. */
const GAPS: [number, TMeetingType, number?][] = [
  [4, 'party_day'],
  [2, 'group', 1],
]

export async function seedDemoParty(
  trx: Transaction<Database>,
  ids: { enterprises: Map<string, number>; users: Map<string, number> },
  nowMs: number,
): Promise<void> {
  const now = new Date(nowMs).toISOString()
  const { year, month } = shanghaiParts(nowMs)
  for (const roll of DEMO_BRANCH_ROLLS) {
    const enterpriseId = ids.enterprises.get(roll.enterprise)
    if (enterpriseId === undefined) continue
    const branch = await trx
      .selectFrom('party_branches')
      .select(['id', 'secretary_user_id'])
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('id')
      .executeTakeFirst()
    if (!branch) continue
    const groupIds: number[] = []
    for (const name of roll.groups) {
      const row = await trx
        .insertInto('party_groups')
        .values({ branch_id: branch.id, name, created_at: DEMO_BRANCHES_SINCE })
        .returning('id')
        .executeTakeFirstOrThrow()
      groupIds.push(row.id)
    }
    const members: { id: number; name: string; group: number | undefined }[] = []
    for (const m of roll.members) {
      const row = await trx
        .insertInto('party_members')
        .values({
          branch_id: branch.id,
          user_id: m.openid ? (ids.users.get(m.openid) ?? null) : null,
          name: m.name,
          branch_role: m.role,
          group_id: m.group === undefined ? null : groupIds[m.group],
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      members.push({ id: row.id, name: m.name, group: m.group })
    }
    const secretary = roll.members.find((m) => m.role === 'secretary')
    const recorder = roll.members.find((m) => m.role === 'committee')
    const createdBy =
      branch.secretary_user_id ??
      (secretary?.openid ? ids.users.get(secretary.openid) : undefined) ??
      ids.users.get('demo-office')!
    let serial = 0
    for (let back = roll.months; back >= 1; back -= 1) {
      const period = periodOf(monthPeriod(year, month - back).start, 'month')
      for (const type of roll.types) {
        const rule = MEETING_RULES.find((r) => r.type === type)!
        // A quarterly meeting is held in the quarter's middle month.
        if (rule.period === 'quarter') {
          const quarter = periodOf(period.start, 'quarter')
          const middle = periodOf(quarter.start + 40 * 86_400_000, 'month')
          if (middle.key !== period.key) continue
        }
        const scopes = rule.perGroup ? groupIds.map((_, i) => i) : [undefined]
        for (const group of scopes) {
          if (GAPS.some(([b, t, g]) => b === back && t === type && g === group)) continue
          serial += 1
          const roster = members.filter((m) => group === undefined || m.group === group)
          const absentee = serial % 3 === 0 ? roster[roster.length - 1] : undefined
          const day = 8 + ((serial * 3) % 15)
          const startsAt = new Date(period.start + (day - 1) * 86_400_000 + 14.5 * 3600_000).toISOString()
          const topics = TOPICS[type]
          const meeting = await trx
            .insertInto('meetings')
            .values({
              branch_id: branch.id,
              enterprise_id: enterpriseId,
              type,
              group_id: group === undefined ? null : groupIds[group],
              topic: topics[serial % topics.length],
              starts_at: startsAt,
              place: type === 'party_day' ? '县廉政教育基地' : '公司党员活动室',
              host: secretary?.name ?? '',
              recorder: recorder?.name ?? '',
              expected_count: roster.length,
              present_count: roster.length - (absentee ? 1 : 0),
              non_member_attendees: '',
              minutes: `会议由${secretary?.name ?? '书记'}主持。${topics[serial % topics.length]}。与会党员逐一发言，结合岗位谈认识、谈打算。`,
              decisions: '按会议要求抓好落实，下次会议通报进展。',
              status: 'submitted',
              submitted_at: startsAt,
              submitted_by: createdBy,
              revision: 0,
              sign_in_event_id: null,
              created_by: createdBy,
              created_at: startsAt,
              updated_at: startsAt,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          if (roster.length)
            await trx
              .insertInto('meeting_attendance')
              .values(
                roster.map((m) => ({
                  meeting_id: meeting.id,
                  member_id: m.id,
                  status: m === absentee ? ('absent' as const) : ('present' as const),
                  reason: m === absentee ? '外出学习' : null,
                  method: 'tick' as const,
                })),
              )
              .execute()
        }
      }
    }
  }
}

/** The party branches of the enterprises that have one, with their secretary when a demo user is it. */
export async function seedDemoBranches(
  trx: Transaction<Database>,
  enterpriseIds: Map<string, number>,
  userIds: Map<string, number>,
): Promise<void> {
  for (const e of DEMO_ENTERPRISES) {
    if (!e.branch) continue
    const secretary = DEMO_USERS.find((u) =>
      u.memberships.some((m) => m.role === 'branch_secretary' && m.enterprise === e.key),
    )
    await trx
      .insertInto('party_branches')
      .values({
        enterprise_id: enterpriseIds.get(e.key)!,
        name: e.branch,
        secretary_user_id: secretary ? userIds.get(secretary.openid)! : null,
        // The branches existed long before the county switched the system on: their whole year counts.
        created_at: DEMO_BRANCHES_SINCE,
      })
      .execute()
  }
}
