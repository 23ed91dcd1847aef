import type { Insertable } from 'kysely'
import { supervisedEnterpriseIds } from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'
import { pageWithTotal } from '../../core/db/page'
import type { DepartmentRow, EnterpriseRow, EnterpriseTable, PartyBranchRow } from '../../core/db/schema'
import type { TDepartment, TEnterprise, TOwnership, TPartyBranch, TPartyOrg } from '../../../src/models/org'
import type { TDepartmentEnterprise } from '../../../src/models/department'
import { enterpriseMatches } from '../../core/db/search'

export function toDepartment(row: DepartmentRow): TDepartment {
  return { id: row.id, name: row.name, isOffice: row.is_office === 1, retiredAt: row.retired_at }
}

/** An enterprise's name and 所有制, by which other features check what it may do; undefined if none. */
export function enterpriseOwnership(db: DbOrTrx, enterpriseId: number) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'name', 'ownership'])
    .where('id', '=', enterpriseId)
    .executeTakeFirst()
}

/** What an enterprise is registered as (the head of its views: its detail, the supervisors' page). */
export function toRegistration(
  row: Pick<EnterpriseRow, 'id' | 'name' | 'credit_code' | 'ownership' | 'party_org' | 'industry'>,
) {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code,
    ownership: row.ownership as TOwnership,
    partyOrg: row.party_org as TPartyOrg,
    industry: row.industry,
  }
}

export function toEnterprise(row: EnterpriseRow, supervisingDepartmentIds: number[]): TEnterprise {
  return {
    ...toRegistration(row),
    leadingGroupDate: row.leading_group_date,
    planFiledDate: row.plan_filed_date,
    demonstration: row.demonstration === 1,
    supervisingDepartmentIds,
  }
}

export function toPartyBranch(row: PartyBranchRow): TPartyBranch {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    name: row.name,
    secretaryUserId: row.secretary_user_id,
  }
}

/** Which enterprises a list shows: all (office), those linked to departments (supervisor), or named ids. */
export type EnterpriseScope = { all: true } | { departmentIds: number[]; enterpriseIds: number[] }

/** A new enterprise's row (registered by the office or imported): no 实施步骤 done yet, not a 示范. */
export function newEnterpriseRow(
  values: {
    name: string
    creditCode: string
    ownership: string
    partyOrg: string
    industry?: string | null
    liaisonName?: string | null
    liaisonPhone?: string | null
  },
  now: string,
): Insertable<EnterpriseTable> {
  return {
    name: values.name,
    credit_code: values.creditCode,
    ownership: values.ownership,
    party_org: values.partyOrg,
    industry: values.industry ?? null,
    liaison_name: values.liaisonName ?? null,
    liaison_phone: values.liaisonPhone ?? null,
    leading_group_date: null,
    plan_filed_date: null,
    demonstration: 0,
    created_at: now,
    updated_at: now,
  }
}

/** An enterprise as registered (the import template's columns, with its id): what its pages show of it. */
export const ENTERPRISE_REGISTRATION = [
  'id',
  'name',
  'credit_code',
  'ownership',
  'party_org',
  'industry',
  'liaison_name',
  'liaison_phone',
] as const

export const departmentsRepository = {
  /** The departments in service; with `retired`, also those the office has retired (listed last). */
  async list(db: DbOrTrx, options: { retired?: boolean } = {}): Promise<TDepartment[]> {
    let query = db.selectFrom('departments').selectAll()
    if (!options.retired) query = query.where('retired_at', 'is', null)
    const rows = await query.orderBy('id').execute()
    return rows.map(toDepartment).sort((a, b) => Number(!!a.retiredAt) - Number(!!b.retiredAt))
  },
  findById(db: DbOrTrx, id: number) {
    return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst()
  },
  insert(db: DbOrTrx, name: string, isOffice: boolean, now: string) {
    return db
      .insertInto('departments')
      .values({ name, is_office: isOffice ? 1 : 0, created_at: now, retired_at: null })
      .returningAll()
      .executeTakeFirstOrThrow()
  },
  /** A new department unless the name is taken (then undefined): one statement, safe under concurrency. */
  insertIfNameFree(db: DbOrTrx, name: string, now: string) {
    return db
      .insertInto('departments')
      .values({ name, is_office: 0, created_at: now, retired_at: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .returningAll()
      .executeTakeFirst()
  },
  /** Renames unless another department has the name (then undefined). */
  renameIfNameFree(db: DbOrTrx, id: number, name: string) {
    return db
      .updateTable('departments')
      .set({ name })
      .where('id', '=', id)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('departments as other')
              .select('other.id')
              .where('other.name', '=', name)
              .where('other.id', '<>', id),
          ),
        ),
      )
      .returningAll()
      .executeTakeFirst()
  },
  /**
   * The department if it is in service, with its row locked until the transaction ends (a conditional
   * no-op update): a link made now cannot slip in beside a concurrent retirement on PostgreSQL.
   */
  lockInService(db: DbOrTrx, id: number) {
    return db
      .updateTable('departments')
      .set({ retired_at: null })
      .where('id', '=', id)
      .where('retired_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
  },
  /** Retires a department in service (never the office); undefined when it was not in service. */
  retire(db: DbOrTrx, id: number, now: string) {
    return db
      .updateTable('departments')
      .set({ retired_at: now })
      .where('id', '=', id)
      .where('is_office', '=', 0)
      .where('retired_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
  },
}

export const supervisionLinksRepository = {
  /** Removes every link of the department; answers the enterprises it supervised. */
  async removeAllOf(db: DbOrTrx, departmentId: number): Promise<number[]> {
    const rows = await db
      .deleteFrom('supervision_links')
      .where('department_id', '=', departmentId)
      .returning('enterprise_id')
      .execute()
    return rows.map((r) => r.enterprise_id).sort((a, b) => a - b)
  },
  async remove(db: DbOrTrx, departmentId: number, enterpriseId: number): Promise<boolean> {
    const result = await db
      .deleteFrom('supervision_links')
      .where('department_id', '=', departmentId)
      .where('enterprise_id', '=', enterpriseId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  },
  /** One page of enterprises, linked to the department or not, found by name or credit code. */
  async page(
    db: DbOrTrx,
    departmentId: number,
    filter: { linked: boolean; q?: string; page: number; pageSize: number },
  ): Promise<{ items: TDepartmentEnterprise[]; total: number }> {
    let query = db
      .selectFrom('enterprises')
      .where('id', filter.linked ? 'in' : 'not in', supervisedEnterpriseIds(db, departmentId))
    const q = filter.q?.trim()
    if (q) query = query.where((eb) => enterpriseMatches(eb, q))
    const { rows, total } = await pageWithTotal(
      query,
      (q) => q.select(['id', 'name', 'credit_code', 'ownership']).orderBy('name').orderBy('id'),
      filter,
    )
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        creditCode: r.credit_code,
        ownership: r.ownership as TOwnership,
        linked: filter.linked,
      })),
    }
  },
}

