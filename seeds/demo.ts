import { seedDemoDealings } from './dealingsDemo'
import type { Kysely } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { nowIso } from '../server/core/clock'
import { newEventSecret } from '../server/features/events/qrToken'
import { DEMO_BRANCHES_SINCE, seedDemoParty } from './partyDemo'
import type { TEventKind } from '../src/models/event'
import { creditCodeCheckChar } from '../src/models/creditCode'
import type { TOwnership, TPartyOrg, TRole } from '../src/models/org'

/**
 * Demo data: a county with the departments the programme names (附件 and tasks 1-15), one enterprise of
 * each kind the programme treats differently, and one demo user for every role. Names of people and
 * enterprises are invented for the demo; credit codes carry a valid GB 32100 check character.
 */

export const OFFICE_NAME = '县清廉企业建设工作领导小组办公室（县财政局资产股）'

/** 牵头单位 / 责任单位 named in the programme. */
export const DEPARTMENT_NAMES = [
  OFFICE_NAME,
  '县财政局',
  '县委统战部',
  '县委组织部',
  '县委宣传部',
  '县委巡察办',
  '县工商联',
  '县融媒体中心',
  '县工业园区管委会',
  '县工业信息化和商务局',
  '县发展改革局',
  '县住房和城乡建设局',
  '县农业农村局',
  '县林业局',
  '县公安局',
  '县审计局',
  '县市场监管局',
  '县纪委监委驻县财政局纪检监察组',
  '县纪委监委驻县市场监管局纪检监察组',
] as const
type DepartmentName = (typeof DEPARTMENT_NAMES)[number]

/** Builds a valid code from a 17-character body: 9 (工商) 1 (企业) + 区划码 + a serial. */
export function demoCreditCode(serial: number): string {
  const body = `914507${String(serial).padStart(2, '0')}MA5K${String(serial * 7919)
    .padStart(5, '0')
    .slice(-5)}`
  return body + creditCodeCheckChar(body)
}

interface DemoEnterprise {
  key: string
  name: string
  ownership: TOwnership
  partyOrg: TPartyOrg
  industry: string
  supervisedBy: DepartmentName[]
  branch?: string
  /** 实施步骤 milestones recorded before the app (领导小组 set-up day, 实施方案 filed day) with the group's members. */
  milestones?: { leadingGroupDate: string; planFiledDate: string; members: [string, string, string][] }
}

export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  {
    key: 'soe',
    name: '县城市建设投资集团有限公司',
    ownership: 'state_owned',
    partyOrg: 'party_committee',
    industry: '城市基础设施建设',
    supervisedBy: ['县财政局', '县纪委监委驻县财政局纪检监察组'],
    branch: '县城市建设投资集团有限公司机关党支部',
    milestones: {
      leadingGroupDate: '2022-06-10',
      planFiledDate: '2022-06-14',
      members: [
        ['张国栋', '党委书记、董事长', 'leader'],
        ['覃建华', '党委副书记、总经理', 'deputy'],
        ['李明', '综合办公室主任', 'member'],
      ],
    },
  },
  {
    key: 'mixed',
    name: '县园区水务发展有限公司',
    ownership: 'state_controlled',
    partyOrg: 'general_branch',
    industry: '供水（国有控股混合所有制）',
    supervisedBy: ['县工业园区管委会', '县财政局'],
    branch: '县园区水务发展有限公司党支部',
    milestones: {
      leadingGroupDate: '2022-06-13',
      planFiledDate: '2022-06-20',
      members: [
        ['黄伟', '党总支书记、董事长', 'leader'],
        ['蒙晓燕', '综合部经理', 'member'],
      ],
    },
  },
  {
    key: 'private',
    name: '县恒达食品有限公司',
    ownership: 'private',
    partyOrg: 'branch',
    industry: '食品加工',
    supervisedBy: ['县委统战部', '县市场监管局'],
    branch: '县恒达食品有限公司党支部',
  },
  {
    key: 'private-nopo',
    name: '县顺通物流有限公司',
    ownership: 'private',
    partyOrg: 'none',
    industry: '道路货运',
    supervisedBy: ['县委统战部', '县工业信息化和商务局'],
  },
]

interface DemoMembership {
  role: TRole
  enterprise?: string
  department?: DepartmentName
}

export interface DemoUser {
  openid: string
  name: string
  phone: string
  description: string
  memberships: DemoMembership[]
  /** Disabled users exist for tests; the picker shows them so the refusal can be seen. */
  disabled?: boolean
}

