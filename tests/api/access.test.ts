import Fastify from 'fastify'
import authPlugin from '../../server/core/auth'
import { createTestApp, TEST_DB, type TestApp } from './support/testApp'

describe(`authorisation declarations [${TEST_DB}]`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it('every registered /api route declares who may call it', () => {
    const routes = t.app.routeAccessTable
    expect(routes.length).toBeGreaterThan(10)
    for (const route of routes) {
      expect({ route: `${route.method} ${route.url}`, hasAccess: Boolean(route.access) }).toEqual({
        route: `${route.method} ${route.url}`,
        hasAccess: true,
      })
    }
    // Print the table once so a reviewer sees who may call what.
    console.log(
      `${routes.length} routes with an access declaration:\n` +
        routes.map((r) => `  ${r.method.padEnd(6)} ${r.url}  →  ${r.description}`).join('\n'),
    )
  })

  it('declares the audit log for the office and the milestones for the enterprise, its department and the office', () => {
    const described = (method: string, url: string) =>
      t.app.routeAccessTable.find((r) => r.method === method && r.url === url)?.description
    expect(described('GET', '/api/v1/audit-log')).toBe('office')
    expect(described('GET', '/api/v1/audit-log.xlsx')).toBe('office')
    const m = '/api/v1/enterprises/:enterpriseId/milestones'
    expect(described('GET', m)).toBe(
      'enterprise(:enterpriseId) employee, liaison, head, branch_secretary, supervisor(linked), office',
    )
    expect(described('PUT', `${m}/leading-group`)).toBe('enterprise(:enterpriseId) liaison')
    expect(described('POST', `${m}/plan/files`)).toBe('enterprise(:enterpriseId) liaison')
    expect(described('POST', `${m}/plan/filings`)).toBe('enterprise(:enterpriseId) liaison')
    expect(described('POST', `${m}/plan/filings/:filingId/decision`)).toBe(
      'enterprise(:enterpriseId) supervisor(linked)',
    )
    expect(described('PUT', `${m}/deadline`)).toBe('enterprise(:enterpriseId) office')
  })

  it('declares who manages people: the office for departments and accounts, the liaison for its enterprise', () => {
    const table = Object.fromEntries(
      t.app.routeAccessTable.map((r) => [`${r.method} ${r.url}`, r.description]),
    )
    const liaison = 'enterprise(:enterpriseId) liaison'
    expect(table).toMatchObject({
      'GET /api/v1/departments/:departmentId/members': 'office',
      'GET /api/v1/departments/:departmentId/invites': 'office',
      'POST /api/v1/departments/:departmentId/invites': 'office',
      'POST /api/v1/departments/:departmentId/members/:membershipId/approve': 'office',
      'POST /api/v1/departments/:departmentId/members/:membershipId/reject': 'office',
      'PATCH /api/v1/departments/:departmentId/members/:membershipId': 'office',
      'POST /api/v1/users/:userId/disable': 'office',
      'POST /api/v1/users/:userId/enable': 'office',
      'GET /api/v1/enterprises/:enterpriseId/invites': `${liaison}, office`,
      'POST /api/v1/enterprises/:enterpriseId/invites': `${liaison}, office`,
      'POST /api/v1/enterprises/:enterpriseId/members/:membershipId/approve': `${liaison}, office`,
      'POST /api/v1/enterprises/:enterpriseId/members/:membershipId/reject': `${liaison}, office`,
      'PATCH /api/v1/enterprises/:enterpriseId/members/:membershipId': liaison,
      'POST /api/v1/enterprises/:enterpriseId/members/:membershipId/remove': liaison,
      'POST /api/v1/enterprises/:enterpriseId/liaison/handover': liaison,
      'POST /api/v1/invites/join': 'any signed-in user',
    })
  })

  it('declares 廉政知识竞赛: the bank and the 竞赛 for the office, papers and boards for anyone signed in', () => {
    const table = Object.fromEntries(
      t.app.routeAccessTable.map((r) => [`${r.method} ${r.url}`, r.description]),
    )
    const quizRoutes = Object.keys(table).filter((r) =>
      /\/(quiz|quizzes|quiz-questions|quiz-papers)(\/|$)/.test(r),
    )
    expect(Object.fromEntries(quizRoutes.map((r) => [r, table[r]]))).toEqual({
      'GET /api/v1/quiz/practice': 'any signed-in user',
      'GET /api/v1/quiz-questions': 'office',
      'POST /api/v1/quiz-questions': 'office',
      'PUT /api/v1/quiz-questions/:questionId': 'office',
      'GET /api/v1/quizzes': 'any signed-in user',
      'GET /api/v1/quizzes/:quizId': 'any signed-in user',
      'POST /api/v1/quizzes': 'office',
      'POST /api/v1/quizzes/:quizId/close': 'office',
      // The enterprise is in the body (papers) or the query (boards): the service checks it, 404 like a missing one.
      'POST /api/v1/quizzes/:quizId/papers': 'any signed-in user',
      'GET /api/v1/quiz-papers/:paperId': 'any signed-in user',
      'POST /api/v1/quiz-papers/:paperId/submission': 'any signed-in user',
      'GET /api/v1/quizzes/:quizId/leaderboard': 'any signed-in user',
      // The office (the county) or a 监管员 (the enterprises they supervise): the service scopes it; anyone
      // else gets the 404 of a missing 竞赛 (a department route would tell a liaison 403).
      'GET /api/v1/quizzes/:quizId/export': 'any signed-in user',
    })
  })

  it('registering a route without a declaration fails', async () => {
    const bare = Fastify()
    bare.decorate('db', t.app.db)
    await bare.register(authPlugin, { tokenSecret: 'x'.repeat(32) })
    let failure: unknown
    try {
      bare.get('/api/v1/undeclared', async () => ({ ok: true }))
      await bare.ready()
    } catch (error) {
      failure = error
    }
    expect(String(failure)).toMatch(/no access declaration/)
    await bare.close().catch(() => undefined)
  })

  it('every non-public route refuses an anonymous caller with 401 before anything else', async () => {
    const guarded = t.app.routeAccessTable.filter((r) => r.access.kind !== 'public')
    expect(guarded.length).toBeGreaterThan(5)
    for (const route of guarded) {
      const url = route.url.replace(/:[A-Za-z]+/g, '1')
      const res = await t.app.inject({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' ? undefined : {},
      })
      expect({
        route: `${route.method} ${route.url}`,
        status: res.statusCode,
        code: res.json().error?.code,
      }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
        code: 'UNAUTHENTICATED',
      })
    }
  })

  it('declares every import route for the office only', () => {
    const imports = t.app.routeAccessTable
      .filter((r) => r.url.startsWith('/api/v1/imports'))
      .map((r) => `${r.method} ${r.url} ${r.access.kind}`)
      .sort()
    expect(imports).toEqual(
      [
        'GET /api/v1/imports/template.xlsx office',
        'POST /api/v1/imports office',
        'GET /api/v1/imports office',
        'GET /api/v1/imports/:importId office',
        'GET /api/v1/imports/:importId/result.xlsx office',
        'POST /api/v1/imports/:importId/commit office',
        'GET /api/v1/imports/:importId/invites.docx office',
      ].sort(),
    )
  })
})
