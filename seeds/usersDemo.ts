import type { Transaction } from 'kysely'
import type { Database } from '../server/core/db/schema'
import type { TRole } from '../src/models/org'
import { OFFICE_NAME, type DemoOrganisationIds, type DepartmentName } from './organisationsDemo'

/** One demo user for every role, with their memberships. Names of people are invented for the demo. */

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

/** The demo users and their approved memberships; the ids by openid. */
export async function seedDemoUsers(
  trx: Transaction<Database>,
  { departments: departmentIds, enterprises: enterpriseIds }: DemoOrganisationIds,
  now: string,
): Promise<Map<string, number>> {
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
  return userIds
}
