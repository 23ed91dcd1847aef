import type { Kysely } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { shanghaiDateAfterDays } from '../src/models/shanghaiTime'
import { DEMO_ENTERPRISES } from './organisationsDemo'

const DAY = 86_400_000

/**
 * Demo 整改 so that 工作清单 shows something on first start (demo mode only: the API tests build on the
 * demo data without them): an overdue 整改通知 for an enterprise of each demo supervisor, and one answered
 * and waiting for 核验. Dated from the day the demo starts.
 */
const DEMO_RECTIFICATIONS: {
  enterprise: string
  title: string
  detail: string
  /** Days from the demo's first start (negative: already past). */
  deadlineIn: number
  status: 'open' | 'awaiting_verification'
  response?: string
}[] = [
  {
    enterprise: 'soe',
    title: '规范大额资金支付审批流程',
    detail: '抽查发现部分大额资金支付未经集体研究决策，请修订审批制度并补齐决策记录。',
    deadlineIn: -12,
    status: 'open',
  },
  {
    enterprise: 'mixed',
    title: '完善招投标廉洁风险防控措施',
    detail: '请梳理招投标环节廉洁风险点，制定防控措施并报送。',
    deadlineIn: 10,
    status: 'awaiting_verification',
    response: '已梳理招投标环节风险点 12 个，修订《招标采购管理办法》，并组织相关人员专题学习。',
  },
  {
    enterprise: 'private-nopo',
    title: '建立廉洁从业教育台账',
    detail: '请建立关键岗位人员廉洁从业教育台账，记录每次教育的时间、内容和参加人员。',
    deadlineIn: -3,
    status: 'open',
  },
]

export async function seedDemoWorklists(db: Kysely<Database>, now: number): Promise<void> {
  const office = await db
    .selectFrom('users')
    .select('id')
    .where('openid', '=', 'demo-office')
    .executeTakeFirstOrThrow()
  const enterprises = await db.selectFrom('enterprises').select(['id', 'name']).execute()
  await db.transaction().execute(async (trx) => {
    for (const r of DEMO_RECTIFICATIONS) {
      const name = DEMO_ENTERPRISES.find((e) => e.key === r.enterprise)!.name
      const enterpriseId = enterprises.find((e) => e.name === name)!.id
      const issued = new Date(now - 20 * DAY).toISOString()
      const answered = new Date(now - 2 * DAY).toISOString()
      const row = await trx
        .insertInto('rectifications')
        .values({
          enterprise_id: enterpriseId,
          source: 'notice',
          assessment_id: null,
          item_code: null,
          title: r.title,
          detail: r.detail,
          deadline: shanghaiDateAfterDays(now, r.deadlineIn),
          status: r.status,
          response: r.response ?? null,
          created_by: office.id,
          created_at: issued,
          updated_at: r.status === 'open' ? issued : answered,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const event = { rectification_id: row.id, actor_id: office.id, comment: null }
      await trx
        .insertInto('rectification_events')
        .values({ ...event, from_status: null, to_status: 'open', created_at: issued })
        .execute()
      if (r.status === 'awaiting_verification')
        await trx
          .insertInto('rectification_events')
          .values({ ...event, from_status: 'open', to_status: r.status, created_at: answered })
          .execute()
    }
  })
}
