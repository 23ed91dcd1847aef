import { call, createTestApp, loginAs, TEST_DB, type TestApp } from './support/testApp'
import { addLedgerEnterprises } from './support/bulkEnterprises'
import { TODO_GROUP_FROM } from '../../src/models/todoKinds'
import type { TTodoDigest, TTodoList } from '../../src/models/todo'

/**
 * 任务 of a supervisor of many enterprises: each kind that has a 工作清单 shows as one item 「N家企业…」 from
 * TODO_GROUP_FROM on, so that 审核 by the hundred leave room for 核验; the counts still count each.
 */
describe(`to-dos of many enterprises, grouped [${TEST_DB}]`, () => {
  let t: TestApp
  let ids: number[]
  const get = async <T>(url: string): Promise<T> => {
    const res = await call(t.app, await loginAs(t.app, 'demo-supervisor-finance'), { method: 'GET', url })
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  const awaitVerification = (enterpriseIds: number[]) =>
    t.app.db
      .updateTable('rectifications')
      .set({ status: 'awaiting_verification', response: '已整改' })
      .where('enterprise_id', 'in', enterpriseIds)
      .execute()

  beforeAll(async () => {
    t = await createTestApp()
    // Supervised by the demo's first department (县财政局, 黄志强's), each with a submitted self-assessment.
    ids = await addLedgerEnterprises(t.app.db, 3 * TODO_GROUP_FROM)
  })
  afterAll(async () => {
    await t.close()
  })

  it('lists fewer than TODO_GROUP_FROM of a kind one by one', async () => {
    await awaitVerification(ids.slice(0, TODO_GROUP_FROM - 1))
    const list = await get<TTodoList>('/api/v1/todos')
    const verify = list.items.filter((i) => i.kind === 'rectification_verify')
    expect(verify).toHaveLength(TODO_GROUP_FROM - 1)
    expect(verify.every((i) => i.count === undefined && i.enterpriseId !== null)).toBe(true)
  })

  it('shows TODO_GROUP_FROM or more of a kind as one item for its 工作清单, and still counts each', async () => {
    await awaitVerification(ids.slice(0, TODO_GROUP_FROM))
    const list = await get<TTodoList>('/api/v1/todos')
    const reviews = list.counts.assessment_review!
    expect(reviews).toBeGreaterThanOrEqual(3 * TODO_GROUP_FROM)
    const enterprises = await t.app.db
      .selectFrom('assessments')
      .select(({ fn }) => fn.count<number>('enterprise_id').distinct().as('n'))
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow()
    expect(list.items.filter((i) => i.kind === 'assessment_review')).toEqual([
      {
        kind: 'assessment_review',
        key: 'group:assessment_review',
        title: `${Number(enterprises.n)}家企业的自查待审核`,
        detail: `共 ${reviews} 份，在工作清单「待审核」中逐一审核`,
        dueDate: null,
        overdue: false,
        enterpriseId: null,
        recordId: null,
        count: reviews,
      },
    ])
    expect(list.items.filter((i) => i.kind === 'rectification_verify')).toEqual([
      expect.objectContaining({
        key: 'group:rectification_verify',
        title: `${TODO_GROUP_FROM}家企业的整改待核验`,
        count: TODO_GROUP_FROM,
        enterpriseId: null,
      }),
    ])
    expect(list.counts.rectification_verify).toBe(TODO_GROUP_FROM)
    expect(list.total).toBe(Object.values(list.counts).reduce((a, b) => a + b, 0))
    // The digest (and the reminders) still count each to-do.
    const digest = await get<TTodoDigest>('/api/v1/todos/digest')
    expect(digest.total).toBe(list.total)
    expect(digest.byKind.find((k) => k.kind === 'assessment_review')?.count).toBe(reviews)
  })
})
