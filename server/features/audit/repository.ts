import { sql, type ExpressionBuilder } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'
import type { Database } from '../../core/db/schema'
import type { TAuditQuery } from '../../../src/models/audit'

/** [from, to) instants of the filter's 北京时间 days (each day starts at 00:00 北京时间 = 16:00 UTC the day before). */
export function dayRange(query: Pick<TAuditQuery, 'from' | 'to'>): { since?: string; until?: string } {
  const start = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString()
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString()
  return {
    ...(query.from ? { since: start(query.from) } : {}),
    ...(query.to ? { until: nextDay(query.to) } : {}),
  }
}

export interface AuditRow {
  id: number
  created_at: string
  user_id: number | null
  user_name: string | null
  /** A name a 党支部 keeps for the person (party_members), for one who never filled in their own. */
  user_other_name: string | null
  user_phone: string | null
  organisation_kind: 'enterprise' | 'department' | null
  organisation_id: number | null
  organisation_name: string | null
  action: string
  entity_type: string
  entity_id: string | null
  detail: string | null
  ip: string | null
}

/** The office department(s) the row's person is (or was) a member of, for a row filed under no organisation. */
function officeOf(eb: ExpressionBuilder<AuditFrom, 'a'>) {
  return eb
    .selectFrom('memberships as om')
    .innerJoin('departments as od', 'od.id', 'om.organisation_id')
    .whereRef('om.user_id', '=', 'a.user_id')
    .where('a.organisation_kind', 'is', null)
    .where('om.organisation_kind', '=', 'department')
    .where('om.role', '=', 'office')
    .where('om.status', 'in', ['approved', 'removed'])
    .orderBy('od.id')
}
type AuditFrom = Database & { a: Database['audit_log'] }

