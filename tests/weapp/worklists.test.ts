/**
 * 工作清单 in the mini-program: a supervisor opens it from 首页, finds an overdue 整改 of an enterprise it
 * supervises, sends 催办 with a note; the enterprise's liaison finds it in 任务.
 */
import { shanghaiDateAfterDays } from '../../src/models/shanghaiTime'
import { recordSetData, signIn, tapCell, tapClass } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('工作清单 and 催办 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
    const { db } = server.test.app
    const enterprise = await db
      .selectFrom('enterprises')
      .select('id')
      .where('name', '=', '县恒达食品有限公司')
      .executeTakeFirstOrThrow()
    const at = new Date().toISOString()
    await db
      .insertInto('rectifications')
      .values({
        enterprise_id: enterprise.id,
        source: 'notice',
        title: '建立廉洁从业教育台账',
        deadline: shanghaiDateAfterDays(Date.now(), -3),
        status: 'open',
        created_at: at,
        updated_at: at,
      })
      .execute()
  })
  afterAll(async () => {
    await server.close()
  })

  it('supervisor urges an overdue 整改 → the liaison sees it in 任务', async () => {
    const supervisor = await signIn(server, 'demo-supervisor-united')
    try {
      await tapCell(supervisor, '工作清单')
      await supervisor.waitForRoute('packages/supervision/pages/worklists/index')
      await supervisor.waitForText(/逾期整改 1.*待核验 0.*待审核 0.*未提交自查 2/)
      await supervisor.waitForText(/县恒达食品有限公司.*建立廉洁从业教育台账.*已逾期 3 天/)
      await tapClass(supervisor, 'worklist-row__urge', '催办')
      await supervisor.waitForText('发送催办')
      await supervisor.tap('发送催办')
      await supervisor.waitForText('今日已催办')
      expect(supervisor.device.toasts.map((t) => t.title)).toContain('已催办')
      await supervisor.tap(/未提交自查 2/)
      await supervisor.waitForText('自查表未提交（草稿）')
      supervisor.assertHealthy()
    } finally {
      recordSetData(supervisor)
      supervisor.close()
    }

    const liaison = await signIn(server, 'demo-liaison-private')
    try {
      await liaison.switchTab('pages/tasks/index')
      await liaison.waitForText(/督办：请尽快完成整改「建立廉洁从业教育台账」.*县委统战部催办/)
      liaison.assertHealthy()
    } finally {
      recordSetData(liaison)
      liaison.close()
    }
  })
})
