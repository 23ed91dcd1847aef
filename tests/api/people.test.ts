import { PNG } from 'pngjs'
import { issueToken } from '../../server/core/token'
import { sha256Hex } from '../../server/features/pledges/hashChain'
import { renderPledgeText, type TPledgeTemplate } from '../../src/models/pledge'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing, MISSING_ID } from './support/isolation'

/**
 * People with roles: the office's 部门人员 (department invites, requests, roles, 停用/启用) and the
 * liaison's 成员管理 (roles, removal, handover), with the rules that hold under concurrency.
 */
describe(`people with roles [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  let supervisor: string
  let liaison: string
  let liaisonSoe: string
  let financeId: number
  let unitedId: number
  let officeDeptId: number
  let privateId: number
  let soeId: number
  let users = 0

  beforeAll(async () => {
    t = await createTestApp()
    office = await loginAs(t.app, 'demo-office')
    supervisor = await loginAs(t.app, 'demo-supervisor-united')
    liaison = await loginAs(t.app, 'demo-liaison-private')
    liaisonSoe = await loginAs(t.app, 'demo-liaison-soe')
    financeId = await idOf(t.app, 'departments', '县财政局')
    unitedId = await idOf(t.app, 'departments', '县委统战部')
    officeDeptId = (await t.app.db
      .selectFrom('departments')
      .select('id')
      .where('is_office', '=', 1)
      .executeTakeFirstOrThrow())!.id
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
  })
  afterAll(() => t.close())

  /** A new WeChat user (as after their first login) and their token. */
  async function newUser(name: string): Promise<{ id: number; token: string }> {
    users += 1
    const at = new Date().toISOString()
    const row = await t.app.db
      .insertInto('users')
      .values({ openid: `people-${users}-${name}`, name, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: row.id, token: issueToken(row.id, t.env.TOKEN_SECRET!, 3600).token }
  }

  const departmentInvite = (token: string, departmentId: number | string, payload: unknown) =>
    call(t.app, token, {
      method: 'POST',
      url: `/api/v1/departments/${departmentId}/invites`,
      payload: payload as object,
    })
  const join = (token: string, code: string) =>
    call(t.app, token, { method: 'POST', url: '/api/v1/invites/join', payload: { code } })
  const departmentMembers = (token: string, departmentId: number | string) =>
    call(t.app, token, { method: 'GET', url: `/api/v1/departments/${departmentId}/members` })
  const decideInDepartment = (token: string, departmentId: number, membershipId: number, verb: string) =>
    call(t.app, token, {
      method: 'POST',
      url: `/api/v1/departments/${departmentId}/members/${membershipId}/${verb}`,
    })
  const setDepartmentRole = (token: string, departmentId: number, membershipId: number, role: unknown) =>
    call(t.app, token, {
      method: 'PATCH',
      url: `/api/v1/departments/${departmentId}/members/${membershipId}`,
      payload: { role },
    })
  const account = (token: string, userId: number | string, verb: 'disable' | 'enable') =>
    call(t.app, token, { method: 'POST', url: `/api/v1/users/${userId}/${verb}` })

  /** The office invites `role` into the department, a new user joins, the office approves. */
  async function joinDepartment(departmentId: number, role: string, name: string) {
    const invite = await departmentInvite(office, departmentId, { role })
    expect(invite.statusCode).toBe(201)
    const person = await newUser(name)
    const joined = await join(person.token, invite.json().code)
    expect(joined.statusCode).toBe(201)
    const membershipId = joined.json().membershipId as number
    expect((await decideInDepartment(office, departmentId, membershipId, 'approve')).statusCode).toBe(200)
    return { ...person, membershipId }
  }

  describe('部门人员 (the office)', () => {
    it('invites a supervisor: the code joins a pending request that grants nothing until the office approves', async () => {
      const invite = await departmentInvite(office, financeId, { role: 'supervisor', expiresInDays: 14 })
      expect(invite.statusCode).toBe(201)
      expect(invite.json()).toMatchObject({
        departmentId: financeId,
        role: 'supervisor',
        uses: 0,
        maxUses: 20,
      })
      const code = invite.json().code as string
      const listed = await call(t.app, office, {
        method: 'GET',
        url: `/api/v1/departments/${financeId}/invites`,
      })
      expect(listed.json().invites.map((i: { code: string }) => i.code)).toContain(code)

      const person = await newUser('财政局新监管员')
      const joined = await join(person.token, code.toLowerCase())
      expect(joined.statusCode).toBe(201)
      expect(joined.json()).toMatchObject({
        organisationKind: 'department',
        organisationId: financeId,
        organisationName: '县财政局',
        role: 'supervisor',
        status: 'pending',
      })
      expect(joined.json().enterpriseId).toBeUndefined()
      expect((await join(person.token, code)).statusCode).toBe(409)

      // pending: sees no enterprise
      const before = await call(t.app, person.token, { method: 'GET', url: '/api/v1/enterprises' })
      expect(before.json().enterprises).toEqual([])
      const requests = (await departmentMembers(office, financeId)).json().members as {
        membershipId: number
        status: string
        name: string
        disabled: boolean
      }[]
      const request = requests.find((m) => m.membershipId === joined.json().membershipId)!
      expect(request).toMatchObject({ status: 'pending', name: '财政局新监管员', disabled: false })

      // another department's path does not reach it
      expect((await decideInDepartment(office, unitedId, request.membershipId, 'approve')).statusCode).toBe(
        404,
      )
      const approved = await decideInDepartment(office, financeId, request.membershipId, 'approve')
      expect(approved.statusCode).toBe(200)
      expect(approved.json()).toMatchObject({ status: 'approved', role: 'supervisor' })
      expect((await decideInDepartment(office, financeId, request.membershipId, 'reject')).statusCode).toBe(
        409,
      )

      const after = await call(t.app, person.token, { method: 'GET', url: '/api/v1/enterprises' })
      const seenByFinance = (
        await call(t.app, await loginAs(t.app, 'demo-supervisor-finance'), {
          method: 'GET',
          url: '/api/v1/enterprises',
        })
      ).json().enterprises
      expect(
        after
          .json()
          .enterprises.map((e: { id: number }) => e.id)
          .sort(),
      ).toEqual(seenByFinance.map((e: { id: number }) => e.id).sort())
      expect(after.json().enterprises.length).toBeGreaterThan(0)

      const audit = await t.app.db
        .selectFrom('audit_log')
        .select(['action'])
        .where('entity_id', '=', String(request.membershipId))
        .execute()
      expect(audit.map((a) => a.action)).toEqual(['membership.request', 'membership.approve'])
    })

    it('rejects a request; the person may ask again with a new code', async () => {
      const first = await departmentInvite(office, unitedId, { role: 'official' })
      const person = await newUser('被拒绝的干部')
      const joined = await join(person.token, first.json().code)
      const rejected = await decideInDepartment(office, unitedId, joined.json().membershipId, 'reject')
      expect(rejected.json()).toMatchObject({ status: 'rejected' })
      const again = await join(person.token, first.json().code)
      expect(again.statusCode).toBe(201)
      expect(again.json().membershipId).toBe(joined.json().membershipId)
    })

    it('only the office reaches the department routes; a missing department is 404', async () => {
      const routes = [
        { method: 'GET' as const, url: `/api/v1/departments/${unitedId}/members` },
        { method: 'GET' as const, url: `/api/v1/departments/${unitedId}/invites` },
        {
          method: 'POST' as const,
          url: `/api/v1/departments/${unitedId}/invites`,
          payload: { role: 'official' },
        },
        { method: 'POST' as const, url: `/api/v1/departments/${unitedId}/members/1/approve` },
        { method: 'POST' as const, url: `/api/v1/departments/${unitedId}/members/1/reject` },
        {
          method: 'PATCH' as const,
          url: `/api/v1/departments/${unitedId}/members/1`,
          payload: { role: 'official' },
        },
        { method: 'POST' as const, url: '/api/v1/users/1/disable' },
        { method: 'POST' as const, url: '/api/v1/users/1/enable' },
      ]
      for (const token of [supervisor, liaison]) {
        for (const route of routes) {
          const res = await call(t.app, token, route)
          expect({ url: route.url, status: res.statusCode }).toEqual({ url: route.url, status: 403 })
        }
      }
      for (const id of [MISSING_ID, '2147483648', '4294967296']) {
        expect((await departmentMembers(office, id)).statusCode).toBe(404)
        expect((await departmentInvite(office, id, { role: 'supervisor' })).statusCode).toBe(404)
        expect(
          (await call(t.app, office, { method: 'GET', url: `/api/v1/departments/${id}/invites` })).statusCode,
        ).toBe(404)
        expect((await account(office, id, 'disable')).statusCode).toBe(404)
      }
      expect((await decideInDepartment(office, unitedId, MISSING_ID, 'approve')).statusCode).toBe(404)
      expect((await decideInDepartment(office, unitedId, 2_147_483_648, 'approve')).statusCode).toBe(404)
      expect((await setDepartmentRole(office, unitedId, 2_147_483_648, 'official')).statusCode).toBe(404)
      expect((await setDepartmentRole(office, unitedId, MISSING_ID, 'official')).statusCode).toBe(404)
    })

    it('refuses bad input with a code: unknown or enterprise roles, office outside the office, bad expiry', async () => {
      for (const payload of [
        { role: 'liaison' },
        { role: 'boss' },
        {},
        { role: 'supervisor', expiresInDays: 0 },
      ]) {
        const res = await departmentInvite(office, financeId, payload)
        expect(res.statusCode).toBe(400)
        expect(res.json().error.code).toBe('VALIDATION_FAILED')
      }
      const officeElsewhere = await departmentInvite(office, financeId, { role: 'office' })
      expect(officeElsewhere.statusCode).toBe(400)
      expect(officeElsewhere.json().error).toMatchObject({
        code: 'INVITE_ROLE_NOT_ALLOWED',
        fields: [{ path: 'role' }],
      })
      expect((await join(office, 'NOTACODE')).json().error.code).toBe('INVITE_INVALID')
      const member = await joinDepartment(financeId, 'official', '角色测试')
      const bad = await setDepartmentRole(office, financeId, member.membershipId, 'office')
      expect(bad.json().error.code).toBe('INVITE_ROLE_NOT_ALLOWED')
      expect((await setDepartmentRole(office, financeId, member.membershipId, 'employee')).statusCode).toBe(
        400,
      )
    })

    it('changes a role; the office keeps its last office user', async () => {
      const cadre = await joinDepartment(unitedId, 'official', '统战部干部')
      const changed = await setDepartmentRole(office, unitedId, cadre.membershipId, 'supervisor')
      expect(changed.statusCode).toBe(200)
      expect(changed.json()).toMatchObject({ role: 'supervisor', status: 'approved' })
      const sees = await call(t.app, cadre.token, { method: 'GET', url: '/api/v1/enterprises' })
      expect(sees.json().enterprises.length).toBeGreaterThan(0)

      const members = (await departmentMembers(office, officeDeptId)).json().members as {
        membershipId: number
        role: string
        status: string
      }[]
      const onlyOffice = members.filter((m) => m.role === 'office' && m.status === 'approved')
      expect(onlyOffice).toHaveLength(1)
      const last = await setDepartmentRole(office, officeDeptId, onlyOffice[0].membershipId, 'supervisor')
      expect(last.statusCode).toBe(409)
      expect(last.json().error.code).toBe('LAST_OFFICE_USER')
    })

    it('disables a person: their token stops working on the next request; enabling restores it', async () => {
      const person = await joinDepartment(financeId, 'supervisor', '将被停用')
      expect((await call(t.app, person.token, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200)
      const disabled = await account(office, person.id, 'disable')
      expect(disabled.statusCode).toBe(200)
      expect(disabled.json()).toEqual({ userId: person.id, name: '将被停用', disabled: true })
      const refused = await call(t.app, person.token, { method: 'GET', url: '/api/v1/enterprises' })
      expect(refused.statusCode).toBe(403)
      expect(refused.json().error.code).toBe('ACCOUNT_DISABLED')
      // shown as disabled in the list; disabling again changes nothing
      const listed = (await departmentMembers(office, financeId))
        .json()
        .members.find((m: { userId: number }) => m.userId === person.id)
      expect(listed.disabled).toBe(true)
      expect((await account(office, person.id, 'disable')).json().disabled).toBe(true)

      expect((await account(office, person.id, 'enable')).json().disabled).toBe(false)
      expect(
        (await call(t.app, person.token, { method: 'GET', url: '/api/v1/enterprises' })).statusCode,
      ).toBe(200)

      const me = (await call(t.app, office, { method: 'GET', url: '/api/v1/me' })).json()
      const self = await account(office, me.user.id, 'disable')
      expect(self.statusCode).toBe(403)
      const actions = await t.app.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'user')
        .where('entity_id', '=', String(person.id))
        .execute()
      expect(actions.map((a) => a.action)).toEqual(['user.disable', 'user.disable', 'user.enable'])
    })

    it('a second office user joins by invite; two office users disabling each other at once: one wins', async () => {
      const second = await joinDepartment(officeDeptId, 'office', '第二位办公室人员')
      expect((await departmentMembers(second.token, financeId)).statusCode).toBe(200)
      const me = (await call(t.app, office, { method: 'GET', url: '/api/v1/me' })).json()
      const results = await Promise.all([
        account(office, second.id, 'disable'),
        account(second.token, me.user.id, 'disable'),
      ])
      const statuses = results.map((r) => r.statusCode).sort()
      // the loser is refused (the last office user) or was already disabled when its request arrived
      expect(statuses[0]).toBe(200)
      expect(statuses[1] === 409 || statuses[1] === 403).toBe(true)
      const active = await t.app.db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select('u.id')
        .where('m.role', '=', 'office')
        .where('m.status', '=', 'approved')
        .where('u.disabled_at', 'is', null)
        .execute()
      expect(active).toHaveLength(1)
      // put things back for the tests that follow
      await t.app.db.updateTable('users').set({ disabled_at: null }).execute()
    })

    it('two office users demoted at once: the office keeps one', async () => {
      const second = await joinDepartment(officeDeptId, 'office', '第三位办公室人员')
      const members = (await departmentMembers(office, officeDeptId)).json().members as {
        membershipId: number
        role: string
        status: string
      }[]
      const officeRows = members.filter((m) => m.role === 'office' && m.status === 'approved')
      const ids = officeRows.map((m) => m.membershipId)
      const results = await Promise.all(
        ids.map((id) =>
          setDepartmentRole(
            id === second.membershipId ? office : second.token,
            officeDeptId,
            id,
            'supervisor',
          ),
        ),
      )
      const codes = results.map((r) => (r.statusCode === 200 ? 'ok' : r.json().error.code))
      expect(ids.length).toBeGreaterThanOrEqual(2)
      const left = await t.app.db
        .selectFrom('memberships')
        .select('id')
        .where('role', '=', 'office')
        .where('status', '=', 'approved')
        .execute()
      // Never none left. A refusal is LAST_OFFICE_USER, or FORBIDDEN when the caller's own office role
      // was taken by a request that came first (which one comes first is up to the database).
      expect(left.length).toBeGreaterThanOrEqual(1)
      expect(codes.filter((c) => c === 'ok')).toHaveLength(ids.length - left.length)
      for (const c of codes) expect(['ok', 'LAST_OFFICE_USER', 'FORBIDDEN']).toContain(c)
      expect(codes.some((c) => c !== 'ok')).toBe(true)
      // put things back for the tests that follow
      await t.app.db
        .updateTable('memberships')
        .set({ role: 'office' })
        .where('organisation_kind', '=', 'department')
        .where('organisation_id', '=', officeDeptId)
        .where('role', '=', 'supervisor')
        .execute()
    })
  })

  describe("成员管理 (the liaison) and the office's liaison invite", () => {
    const enterpriseInvite = (token: string, enterpriseId: number | string, role: string) =>
      call(t.app, token, {
        method: 'POST',
        url: `/api/v1/enterprises/${enterpriseId}/invites`,
        payload: { role },
      })
    const members = async (token: string, enterpriseId: number) =>
      (await call(t.app, token, { method: 'GET', url: `/api/v1/enterprises/${enterpriseId}/members` })).json()
        .members as { membershipId: number; userId: number; name: string; role: string; status: string }[]
    const setRole = (token: string, enterpriseId: number, membershipId: number | string, role: unknown) =>
      call(t.app, token, {
        method: 'PATCH',
        url: `/api/v1/enterprises/${enterpriseId}/members/${membershipId}`,
        payload: { role },
      })
    const remove = (token: string, enterpriseId: number, membershipId: number | string) =>
      call(t.app, token, {
        method: 'POST',
        url: `/api/v1/enterprises/${enterpriseId}/members/${membershipId}/remove`,
      })
    const handOver = (token: string, enterpriseId: number, membershipId: unknown) =>
      call(t.app, token, {
        method: 'POST',
        url: `/api/v1/enterprises/${enterpriseId}/liaison/handover`,
        payload: { membershipId },
      })

    const approvedLiaisons = (enterpriseId: number) =>
      t.app.db
        .selectFrom('memberships')
        .select('user_id')
        .where('organisation_kind', '=', 'enterprise')
        .where('organisation_id', '=', enterpriseId)
        .where('role', '=', 'liaison')
        .where('status', '=', 'approved')
        .execute()

    /** A new enterprise with a liaison who joined on the office's invite. */
    async function enterpriseWithLiaison(name: string, creditSeed: number) {
      const { demoCreditCode } = await import('../../seeds/organisationsDemo')
      const created = await call(t.app, office, {
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: { name, creditCode: demoCreditCode(creditSeed), ownership: 'private', partyOrg: 'none' },
      })
      expect(created.statusCode).toBe(201)
      const enterpriseId = created.json().id as number
      const invite = await enterpriseInvite(office, enterpriseId, 'liaison')
      expect(invite.statusCode).toBe(201)
      expect(invite.json()).toMatchObject({ enterpriseId, role: 'liaison' })
      const person = await newUser(`${name}联络员`)
      const joined = await join(person.token, invite.json().code)
      expect(joined.json()).toMatchObject({ organisationKind: 'enterprise', enterpriseId, role: 'liaison' })
      // the enterprise has no liaison yet: the office decides the request
      const approved = await call(t.app, office, {
        method: 'POST',
        url: `/api/v1/enterprises/${enterpriseId}/members/${joined.json().membershipId}/approve`,
      })
      expect(approved.json()).toMatchObject({ role: 'liaison', status: 'approved' })
      return { enterpriseId, liaison: person, membershipId: joined.json().membershipId as number }
    }

    /** A new person joins the enterprise with the liaison's invite, approved. */
    async function addMember(enterpriseId: number, liaisonToken: string, role: string, name: string) {
      const invite = await enterpriseInvite(liaisonToken, enterpriseId, role)
      expect(invite.statusCode).toBe(201)
      const person = await newUser(name)
      const joined = await join(person.token, invite.json().code)
      const approved = await call(t.app, liaisonToken, {
        method: 'POST',
        url: `/api/v1/enterprises/${enterpriseId}/members/${joined.json().membershipId}/approve`,
      })
      expect(approved.statusCode).toBe(200)
      return { ...person, membershipId: joined.json().membershipId as number }
    }

    it('the office makes a liaison invite for any enterprise; a liaison may not; other enterprises are missing', async () => {
      const byOffice = await enterpriseInvite(office, soeId, 'liaison')
      expect(byOffice.statusCode).toBe(201)
      const listed = await call(t.app, office, { method: 'GET', url: `/api/v1/enterprises/${soeId}/invites` })
      expect(listed.json().invites[0]).toMatchObject({ role: 'liaison', code: byOffice.json().code })
      const byLiaison = await enterpriseInvite(liaison, privateId, 'liaison')
      expect(byLiaison.statusCode).toBe(403)
      expect(byLiaison.json().error.code).toBe('INVITE_ROLE_NOT_ALLOWED')
      expect((await enterpriseInvite(liaison, privateId, 'head')).statusCode).toBe(201)
      expect((await enterpriseInvite(office, MISSING_ID, 'liaison')).statusCode).toBe(404)
      expect((await enterpriseInvite(office, '4294967296', 'liaison')).statusCode).toBe(404)
      expect((await enterpriseInvite(supervisor, privateId, 'liaison')).statusCode).toBe(403)
      expect((await enterpriseInvite(office, privateId, 'supervisor')).statusCode).toBe(400)
    })

    it("changes a member's role; a role the person holds already, or the last liaison, is refused", async () => {
      const { enterpriseId, liaison: first } = await enterpriseWithLiaison('县角色调整测试有限公司', 71)
      const worker = await addMember(enterpriseId, first.token, 'employee', '职工甲')
      const changed = await setRole(first.token, enterpriseId, worker.membershipId, 'branch_secretary')
      expect(changed.statusCode).toBe(200)
      expect(changed.json()).toMatchObject({ role: 'branch_secretary', status: 'approved', name: '职工甲' })
      expect(
        (await setRole(first.token, enterpriseId, worker.membershipId, 'branch_secretary')).statusCode,
      ).toBe(200)

      const second = await addMember(enterpriseId, first.token, 'head', '负责人乙')
      await setRole(first.token, enterpriseId, second.membershipId, 'employee')
      const headAgain = await enterpriseInvite(first.token, enterpriseId, 'head')
      await join(second.token, headAgain.json().code)
      const pendingHead = (await members(first.token, enterpriseId)).find(
        (m) => m.userId === second.id && m.role === 'head',
      )!
      expect(pendingHead.status).toBe('pending')
      const held = await setRole(first.token, enterpriseId, second.membershipId, 'head')
      expect(held.statusCode).toBe(409)
      expect(held.json().error.code).toBe('ROLE_ALREADY_HELD')

      const mine = (await members(first.token, enterpriseId)).find((m) => m.userId === first.id)!
      const last = await setRole(first.token, enterpriseId, mine.membershipId, 'employee')
      expect(last.statusCode).toBe(409)
      expect(last.json().error.code).toBe('LAST_LIAISON')
      expect((await setRole(first.token, enterpriseId, worker.membershipId, 'supervisor')).statusCode).toBe(
        400,
      )
      expect(
        (await setRole(first.token, enterpriseId, pendingHead.membershipId, 'employee')).json().error.code,
      ).toBe('MEMBER_NOT_ACTIVE')
      // the member cannot do it, nor the office (the liaison's work)
      expect((await setRole(worker.token, enterpriseId, worker.membershipId, 'head')).statusCode).toBe(403)
      expect((await setRole(office, enterpriseId, worker.membershipId, 'head')).statusCode).toBe(403)
    })

    it('removes a member who left: the membership ends, what they signed keeps their name', async () => {
      const employee = await loginAs(t.app, 'demo-employee-private')
      const templates = (
        await call(t.app, employee, { method: 'GET', url: '/api/v1/pledge-templates' })
      ).json().templates as TPledgeTemplate[]
      const personal = templates.find((tpl) => tpl.kind === 'personal')!
      const text = renderPledgeText('personal', personal.content, {
        signer: '王小军',
        enterprise: '县恒达食品有限公司',
      })
      const png = new PNG({ width: 60, height: 20 })
      png.data.fill(255)
      for (let x = 0; x < 60; x++) png.data[((x % 20) * 60 + x) * 4] = 0
      const signed = await call(t.app, employee, {
        method: 'POST',
        url: `/api/v1/enterprises/${privateId}/pledges`,
        payload: {
          templateId: personal.id,
          textSha256: sha256Hex(text),
          signaturePng: `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`,
        },
      })
      expect(signed.statusCode).toBe(201)

      const row = (await members(liaison, privateId)).find((m) => m.name === '王小军')!
      const removed = await remove(liaison, privateId, row.membershipId)
      expect(removed.statusCode).toBe(200)
      expect(removed.json()).toMatchObject({ status: 'removed', name: '王小军' })
      expect((await remove(liaison, privateId, row.membershipId)).json().error.code).toBe('MEMBER_NOT_ACTIVE')
      // the membership grants nothing any more
      const gone = await call(t.app, employee, { method: 'GET', url: `/api/v1/enterprises/${privateId}` })
      expect(gone.statusCode).toBe(404)
      const me = (await call(t.app, employee, { method: 'GET', url: '/api/v1/me' })).json()
      expect(me.memberships).toEqual([])
      // the signed pledge is still there with their name
      const pledge = await call(t.app, liaison, { method: 'GET', url: `/api/v1/pledges/${signed.json().id}` })
      expect(pledge.statusCode).toBe(200)
      expect(pledge.json().signatures[0].signerName).toBe('王小军')
    })

    it("refuses to remove the last liaison; another enterprise's members answer as missing", async () => {
      const {
        enterpriseId,
        liaison: first,
        membershipId,
      } = await enterpriseWithLiaison('县移出测试有限公司', 72)
      const res = await remove(first.token, enterpriseId, membershipId)
      expect(res.statusCode).toBe(409)
      expect(res.json().error.code).toBe('LAST_LIAISON')

      const soeMember = (await members(liaisonSoe, soeId))[0]
      await expectSameAsMissing(
        t.app,
        liaison,
        [
          { method: 'POST', url: (id) => `/api/v1/enterprises/${privateId}/members/${id}/remove` },
          {
            method: 'PATCH',
            url: (id) => `/api/v1/enterprises/${privateId}/members/${id}`,
            payload: { role: 'head' },
          },
          {
            method: 'POST',
            url: () => `/api/v1/enterprises/${privateId}/liaison/handover`,
            payload: { membershipId: soeMember.membershipId },
          },
        ],
        [soeMember.membershipId],
      )
      expect((await remove(liaison, soeId, soeMember.membershipId)).statusCode).toBe(404)
      expect((await handOver(liaison, soeId, soeMember.membershipId)).statusCode).toBe(404)
    })

    it('hands the liaison role over: the new liaison manages, the old one stays a 职工', async () => {
      const { enterpriseId, liaison: first } = await enterpriseWithLiaison('县移交测试有限公司', 73)
      const next = await addMember(enterpriseId, first.token, 'head', '接任者')
      expect((await handOver(first.token, enterpriseId, 'x')).statusCode).toBe(400)
      // An id past the 32-bit column: refused by the body's schema (in a path it names nothing: 404).
      expect((await handOver(first.token, enterpriseId, 2_147_483_648)).json().error.code).toBe(
        'VALIDATION_FAILED',
      )
      expect((await remove(first.token, enterpriseId, '2147483648')).statusCode).toBe(404)
      expect((await setRole(first.token, enterpriseId, '2147483648', 'head')).statusCode).toBe(404)
      const mine = (await members(first.token, enterpriseId)).find((m) => m.userId === first.id)!
      expect((await handOver(first.token, enterpriseId, mine.membershipId)).statusCode).toBe(400)

      const res = await handOver(first.token, enterpriseId, next.membershipId)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ userId: next.id, role: 'liaison', status: 'approved' })
      const roll = await members(next.token, enterpriseId)
      expect(
        roll.filter((m) => m.role === 'liaison' && m.status === 'approved').map((m) => m.userId),
      ).toEqual([next.id])
      expect(roll.find((m) => m.userId === first.id && m.status === 'approved')?.role).toBe('employee')
      // the old liaison is no longer one
      expect(
        (
          await call(t.app, first.token, {
            method: 'GET',
            url: `/api/v1/enterprises/${enterpriseId}/members`,
          })
        ).statusCode,
      ).toBe(403)
      expect((await handOver(first.token, enterpriseId, next.membershipId)).statusCode).toBe(403)
      // and back: the row of the earlier liaison role is granted again
      const firstRow = roll.find((m) => m.userId === first.id && m.status === 'approved')!
      const back = await handOver(next.token, enterpriseId, firstRow.membershipId)
      expect(back.statusCode).toBe(200)
      expect(back.json()).toMatchObject({ userId: first.id, role: 'liaison' })
    })

    it('under concurrency the enterprise keeps a liaison: two liaisons removing each other, two handovers', async () => {
      const { enterpriseId, liaison: a } = await enterpriseWithLiaison('县并发测试有限公司', 74)
      const b = await addMember(enterpriseId, a.token, 'employee', '第二联络员')
      expect((await setRole(a.token, enterpriseId, b.membershipId, 'liaison')).statusCode).toBe(200)
      const roll = await members(a.token, enterpriseId)
      const aRow = roll.find((m) => m.userId === a.id && m.role === 'liaison')!
      const removals = await Promise.all([
        remove(a.token, enterpriseId, b.membershipId),
        remove(b.token, enterpriseId, aRow.membershipId),
      ])
      // The loser is refused by the check in its transaction (409), or was removed already when its
      // request was checked (404, as for anyone outside the enterprise): which one depends on the timing.
      const [won, lost] = removals.map((r) => r.statusCode).sort()
      expect(won).toBe(200)
      expect([404, 409]).toContain(lost)
      const liaisons = await approvedLiaisons(enterpriseId)
      expect(liaisons).toHaveLength(1)
      const keeper = liaisons[0].user_id === a.id ? a : b

      // the keeper hands over to two people at once: exactly one becomes the liaison
      const x = await addMember(enterpriseId, keeper.token, 'employee', '候选甲')
      const y = await addMember(enterpriseId, keeper.token, 'employee', '候选乙')
      const handovers = await Promise.all([
        handOver(keeper.token, enterpriseId, x.membershipId),
        handOver(keeper.token, enterpriseId, y.membershipId),
      ])
      expect(handovers.map((r) => r.statusCode).sort()).toEqual([200, 409])
      const after = await approvedLiaisons(enterpriseId)
      expect(after).toHaveLength(1)
      expect([x.id, y.id]).toContain(after[0].user_id)
    })
  })
})

describe(`invite links for WeChat's scanner [${TEST_DB}]`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it('sends a browser that opens an invite or administrator link to the H5 join page, the code kept', async () => {
    const invite = await t.app.inject({ method: 'GET', url: '/qr/join?code=abcd2345' })
    expect(invite.statusCode).toBe(302)
    expect(invite.headers.location).toBe('/#/packages/org/pages/join/index?kind=invite&code=ABCD2345')
    const admin = await t.app.inject({ method: 'GET', url: '/qr/admin?code=ABCD-EFGH-JKMN' })
    expect(admin.headers.location).toBe('/#/packages/org/pages/join/index?kind=admin&code=ABCD-EFGH-JKMN')
    const junk = await t.app.inject({ method: 'GET', url: '/qr/join?code=%3Cscript%3E' })
    expect(junk.headers.location).toBe('/#/packages/org/pages/join/index')
  })
})