/** The rows `read` answers for these ids, asked 500 ids at a time (a statement's parameters are limited). */
async function inBatches<R>(ids: number[], read: (batch: number[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < ids.length; i += 500) out.push(...(await read(ids.slice(i, i + 500))))
  return out
}

/** The audit log, newest first (ties by id), with the person's and the organisation's names. */
export const auditRepository = {
  list(
    db: DbOrTrx,
    query: TAuditQuery,
    page: { after?: { at: string; id: number }; limit: number },
  ): Promise<AuditRow[]> {
    const { since, until } = dayRange(query)
    let q = db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .leftJoin('enterprises as e', (join) =>
        join.onRef('e.id', '=', 'a.organisation_id').on('a.organisation_kind', '=', 'enterprise'),
      )
      .leftJoin('departments as d', (join) =>
        join.onRef('d.id', '=', 'a.organisation_id').on('a.organisation_kind', '=', 'department'),
      )
      .select([
        'a.id',
        'a.created_at',
        'a.user_id',
        'u.name as user_name',
        (eb) =>
          eb
            .selectFrom('party_members as pm')
            .select('pm.name')
            .whereRef('pm.user_id', '=', 'a.user_id')
            .where(sql<boolean>`trim(pm.name) <> ''`)
            .orderBy('pm.id', 'desc')
            .limit(1)
            .as('user_other_name'),
        'u.phone as user_phone',
        'a.organisation_kind',
        'a.organisation_id',
        // A write filed under no organisation by a member of the office (a campaign, a template, a county
        // setting …) was the office's: its name, as its department names it.
        (eb) =>
          eb.fn.coalesce('e.name', 'd.name', officeOf(eb).select('od.name').limit(1)).as('organisation_name'),
        'a.action',
        'a.entity_type',
        'a.entity_id',
        'a.detail',
        'a.ip',
      ])
    if (query.userId !== undefined) q = q.where('a.user_id', '=', query.userId)
    if (query.person !== undefined) {
      // A literal substring match: LIKE's wildcards in the name are escaped.
      const pattern = `%${query.person.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      q = q.where(sql<boolean>`u.name like ${pattern} escape '\\'`)
    }
    const { organisationKind: kind, organisationId: id } = query
    if (kind !== undefined && id === undefined) q = q.where('a.organisation_kind', '=', kind)
    if (kind !== undefined && id !== undefined)
      q = q.where((eb) =>
        eb.or([
          eb.and([eb('a.organisation_kind', '=', kind), eb('a.organisation_id', '=', id)]),
          // The office's own writes (filed under no organisation) are listed under it, as 单位 names them.
          ...(kind === 'department'
            ? [
                eb.and([
                  eb('a.organisation_kind', 'is', null),
                  eb.exists(officeOf(eb).select('od.id').where('od.id', '=', id)),
                ]),
              ]
            : []),
        ]),
      )
    if (query.action !== undefined) q = q.where('a.action', '=', query.action)
    if (since) q = q.where('a.created_at', '>=', since)
    if (until) q = q.where('a.created_at', '<', until)
    const after = page.after
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('a.created_at', '<', after.at),
          eb.and([eb('a.created_at', '=', after.at), eb('a.id', '<', after.id)]),
        ]),
      )
    return q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(page.limit).execute() as Promise<
      AuditRow[]
    >
  },
  /** `column` of the rows of `table` with these ids (the 操作日志 export names the records it lists). */
  async namesIn(
    db: DbOrTrx,
    table: keyof Database,
    column: string,
    ids: number[],
  ): Promise<{ id: number; name: string | null }[]> {
    return inBatches(
      ids,
      async (batch) =>
        (await db
          .selectFrom(table)
          .select(['id', sql.ref(column).as('name')])
          .where('id', 'in', batch)
          .execute()) as unknown as { id: number; name: string | null }[],
    )
  },

  /** The enterprise and the period (自查期次) of each of these 自查表. */
  async assessmentNames(
    db: DbOrTrx,
    ids: number[],
  ): Promise<{ id: number; enterprise: string; campaign: string }[]> {
    return inBatches(ids, (batch) =>
      db
        .selectFrom('assessments as s')
        .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
        .innerJoin('campaigns as c', 'c.id', 's.campaign_id')
        .select(['s.id', 'e.name as enterprise', 'c.name as campaign'])
        .where('s.id', 'in', batch)
        .execute(),
    )
  },

  /** The person of each of these memberships. */
  async membershipNames(db: DbOrTrx, ids: number[]): Promise<{ id: number; name: string }[]> {
    return inBatches(ids, (batch) =>
      db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.id', 'u.name'])
        .where('m.id', 'in', batch)
        .execute(),
    )
  },

  /** The event of each of these sign-ins. */
  async signInEvents(db: DbOrTrx, ids: number[]): Promise<{ id: number; event_id: number }[]> {
    return inBatches(ids, (batch) =>
      db.selectFrom('sign_ins').select(['id', 'event_id']).where('id', 'in', batch).execute(),
    )
  },

  /** The organiser (an enterprise or a department) of each of these events, by name. */
  async eventOrganisers(db: DbOrTrx, ids: number[]): Promise<{ id: number; name: string }[]> {
    const rows = await inBatches(ids, (batch) =>
      db
        .selectFrom('events as v')
        .leftJoin('enterprises as e', (j) =>
          j.onRef('e.id', '=', 'v.organiser_id').on('v.organiser_kind', '=', 'enterprise'),
        )
        .leftJoin('departments as d', (j) =>
          j.onRef('d.id', '=', 'v.organiser_id').on('v.organiser_kind', '=', 'department'),
        )
        .select((eb) => ['v.id', eb.fn.coalesce('e.name', 'd.name').as('name')])
        .where('v.id', 'in', batch)
        .execute(),
    )
    return rows.flatMap((r) => (r.name ? [{ id: r.id, name: r.name }] : []))
  },

  /** The person each of these sign-ins is for. */
  async signInNames(db: DbOrTrx, ids: number[]): Promise<{ id: number; name: string }[]> {
    return inBatches(ids, (batch) =>
      db
        .selectFrom('sign_ins as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select(['s.id', 'u.name'])
        .where('s.id', 'in', batch)
        .execute(),
    )
  },
}