export const enterprisesRepository = {
  async supervisingDepartmentIds(db: DbOrTrx, enterpriseIds: number[]): Promise<Map<number, number[]>> {
    const map = new Map<number, number[]>(enterpriseIds.map((id) => [id, []]))
    if (enterpriseIds.length === 0) return map
    const links = await db
      .selectFrom('supervision_links')
      .select(['enterprise_id', 'department_id'])
      .where('enterprise_id', 'in', enterpriseIds)
      .orderBy('department_id')
      .execute()
    for (const link of links) map.get(link.enterprise_id)?.push(link.department_id)
    return map
  },

  async get(db: DbOrTrx, id: number): Promise<TEnterprise | undefined> {
    const row = await db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return undefined
    const links = await this.supervisingDepartmentIds(db, [id])
    return toEnterprise(row, links.get(id) ?? [])
  },

  async list(db: DbOrTrx, scope: EnterpriseScope): Promise<TEnterprise[]> {
    let query = db.selectFrom('enterprises').selectAll()
    if (!('all' in scope)) {
      const { departmentIds, enterpriseIds } = scope
      if (departmentIds.length === 0 && enterpriseIds.length === 0) return []
      query = query.where((eb) =>
        eb.or([
          ...(enterpriseIds.length ? [eb('id', 'in', enterpriseIds)] : []),
          ...(departmentIds.length ? [eb('id', 'in', supervisedEnterpriseIds(db, departmentIds))] : []),
        ]),
      )
    }
    const rows = await query.orderBy('id').execute()
    const links = await this.supervisingDepartmentIds(
      db,
      rows.map((r) => r.id),
    )
    return rows.map((r) => toEnterprise(r, links.get(r.id) ?? []))
  },

  /** A new enterprise unless its credit code is registered (then undefined): one statement, safe under concurrency. */
  insertIfCreditCodeFree(
    db: DbOrTrx,
    values: {
      name: string
      creditCode: string
      ownership: TOwnership
      partyOrg: TPartyOrg
      industry?: string | null
    },
    now: string,
  ) {
    return db
      .insertInto('enterprises')
      .values(newEnterpriseRow(values, now))
      .onConflict((oc) => oc.column('credit_code').doNothing())
      .returningAll()
      .executeTakeFirst()
  },

  update(
    db: DbOrTrx,
    id: number,
    values: Partial<
      Pick<
        EnterpriseRow,
        'name' | 'ownership' | 'party_org' | 'industry' | 'leading_group_date' | 'plan_filed_date'
      >
    >,
    now: string,
  ) {
    return db
      .updateTable('enterprises')
      .set({ ...values, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  /** Links the department to every enterprise of these ownership kinds not yet linked to it. */
  async linkByOwnership(
    db: DbOrTrx,
    departmentId: number,
    ownerships: readonly string[],
    now: string,
  ): Promise<{ matched: number; linked: number }> {
    const matching = await db
      .selectFrom('enterprises')
      .select('id')
      .where('ownership', 'in', ownerships)
      .execute()
    let linked = 0
    for (const { id } of matching) if (await this.link(db, departmentId, id, now)) linked++
    return { matched: matching.length, linked }
  },

  async link(db: DbOrTrx, departmentId: number, enterpriseId: number, now: string): Promise<boolean> {
    const inserted = await db
      .insertInto('supervision_links')
      .values({ department_id: departmentId, enterprise_id: enterpriseId, created_at: now })
      .onConflict((oc) => oc.columns(['department_id', 'enterprise_id']).doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0
  },
}

export const branchesRepository = {
  async listForEnterprise(db: DbOrTrx, enterpriseId: number): Promise<TPartyBranch[]> {
    const rows = await db
      .selectFrom('party_branches')
      .selectAll()
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('id')
      .execute()
    return rows.map(toPartyBranch)
  },
  insert(
    db: DbOrTrx,
    values: { enterpriseId: number; name: string; secretaryUserId?: number | null },
    now: string,
  ) {
    return db
      .insertInto('party_branches')
      .values({
        enterprise_id: values.enterpriseId,
        name: values.name,
        secretary_user_id: values.secretaryUserId ?? null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  },
}
