import {
  type Expression,
  type Insertable,
  type Selectable,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely'
import { changedOne, type DbOrTrx } from '../../core/db/database'
import { findRow } from '../../core/db/rows'
import type { Database, RiskHistoryTable, RiskTable } from '../../core/db/schema'
import { onePage, type PageRequest } from '../../core/db/page'
import { supervisedEnterpriseIds } from '../../core/access'
import type { TOwnership } from '../../../src/models/org'
import { alertAcknowledged } from './alertRepository'

export type RiskRow = Selectable<RiskTable>
type HistoryEntry = Omit<Insertable<RiskHistoryTable>, 'id' | 'risk_id'>
type Level = RiskTable['level'] | null

/**
 * 风险预警: a risk (as `alias`) still 有效 and at 高 or past its review date (北京时间 `today`). The one rule of
 * the supervisors' alert to-dos, the 风险预警 work list and its 催办.
 */
export function riskAlerting(today: string, alias = 'r'): Expression<SqlBool> {
  const [status, level, review] = ['status', 'level', 'next_review_date'].map((c) => sql.ref(`${alias}.${c}`))
  return sql<SqlBool>`(${status} = 'active' and (${level} = 'high' or ${review} < ${today}))`
}

/** A risk (as `alias`) with no 整改 raised from it that is not 销号 yet: a supervisor may raise one. */
export function withoutOpenRectification(alias: string): Expression<SqlBool> {
  const raised = sql.ref(`${alias}.rectification_id`)
  return sql<SqlBool>`(${raised} is null or ${raised} in (select id from rectifications where status = 'closed'))`
}

/** The register's order: 有效 first, then the highest level, then the nearest review (then the oldest). */
export function inRegisterOrder<O>(query: SelectQueryBuilder<Database, 'risks', O>) {
  return query
    .orderBy((eb) => eb.case().when('status', '=', 'active').then(0).else(1).end())
    .orderBy((eb) =>
      eb.case().when('level', '=', 'high').then(0).when('level', '=', 'medium').then(1).else(2).end(),
    )
    .orderBy('next_review_date')
    .orderBy('id')
}

/** The risk register's rows; every lookup is narrowed to one enterprise (another's id finds nothing). */
export const risksRepository = {
  find(db: DbOrTrx, enterpriseId: number, id: number): Promise<RiskRow | undefined> {
    return findRow(db, 'risks', { id, enterprise_id: enterpriseId })
  },

  /** One page of the register: 有效 first, then the highest level, then the nearest review. */
  page(db: DbOrTrx, enterpriseId: number, page: PageRequest): Promise<RiskRow[]> {
    const query = db.selectFrom('risks').selectAll().where('enterprise_id', '=', enterpriseId)
    return onePage(inRegisterOrder(query), page).execute()
  },

  /** Counts of the register: all, 有效, 有效 and 高, 有效 past its review date. */
  async summary(db: DbOrTrx, enterpriseId: number, today: string) {
    const row = await db
      .selectFrom('risks')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('total'),
        eb.fn
          .sum<number | string>(eb.case().when('status', '=', 'active').then(1).else(0).end())
          .as('active'),
        eb.fn
          .sum<number | string>(
            eb
              .case()
              .when(eb.and([eb('status', '=', 'active'), eb('level', '=', 'high')]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('high'),
        eb.fn
          .sum<number | string>(
            eb
              .case()
              .when(eb.and([eb('status', '=', 'active'), eb('next_review_date', '<', today)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('overdue'),
      ])
      .where('enterprise_id', '=', enterpriseId)
      .executeTakeFirstOrThrow()
    return {
      total: Number(row.total),
      active: Number(row.active ?? 0),
      high: Number(row.high ?? 0),
      overdue: Number(row.overdue ?? 0),
    }
  },

  async insert(db: DbOrTrx, values: Omit<Insertable<RiskTable>, 'id'>): Promise<number> {
    const row = await db.insertInto('risks').values(values).returning('id').executeTakeFirstOrThrow()
    return row.id
  },

  /** Applies `changes` on the version read and moves it on; false when someone else moved it first. */
  async update(
    db: DbOrTrx,
    id: number,
    version: number,
    changes: Updateable<RiskTable>,
    extra: { onlyWithoutOpenRectification?: boolean } = {},
  ): Promise<boolean> {
    let query = db
      .updateTable('risks')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
    if (extra.onlyWithoutOpenRectification) query = query.where(withoutOpenRectification('risks'))
    return changedOne(query)
  },

  /** One step of the risk's history: what happened, its note, the level before and after, who, when. */
  async record(
    db: DbOrTrx,
    riskId: number,
    entry: Pick<HistoryEntry, 'kind' | 'note'> & { levels: [Level, Level]; actor: number; at: string },
  ): Promise<void> {
    const [from_level, to_level] = entry.levels
    await db
      .insertInto('risk_history')
      .values({
        risk_id: riskId,
        kind: entry.kind,
        note: entry.note,
        from_level,
        to_level,
        actor_id: entry.actor,
        created_at: entry.at,
      })
      .execute()
  },

  history(db: DbOrTrx, riskId: number) {
    return db
      .selectFrom('risk_history as h')
      .leftJoin('users as u', 'u.id', 'h.actor_id')
      .select(['h.kind', 'h.note', 'h.from_level', 'h.to_level', 'h.created_at', 'u.name'])
      .where('h.risk_id', '=', riskId)
      .orderBy('h.id')
      .execute()
  },

  async ownership(db: DbOrTrx, enterpriseId: number) {
    const row = await db
      .selectFrom('enterprises')
      .select('ownership')
      .where('id', '=', enterpriseId)
      .executeTakeFirstOrThrow()
    return row.ownership as TOwnership
  },

  /**
   * Touches the risk while it is 有效 (its row locked for the rest of the transaction, so a status change
   * waits); false when it is not, or not this enterprise's.
   */
  async touchActive(db: DbOrTrx, enterpriseId: number, id: number, at: string): Promise<boolean> {
    return changedOne(
      db
        .updateTable('risks')
        .set({ updated_at: at })
        .where('id', '=', id)
        .where('enterprise_id', '=', enterpriseId)
        .where('status', '=', 'active'),
    )
  },

  /** The risk a 整改 was raised from, if any. */
  ofRectification(db: DbOrTrx, rectificationId: number): Promise<RiskRow | undefined> {
    return findRow(db, 'risks', { rectification_id: rectificationId })
  },

  /** 有效 risks due for review by `until` of the enterprises these liaisons / heads keep. */
  dueForReview(db: DbOrTrx, enterpriseIds: number[], until: string) {
    return db
      .selectFrom('risks as r')
      .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
      .select(['r.id', 'r.enterprise_id', 'r.post', 'r.area', 'r.area_name', 'r.next_review_date'])
      .select('e.name as enterprise_name')
      .where('r.enterprise_id', 'in', enterpriseIds)
      .where('r.status', '=', 'active')
      .where('r.next_review_date', '<=', until)
      .execute()
  },

  /**
   * 有效 risks at 高 or past their review, of the enterprises these departments supervise, that no open
   * 整改 answers yet and that they have not all 阅知: once a department has raised a 整改, the 整改 is what
   * waits; once it has 阅知 the 高 alert, nothing does until a new occasion (the 风险预警 work list still
   * shows the risk, as 已阅知).
   */
  alerts(db: DbOrTrx, departmentIds: number[], today: string) {
    return db
      .selectFrom('risks as r')
      .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
      .select(['r.id', 'r.enterprise_id', 'r.post', 'r.area', 'r.area_name', 'r.level', 'r.alert_occasion'])
      .select(['r.next_review_date', 'r.updated_at', 'e.name as enterprise_name'])
      .where('r.enterprise_id', 'in', supervisedEnterpriseIds(db, departmentIds))
      .where(riskAlerting(today))
      .where(withoutOpenRectification('r'))
      .where((eb) => eb.not(alertAcknowledged(departmentIds, today)))
      .execute()
  },

  /** Whether the 整改 raised from a risk is still open (not 销号). */
  async rectificationOpen(db: DbOrTrx, rectificationId: number | null): Promise<boolean> {
    if (rectificationId === null) return false
    const row = await db
      .selectFrom('rectifications')
      .select('status')
      .where('id', '=', rectificationId)
      .executeTakeFirst()
    return row !== undefined && row.status !== 'closed'
  },
}
