import { changedOne, type DbOrTrx } from '../../core/db/database'
import { pageWithTotal } from '../../core/db/page'
import type { EnterpriseImportRowTable } from '../../core/db/schema'
import type {
  TExistingEnterprise,
  TImportCommitResult,
  TImportCounts,
  TImportRow,
  TImportRowData,
  TImportState,
  TImportStatus,
} from '../../../src/models/enterpriseImport'
import { ENTERPRISE_REGISTRATION, newEnterpriseRow } from '../organisations/repository'
import type { PreviewRow } from './workerProtocol'

const CHUNK = 500

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** What the commit keeps: its counts, and the enterprises it created with their liaison invites. */
export interface StoredCommit extends TImportCommitResult {
  createdInvites: [enterpriseId: number, inviteId: number][]
}

export const importsRepository = {
  insert(
    db: DbOrTrx,
    values: { createdBy: number; filename: string; sha256: string; total: number },
    now: string,
  ) {
    return db
      .insertInto('enterprise_imports')
      .values({
        created_by: values.createdBy,
        filename: values.filename,
        sha256: values.sha256,
        state: 'parsing',
        processed: 0,
        total: values.total,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  },
  /** The newest imports first, a page of them, and how many there are. */
  recent(db: DbOrTrx, page: { page: number; pageSize: number }) {
    return pageWithTotal(
      db.selectFrom('enterprise_imports'),
      (q) =>
        q
          .select(['id', 'filename', 'state', 'total', 'counts', 'created_at', 'committed_at'])
          .orderBy('id', 'desc'),
      page,
    )
  },
  /** The committed imports' ids in the order they were committed: the 批次 a clerk counts. */
  async committedOrder(db: DbOrTrx): Promise<number[]> {
    const rows = await db
      .selectFrom('enterprise_imports')
      .select('id')
      .where('committed_at', 'is not', null)
      .orderBy('committed_at')
      .orderBy('id')
      .execute()
    return rows.map((r) => r.id)
  },
  find(db: DbOrTrx, id: number) {
    return db.selectFrom('enterprise_imports').selectAll().where('id', '=', id).executeTakeFirst()
  },
  progress(db: DbOrTrx, id: number, processed: number, now: string) {
    return db
      .updateTable('enterprise_imports')
      .set({ processed, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'parsing')
      .execute()
  },
  finish(
    db: DbOrTrx,
    id: number,
    values: { state: TImportState; counts?: TImportCounts; resultKey?: string; errorMessage?: string },
    now: string,
  ) {
    return db
      .updateTable('enterprise_imports')
      .set({
        state: values.state,
        ...(values.counts ? { counts: JSON.stringify(values.counts) } : {}),
        ...(values.resultKey ? { result_key: values.resultKey } : {}),
        ...(values.errorMessage ? { error_message: values.errorMessage } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .where('state', '=', 'parsing')
      .execute()
  },
  /** ready → committed, once: a concurrent second commit waits on the row and then finds it taken. */
  async claimCommit(db: DbOrTrx, id: number, now: string): Promise<boolean> {
    return changedOne(
      db
        .updateTable('enterprise_imports')
        .set({ state: 'committed', committed_at: now, updated_at: now })
        .where('id', '=', id)
        .where('state', '=', 'ready'),
    )
  },
  saveCommit(db: DbOrTrx, id: number, result: StoredCommit) {
    return db
      .updateTable('enterprise_imports')
      .set({ commit_result: JSON.stringify(result) })
      .where('id', '=', id)
      .execute()
  },

  async insertRows(db: DbOrTrx, importId: number, rows: PreviewRow[]) {
    for (const part of chunks(rows, 200)) {
      await db
        .insertInto('enterprise_import_rows')
        .values(
          part.map((r): EnterpriseImportRowTable => ({
            import_id: importId,
            row_no: r.rowNo,
            status: r.status,
            reason: r.reason,
            name: r.name,
            credit_code: r.creditCode,
            data: r.data ? JSON.stringify(r.data) : null,
          })),
        )
        .execute()
    }
  },
  async pageRows(
    db: DbOrTrx,
    importId: number,
    query: { status?: TImportStatus; page: number; pageSize: number },
  ): Promise<{ rows: TImportRow[]; total: number }> {
    let base = db.selectFrom('enterprise_import_rows').where('import_id', '=', importId)
    if (query.status) base = base.where('status', '=', query.status)
    const { rows, total } = await pageWithTotal(
      base,
      (q) => q.select(['row_no', 'status', 'reason', 'name', 'credit_code']).orderBy('row_no'),
      query,
    )
    return {
      total,
      rows: rows.map((r) => ({
        rowNo: r.row_no,
        status: r.status as TImportStatus,
        reason: r.reason,
        name: r.name,
        creditCode: r.credit_code,
      })),
    }
  },
  async acceptedRows(db: DbOrTrx, importId: number): Promise<TImportRowData[]> {
    const rows = await db
      .selectFrom('enterprise_import_rows')
      .select('data')
      .where('import_id', '=', importId)
      .where('status', '<>', 'refuse')
      .orderBy('row_no')
      .execute()
    return rows.map((r) => JSON.parse(r.data!) as TImportRowData)
  },

  /** The departments in service by name: the template's list, and what a row's 监管部门 may name. */
  async departmentsByName(db: DbOrTrx): Promise<[string, number][]> {
    const rows = await db
      .selectFrom('departments')
      .select(['id', 'name'])
      .where('is_office', '=', 0)
      .where('retired_at', 'is', null)
      .execute()
    return rows.map((r) => [r.name, r.id])
  },
  /**
   * The departments in service when the import commits, their rows locked for its transaction (a no-op
   * update, as a single registration locks its own): a retirement meanwhile waits and then removes these
   * links too, or went first and its department is left out of every row.
   */
  async lockDepartmentsInService(db: DbOrTrx): Promise<Set<number>> {
    const rows = await db
      .updateTable('departments')
      .set({ retired_at: null })
      .where('is_office', '=', 0)
      .where('retired_at', 'is', null)
      .returning('id')
      .execute()
    return new Set(rows.map((r) => r.id))
  },

  /** Registered enterprises by credit code (all of them, or those of `codes`), with their departments. */
  async existing(db: DbOrTrx, codes?: string[]): Promise<Map<string, TExistingEnterprise>> {
    const map = new Map<string, TExistingEnterprise>()
    const groups = codes ? chunks(codes) : [undefined]
    for (const group of groups) {
      if (group && group.length === 0) continue
      let query = db.selectFrom('enterprises').select(ENTERPRISE_REGISTRATION)
      if (group) query = query.where('credit_code', 'in', group)
      const rows = await query.execute()
      const byId = new Map<number, TExistingEnterprise>()
      for (const r of rows) {
        const enterprise: TExistingEnterprise = {
          id: r.id,
          name: r.name,
          ownership: r.ownership,
          partyOrg: r.party_org,
          industry: r.industry,
          liaisonName: r.liaison_name,
          liaisonPhone: r.liaison_phone,
          departmentIds: [],
        }
        map.set(r.credit_code, enterprise)
        byId.set(r.id, enterprise)
      }
      let links = db.selectFrom('supervision_links').select(['enterprise_id', 'department_id'])
      if (group) links = links.where('enterprise_id', 'in', [...byId.keys(), 0])
      for (const link of await links.orderBy('department_id').execute())
        byId.get(link.enterprise_id)?.departmentIds.push(link.department_id)
    }
    return map
  },

  /** New enterprises; a credit code registered meanwhile (another import) is skipped, not duplicated. */
  async insertEnterprises(db: DbOrTrx, rows: TImportRowData[], now: string): Promise<Map<string, number>> {
    const created = new Map<string, number>()
    for (const part of chunks(rows, 200)) {
      const inserted = await db
        .insertInto('enterprises')
        .values(part.map((r) => newEnterpriseRow(r, now)))
        .onConflict((oc) => oc.column('credit_code').doNothing())
        .returning(['id', 'credit_code'])
        .execute()
      for (const r of inserted) created.set(r.credit_code, r.id)
    }
    return created
  },
  updateEnterprise(db: DbOrTrx, id: number, values: Record<string, string | null>, now: string) {
    return db
      .updateTable('enterprises')
      .set({ ...values, updated_at: now })
      .where('id', '=', id)
      .execute()
  },
  async link(db: DbOrTrx, links: [departmentId: number, enterpriseId: number][], now: string) {
    for (const part of chunks(links)) {
      await db
        .insertInto('supervision_links')
        .values(part.map(([d, e]) => ({ department_id: d, enterprise_id: e, created_at: now })))
        .onConflict((oc) => oc.columns(['department_id', 'enterprise_id']).doNothing())
        .execute()
    }
  },

  /** The invites of `pairs` with their enterprises, in the pairs' order. */
  async invitesOf(db: DbOrTrx, pairs: [number, number][]) {
    const out: {
      name: string
      creditCode: string
      liaisonName: string | null
      code: string
      expiresAt: string
    }[] = []
    for (const part of chunks(pairs)) {
      const rows = await db
        .selectFrom('invites')
        .innerJoin('enterprises', 'enterprises.id', 'invites.enterprise_id')
        .select([
          'invites.id',
          'invites.code',
          'invites.expires_at',
          'enterprises.name',
          'enterprises.credit_code',
          'enterprises.liaison_name',
        ])
        .where(
          'invites.id',
          'in',
          part.map(([, inviteId]) => inviteId),
        )
        .execute()
      const byId = new Map(rows.map((r) => [r.id, r]))
      for (const [, inviteId] of part) {
        const r = byId.get(inviteId)
        if (r)
          out.push({
            name: r.name,
            creditCode: r.credit_code,
            liaisonName: r.liaison_name,
            code: r.code,
            expiresAt: r.expires_at,
          })
      }
    }
    return out
  },
}
