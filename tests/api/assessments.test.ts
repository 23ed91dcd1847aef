import type { TAssessment, TChecklistItem } from '../../src/models'
import { computeScores } from '../../src/models/assessment'
import { shanghaiDateAfterDays } from '../../src/models/shanghaiTime'
import { createTestApp, TEST_DB, call, idOf, loginAs, type TestApp } from './support/testApp'
import { expectSameAsMissing } from './support/isolation'
import { multipart, TINY_PNG, TINY_PDF } from './support/files'

describe(`self-assessment lifecycle [${TEST_DB}]`, () => {
  let t: TestApp
  let office: string
  let liaison: string
  let liaisonSoe: string
  let supervisor: string
  let employee: string
  let privateId: number
  let soeId: number
  let nopoId: number
  let campaignId: number
  let assessmentId: number
  let soeAssessmentId: number
  const base = () => `/api/v1/enterprises/${privateId}/assessments/${assessmentId}`

  beforeAll(async () => {
    t = await createTestApp({ SEED_DEMO: 'true' })
    office = await loginAs(t.app, 'demo-office')
    liaison = await loginAs(t.app, 'demo-liaison-private')
    liaisonSoe = await loginAs(t.app, 'demo-liaison-soe')
    supervisor = await loginAs(t.app, 'demo-supervisor-united')
    employee = await loginAs(t.app, 'demo-employee-private')
    privateId = await idOf(t.app, 'enterprises', '县恒达食品有限公司')
    soeId = await idOf(t.app, 'enterprises', '县城市建设投资集团有限公司')
    nopoId = await idOf(t.app, 'enterprises', '县顺通物流有限公司')
    const created = await call(t.app, office, {
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: {
        name: '测试期次自查',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        // Not before today (北京时间): the test runs on the real clock.
        dueDate: shanghaiDateAfterDays(Date.now(), 30),
      },
    })
    expect(created.statusCode).toBe(201)
    campaignId = created.json().id
    const list = (
      await call(t.app, liaison, { method: 'GET', url: `/api/v1/enterprises/${privateId}/assessments` })
    ).json()
    assessmentId = list.assessments.find((a: { campaign: { id: number } }) => a.campaign.id === campaignId).id
    const soeList = (
      await call(t.app, liaisonSoe, { method: 'GET', url: `/api/v1/enterprises/${soeId}/assessments` })
    ).json()
    soeAssessmentId = soeList.assessments.find(
      (a: { campaign: { id: number } }) => a.campaign.id === campaignId,
    ).id
  })
  afterAll(() => t.close())

  const view = async (token = liaison): Promise<TAssessment> =>
    (await call(t.app, token, { method: 'GET', url: base() })).json()

  it('opens a campaign for every enterprise, each on the current template', async () => {
    const campaigns = (await call(t.app, liaison, { method: 'GET', url: '/api/v1/campaigns' })).json()
      .campaigns
    const mine = campaigns.find((c: { id: number }) => c.id === campaignId)
    expect(mine).toMatchObject({ name: '测试期次自查', targetCount: 4, templateVersion: 2 })
    const byEmployee = await call(t.app, liaison, {
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: { name: 'x' },
    })
    expect(byEmployee.statusCode).toBe(403)
  })

  it('shows only the items that apply to the enterprise', async () => {
    const a = await view()
    expect(a.status).toBe('draft')
    expect(a.items.length).toBeGreaterThan(20)
    for (const item of a.items) expect(item.applicability.ownerships).toContain('private')
    const nopoAssessment = (
      await call(t.app, office, { method: 'GET', url: `/api/v1/enterprises/${nopoId}/assessments` })
    ).json().assessments[0]
    const nopo: TAssessment = (
      await call(t.app, office, {
        method: 'GET',
        url: `/api/v1/enterprises/${nopoId}/assessments/${nopoAssessment.id}`,
      })
    ).json()
    expect(nopo.items.some((i) => i.applicability.needsPartyOrg)).toBe(false)
    expect(nopo.items.length).toBeLessThan(a.items.length)
  })

  it('refuses bad answers with a 4xx and a clear message', async () => {
    const wrongValue = await call(t.app, liaison, {
      method: 'PUT',
      url: `${base()}/answers`,
      payload: { answers: [{ itemCode: 'T01-01', value: 'maybe' }] },
    })
    expect(wrongValue.statusCode).toBe(400)
    expect(wrongValue.json().error.fields[0].path).toBe('answers.0.value')
    const unknown = await call(t.app, liaison, {
      method: 'PUT',
      url: `${base()}/answers`,
      payload: { answers: [{ itemCode: 'T99-01', value: 'yes' }] },
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error).toMatchObject({
      code: 'UNKNOWN_ITEM',
      fields: [{ path: 'answers.0.itemCode' }],
    })
    const byEmployee = await call(t.app, employee, {
      method: 'PUT',
      url: `${base()}/answers`,
      payload: { answers: [{ itemCode: 'T01-01', value: 'yes' }] },
    })
    expect(byEmployee.statusCode).toBe(403)
  })

  it('refuses oversized and wrong-type evidence files', async () => {
    const item = (await view()).items[0]
    const upload = (content: Buffer, filename: string) =>
      call(t.app, liaison, {
        method: 'POST',
        url: `${base()}/evidence?itemCode=${item.code}`,
        ...multipart('file', filename, content),
      })
    const exe = await upload(Buffer.from('MZ\x90\x00 not an image'), 'photo.jpg')
    expect(exe.statusCode).toBe(415)
    expect(exe.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED')
    const big = await upload(Buffer.concat([TINY_PNG, Buffer.alloc(11 * 1024 * 1024)]), 'big.png')
    expect(big.statusCode).toBe(413)
    expect(big.json().error.code).toBe('FILE_TOO_LARGE')
    const notMultipart = await call(t.app, liaison, {
      method: 'POST',
      url: `${base()}/evidence?itemCode=${item.code}`,
      payload: { file: 'x' },
    })
    expect(notMultipart.statusCode).toBe(415)
  })

  it('walks draft → submit (incomplete refused) → scores and findings → returned → fixed → accepted', async () => {
    const a = await view()
    const items: TChecklistItem[] = a.items
    const [first, second, ...rest] = items
    // A partial draft, then the submit lists what is missing.
    const partial = await call(t.app, liaison, {
      method: 'PUT',
      url: `${base()}/answers`,
      payload: { answers: [{ itemCode: first.code, value: 'yes' }] },
    })
    expect(partial.json()).toMatchObject({ saved: 1, answeredCount: 1, applicableCount: items.length })
    const early = await call(t.app, liaison, { method: 'POST', url: `${base()}/submit` })
    expect(early.statusCode).toBe(422)
    expect(early.json().error.code).toBe('ASSESSMENT_INCOMPLETE')
    expect(early.json().error.fields.length).toBeGreaterThanOrEqual(items.length - 1)

    // 不适用 without a reason is refused at submit; evidence is required where the item says so.
    const answers = [
      { itemCode: first.code, value: 'no', note: '尚未建立制度' },
      { itemCode: second.code, value: 'na' },
      ...rest.map((i, index) =>
        index % 5 === 0
          ? { itemCode: i.code, value: 'partial', note: '部分落实，正在完善' }
          : { itemCode: i.code, value: 'yes' },
      ),
    ]
    expect(
      (await call(t.app, liaison, { method: 'PUT', url: `${base()}/answers`, payload: { answers } }))
        .statusCode,
    ).toBe(200)
    const stillMissing = (await call(t.app, liaison, { method: 'POST', url: `${base()}/submit` })).json()
      .error.fields
    expect(stillMissing).toEqual(
      expect.arrayContaining([
        { path: second.code, message: '选择“不适用”须说明理由', kind: 'na_reason_missing' },
      ]),
    )
    const needEvidence = rest.filter((i, index) =>
      i.evidence.required && index % 5 !== 0 ? true : i.evidence.required,
    )
    for (const item of needEvidence)
      expect(stillMissing).toContainEqual({
        path: item.code,
        message: '该项要求上传佐证材料',
        kind: 'evidence_missing',
      })

    await call(t.app, liaison, {
      method: 'PUT',
      url: `${base()}/answers`,
      payload: { answers: [{ itemCode: second.code, value: 'na', naReason: '本企业无此业务' }] },
    })
    for (const [index, item] of needEvidence.entries()) {
      const res = await call(t.app, liaison, {
        method: 'POST',
        url: `${base()}/evidence?itemCode=${item.code}`,
        ...multipart('file', index % 2 ? '制度文件.pdf' : '现场照片.png', index % 2 ? TINY_PDF : TINY_PNG),
      })
      expect(res.statusCode).toBe(201)
    }
    const withEvidence = await view()
    const firstFile = withEvidence.evidence[0]
    const image = await t.app.inject({ method: 'GET', url: firstFile.url })
    expect(image.statusCode).toBe(200)
    expect(image.headers['content-type']).toBe(firstFile.mime)
    const forged = await t.app.inject({
      method: 'GET',
      url: firstFile.url.replace(/sig=[^&]+/, 'sig=forged'),
    })
    expect(forged.statusCode).toBe(404)

    const submitted = await call(t.app, liaison, {
      method: 'POST',
      url: `${base()}/submit`,
      headers: { 'idempotency-key': 'submit-key-000001' },
    })
    expect(submitted.statusCode).toBe(200)
    const replay = await call(t.app, liaison, {
      method: 'POST',
      url: `${base()}/submit`,
      headers: { 'idempotency-key': 'submit-key-000001' },
    })
    expect(replay.statusCode).toBe(200)
    expect(replay.json().status).toBe('submitted')
    const result: TAssessment = submitted.json()
    expect(result.status).toBe('submitted')
    const expected = computeScores(
      items,
      answers.map((x) => (x.itemCode === second.code ? { ...x, naReason: '本企业无此业务' } : x)) as never,
    )
    expect(result.scores).toEqual(expected)
    expect(result.scores.overall).toBeGreaterThan(0)
    expect(result.scores.overall).toBeLessThan(100)
    // Each section's score is stored in its own column too (监管总览's figures read those), the same as the JSON.
    const stored = await t.app.db
      .selectFrom('assessments')
      .select(['score_politics', 'score_operation', 'score_culture', 'score_supervision', 'score_actions'])
      .where('id', '=', assessmentId)
      .executeTakeFirstOrThrow()
    expect(Object.values(stored)).toEqual(expected.sections.map((s) => s.score))

    // 否 / 部分 became 整改 items, once each (the replayed submit made none).
    const rect = (
      await call(t.app, liaison, { method: 'GET', url: `/api/v1/enterprises/${privateId}/rectifications` })
    ).json().rectifications
    const findingCodes = answers
      .filter((x) => x.value === 'no' || x.value === 'partial')
      .map((x) => x.itemCode)
    expect(rect.map((r: { itemCode: string }) => r.itemCode).sort()).toEqual([...findingCodes].sort())
    expect(
      rect.every(
        (r: { status: string; deadline: string }) =>
          r.status === 'open' && /^\d{4}-\d{2}-\d{2}$/.test(r.deadline),
      ),
    ).toBe(true)

    // Locked after submit.
    const locked = await call(t.app, liaison, {
      method: 'PUT',
      url: `${base()}/answers`,
      payload: { answers: [{ itemCode: first.code, value: 'yes' }] },
    })
    expect(locked.statusCode).toBe(409)

    // The enterprise cannot review itself; its supervisor returns one item with a comment.
    const selfReview = await call(t.app, liaison, { method: 'POST', url: `${base()}/accept`, payload: {} })
    expect(selfReview.statusCode).toBe(403)
    const returned = await call(t.app, supervisor, {
      method: 'POST',
      url: `${base()}/return`,
      payload: { items: [{ itemCode: first.code, comment: '请补充制度建立情况' }] },
    })
    expect(returned.statusCode).toBe(200)
    const reopened = await view()
    expect(reopened.status).toBe('returned')
    expect(reopened.answers.find((x) => x.itemCode === first.code)?.reviewComment).toBe('请补充制度建立情况')

    // The liaison fixes it and resubmits; the supervisor accepts.
    if (first.evidence.required) {
      await call(t.app, liaison, {
        method: 'POST',
        url: `${base()}/evidence?itemCode=${first.code}`,
        ...multipart('file', 'a.png', TINY_PNG),
      })
    }
    await call(t.app, liaison, {
      method: 'PUT',
      url: `${base()}/answers`,
      payload: { answers: [{ itemCode: first.code, value: 'yes', note: '已建立' }] },
    })
    const resubmitted = await call(t.app, liaison, { method: 'POST', url: `${base()}/submit` })
    expect(resubmitted.statusCode).toBe(200)
    expect(resubmitted.json().scores.overall).toBeGreaterThan(result.scores.overall!)
    const accepted = await call(t.app, supervisor, {
      method: 'POST',
      url: `${base()}/accept`,
      payload: { comment: '同意' },
    })
    expect(accepted.statusCode).toBe(200)
    const history = accepted.json().history.map((h: { toStatus: string }) => h.toStatus)
    expect(history).toEqual(['draft', 'submitted', 'returned', 'submitted', 'accepted'])
    const again = await call(t.app, supervisor, { method: 'POST', url: `${base()}/accept`, payload: {} })
    expect(again.statusCode).toBe(409)
  })

  it('runs a 整改 item: respond with evidence → 待核验 → returned → responded → 已销号', async () => {
    const list = (
      await call(t.app, liaison, { method: 'GET', url: `/api/v1/enterprises/${privateId}/rectifications` })
    ).json().rectifications
    const r = list[0]
    const url = `/api/v1/enterprises/${privateId}/rectifications/${r.id}`
    const file = await call(t.app, liaison, {
      method: 'POST',
      url: `${url}/evidence`,
      ...multipart('file', '整改照片.png', TINY_PNG),
    })
    expect(file.statusCode).toBe(201)
    const responded = await call(t.app, liaison, {
      method: 'POST',
      url: `${url}/respond`,
      payload: { response: '已制定制度并公示', evidenceIds: [file.json().id] },
    })
    expect(responded.statusCode).toBe(200)
    expect(responded.json()).toMatchObject({
      status: 'awaiting_verification',
      evidence: [{ id: file.json().id }],
    })
    const bySelf = await call(t.app, liaison, {
      method: 'POST',
      url: `${url}/verify`,
      payload: { decision: 'close' },
    })
    expect(bySelf.statusCode).toBe(403)
    const noComment = await call(t.app, supervisor, {
      method: 'POST',
      url: `${url}/verify`,
      payload: { decision: 'return' },
    })
    expect(noComment.statusCode).toBe(400)
    const back = await call(t.app, supervisor, {
      method: 'POST',
      url: `${url}/verify`,
      payload: { decision: 'return', comment: '照片不清晰' },
    })
    expect(back.json().status).toBe('returned')
    await call(t.app, liaison, {
      method: 'POST',
      url: `${url}/respond`,
      payload: { response: '已重新拍照上传' },
    })
    const closed = await call(t.app, supervisor, {
      method: 'POST',
      url: `${url}/verify`,
      payload: { decision: 'close' },
    })
    expect(closed.json().status).toBe('closed')
    expect(closed.json().history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'open',
      'awaiting_verification',
      'returned',
      'awaiting_verification',
      'closed',
    ])
  })

  it('gives each supervising department its enterprises’ status, scores and open 整改, and nobody else’s', async () => {
    const overview = (
      await call(t.app, supervisor, {
        method: 'GET',
        url: `/api/v1/supervision/overview?campaignId=${campaignId}`,
      })
    ).json()
    expect(overview.campaign.id).toBe(campaignId)
    expect(overview.enterprises.map((e: { enterpriseId: number }) => e.enterpriseId).sort()).toEqual(
      [privateId, nopoId].sort(),
    )
    const mine = overview.enterprises.find((e: { enterpriseId: number }) => e.enterpriseId === privateId)
    expect(mine).toMatchObject({ status: 'accepted', assessmentId })
    expect(mine.overall).toBeGreaterThan(0)
    expect(mine.sections.length).toBe(5)
    expect(mine.openRectifications).toBeGreaterThan(0)
    const asOffice = (
      await call(t.app, office, {
        method: 'GET',
        url: `/api/v1/supervision/overview?campaignId=${campaignId}`,
      })
    ).json()
    expect(asOffice.enterprises).toHaveLength(4)
    const byLiaison = await call(t.app, liaison, { method: 'GET', url: '/api/v1/supervision/overview' })
    expect(byLiaison.statusCode).toBe(403)
  })

  it("keeps another enterprise's assessment, evidence and 整改 invisible", async () => {
    const soeView: TAssessment = (
      await call(t.app, liaisonSoe, {
        method: 'GET',
        url: `/api/v1/enterprises/${soeId}/assessments/${soeAssessmentId}`,
      })
    ).json()
    await call(t.app, liaisonSoe, {
      method: 'POST',
      url: `/api/v1/enterprises/${soeId}/assessments/${soeAssessmentId}/evidence?itemCode=${soeView.items[0].code}`,
      ...multipart('file', 'x.png', TINY_PNG),
    })
    // By the other enterprise's id …
    await expectSameAsMissing(
      t.app,
      liaison,
      [
        { method: 'GET', url: (id) => `/api/v1/enterprises/${id}/assessments` },
        { method: 'GET', url: (id) => `/api/v1/enterprises/${id}/assessments/${soeAssessmentId}` },
        {
          method: 'PUT',
          url: (id) => `/api/v1/enterprises/${id}/assessments/${soeAssessmentId}/answers`,
          payload: { answers: [{ itemCode: 'T01-01', value: 'yes' }] },
        },
        { method: 'POST', url: (id) => `/api/v1/enterprises/${id}/assessments/${soeAssessmentId}/submit` },
        { method: 'GET', url: (id) => `/api/v1/enterprises/${id}/rectifications` },
      ],
      [soeId],
    )
    // … and by its assessment id under one's own enterprise.
    await expectSameAsMissing(
      t.app,
      liaison,
      [
        { method: 'GET', url: (id) => `/api/v1/enterprises/${privateId}/assessments/${id}` },
        {
          method: 'PUT',
          url: (id) => `/api/v1/enterprises/${privateId}/assessments/${id}/answers`,
          payload: { answers: [{ itemCode: 'T01-01', value: 'yes' }] },
        },
        { method: 'POST', url: (id) => `/api/v1/enterprises/${privateId}/assessments/${id}/submit` },
      ],
      [soeAssessmentId],
    )
    const now = new Date().toISOString()
    const soeRect = await t.app.db
      .insertInto('rectifications')
      .values({
        enterprise_id: soeId,
        source: 'notice',
        assessment_id: null,
        item_code: null,
        title: '整改通知',
        detail: null,
        deadline: '2027-01-01',
        status: 'open',
        response: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await expectSameAsMissing(
      t.app,
      liaison,
      [
        { method: 'GET', url: (id) => `/api/v1/enterprises/${privateId}/rectifications/${id}` },
        {
          method: 'POST',
          url: (id) => `/api/v1/enterprises/${privateId}/rectifications/${id}/respond`,
          payload: { response: '已整改完毕' },
        },
      ],
      [soeRect.id],
    )
    // A supervisor of other enterprises sees nothing of this one.
    const financeSupervisor = await loginAs(t.app, 'demo-supervisor-finance')
    await expectSameAsMissing(
      t.app,
      financeSupervisor,
      [{ method: 'GET', url: (id) => `/api/v1/enterprises/${id}/assessments` }],
      [privateId],
    )
    // Evidence links of the other enterprise are signed per file; a guessed link is a 404.
    const otherFile = (
      await call(t.app, liaisonSoe, {
        method: 'GET',
        url: `/api/v1/enterprises/${soeId}/assessments/${soeAssessmentId}`,
      })
    ).json().evidence[0]
    const guessed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/files/${otherFile.id}?expires=9999999999&sig=x`,
    })
    expect(guessed.statusCode).toBe(404)
  })
})
