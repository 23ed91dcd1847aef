/**
 * 政商交往清单 in the mini-program: an employee opens the three lists from 首页; a 县委统战部 监管员 drafts a
 * new 负面清单 from the one in force and publishes it (第2版, the first still readable); the 政商 pledge's
 * signing page shows the versions it will be signed under.
 */
import { signIn, recordSetData, tapCell } from './support/flows'
import { startWeappServer, type WeappServer } from './support/server'

jest.setTimeout(180_000)

describe('政商交往清单 in the mini-program', () => {
  let server: WeappServer
  beforeAll(async () => {
    server = await startWeappServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('首页 → 政商交往清单: everyone reads the lists in force', async () => {
    const mp = await signIn(server, 'demo-employee-private')
    try {
      await tapCell(mp, '政商交往清单')
      await mp.waitForRoute('packages/dealings/pages/lists/index')
      await mp.waitForText(/政商交往正面清单.*第1版.*现行.*政商交往负面清单.*清廉民企建设引导清单/)
      await mp.waitForText(/其余条目由县委统战部、县工商联制定发布/)
      expect(mp.text()).not.toMatch(/起草新版本/)
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
  })

  it('县委统战部 drafts and publishes a new version; the 政商 pledge page names it', async () => {
    const mp = await signIn(server, 'demo-supervisor-united')
    try {
      await mp.open('/packages/dealings/pages/lists/index')
      await mp.waitForText(/起草新版本/)
      // The 负面清单's 起草新版本 opens this page; the form starts from the version in force (one item, 18 字).
      await mp.open('/packages/dealings/pages/edit/index?kind=negative')
      await mp.waitForText(/政商交往负面清单.*新版本草稿.*第\s*1\s*条\s*18\/500/)
      await mp.tap('保存并发布')
      await mp.waitForRoute('packages/dealings/pages/lists/index')
      await mp.waitForText(/政商交往负面清单.*第2版.*现行.*历次版本.*第1版/)
      const rows = await server.test.app.db
        .selectFrom('dealing_list_versions')
        .select(['version'])
        .where('in_force_kind', '=', 'negative')
        .execute()
      expect(rows).toEqual([{ version: 2 }])
      mp.assertHealthy()
    } finally {
      recordSetData(mp)
      mp.close()
    }
    const head = await signIn(server, 'demo-head-private')
    try {
      const { id } = await server.test.app.db
        .selectFrom('enterprises')
        .select('id')
        .where('name', '=', '县恒达食品有限公司')
        .executeTakeFirstOrThrow()
      await head.open(`/packages/pledges/pages/sign/index?kind=government_business&eid=${id}`)
      await head.waitForText(/依据《政商交往清单》正面清单第1版、负面清单第2版、清廉民企建设引导清单第1版/)
      head.assertHealthy()
    } finally {
      recordSetData(head)
      head.close()
    }
  })
})