export const DEMO_USERS: DemoUser[] = [
  {
    openid: 'demo-office',
    name: '覃秀',
    phone: '13807710001',
    description: `领导小组办公室 · ${OFFICE_NAME}`,
    memberships: [{ role: 'office', department: OFFICE_NAME }],
  },
  {
    openid: 'demo-supervisor-finance',
    name: '黄志强',
    phone: '13807710002',
    description: '监管员 · 县财政局（清廉国企专班）',
    memberships: [{ role: 'supervisor', department: '县财政局' }],
  },
  {
    openid: 'demo-supervisor-united',
    name: '韦丽萍',
    phone: '13807710003',
    description: '监管员 · 县委统战部（清廉民企专班）',
    memberships: [{ role: 'supervisor', department: '县委统战部' }],
  },
  {
    openid: 'demo-official',
    name: '陆海军',
    phone: '13807710004',
    description: '党员干部 · 县工业信息化和商务局',
    memberships: [{ role: 'official', department: '县工业信息化和商务局' }],
  },
  {
    openid: 'demo-liaison-soe',
    name: '李明',
    phone: '13807710011',
    description: '联络员 · 县城市建设投资集团有限公司',
    memberships: [
      { role: 'liaison', enterprise: 'soe' },
      { role: 'employee', enterprise: 'soe' },
    ],
  },
  {
    openid: 'demo-head-soe',
    name: '张国栋',
    phone: '13807710012',
    description: '负责人（党委书记、董事长） · 县城市建设投资集团有限公司',
    memberships: [
      { role: 'head', enterprise: 'soe' },
      { role: 'employee', enterprise: 'soe' },
    ],
  },
  {
    openid: 'demo-liaison-mixed',
    name: '蒙晓燕',
    phone: '13807710021',
    description: '联络员 · 县园区水务发展有限公司',
    memberships: [
      { role: 'liaison', enterprise: 'mixed' },
      { role: 'employee', enterprise: 'mixed' },
    ],
  },
  {
    openid: 'demo-liaison-private',
    name: '陈静',
    phone: '13807710031',
    description: '联络员 · 县恒达食品有限公司',
    memberships: [
      { role: 'liaison', enterprise: 'private' },
      { role: 'employee', enterprise: 'private' },
    ],
  },
  {
    openid: 'demo-head-private',
    name: '刘恒达',
    phone: '13807710032',
    description: '负责人（总经理） · 县恒达食品有限公司',
    memberships: [
      { role: 'head', enterprise: 'private' },
      { role: 'employee', enterprise: 'private' },
    ],
  },
  {
    openid: 'demo-secretary-private',
    name: '梁红梅',
    phone: '13807710033',
    description: '支部书记 · 县恒达食品有限公司党支部',
    memberships: [
      { role: 'branch_secretary', enterprise: 'private' },
      { role: 'employee', enterprise: 'private' },
    ],
  },
  {
    openid: 'demo-employee-private',
    name: '王小军',
    phone: '13807710034',
    description: '职工 · 县恒达食品有限公司',
    memberships: [{ role: 'employee', enterprise: 'private' }],
  },
  {
    openid: 'demo-liaison-nopo',
    name: '周顺',
    phone: '13807710041',
    description: '联络员 · 县顺通物流有限公司',
    memberships: [
      { role: 'liaison', enterprise: 'private-nopo' },
      { role: 'employee', enterprise: 'private-nopo' },
    ],
  },
  {
    openid: 'demo-newcomer',
    name: '新用户',
    phone: '13807710051',
    description: '尚未加入任何企业（可凭邀请码加入）',
    memberships: [],
  },
]

export const DEMO_CAMPAIGN = {
  name: '2026年度清廉企业建设自查',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  dueDate: '2026-12-31',
}

interface DemoEvent {
  kind: TEventKind
  title: string
  description: string
  organiser: { enterprise: string } | { department: DepartmentName }
  /** openid of the organiser who creates it */
  createdBy: string
  /** Audience: enterprise keys. */
  audience: string[]
}

/** Two events open for sign-in from the day of the first start (北京时间 00:00) for 30 days. */
export const DEMO_EVENTS: DemoEvent[] = [
  {
    kind: 'warning_education',
    title: '民营企业清廉建设警示教育会（演示）',
    description: '县委统战部组织全县民营企业开展身边人身边事违纪违法案件警示教育。',
    organiser: { department: '县委统战部' },
    createdBy: 'demo-supervisor-united',
    audience: DEMO_ENTERPRISES.filter((e) => e.ownership === 'private').map((e) => e.key),
  },
  {
    kind: 'integrity_lecture',
    title: '廉政主题党课：守纪律 讲规矩（演示）',
    description: '县恒达食品有限公司党支部廉政主题党课。',
    organiser: { enterprise: 'private' },
    createdBy: 'demo-secretary-private',
    audience: ['private'],
  },
]

export const DEMO_EVENT_DAYS = 30

/** 00:00 北京时间 of the day `ms` falls on. */
export function beijingDayStart(ms: number): number {
  const day = 24 * 3600_000
  const offset = 8 * 3600_000
  return Math.floor((ms + offset) / day) * day - offset
}

