import type { Transaction } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { newEventSecret } from '../server/features/events/qrToken'
import type { TEventKind } from '../src/models/event'
import { DEMO_ENTERPRISES, type DemoOrganisationIds, type DepartmentName } from './organisationsDemo'

interface DemoEvent {
  kind: TEventKind
  title: string
  description: string
  organiser: { enterprise: string } | { department: DepartmentName }
  /** openid of the organiser who creates it */
  createdBy: string
  /** Audience: enterprise keys. */
  audience: string[]
}

/** Two events open for sign-in from the day of the first start (北京时间 00:00) for 30 days. */
export const DEMO_EVENTS: DemoEvent[] = [
  {
    kind: 'warning_education',
    title: '民营企业清廉建设警示教育会（演示）',
    description: '县委统战部组织全县民营企业开展身边人身边事违纪违法案件警示教育。',
    organiser: { department: '县委统战部' },
    createdBy: 'demo-supervisor-united',
    audience: DEMO_ENTERPRISES.filter((e) => e.ownership === 'private').map((e) => e.key),
  },
  {
    kind: 'integrity_lecture',
    title: '廉政主题党课：守纪律 讲规矩（演示）',
    description: '县恒达食品有限公司党支部廉政主题党课。',
    organiser: { enterprise: 'private' },
    createdBy: 'demo-secretary-private',
    audience: ['private'],
  },
]

export const DEMO_EVENT_DAYS = 30

/** 00:00 北京时间 of the day `ms` falls on. */
export function beijingDayStart(ms: number): number {
  const day = 24 * 3600_000
  const offset = 8 * 3600_000
  return Math.floor((ms + offset) / day) * day - offset
}

export async function seedDemoEvents(
  trx: Transaction<Database>,
  { departments: departmentIds, enterprises: enterpriseIds }: DemoOrganisationIds,
  userIds: Map<string, number>,
  now: string,
): Promise<void> {
  // Events whose sign-in is open whenever the demo is first started.
  const start = beijingDayStart(Date.now())
  const startsAt = new Date(start).toISOString()
  const endsAt = new Date(start + DEMO_EVENT_DAYS * 24 * 3600_000).toISOString()
  for (const e of DEMO_EVENTS) {
    const organiser =
      'enterprise' in e.organiser
        ? { kind: 'enterprise' as const, id: enterpriseIds.get(e.organiser.enterprise)! }
        : { kind: 'department' as const, id: departmentIds.get(e.organiser.department)! }
    const event = await trx
      .insertInto('events')
      .values({
        kind: e.kind,
        title: e.title,
        description: e.description,
        organiser_kind: organiser.kind,
        organiser_id: organiser.id,
        starts_at: startsAt,
        ends_at: endsAt,
        sign_in_opens_at: startsAt,
        sign_in_closes_at: endsAt,
        place_name: null,
        place_lat: null,
        place_lng: null,
        place_radius_m: null,
        qr_secret: newEventSecret(),
        created_by: userIds.get(e.createdBy)!,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('event_audience')
      .values(e.audience.map((key) => ({ event_id: event.id, enterprise_id: enterpriseIds.get(key)! })))
      .execute()
  }
}
