import type { Transaction } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { creditCodeCheckChar } from '../src/models/creditCode'
import type { TOwnership, TPartyOrg } from '../src/models/org'

/**
 * The demo county: the departments the programme names (附件 and tasks 1-15) and one enterprise of each kind
 * the programme treats differently. Names of enterprises are invented for the demo; credit codes carry a
 * valid GB 32100 check character.
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
export type DepartmentName = (typeof DEPARTMENT_NAMES)[number]

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

/** The ids the demo's departments and enterprises were given, by name and by key. */
export interface DemoOrganisationIds {
  departments: Map<string, number>
  enterprises: Map<string, number>
}

/** Departments, enterprises with their 领导小组 members, and who supervises each. */
export async function seedDemoOrganisations(
  trx: Transaction<Database>,
  now: string,
): Promise<DemoOrganisationIds> {
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
  return { departments: departmentIds, enterprises: enterpriseIds }
}
