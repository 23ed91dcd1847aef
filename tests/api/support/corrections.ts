import type { FastifyInstance } from 'fastify'
import { slotOf, slotStartMs } from '../../../server/features/events/qrToken'
import { call, createTestApp, idOf, loginAs, type TestApp } from './testApp'

/** 2026-06-10 10:00 北京时间, on a QR slot boundary (+1 s): the corrections suites' first moment. */
export const CORRECTIONS_START = slotStartMs(slotOf(Date.parse('2026-06-10T02:00:00Z'))) + 1_000

export interface CorrectionsApp {
  t: TestApp
  office: string
  liaison: string
  liaisonNopo: string
  supervisor: string
  employee: string
  secretary: string
  privateId: number
  nopoId: number
}

/** A test app on the suite's clock, with the demo people the corrections suites act as logged in. */
export async function correctionsApp(clock: () => number): Promise<CorrectionsApp> {
  const t = await createTestApp({}, { clock })
  const [office, liaison, liaisonNopo, supervisor, employee, secretary] = await Promise.all(
    [
      'demo-office',
      'demo-liaison-private',
      'demo-liaison-nopo',
      'demo-supervisor-united',
      'demo-employee-private',
      'demo-secretary-private',
    ].map((openid) => loginAs(t.app, openid)),
  )
  return {
    t,
    office,
    liaison,
    liaisonNopo,
    supervisor,
    employee,
    secretary,
    privateId: await idOf(t.app, 'enterprises', '县恒达食品有限公司'),
    nopoId: await idOf(t.app, 'enterprises', '县顺通物流有限公司'),
  }
}

/** A VALIDATION_FAILED answer's messages by field. */
export const fieldsOf = (res: { json: () => { error: { fields: { path: string; message: string }[] } } }) =>
  Object.fromEntries(res.json().error.fields.map((f) => [f.path, f.message]))

/** The audit rows of one action on one record, oldest first. */
export function auditRows(app: FastifyInstance, action: string, entityId: number) {
  return app.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute()
}

/** POSTs an event of the enterprise starting 10 minutes after `now` for two hours, sign-in from 10 minutes before `now`. */
export function postEvent(
  app: FastifyInstance,
  token: string,
  enterpriseId: number,
  now: number,
  extra: Record<string, unknown> = {},
) {
  const iso = (ms: number) => new Date(ms).toISOString()
  return call(app, token, {
    method: 'POST',
    url: `/api/v1/enterprises/${enterpriseId}/events`,
    payload: {
      kind: 'integrity_lecture',
      title: '廉政主题党课',
      startsAt: iso(now + 10 * 60_000),
      endsAt: iso(now + 2 * 3600_000),
      signInOpensAt: iso(now - 10 * 60_000),
      ...extra,
    },
  })
}
