import type { Selectable } from 'kysely'
import { supervisedEnterpriseIds } from '../../core/access'
import { changedOne, exists, type DbOrTrx } from '../../core/db/database'
import { namesById, organisationNames } from '../../core/db/names'
import { hasRow } from '../../core/db/rows'
import type { PledgeRow, PledgeSignatureRow, PledgeTemplateTable } from '../../core/db/schema'

export type TemplateRow = Selectable<PledgeTemplateTable>

/** The effective pledges of a kind made in [from, to) (a 北京时间 year): the ones that count as signed. */
const effectiveIn = (db: DbOrTrx, kind: string, [from, to]: [string, string]) =>
  db
    .selectFrom('pledges')
    .where('kind', '=', kind)
    .where('status', '=', 'effective')
    .where('created_at', '>=', from)
    .where('created_at', '<', to)

/** Names of the organisations, users and template versions a list of pledges refers to. */
export interface PledgeNames {
  enterprise: Map<number, string>
  department: Map<number, string>
  user: Map<number, string>
  version: Map<number, number>
}

export const pledgeTemplatesRepository = {
  /** The newest version of each kind. */
  async latestVersions(db: DbOrTrx): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('pledge_templates')
      .select(['kind', (eb) => eb.fn.max<number>('version').as('v')])
      .groupBy('kind')
      .execute()
    return new Map(rows.map((r) => [r.kind, Number(r.v)]))
  },

  async hasKind(db: DbOrTrx, kind: string): Promise<boolean> {
    return exists(db.selectFrom('pledge_templates').select('id').where('kind', '=', kind).limit(1))
  },

  insert(db: DbOrTrx, values: Omit<TemplateRow, 'id'>): Promise<TemplateRow> {
    return db.insertInto('pledge_templates').values(values).returningAll().executeTakeFirstOrThrow()
  },

  /**
   * A kind's next version unless that version exists (then undefined): of two publishes at once, the
   * second waits for the first's commit (PostgreSQL) and finds its number taken, instead of a 500.
   */
  insertVersion(db: DbOrTrx, values: Omit<TemplateRow, 'id'>): Promise<TemplateRow | undefined> {
    return db
      .insertInto('pledge_templates')
      .values(values)
      .onConflict((oc) => oc.columns(['kind', 'version']).doNothing())
      .returningAll()
      .executeTakeFirst()
  },

  /** The kind's current version and its content as stored, read together. */
  newest(db: DbOrTrx, kind: string): Promise<Pick<TemplateRow, 'version' | 'content'> | undefined> {
    return db
      .selectFrom('pledge_templates')
      .select(['version', 'content'])
      .where('kind', '=', kind)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()
  },

  /** By kind, newest version first. */
  list(db: DbOrTrx, kind?: string): Promise<TemplateRow[]> {
    let q = db.selectFrom('pledge_templates').selectAll()
    if (kind) q = q.where('kind', '=', kind)
    return q.orderBy('kind').orderBy('version', 'desc').execute()
  },

  byId(db: DbOrTrx, id: number): Promise<TemplateRow | undefined> {
    return db.selectFrom('pledge_templates').selectAll().where('id', '=', id).executeTakeFirst()
  },

  async newestVersion(db: DbOrTrx, kind: string): Promise<number> {
    const newest = await db
      .selectFrom('pledge_templates')
      .select((eb) => eb.fn.max<number>('version').as('v'))
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow()
    return Number(newest.v)
  },
}