/** Loads the demo data once: does nothing if any department exists already. */
export async function seedDemoData(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('departments').select('id').limit(1).executeTakeFirst()
    if (existing) return false
    const now = nowIso()
    const departmentIds = new Map<string, number>()
    for (const name of DEPARTMENT_NAMES) {
      const row = await trx
        .insertInto('departments')
        .values({ name, is_office: name === OFFICE_NAME ? 1 : 0, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      departmentIds.set(name, row.id)
    }
    const enterpriseIds = new Map<string, number>()
    for (const [index, e] of DEMO_ENTERPRISES.entries()) {
      const row = await trx
        .insertInto('enterprises')
        .values({
          name: e.name,
          credit_code: demoCreditCode(index + 1),
          ownership: e.ownership,
          party_org: e.partyOrg,
          industry: e.industry,
          leading_group_date: e.milestones?.leadingGroupDate ?? null,
          plan_filed_date: e.milestones?.planFiledDate ?? null,
          demonstration: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      enterpriseIds.set(e.key, row.id)
      for (const [position, [name, title, role]] of (e.milestones?.members ?? []).entries()) {
        await trx
          .insertInto('leading_group_members')
          .values({ enterprise_id: row.id, position, name, title, group_role: role, created_at: now })
          .execute()
      }
      for (const department of e.supervisedBy) {
        await trx
          .insertInto('supervision_links')
          .values({ department_id: departmentIds.get(department)!, enterprise_id: row.id, created_at: now })
          .execute()
      }
    }
    const userIds = new Map<string, number>()
    for (const u of DEMO_USERS) {
      const row = await trx
        .insertInto('users')
        .values({
          openid: u.openid,
          unionid: null,
          name: u.name,
          phone: u.phone,
          session_key: null,
          disabled_at: u.disabled ? now : null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      userIds.set(u.openid, row.id)
      for (const m of u.memberships) {
        await trx
          .insertInto('memberships')
          .values({
            user_id: row.id,
            organisation_kind: m.enterprise ? 'enterprise' : 'department',
            organisation_id: m.enterprise
              ? enterpriseIds.get(m.enterprise)!
              : departmentIds.get(m.department!)!,
            role: m.role,
            status: 'approved',
            invite_id: null,
            decided_by: null,
            decided_at: now,
            created_at: now,
          })
          .execute()
      }
    }
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
    // An open self-assessment, so the demo liaison has something to do on first start.
    const template = await trx
      .selectFrom('checklist_templates')
      .select('id')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (template) {
      const campaign = await trx
        .insertInto('campaigns')
        .values({
          name: DEMO_CAMPAIGN.name,
          period_start: DEMO_CAMPAIGN.periodStart,
          period_end: DEMO_CAMPAIGN.periodEnd,
          due_date: DEMO_CAMPAIGN.dueDate,
          template_id: template.id,
          created_by: userIds.get('demo-office')!,
          created_at: now,
          county_wide: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const enterpriseId of enterpriseIds.values()) {
        const assessment = await trx
          .insertInto('assessments')
          .values({
            campaign_id: campaign.id,
            enterprise_id: enterpriseId,
            template_id: template.id,
            status: 'draft',
            overall_score: null,
            section_scores: null,
            submitted_at: null,
            reviewed_at: null,
            reviewed_by: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('assessment_events')
          .values({
            assessment_id: assessment.id,
            from_status: null,
            to_status: 'draft',
            actor_id: userIds.get('demo-office')!,
            comment: '发起自查',
            created_at: now,
          })
          .execute()
      }
    }
    // Events whose sign-in is open whenever the demo is first started.
    const start = beijingDayStart(Date.now())
    const startsAt = new Date(start).toISOString()
    const endsAt = new Date(start + DEMO_EVENT_DAYS * 24 * 3600_000).toISOString()
    for (const e of DEMO_EVENTS) {
      const organiser =
        'enterprise' in e.organiser
          ? { kind: 'enterprise' as const, id: enterpriseIds.get(e.organiser.enterprise)! }
          : { kind: 'department' as const, id: departmentIds.get(e.organiser.department)! }
      const event = await trx
        .insertInto('events')
        .values({
          kind: e.kind,
          title: e.title,
          description: e.description,
          organiser_kind: organiser.kind,
          organiser_id: organiser.id,
          starts_at: startsAt,
          ends_at: endsAt,
          sign_in_opens_at: startsAt,
          sign_in_closes_at: endsAt,
          place_name: null,
          place_lat: null,
          place_lng: null,
          place_radius_m: null,
          qr_secret: newEventSecret(),
          created_by: userIds.get(e.createdBy)!,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('event_audience')
        .values(e.audience.map((key) => ({ event_id: event.id, enterprise_id: enterpriseIds.get(key)! })))
        .execute()
    }
    // 三会一课: branch rolls, party groups and past meeting records.
    await seedDemoParty(trx, { enterprises: enterpriseIds, users: userIds }, Date.now())
    await seedDemoDealings(trx, userIds.get('demo-office')!, now)
    return true
  })
}
