import type { Kysely } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { riskLevel } from '../src/models/risk'
import { shanghaiDateAfterDays } from '../src/models/shanghaiTime'
import type { TRiskArea } from '../src/models/riskCatalogue'

const DAY = 86_400_000

interface DemoRisk {
  enterprise: string
  area: TRiskArea
  post: string
  description: string
  measures: string
  owner: string
  likelihood: number
  impact: number
  /** Days from today to the next review (negative: past it). */
  review: number
}

/** The liaisons' own entries (marked 示例): the areas are the programme's (task 7), the wording is theirs. */
const RISKS: DemoRisk[] = [
  {
    enterprise: '县恒达食品有限公司',
    area: 'material_purchase',
    post: '原料采购岗（示例）',
    description: '原料询价、定价、验收由同一人经办，存在收受回扣的风险（示例）',
    measures: '采购与验收分岗，三家以上比价并留存记录（示例）',
    owner: '采购部负责人',
    likelihood: 3,
    impact: 3,
    review: 20,
  },
  {
    enterprise: '县恒达食品有限公司',
    area: 'receivables',
    post: '销售结算岗（示例）',
    description: '应收账款长期挂账，核销审批不严（示例）',
    measures: '按月对账，核销须经财务负责人和总经理审批（示例）',
    owner: '财务部负责人',
    likelihood: 2,
    impact: 2,
    review: -5,
  },
  {
    enterprise: '县顺通物流有限公司',
    area: 'finance',
    post: '出纳岗（示例）',
    description: '现金收付无人复核（示例）',
    measures: '每日现金盘点，由会计复核签字（示例）',
    owner: '财务主管',
    likelihood: 1,
    impact: 2,
    review: 60,
  },
]

/**
 * Demo 廉洁风险点 (demo mode only): a 高 risk and one past its review at 恒达, so that 监管总览's 廉洁风险点,
 * 工作清单's 风险预警 and the supervisor's to-dos show something on first start.
 */
export async function seedDemoRisks(db: Kysely<Database>, now: number): Promise<void> {
  const created = new Date(now - 30 * DAY).toISOString()
  await db.transaction().execute(async (trx) => {
    for (const r of RISKS) {
      const enterprise = await trx
        .selectFrom('enterprises')
        .select('id')
        .where('name', '=', r.enterprise)
        .executeTakeFirst()
      if (!enterprise) continue
      const liaison = await trx
        .selectFrom('memberships')
        .select('user_id')
        .where('organisation_kind', '=', 'enterprise')
        .where('organisation_id', '=', enterprise.id)
        .where('role', '=', 'liaison')
        .where('status', '=', 'approved')
        .executeTakeFirst()
      if (!liaison) continue
      const row = await trx
        .insertInto('risks')
        .values({
          enterprise_id: enterprise.id,
          area: r.area,
          area_name: null,
          post: r.post,
          description: r.description,
          likelihood: r.likelihood,
          impact: r.impact,
          level: riskLevel(r.likelihood, r.impact),
          measures: r.measures,
          owner: r.owner,
          review_cycle: 3,
          next_review_date: shanghaiDateAfterDays(now, r.review),
          status: 'active',
          starter_code: null,
          rectification_id: null,
          version: 1,
          created_by: liaison.user_id,
          created_at: created,
          updated_at: created,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('risk_history')
        .values({
          risk_id: row.id,
          kind: 'created',
          note: null,
          from_level: null,
          to_level: riskLevel(r.likelihood, r.impact),
          actor_id: liaison.user_id,
          created_at: created,
        })
        .execute()
    }
  })
}
