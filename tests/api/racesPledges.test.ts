import { sha256Hex } from '../../server/features/pledges/hashChain'
import { PLEDGE_TEMPLATES_V1 } from '../../seeds/pledges/v1'
import {
  PLEDGE_WITHDRAW_AFTER_DAYS,
  renderPledgeText,
  type TPledge,
  type TPledgeKind,
  type TPledgeTemplate,
} from '../../src/models/pledge'
import { call, createTestApp, idOf, loginAs, TEST_DB, type TestApp } from './support/testApp'
import { TINY_PNG } from './support/files'
import { expectOneWinner, outcomes, race, RACERS } from './support/races'

const DAY = 24 * 3600_000
const SIGNATURE = `data:image/png;base64,${TINY_PNG.toString('base64')}`

/** Pledge writes sent RACERS times at once: one pledge a year per signer, one chain entry per act. */
describe(`races: pledges [${TEST_DB}]`, () => {
  let t: TestApp
  let now = Date.parse('2026-06-01T02:00:00Z')
  let office: string
  let employee: string
  let head: string
  let official: string
  let enterpriseId: number
  let departmentId: number
  let templates: Record<TPledgeKind, TPledgeTemplate>

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[office, employee, head, official] = await Promise.all(
      ['demo-office', 'demo-employee-private', 'demo-head-private', 'demo-official'].map((o) =>
        loginAs(t.app, o),
      ),
    )
    enterpriseId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    departmentId = await idOf(t.app, 'departments', '县工业信息化和商务局')
    templates = await currentTemplates()
  })
  afterAll(() => t.close())

  async function currentTemplates() {
    const list = (await call(t.app, employee, { method: 'GET', url: '/api/v1/pledge-templates' })).json()
      .templates as TPledgeTemplate[]
    return Object.fromEntries(list.map((tpl) => [tpl.kind, tpl])) as Record<TPledgeKind, TPledgeTemplate>
  }

  const nameOf = async (
    table: 'users' | 'enterprises' | 'departments',
    column: 'openid' | 'id',
    v: string | number,
  ) =>
    (
      await t.app.db
        .selectFrom(table)
        .select('name')
        .where(column as 'id', '=', v as number)
        .executeTakeFirstOrThrow()
    ).name

  /** The body of a signing request, with the hash of the text the signer's device shows. */
  async function signBody(kind: TPledgeKind, signerOpenid: string | null) {
    const gb = kind === 'government_business'
    const text = renderPledgeText(kind, templates[kind].content, {
      signer: signerOpenid ? await nameOf('users', 'openid', signerOpenid) : undefined,
      enterprise: await nameOf('enterprises', 'id', enterpriseId),
      department: gb ? await nameOf('departments', 'id', departmentId) : undefined,
    })
    return {
      templateId: templates[kind].id,
      textSha256: sha256Hex(text),
      signaturePng: SIGNATURE,
      ...(gb ? { departmentId } : {}),
    }
  }

  const pledgesOf = (kind: TPledgeKind) =>
    t.app.db.selectFrom('pledges').selectAll().where('kind', '=', kind).execute()
  const chainOf = (pledgeId: number) =>
    t.app.db.selectFrom('pledge_chain').select('action').where('pledge_id', '=', pledgeId).execute()

  it('a personal pledge signed eight times at once becomes one pledge of the year', async () => {
    const body = await signBody('personal', 'demo-employee-private')
    const url = `/api/v1/enterprises/${enterpriseId}/pledges`
    const answers = await race(() => call(t.app, employee, { method: 'POST', url, payload: body }))
    expectOneWinner(answers, 201, '409 PLEDGE_ALREADY_SIGNED')
    const pledges = await pledgesOf('personal')
    expect(pledges.filter((p) => p.status === 'effective')).toHaveLength(1)
    expect(await chainOf(pledges[0].id)).toHaveLength(1)
  })

  it('the enterprise pledge signed eight times at once becomes one', async () => {
    const body = await signBody('enterprise', 'demo-head-private')
    const url = `/api/v1/enterprises/${enterpriseId}/pledges`
    const answers = await race(() => call(t.app, head, { method: 'POST', url, payload: body }))
    expectOneWinner(answers, 201, '409 PLEDGE_ALREADY_SIGNED')
    expect(await pledgesOf('enterprise')).toHaveLength(1)
  })

  async function startTwoSided(): Promise<TPledge> {
    const res = await call(t.app, head, {
      method: 'POST',
      url: `/api/v1/enterprises/${enterpriseId}/pledges`,
      payload: await signBody('government_business', null),
    })
    expect(res.statusCode).toBe(201)
    return res.json()
  }

  it('a two-sided pledge is counter-signed once', async () => {
    const pledge = await startTwoSided()
    const answers = await race(() =>
      call(t.app, official, {
        method: 'POST',
        url: `/api/v1/pledges/${pledge.id}/countersign`,
        payload: { textSha256: pledge.textSha256, signaturePng: SIGNATURE },
      }),
    )
    expectOneWinner(answers, 200, '409 PLEDGE_NOT_PENDING')
    expect((await chainOf(pledge.id)).map((e) => e.action)).toEqual(['sign', 'sign'])
  })

  it('a pending pledge is withdrawn once: one withdrawal in the chain', async () => {
    const pledge = await startTwoSided()
    now += (PLEDGE_WITHDRAW_AFTER_DAYS + 1) * DAY
    const answers = await race((i) =>
      call(t.app, head, {
        method: 'POST',
        url: `/api/v1/pledges/${pledge.id}/withdraw`,
        payload: { reason: `对方久未签署（${i}）` },
      }),
    )
    expectOneWinner(answers, 200, '409 PLEDGE_NOT_PENDING')
    expect((await chainOf(pledge.id)).map((e) => e.action)).toEqual(['sign', 'withdraw'])
  })

  it('reminders sent eight times at once remind each member who has not signed once', async () => {
    const liaison = await loginAs(t.app, 'demo-liaison-private')
    const answers = await race(() =>
      call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/enterprises/${enterpriseId}/pledge-reminders`,
        payload: {},
      }),
    )
    expect(answers.map((a) => a.statusCode)).toEqual(Array(RACERS).fill(200))
    const reminded = answers.reduce((sum, a) => sum + (a.json().reminded as number), 0)
    const rows = await t.app.db
      .selectFrom('pledge_reminders')
      .select('user_id')
      .where('enterprise_id', '=', enterpriseId)
      .execute()
    expect(reminded).toBeGreaterThan(0)
    expect(rows).toHaveLength(reminded)
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(reminded)
  })

  const publish = (kind: TPledgeKind, closing: string, note: string) =>
    call(t.app, office, {
      method: 'POST',
      url: '/api/v1/pledge-templates',
      payload: { kind, content: { ...PLEDGE_TEMPLATES_V1[kind], closing }, note },
    })
  const versionsOf = async (kind: TPledgeKind) =>
    (
      await t.app.db
        .selectFrom('pledge_templates')
        .select('version')
        .where('kind', '=', kind)
        .orderBy('version')
        .execute()
    ).map((v) => v.version)

  it('one new text published eight times at once makes one new version; the rest: unchanged', async () => {
    const answers = await race((i) => publish('soe_leader', '承诺人：{{signer}}（修订版）', `修订${i}`))
    expectOneWinner(answers, 201, '409 PLEDGE_TEMPLATE_UNCHANGED')
    expect(await versionsOf('soe_leader')).toEqual([1, 2])
  })

  it('different texts published at once each become a version or are told to refresh, never a 500', async () => {
    const answers = await race((i) => publish('personal', `承诺人：{{signer}}（第${i + 2}版）`, `修订${i}`))
    const published = outcomes(answers).filter((o) => o === '201').length
    expect(outcomes(answers)).toEqual(
      [
        ...Array<string>(published).fill('201'),
        ...Array<string>(RACERS - published).fill('409 CONFLICT'),
      ].sort(),
    )
    expect(await versionsOf('personal')).toEqual(Array.from({ length: published + 1 }, (_, i) => i + 1))
  })
})