export const pledgesRepository = {
  byId(db: DbOrTrx, id: number): Promise<PledgeRow | undefined> {
    return db.selectFrom('pledges').selectAll().where('id', '=', id).executeTakeFirst()
  },

  async hasSigned(db: DbOrTrx, pledgeId: number, userId: number): Promise<boolean> {
    return hasRow(db, 'pledge_signatures', { pledge_id: pledgeId, signer_user_id: userId })
  },

  async names(db: DbOrTrx, pledges: PledgeRow[]): Promise<PledgeNames> {
    const templateIds = [...new Set(pledges.map((p) => p.template_id))]
    const [enterprise, department, user, versions] = await Promise.all([
      namesById(
        db,
        'enterprises',
        pledges.map((p) => p.enterprise_id),
      ),
      namesById(
        db,
        'departments',
        pledges.flatMap((p) => (p.department_id ? [p.department_id] : [])),
      ),
      namesById(
        db,
        'users',
        pledges.map((p) => p.started_by),
      ),
      templateIds.length
        ? db.selectFrom('pledge_templates').select(['id', 'version']).where('id', 'in', templateIds).execute()
        : [],
    ])
    return { enterprise, department, user, version: new Map(versions.map((r) => [r.id, r.version])) }
  },

  /** A pledge's signatures in signing order, with each signer's phone and organisation's name. */
  async signatures(db: DbOrTrx, pledgeId: number) {
    const rows = await db
      .selectFrom('pledge_signatures as s')
      .innerJoin('users as u', 'u.id', 's.signer_user_id')
      .selectAll('s')
      .select('u.phone')
      .where('s.pledge_id', '=', pledgeId)
      .orderBy('s.signed_at')
      .orderBy('s.id')
      .execute()
    const names = await organisationNames(
      db,
      rows.map((r) => ({ kind: r.organisation_kind, id: r.organisation_id })),
    )
    return rows.map((row) => ({
      row,
      organisationName: names[row.organisation_kind].get(row.organisation_id) ?? '',
    }))
  },

  async userName(db: DbOrTrx, userId: number): Promise<string | undefined> {
    const user = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst()
    return user?.name
  },

  /**
   * The caller's pledges, newest first (200 at most): started or signed by them, the non-personal ones of
   * enterprises they head, the two-sided ones of departments where they are a cadre.
   */
  listForUser(db: DbOrTrx, userId: number, headOf: number[], officialOf: number[]): Promise<PledgeRow[]> {
    return db
      .selectFrom('pledges')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('started_by', '=', userId),
          eb(
            'id',
            'in',
            eb.selectFrom('pledge_signatures').select('pledge_id').where('signer_user_id', '=', userId),
          ),
          ...(headOf.length
            ? [eb.and([eb('kind', '!=', 'personal'), eb('enterprise_id', 'in', headOf)])]
            : []),
          ...(officialOf.length
            ? [eb.and([eb('kind', '=', 'government_business'), eb('department_id', 'in', officialOf)])]
            : []),
        ]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute()
  },

  /** For the caller's personal pledge this year: their enterprises, where they signed, when they were last reminded. */
  async personalPledgeFacts(
    db: DbOrTrx,
    userId: number,
    enterpriseIds: number[],
    year: number,
    [from, to]: [string, string],
  ) {
    const [enterprises, signed, reminders] = await Promise.all([
      db
        .selectFrom('enterprises')
        .select(['id', 'name'])
        .where('id', 'in', enterpriseIds)
        .orderBy('id')
        .execute(),
      effectiveIn(db, 'personal', [from, to])
        .select('enterprise_id')
        .where('started_by', '=', userId)
        .execute(),
      db
        .selectFrom('pledge_reminders')
        .select(['enterprise_id', (eb) => eb.fn.max('created_at').as('at')])
        .where('user_id', '=', userId)
        .where('year', '=', year)
        .groupBy('enterprise_id')
        .execute(),
    ])
    return {
      enterprises,
      signedIn: new Set(signed.map((s) => s.enterprise_id)),
      remindedAt: new Map(reminders.map((r) => [r.enterprise_id, String(r.at)])),
    }
  },

  department(db: DbOrTrx, id: number) {
    return db.selectFrom('departments').select(['id', 'name']).where('id', '=', id).executeTakeFirst()
  },

  /** Whether an effective one-sided pledge of that kind was made in [from, to) (by `startedBy`, when given). */
  async hasEffective(
    db: DbOrTrx,
    kind: string,
    enterpriseId: number,
    [from, to]: [string, string],
    startedBy?: number,
  ): Promise<boolean> {
    let q = effectiveIn(db, kind, [from, to]).select('id').where('enterprise_id', '=', enterpriseId)
    if (startedBy !== undefined) q = q.where('started_by', '=', startedBy)
    return (await q.executeTakeFirst()) !== undefined
  },

  insert(db: DbOrTrx, values: Omit<PledgeRow, 'id'>): Promise<PledgeRow> {
    return db.insertInto('pledges').values(values).returningAll().executeTakeFirstOrThrow()
  },

  /** Moves a pending pledge on (effective, or withdrawn); false when it was not pending any more. */
  async leavePending(
    db: DbOrTrx,
    id: number,
    values: Partial<
      Pick<PledgeRow, 'status' | 'effective_at' | 'withdrawn_at' | 'withdrawn_by' | 'withdraw_reason'>
    >,
  ): Promise<boolean> {
    return changedOne(
      db.updateTable('pledges').set(values).where('id', '=', id).where('status', '=', 'pending'),
    )
  },

  /** One side's signature; undefined when that side has signed already. */
  insertSignature(
    db: DbOrTrx,
    values: Omit<PledgeSignatureRow, 'id'>,
  ): Promise<PledgeSignatureRow | undefined> {
    return db
      .insertInto('pledge_signatures')
      .values(values)
      .onConflict((oc) => oc.columns(['pledge_id', 'side']).doNothing())
      .returningAll()
      .executeTakeFirst()
  },

  async setSignatureChainSeq(db: DbOrTrx, signatureId: number, seq: number): Promise<void> {
    await db.updateTable('pledge_signatures').set({ chain_seq: seq }).where('id', '=', signatureId).execute()
  },

  enterpriseByCreditCode(db: DbOrTrx, creditCode: string) {
    return db
      .selectFrom('enterprises')
      .select(['id', 'name'])
      .where('credit_code', '=', creditCode)
      .executeTakeFirst()
  },
}

