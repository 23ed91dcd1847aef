import { sha256Hex } from '../../server/features/pledges/hashChain'
import { verifyWholeChain } from '../../server/features/pledges/verify'
import {
  renderPledgeText,
  type TPledge,
  type TPledgeKind,
  type TPledgeTemplate,
} from '../../src/models/pledge'
import { PLEDGE_TEMPLATES_V1 } from '../../seeds/pledges/v1'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing, MISSING_ID } from './support/isolation'
import { TINY_PNG } from './support/files'
import { signaturePng } from './support/pledges'
import { formatShanghaiTime } from '../../src/models/shanghaiTime'

const DAY = 24 * 3600_000

describe(`pledges [${TEST_DB}]`, () => {
  let t: TestApp
  let now = Date.parse('2026-06-01T02:00:00Z')

  let employee: string // 王小军, 恒达 employee
  let liaison: string // 陈静, 恒达 liaison
  let head: string // 刘恒达, 恒达 head (民营)
  let headSoe: string // 张国栋, 城投 head (国有独资)
  let liaisonSoe: string
  let liaisonNopo: string // 顺通 liaison: another tenant
  let official: string // 陆海军, 工信局 cadre
  let supervisorUnited: string
  let supervisorFinance: string
  let office: string
  let privateId: number
  let soeId: number
  let nopoId: number
  let industryId: number // 县工业信息化和商务局
  let unitedId: number

  let templates: Record<TPledgeKind, TPledgeTemplate>

  beforeAll(async () => {
    t = await createTestApp({}, { clock: () => now })
    ;[
      employee,
      liaison,
      head,
      headSoe,
      liaisonSoe,
      liaisonNopo,
      official,
      supervisorUnited,
      supervisorFinance,
    ] = await Promise.all(
      [
        'demo-employee-private',
        'demo-liaison-private',
        'demo-head-private',
        'demo-head-soe',
        'demo-liaison-soe',
        'demo-liaison-nopo',
        'demo-official',
        'demo-supervisor-united',
        'demo-supervisor-finance',
      ].map((openid) => loginAs(t.app, openid)),
    )
    office = await loginAs(t.app, 'demo-office')
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    nopoId = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    industryId = await idOf(t.app, 'departments', '县工业信息化和商务局')
    unitedId = await idOf(t.app, 'departments', '县委统战部')
    templates = await currentTemplates()
  })
  afterAll(() => t.close())

  async function currentTemplates() {
    const res = await call(t.app, employee, { method: 'GET', url: '/api/v1/pledge-templates' })
    expect(res.statusCode).toBe(200)
    const list = res.json().templates as TPledgeTemplate[]
    return Object.fromEntries(list.map((tpl) => [tpl.kind, tpl])) as Record<TPledgeKind, TPledgeTemplate>
  }

  const userName = async (openid: string) =>
    (await t.app.db.selectFrom('users').select('name').where('openid', '=', openid).executeTakeFirstOrThrow())
      .name
  const enterpriseName = async (id: number) =>
    (await t.app.db.selectFrom('enterprises').select('name').where('id', '=', id).executeTakeFirstOrThrow())
      .name
  const departmentName = async (id: number) =>
    (await t.app.db.selectFrom('departments').select('name').where('id', '=', id).executeTakeFirstOrThrow())
      .name

  /** The text the signer's device shows, hashed as the app does. */
  async function textHash(
    kind: TPledgeKind,
    parties: { signer?: string; enterpriseId: number; departmentId?: number },
    template = templates[kind],
  ) {
    const text = renderPledgeText(kind, template.content, {
      signer: parties.signer ? await userName(parties.signer) : undefined,
      enterprise: await enterpriseName(parties.enterpriseId),
      department: parties.departmentId ? await departmentName(parties.departmentId) : undefined,
    })
    return sha256Hex(text)
  }

  async function sign(
    token: string,
    openid: string,
    kind: TPledgeKind,
    enterpriseId: number,
    extra: {
      departmentId?: number
      headers?: Record<string, string>
      signature?: string
      hash?: string
    } = {},
  ) {
    const hash =
      extra.hash ??
      (await textHash(kind, {
        signer: kind === 'government_business' ? undefined : openid,
        enterpriseId,
        departmentId: extra.departmentId,
      }))
    return call(t.app, token, {
      method: 'POST',
      url: `/api/v1/enterprises/${enterpriseId}/pledges`,
      payload: {
        templateId: templates[kind].id,
        textSha256: hash,
        signaturePng: extra.signature ?? signaturePng(),
        ...(extra.departmentId ? { departmentId: extra.departmentId } : {}),
      },
      headers: extra.headers,
    })
  }

  async function startAsOfficial(enterpriseId = privateId, token = official, departmentId = industryId) {
    return call(t.app, token, {
      method: 'POST',
      url: `/api/v1/departments/${departmentId}/pledges`,
      payload: {
        templateId: templates.government_business.id,
        textSha256: await textHash('government_business', { enterpriseId, departmentId }),
        signaturePng: signaturePng(3),
        enterpriseId,
      },
    })
  }

  async function countersign(token: string, pledge: TPledge, signature = signaturePng(7)) {
    return call(t.app, token, {
      method: 'POST',
      url: `/api/v1/pledges/${pledge.id}/countersign`,
      payload: { textSha256: pledge.textSha256, signaturePng: signature },
    })
  }

  const verify = (code: string) => call(t.app, null, { method: 'GET', url: `/api/v1/pledges/verify/${code}` })

  describe('templates', () => {
    it('ships the four kinds from the programme, version 1, current', async () => {
      expect(Object.keys(templates).sort()).toEqual(
        ['enterprise', 'government_business', 'personal', 'soe_leader'].sort(),
      )
      for (const tpl of Object.values(templates)) {
        expect(tpl.version).toBe(1)
        expect(tpl.current).toBe(true)
        expect(tpl.content.title).toBe(PLEDGE_TEMPLATES_V1[tpl.kind].title)
      }
      expect(JSON.stringify(templates.enterprise.content)).toContain('不行贿、不欠薪、不逃税、不侵权')
    })

    it('only the office publishes a new version', async () => {
      const body = { kind: 'personal', content: { ...PLEDGE_TEMPLATES_V1.personal }, note: 'x' }
      const refused = await call(t.app, liaison, {
        method: 'POST',
        url: '/api/v1/pledge-templates',
        payload: body,
      })
      expect(refused.statusCode).toBe(403)
      const bad = await call(t.app, office, {
        method: 'POST',
        url: '/api/v1/pledge-templates',
        payload: { kind: 'personal', content: { title: '短', preamble: '', clauses: [] } },
      })
      expect(bad.statusCode).toBe(400)
    })
  })

  describe('who signs what', () => {
    it('personal: any employee, once a year', async () => {
      const first = await sign(employee, 'demo-employee-private', 'personal', privateId)
      expect(first.statusCode).toBe(201)
      const pledge = first.json() as TPledge
      expect(pledge).toMatchObject({ kind: 'personal', status: 'effective', templateVersion: 1 })
      expect(pledge.text).toContain('王小军')
      expect(pledge.text).toContain('县恒达食品有限公司')
      expect(pledge.textSha256).toBe(sha256Hex(pledge.text))
      expect(pledge.signatures).toHaveLength(1)
      expect(pledge.signatures[0]).toMatchObject({ signerName: '王小军', phoneMasked: '138****0034' })
      expect(pledge.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/)
      const again = await sign(employee, 'demo-employee-private', 'personal', privateId)
      expect(again.statusCode).toBe(409)
      expect(again.json().error.code).toBe('PLEDGE_ALREADY_SIGNED')
    })

    it('records the server time, IP, user agent and the image with its hash', async () => {
      const res = await call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/enterprises/${privateId}/pledges`,
        payload: {
          templateId: templates.personal.id,
          textSha256: await textHash('personal', { signer: 'demo-liaison-private', enterpriseId: privateId }),
          signaturePng: signaturePng(2),
        },
        headers: { 'user-agent': 'pledge-test-agent/1.0' },
      })
      expect(res.statusCode).toBe(201)
      const row = await t.app.db
        .selectFrom('pledge_signatures')
        .selectAll()
        .where('pledge_id', '=', res.json().id)
        .executeTakeFirstOrThrow()
      expect(row.signed_at).toBe(new Date(now).toISOString())
      expect(row.user_agent).toBe('pledge-test-agent/1.0')
      expect(row.ip).toBe('127.0.0.1')
      expect(row.signature_sha256).toBe(sha256Hex(Buffer.from(row.signature_png, 'base64')))
      expect(row.text_sha256).toBe(res.json().textSha256)
      expect(row.chain_seq).toBeGreaterThan(0)
    })

    it('enterprise pledge: only the head', async () => {
      const refused = await sign(employee, 'demo-employee-private', 'enterprise', privateId)
      expect(refused.statusCode).toBe(403)
      expect(refused.json().error.message).toContain('负责人')
      const ok = await sign(head, 'demo-head-private', 'enterprise', privateId)
      expect(ok.statusCode).toBe(201)
      expect(ok.json().text).toContain('不行贿、不欠薪、不逃税、不侵权')
    })

    it('国企领导人员 pledge: only the head of a 国有 / 国有控股 enterprise', async () => {
      const privateHead = await sign(head, 'demo-head-private', 'soe_leader', privateId)
      expect(privateHead.statusCode).toBe(422)
      expect(privateHead.json().error.code).toBe('PLEDGE_NOT_APPLICABLE')
      const soeLiaison = await sign(liaisonSoe, 'demo-liaison-soe', 'soe_leader', soeId)
      expect(soeLiaison.statusCode).toBe(403)
      const ok = await sign(headSoe, 'demo-head-soe', 'soe_leader', soeId)
      expect(ok.statusCode).toBe(201)
      expect(ok.json().text).toContain('张国栋')
    })

    it('政商 pledge: the head starts it naming a department; an employee cannot', async () => {
      const refused = await sign(employee, 'demo-employee-private', 'government_business', privateId, {
        departmentId: industryId,
      })
      expect(refused.statusCode).toBe(403)
      const noDepartment = await sign(head, 'demo-head-private', 'government_business', privateId)
      expect(noDepartment.statusCode).toBe(400)
      const res = await sign(head, 'demo-head-private', 'government_business', privateId, {
        departmentId: industryId,
      })
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({
        status: 'pending',
        department: { id: industryId, name: '县工业信息化和商务局' },
        startedBy: { side: 'enterprise' },
      })
    })

    it('a one-sided pledge names no department', async () => {
      const res = await sign(headSoe, 'demo-head-soe', 'enterprise', soeId, {
        departmentId: industryId,
        hash: '0'.repeat(64),
      })
      expect(res.statusCode).toBe(422)
      expect(res.json().error.code).toBe('PLEDGE_NOT_APPLICABLE')
    })

    it('a department cadre starts one naming an enterprise found by its credit code; a supervisor cannot', async () => {
      const code = (
        await t.app.db
          .selectFrom('enterprises')
          .select('credit_code')
          .where('id', '=', privateId)
          .executeTakeFirstOrThrow()
      ).credit_code
      const found = await call(t.app, official, {
        method: 'GET',
        url: `/api/v1/departments/${industryId}/pledge-counterparty?creditCode=${code}`,
      })
      expect(found.json()).toEqual({ id: privateId, name: '县恒达食品有限公司' })
      const res = await startAsOfficial()
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({ status: 'pending', startedBy: { side: 'department' } })
      expect(res.json().signatures[0]).toMatchObject({
        side: 'department',
        organisationName: '县工业信息化和商务局',
      })
      const supervisor = await startAsOfficial(privateId, supervisorUnited, unitedId)
      expect(supervisor.statusCode).toBe(403)
    })

    it('refuses a text the device did not show exactly (hash mismatch)', async () => {
      const res = await sign(headSoe, 'demo-head-soe', 'enterprise', soeId, { hash: sha256Hex('另一段文字') })
      expect(res.statusCode).toBe(409)
      expect(res.json().error.code).toBe('PLEDGE_TEXT_MISMATCH')
    })
  })

  describe('signature images', () => {
    const withImage = (signature: string) =>
      sign(headSoe, 'demo-head-soe', 'enterprise', soeId, { signature })

    it('refuses an oversized PNG with SIGNATURE_TOO_LARGE', async () => {
      const big = Buffer.concat([TINY_PNG, Buffer.alloc(600 * 1024, 7)])
      const res = await withImage(big.toString('base64'))
      expect(res.statusCode).toBe(413)
      expect(res.json().error).toMatchObject({
        code: 'SIGNATURE_TOO_LARGE',
        message: expect.stringContaining('签名'),
      })
    })

    it('refuses a body past the request limit with PAYLOAD_TOO_LARGE', async () => {
      const res = await withImage(Buffer.alloc(1024 * 1024, 1).toString('base64'))
      expect(res.statusCode).toBe(413)
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE')
    })

    it.each([
      ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.alloc(64)]).toString('base64')],
      ['a PDF', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n'.repeat(4)).toString('base64')],
      ['text', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>').toString('base64')],
      ['not base64', '这不是图片这不是图片这不是图片这不是图片'],
    ])('refuses %s with SIGNATURE_NOT_PNG', async (_, image) => {
      const res = await withImage(image)
      expect(res.statusCode).toBe(415)
      expect(res.json().error.code).toBe('SIGNATURE_NOT_PNG')
      expect(res.json().error.message).toMatch(/PNG/)
    })
  })

  describe('idempotent signing', () => {
    it('a retry with the same key returns the first pledge; no second record, no second chain entry', async () => {
      const count = async () =>
        Number(
          (
            await t.app.db
              .selectFrom('pledge_chain')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      const before = await count()
      const headers = { 'idempotency-key': 'pledge-sign-key-0001' }
      const first = await sign(head, 'demo-head-private', 'government_business', privateId, {
        departmentId: unitedId,
        headers,
      })
      const second = await sign(head, 'demo-head-private', 'government_business', privateId, {
        departmentId: unitedId,
        headers,
      })
      expect(first.statusCode).toBe(201)
      expect(second.statusCode).toBe(201)
      expect(second.headers['idempotent-replayed']).toBe('true')
      expect(second.json().id).toBe(first.json().id)
      expect(second.json().code).toBe(first.json().code)
      expect(await count()).toBe(before + 1)
      const reused = await sign(head, 'demo-head-private', 'government_business', privateId, {
        departmentId: industryId,
        headers,
      })
      expect(reused.statusCode).toBe(422)
      expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    })
  })

  describe('the two-sided pledge', () => {
    let pledge: TPledge
    beforeAll(async () => {
      const res = await sign(head, 'demo-head-private', 'government_business', privateId, {
        departmentId: industryId,
      })
      pledge = res.json()
    })

    it('is refused to a cadre of another department and to other enterprises (as if missing)', async () => {
      // A cadre of 县委统战部: the pledge names 工信局, so it is not theirs to see.
      const newcomer = await t.app.db
        .selectFrom('users')
        .select('id')
        .where('openid', '=', 'demo-newcomer')
        .executeTakeFirstOrThrow()
      await t.app.db
        .insertInto('memberships')
        .values({
          user_id: newcomer.id,
          organisation_kind: 'department',
          organisation_id: unitedId,
          role: 'official',
          status: 'approved',
          invite_id: null,
          decided_by: null,
          decided_at: null,
          created_at: new Date().toISOString(),
        })
        .execute()
      const otherCadre = await loginAs(t.app, 'demo-newcomer')
      for (const token of [otherCadre, supervisorFinance, headSoe, liaisonNopo]) {
        const res = await countersign(token, pledge)
        const missing = await call(t.app, token, {
          method: 'POST',
          url: `/api/v1/pledges/${MISSING_ID}/countersign`,
          payload: { textSha256: pledge.textSha256, signaturePng: signaturePng(7) },
        })
        expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 404, body: missing.json() })
      }
    })

    it('is refused (403) to whoever sees it without signing for the other side', async () => {
      // 县委统战部 supervises 恒达: its supervisor sees the pledge but is no cadre of 工信局.
      const res = await countersign(supervisorUnited, pledge)
      expect(res.statusCode).toBe(403)
      expect(res.json().error.message).toBe('只有承诺书所列部门的党员干部可以签署')
    })

    it('is refused (403) to someone of the enterprise who is not its head', async () => {
      const res = await countersign(liaison, pledge)
      expect(res.statusCode).toBe(403)
    })

    it('is 待对方签署 in both sides’ lists until the cadre signs, then 已生效', async () => {
      const listOf = async (token: string) =>
        (await call(t.app, token, { method: 'GET', url: '/api/v1/pledges' })).json().pledges as TPledge[]
      const mine = (await listOf(head)).find((p) => p.id === pledge.id)
      expect(mine).toMatchObject({ status: 'pending', canCountersign: false })
      const theirs = (await listOf(official)).find((p) => p.id === pledge.id)
      expect(theirs).toMatchObject({ status: 'pending', canCountersign: true })
      const todo = await call(t.app, official, { method: 'GET', url: '/api/v1/pledges/todo' })
      expect(todo.json().countersign.map((p: TPledge) => p.id)).toContain(pledge.id)

      now += 3600_000
      const res = await countersign(official, pledge)
      expect(res.statusCode).toBe(200)
      const done = res.json() as TPledge
      expect(done.status).toBe('effective')
      expect(done.effectiveAt).toBe(new Date(now).toISOString())
      expect(done.signatures.map((s) => [s.side, s.signerName])).toEqual([
        ['enterprise', '刘恒达'],
        ['department', '陆海军'],
      ])
      expect(done.signatures.every((s) => s.image?.startsWith('data:image/png;base64,'))).toBe(true)
      expect((await listOf(head)).find((p) => p.id === pledge.id)?.status).toBe('effective')
      expect((await listOf(official)).find((p) => p.id === pledge.id)?.status).toBe('effective')

      const twice = await countersign(official, pledge)
      expect(twice.statusCode).toBe(409)
      expect(twice.json().error.code).toBe('PLEDGE_NOT_PENDING')
    })

    it('started by the cadre, it is counter-signed by the enterprise head', async () => {
      const started = (await startAsOfficial()).json() as TPledge
      const res = await countersign(head, started)
      expect(res.statusCode).toBe(200)
      expect(res.json().status).toBe('effective')
    })

    it('a pledge waiting too long can be withdrawn by its starter only; it stays on record', async () => {
      const waiting = (
        await sign(head, 'demo-head-private', 'government_business', privateId, { departmentId: industryId })
      ).json() as TPledge
      const withdraw = (token: string) =>
        call(t.app, token, {
          method: 'POST',
          url: `/api/v1/pledges/${waiting.id}/withdraw`,
          payload: { reason: '对方长期未签署' },
        })
      const early = await withdraw(head)
      expect(early.statusCode).toBe(422)
      expect(early.json().error.code).toBe('PLEDGE_WITHDRAW_TOO_EARLY')
      now += 8 * DAY
      expect((await withdraw(official)).statusCode).toBe(403)
      const res = await withdraw(head)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({
        status: 'withdrawn',
        withdrawn: { reason: '对方长期未签署', byName: '刘恒达' },
      })
      expect((await countersign(official, waiting)).json().error.code).toBe('PLEDGE_NOT_PENDING')
      const check = (await verify(waiting.code)).json()
      expect(check).toMatchObject({ status: 'withdrawn', intact: true })
    })
  })

  describe('no route changes or deletes a pledge', () => {
    it('has no PUT, PATCH or DELETE under the pledge routes', () => {
      const writes = t.app.routeAccessTable.filter(
        (r) => /pledge/.test(r.url) && ['PUT', 'PATCH', 'DELETE'].includes(r.method),
      )
      expect(writes).toEqual([])
    })
  })

  describe('tenant isolation', () => {
    it('another enterprise’s pledges and coverage answer exactly like missing ones', async () => {
      const pledges = await t.app.db
        .selectFrom('pledges')
        .select('id')
        .where('enterprise_id', '=', privateId)
        .execute()
      expect(pledges.length).toBeGreaterThan(3)
      await expectSameAsMissing(
        t.app,
        liaisonNopo,
        [
          { method: 'GET', url: (id) => `/api/v1/pledges/${id}` },
          { method: 'GET', url: (id) => `/api/v1/pledges/${id}/certificate.svg` },
          {
            method: 'POST',
            url: (id) => `/api/v1/pledges/${id}/withdraw`,
            payload: { reason: '试图撤回' },
          },
          {
            method: 'POST',
            url: (id) => `/api/v1/pledges/${id}/countersign`,
            payload: { textSha256: '0'.repeat(64), signaturePng: signaturePng() },
          },
        ],
        pledges.map((p) => p.id),
      )
      await expectSameAsMissing(
        t.app,
        liaisonNopo,
        [
          { method: 'GET', url: (id) => `/api/v1/enterprises/${id}/pledge-coverage` },
          { method: 'POST', url: (id) => `/api/v1/enterprises/${id}/pledge-reminders`, payload: {} },
          {
            method: 'POST',
            url: (id) => `/api/v1/enterprises/${id}/pledges`,
            payload: {
              templateId: templates.personal.id,
              textSha256: '0'.repeat(64),
              signaturePng: signaturePng(),
            },
          },
        ],
        [privateId, soeId],
      )
      const list = (await call(t.app, liaisonNopo, { method: 'GET', url: '/api/v1/pledges' })).json().pledges
      expect(list).toEqual([])
    })

    it('the enterprise’s liaison sees its pledges; a plain employee does not see the head’s', async () => {
      const headPledge = await t.app.db
        .selectFrom('pledges')
        .select('id')
        .where('enterprise_id', '=', privateId)
        .where('kind', '=', 'enterprise')
        .executeTakeFirstOrThrow()
      expect(
        (await call(t.app, liaison, { method: 'GET', url: `/api/v1/pledges/${headPledge.id}` })).statusCode,
      ).toBe(200)
      expect(
        (await call(t.app, employee, { method: 'GET', url: `/api/v1/pledges/${headPledge.id}` })).statusCode,
      ).toBe(404)
    })
  })

  describe('certificate and public verification', () => {
    let done: TPledge
    beforeAll(async () => {
      const started = (
        await sign(head, 'demo-head-private', 'government_business', privateId, { departmentId: industryId })
      ).json() as TPledge
      done = (await countersign(official, started)).json()
    })

    it('anyone with the code sees that record and chain are intact, who signed when, phones masked', async () => {
      const res = await verify(done.code)
      expect(res.statusCode).toBe(200)
      const body = res.json()
      expect(body).toMatchObject({
        code: done.code,
        kind: 'government_business',
        status: 'effective',
        intact: true,
        recordIntact: true,
        chainIntact: true,
        firstBroken: null,
        enterpriseName: '县恒达食品有限公司',
        departmentName: '县工业信息化和商务局',
        textSha256: done.textSha256,
      })
      expect(body.signers.map((s: { name: string; phoneMasked: string }) => [s.name, s.phoneMasked])).toEqual(
        [
          ['刘恒达', '138****0032'],
          ['陆海军', '138****0004'],
        ],
      )
      expect(res.body).not.toContain('13807710032')
      expect(res.body).not.toContain('base64')
      expect(body.checkedEntries).toBeGreaterThanOrEqual(done.signatures[1].chainSeq)
      // Codes are forgiving about case and grouping; unknown codes are 404.
      const grouped = done.code.toLowerCase().replace(/(.{4})(?=.)/g, '$1-')
      expect((await verify(grouped)).json().code).toBe(done.code)
      expect((await verify('ZZZZZZZZZZZZ')).statusCode).toBe(404)
      expect((await verify('not a code')).statusCode).toBe(404)
    })

    it('exports the certificate as an SVG image with text, signatures, hashes and the code', async () => {
      const res = await call(t.app, head, {
        method: 'GET',
        url: `/api/v1/pledges/${done.id}/certificate.svg`,
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toContain('image/svg+xml')
      expect(res.body).toContain('政商双边清廉承诺书')
      expect(res.body).toContain(done.textSha256)
      expect(res.body.match(/<image /g)).toHaveLength(2)
      expect(res.body).toContain(done.code.slice(0, 4))
      // Each signature dated as a certificate is: 2026年12月4日 22:54:26, said to be 北京时间.
      for (const signature of done.signatures) {
        const [day, time] = formatShanghaiTime(signature.signedAt).split(' ')
        const [y, m, d] = day.split('-').map(Number)
        expect(res.body).toContain(`${y}年${m}月${d}日 ${time}`)
      }
      expect(res.body).toContain('签署时间均为北京时间')
    })

    it('concurrent signings each get their own chain entry and the chain stays whole', async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          sign(head, 'demo-head-private', 'government_business', privateId, { departmentId: industryId }),
        ),
      )
      expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201))
      const whole = await verifyWholeChain(t.app.db, t.env.PLEDGE_CHAIN_KEY, t.app.pledgeCheckpoints)
      expect(whole.firstBroken).toBeNull()
      const seqs = await t.app.db.selectFrom('pledge_chain').select('seq').orderBy('seq').execute()
      expect(seqs.map((s) => s.seq)).toEqual(seqs.map((_, i) => i + 1))
    })

    it('a chain checked with another key is broken at its first entry', async () => {
      const whole = await verifyWholeChain(t.app.db, 'another-key-another-key-another-key', null)
      expect(whole.firstBroken).toMatchObject({ seq: 1, reason: 'link' })
    })
  })

  describe('tampering directly in the database', () => {
    let target: TPledge
    let later: TPledge
    beforeAll(async () => {
      const started = (
        await sign(head, 'demo-head-private', 'government_business', privateId, { departmentId: industryId })
      ).json() as TPledge
      target = (await countersign(official, started)).json()
      later = (
        await sign(headSoe, 'demo-head-soe', 'government_business', soeId, { departmentId: industryId })
      ).json()
    })

    /** Changes one character, checks, and puts it back. */
    async function tampered(
      change: () => Promise<() => Promise<void>>,
      expectations: (own: Record<string, unknown>, laterCheck: Record<string, unknown>) => void,
    ) {
      const restore = await change()
      try {
        expectations((await verify(target.code)).json(), (await verify(later.code)).json())
      } finally {
        await restore()
      }
      expect((await verify(target.code)).json().intact).toBe(true)
    }

    const flip = (s: string, at: number) => {
      const c = s[at]
      const replacement =
        c === 'A' ? 'B' : c === '中' ? '申' : /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : 'A'
      return s.slice(0, at) + replacement + s.slice(at + 1)
    }

    it('one changed character of the text breaks the record at that pledge', async () => {
      await tampered(
        async () => {
          const row = await t.app.db
            .selectFrom('pledges')
            .select('text')
            .where('id', '=', target.id)
            .executeTakeFirstOrThrow()
          await t.app.db
            .updateTable('pledges')
            .set({ text: row.text.replace('不行贿', '可行贿') })
            .where('id', '=', target.id)
            .execute()
          return async () => {
            await t.app.db
              .updateTable('pledges')
              .set({ text: row.text })
              .where('id', '=', target.id)
              .execute()
          }
        },
        (own) => {
          expect(own).toMatchObject({
            intact: false,
            recordIntact: false,
            firstBroken: { pledgeCode: target.code, reason: 'text_hash' },
          })
        },
      )
    })

    it('a changed text together with its stored hash still breaks (the chain recorded the hash)', async () => {
      await tampered(
        async () => {
          const row = await t.app.db
            .selectFrom('pledges')
            .select(['text', 'text_sha256'])
            .where('id', '=', target.id)
            .executeTakeFirstOrThrow()
          const text = row.text.replace('不行贿', '可行贿')
          await t.app.db
            .updateTable('pledges')
            .set({ text, text_sha256: sha256Hex(text) })
            .where('id', '=', target.id)
            .execute()
          return async () => {
            await t.app.db.updateTable('pledges').set(row).where('id', '=', target.id).execute()
          }
        },
        (own) => {
          expect(own).toMatchObject({
            intact: false,
            firstBroken: { pledgeCode: target.code, seq: target.signatures[0].chainSeq },
          })
        },
      )
    })

    it('one changed byte of a signature image breaks the record at that signature', async () => {
      const signature = target.signatures[1]
      await tampered(
        async () => {
          const row = await t.app.db
            .selectFrom('pledge_signatures')
            .select('signature_png')
            .where('id', '=', signature.id)
            .executeTakeFirstOrThrow()
          await t.app.db
            .updateTable('pledge_signatures')
            .set({ signature_png: flip(row.signature_png, 100) })
            .where('id', '=', signature.id)
            .execute()
          return async () => {
            await t.app.db.updateTable('pledge_signatures').set(row).where('id', '=', signature.id).execute()
          }
        },
        (own) => {
          expect(own).toMatchObject({
            intact: false,
            firstBroken: { pledgeCode: target.code, seq: signature.chainSeq, reason: 'signature_hash' },
          })
        },
      )
    })

    it('one changed character of a chain row breaks the chain there, also for every later pledge', async () => {
      const seq = target.signatures[0].chainSeq
      await tampered(
        async () => {
          const row = await t.app.db
            .selectFrom('pledge_chain')
            .select('payload')
            .where('seq', '=', seq)
            .executeTakeFirstOrThrow()
          await t.app.db
            .updateTable('pledge_chain')
            .set({ payload: row.payload.replace('"side":"enterprise"', '"side":"enterprisE"') })
            .where('seq', '=', seq)
            .execute()
          return async () => {
            await t.app.db.updateTable('pledge_chain').set(row).where('seq', '=', seq).execute()
          }
        },
        (own, laterCheck) => {
          expect(own).toMatchObject({
            intact: false,
            chainIntact: false,
            firstBroken: { seq, reason: 'link', pledgeCode: target.code },
          })
          expect(laterCheck).toMatchObject({
            intact: false,
            recordIntact: true,
            chainIntact: false,
            firstBroken: { seq, reason: 'link', pledgeCode: target.code },
          })
        },
      )
      const whole = await verifyWholeChain(t.app.db, t.env.PLEDGE_CHAIN_KEY, t.app.pledgeCheckpoints)
      expect(whole.firstBroken).toBeNull()
    })

    it('a changed IP in a signature row no longer matches its chain entry', async () => {
      const signature = target.signatures[0]
      await tampered(
        async () => {
          await t.app.db
            .updateTable('pledge_signatures')
            .set({ ip: '10.0.0.9' })
            .where('id', '=', signature.id)
            .execute()
          return async () => {
            await t.app.db
              .updateTable('pledge_signatures')
              .set({ ip: '127.0.0.1' })
              .where('id', '=', signature.id)
              .execute()
          }
        },
        (own) => {
          expect(own).toMatchObject({
            intact: false,
            firstBroken: { seq: signature.chainSeq, reason: 'record' },
          })
        },
      )
    })

    it('a deleted chain row breaks the link of the next one', async () => {
      const seq = target.signatures[1].chainSeq
      await tampered(
        async () => {
          const row = await t.app.db
            .selectFrom('pledge_chain')
            .selectAll()
            .where('seq', '=', seq)
            .executeTakeFirstOrThrow()
          await t.app.db.deleteFrom('pledge_chain').where('seq', '=', seq).execute()
          return async () => {
            await t.app.db.insertInto('pledge_chain').values(row).execute()
          }
        },
        (own, laterCheck) => {
          expect(own).toMatchObject({ intact: false })
          expect(laterCheck).toMatchObject({
            intact: false,
            chainIntact: false,
            firstBroken: { seq: seq + 1, reason: 'link' },
          })
        },
      )
    })

    it('the whole-chain check (the verification command) reports the first broken record', async () => {
      const signature = target.signatures[1]
      const row = await t.app.db
        .selectFrom('pledge_signatures')
        .select('signature_png')
        .where('id', '=', signature.id)
        .executeTakeFirstOrThrow()
      await t.app.db
        .updateTable('pledge_signatures')
        .set({ signature_png: flip(row.signature_png, 60) })
        .where('id', '=', signature.id)
        .execute()
      try {
        const whole = await verifyWholeChain(t.app.db, t.env.PLEDGE_CHAIN_KEY, t.app.pledgeCheckpoints)
        expect(whole.firstBroken).toMatchObject({
          seq: signature.chainSeq,
          pledgeCode: target.code,
          reason: 'signature_hash',
        })
        expect(whole.checked).toBe(signature.chainSeq)
      } finally {
        await t.app.db.updateTable('pledge_signatures').set(row).where('id', '=', signature.id).execute()
      }
      expect(
        (await verifyWholeChain(t.app.db, t.env.PLEDGE_CHAIN_KEY, t.app.pledgeCheckpoints)).firstBroken,
      ).toBeNull()
    })
  })

  describe('versions', () => {
    it('a new version becomes the one to sign; the old one is refused; signed pledges keep theirs', async () => {
      const old = templates.personal
      const published = await call(t.app, office, {
        method: 'POST',
        url: '/api/v1/pledge-templates',
        payload: {
          kind: 'personal',
          content: { ...PLEDGE_TEMPLATES_V1.personal, closing: '承诺人：{{signer}}（第二版）' },
          note: '结尾调整',
        },
      })
      expect(published.statusCode).toBe(201)
      expect(published.json()).toMatchObject({ kind: 'personal', version: 2, current: true })
      const all = await call(t.app, office, {
        method: 'GET',
        url: '/api/v1/pledge-templates?kind=personal&all=true',
      })
      expect(all.json().templates.map((tpl: TPledgeTemplate) => [tpl.version, tpl.current])).toEqual([
        [2, true],
        [1, false],
      ])
      // 周顺 read version 1 and signs after version 2 came out: told to read again.
      const stale = await sign(liaisonNopo, 'demo-liaison-nopo', 'personal', nopoId)
      expect(stale.statusCode).toBe(409)
      expect(stale.json().error.code).toBe('PLEDGE_TEMPLATE_OUTDATED')
      templates = await currentTemplates()
      const fresh = await sign(liaisonNopo, 'demo-liaison-nopo', 'personal', nopoId)
      expect(fresh.statusCode).toBe(201)
      expect(fresh.json()).toMatchObject({ templateVersion: 2 })
      expect(fresh.json().text).toContain('第二版')
      const employeePledge = await t.app.db
        .selectFrom('pledges')
        .select(['id', 'template_id'])
        .where('kind', '=', 'personal')
        .where('enterprise_id', '=', privateId)
        .orderBy('id')
        .executeTakeFirstOrThrow()
      expect(employeePledge.template_id).toBe(old.id)
      const view = await call(t.app, employee, { method: 'GET', url: `/api/v1/pledges/${employeePledge.id}` })
      expect(view.json()).toMatchObject({ templateVersion: 1 })
      expect(view.json().text).not.toContain('第二版')
    })
  })

  describe('coverage', () => {
    it('the liaison sees who signed the personal pledge this year and reminds the rest', async () => {
      const res = await call(t.app, liaison, {
        method: 'GET',
        url: `/api/v1/enterprises/${privateId}/pledge-coverage`,
      })
      expect(res.statusCode).toBe(200)
      const coverage = res.json()
      expect(coverage).toMatchObject({ enterpriseId: privateId, year: 2026, total: 4, signed: 2 })
      const signedNames = coverage.members
        .filter((m: { signedAt: string | null }) => m.signedAt)
        .map((m: { name: string }) => m.name)
      expect(signedNames.sort()).toEqual(['王小军', '陈静'].sort())
      expect(coverage.members[0].signedAt).toBeNull()
      expect(coverage.members.every((m: { phoneMasked: string }) => /\*{4}/.test(m.phoneMasked))).toBe(true)

      const remind = await call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/enterprises/${privateId}/pledge-reminders`,
        payload: {},
      })
      expect(remind.json()).toEqual({ reminded: 2, skipped: 0 })
      const again = await call(t.app, liaison, {
        method: 'POST',
        url: `/api/v1/enterprises/${privateId}/pledge-reminders`,
        payload: {},
      })
      expect(again.json()).toEqual({ reminded: 0, skipped: 2 })
      const todo = (await call(t.app, head, { method: 'GET', url: '/api/v1/pledges/todo' })).json()
      expect(todo.personal).toEqual([
        {
          enterpriseId: privateId,
          enterpriseName: '县恒达食品有限公司',
          remindedAt: new Date(now).toISOString(),
        },
      ])
      const employeeTodo = (
        await call(t.app, employee, { method: 'GET', url: '/api/v1/pledges/todo' })
      ).json()
      expect(employeeTodo.personal).toEqual([])

      expect(
        (
          await call(t.app, employee, {
            method: 'GET',
            url: `/api/v1/enterprises/${privateId}/pledge-coverage`,
          })
        ).statusCode,
      ).toBe(403)
      expect(
        (
          await call(t.app, head, {
            method: 'POST',
            url: `/api/v1/enterprises/${privateId}/pledge-reminders`,
            payload: {},
          })
        ).statusCode,
      ).toBe(403)
    })

    it('the supervisor sees pledge coverage per enterprise it supervises', async () => {
      const res = await call(t.app, supervisorUnited, {
        method: 'GET',
        url: '/api/v1/supervision/pledge-coverage',
      })
      expect(res.statusCode).toBe(200)
      const rows = res.json().items as { enterpriseId: number }[]
      expect(res.json()).toMatchObject({ total: 2, page: 1, pageSize: 20 })
      expect(rows.map((r) => r.enterpriseId).sort()).toEqual([privateId, nopoId].sort())
      // A page at a time, in the whole list's order: page 2 of 1 a page is the second row, and nothing after.
      const onePage = async (page: number) =>
        (
          await call(t.app, supervisorUnited, {
            method: 'GET',
            url: `/api/v1/supervision/pledge-coverage?pageSize=1&page=${page}`,
          })
        ).json()
      const [first, second, past] = await Promise.all([1, 2, 3].map(onePage))
      expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 })
      expect([...first.items, ...second.items, ...past.items]).toEqual(rows)
      expect(past.items).toEqual([])
      expect(rows.find((r) => r.enterpriseId === privateId)).toMatchObject({
        members: 4,
        personalSigned: 2,
        personalRate: 0.5,
        enterprisePledge: true,
        soeLeaderPledge: null,
      })
      const finance = (
        await call(t.app, supervisorFinance, { method: 'GET', url: '/api/v1/supervision/pledge-coverage' })
      ).json().items as { enterpriseId: number; soeLeaderPledge: boolean | null }[]
      expect(finance.map((r) => r.enterpriseId)).not.toContain(privateId)
      expect(finance.find((r) => r.enterpriseId === soeId)?.soeLeaderPledge).toBe(true)
      expect(
        (await call(t.app, liaison, { method: 'GET', url: '/api/v1/supervision/pledge-coverage' }))
          .statusCode,
      ).toBe(403)
    })
  })
})
