import type { Kysely } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { shanghaiDateAfterDays } from '../src/models/shanghaiTime'
import { specialBasis } from '../src/models/specialBasis'
import { DEMO_ENTERPRISES } from './organisationsDemo'

const DAY = 86_400_000

/**
 * A demo 专项整治 (demo mode only, like the 工作清单's 整改): 县委统战部 over the 民营 enterprises it
 * supervises, citing task 13's sentence for 民营企业 (its 应收款项清收 example is worded for 国企). 恒达 has
 * listed one problem, 整改中; 顺通 has not reported yet, so its liaison has the to-do.
 */
export async function seedDemoSpecials(db: Kysely<Database>, now: number): Promise<void> {
  const basis = specialBasis('t13-private')!
  const department = await db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', '县委统战部')
    .executeTakeFirstOrThrow()
  const user = (openid: string) =>
    db.selectFrom('users').select('id').where('openid', '=', openid).executeTakeFirstOrThrow()
  const [supervisor, liaison] = await Promise.all([
    user('demo-supervisor-united'),
    user('demo-liaison-private'),
  ])
  const names = DEMO_ENTERPRISES.filter((e) => e.ownership === 'private').map((e) => e.name)
  const enterprises = await db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('name', 'in', names)
    .where('ownership', '=', 'private')
    .orderBy('id')
    .execute()
  const hengda = enterprises.find((e) => e.name === '县恒达食品有限公司')
  const opened = new Date(now - 5 * DAY).toISOString()
  const reported = new Date(now - 2 * DAY).toISOString()
  await db.transaction().execute(async (trx) => {
    const special = await trx
      .insertInto('special_campaigns')
      .values({
        title: '民营企业廉洁风险点排查专项整治',
        basis: basis.code,
        description: basis.quote,
        deadline: shanghaiDateAfterDays(now, 25),
        status: 'open',
        department_id: department.id,
        by_office: 0,
        scope_label: `民营企业${enterprises.length}家`,
        version: 1,
        created_by: supervisor.id,
        created_at: opened,
        updated_at: opened,
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const e of enterprises)
      await trx
        .insertInto('special_scope')
        .values({
          special_id: special.id,
          enterprise_id: e.id,
          reported_at: e.id === hengda?.id ? reported : null,
        })
        .execute()
    if (!hengda) return
    const problem = await trx
      .insertInto('special_problems')
      .values({
        special_id: special.id,
        enterprise_id: hengda.id,
        problem: '原料采购由一人询价、定价、验收，缺少相互制约',
        measure: '采购与验收分离，三家以上比价并留存记录',
        owner: '采购部负责人',
        planned_date: shanghaiDateAfterDays(now, 20),
        status: 'in_progress',
        version: 1,
        created_by: liaison.id,
        created_at: reported,
        updated_at: reported,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('special_problem_history')
      .values({
        problem_id: problem.id,
        kind: 'created',
        note: '已修订采购管理办法初稿',
        status: 'in_progress',
        actor_id: liaison.id,
        created_at: reported,
      })
      .execute()
  })
}