/** Coverage: who signed this year, reminders, and the counts per enterprise. */
export const pledgeCoverageRepository = {
  enterprise(db: DbOrTrx, enterpriseId: number) {
    return db
      .selectFrom('enterprises')
      .select(['id', 'name'])
      .where('id', '=', enterpriseId)
      .executeTakeFirstOrThrow()
  },

  /** The enterprise's approved members, in order of their accounts. */
  approvedMembers(db: DbOrTrx, enterpriseId: number) {
    return db
      .selectFrom('users as u')
      .select(['u.id', 'u.name', 'u.phone'])
      .where('u.id', 'in', (eb) =>
        eb
          .selectFrom('memberships')
          .select('user_id')
          .where('organisation_kind', '=', 'enterprise')
          .where('organisation_id', '=', enterpriseId)
          .where('status', '=', 'approved'),
      )
      .orderBy('u.id')
      .execute()
  },

  /** The enterprise's effective personal pledges in [from, to), oldest first. */
  personalSigned(db: DbOrTrx, enterpriseId: number, [from, to]: [string, string]) {
    return effectiveIn(db, 'personal', [from, to])
      .select(['started_by', 'created_at', 'code'])
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('created_at')
      .execute()
  },

  /** When each member was last reminded this year. */
  lastReminders(db: DbOrTrx, enterpriseId: number, year: number) {
    return db
      .selectFrom('pledge_reminders')
      .select(['user_id', (eb) => eb.fn.max('created_at').as('at')])
      .where('enterprise_id', '=', enterpriseId)
      .where('year', '=', year)
      .groupBy('user_id')
      .execute()
  },

  async insertReminders(
    db: DbOrTrx,
    rows: { enterprise_id: number; user_id: number; year: number; sent_by: number; created_at: string }[],
  ): Promise<void> {
    await db.insertInto('pledge_reminders').values(rows).execute()
  },

  /**
   * The enterprises these departments supervise (all with `null`), lowest id first. All of them: the
   * 工作台账 needs a row for each (a cap here once left its pledge columns empty past 5,000); the counts
   * that follow are grouped queries over chunks of ids.
   */
  enterprisesSupervised(db: DbOrTrx, departmentIds: number[] | null, enterpriseId?: number) {
    let q = db.selectFrom('enterprises').select(['id', 'name', 'ownership'])
    if (departmentIds) q = q.where('id', 'in', supervisedEnterpriseIds(db, departmentIds))
    if (enterpriseId !== undefined) q = q.where('id', '=', enterpriseId)
    return q.orderBy('id').execute()
  },

  /** Pledges in [from, to) per enterprise, kind and status: distinct signers (`people`) and pledges (`n`). */
  pledgeCounts(db: DbOrTrx, enterpriseIds: number[], [from, to]: [string, string]) {
    return db
      .selectFrom('pledges')
      .select([
        'enterprise_id',
        'kind',
        'status',
        (eb) => eb.fn.count<number>('started_by').distinct().as('people'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('enterprise_id', 'in', enterpriseIds)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .groupBy(['enterprise_id', 'kind', 'status'])
      .execute()
  },
}
