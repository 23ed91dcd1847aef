import type { Kysely } from 'kysely'
import type { Database } from '../server/core/db/schema'
import type { TPowerListContent } from '../src/models/powers'
import { shanghaiDateAfterDays } from '../src/models/shanghaiTime'

/**
 * Demo 权力清单 and “三重一大” entries (demo mode only, like the demo 整改): 县城市建设投资集团 with a
 * published version (liaison 李明, head 张国栋) and two logged decisions. The rows are examples for the
 * demo, marked （示例）: the programme names no single power, so none of this is offered as a starter.
 */
const DEMO_CONTENT: TPowerListContent = {
  items: [
    {
      section: 'decision',
      power: '主持党委会研究“三重一大”事项（示例）',
      basis: '公司章程、党委会议事规则（示例）',
      procedure: '党委会前置研究讨论，董事会或总经理办公会集体决策（示例）',
    },
    {
      section: 'execution',
      power: '组织实施董事会决议（示例）',
      basis: '公司章程（示例）',
      procedure: '按决议分解任务，定期报告执行情况（示例）',
    },
    {
      section: 'supervision',
      power: '督促领导班子成员落实“一岗双责”（示例）',
      basis: '党委工作规则（示例）',
      procedure: '每季度听取班子成员汇报（示例）',
    },
  ],
  negatives: [{ item: '不得个人决定“三重一大”事项（示例）', basis: '“三重一大”决策制度实施办法（示例）' }],
}

export async function seedDemoPowers(db: Kysely<Database>, now: number): Promise<void> {
  const enterprise = await db
    .selectFrom('enterprises')
    .select('id')
    .where('name', '=', '县城市建设投资集团有限公司')
    .executeTakeFirst()
  const users = await db
    .selectFrom('users')
    .select(['id', 'openid'])
    .where('openid', 'in', ['demo-liaison-soe', 'demo-head-soe'])
    .execute()
  const liaison = users.find((u) => u.openid === 'demo-liaison-soe')
  const head = users.find((u) => u.openid === 'demo-head-soe')
  if (!enterprise || !liaison || !head) return
  const at = new Date(now).toISOString()
  const content = JSON.stringify(DEMO_CONTENT)
  await db
    .insertInto('power_lists')
    .values({
      enterprise_id: enterprise.id,
      content,
      revision: 1,
      dirty: 0,
      published_version: 1,
      updated_by: liaison.id,
      updated_at: at,
    })
    .execute()
  await db
    .insertInto('power_list_versions')
    .values({ enterprise_id: enterprise.id, version: 1, content, published_by: head.id, published_at: at })
    .execute()
  const entries = [
    {
      subject: '城区供水管网改造项目立项（示例）',
      category: 'project' as const,
      decided_on: shanghaiDateAfterDays(now, -20),
      meeting: '党委会',
      attendees: '张国栋、李明等 7 人（示例）',
      result: '同意立项，按程序公开招标（示例）',
    },
    {
      subject: '年度融资计划（示例）',
      category: 'funds' as const,
      decided_on: shanghaiDateAfterDays(now, -8),
      meeting: '董事会',
      attendees: '董事会成员 5 人（示例）',
      result: '同意，提交县财政局备案（示例）',
    },
  ]
  for (const entry of entries) {
    const row = await db
      .insertInto('major_decisions')
      .values({
        enterprise_id: enterprise.id,
        ...entry,
        version: 1,
        created_by: liaison.id,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('major_decision_revisions')
      .values({
        decision_id: row.id,
        before: null,
        after: JSON.stringify({
          subject: entry.subject,
          category: entry.category,
          decidedOn: entry.decided_on,
          meeting: entry.meeting,
          attendees: entry.attendees,
          result: entry.result,
        }),
        note: null,
        actor_id: liaison.id,
        created_at: at,
      })
      .execute()
  }
}
