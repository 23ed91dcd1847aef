import type { Insertable } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'
import { pageWithTotal, type PageRequest } from '../../core/db/page'
import { updateAtVersion } from '../../core/db/rows'
import type { SupervisionReportTable } from '../../core/db/schema'

/** null: the office's reach (every report); else the departments whose reports the caller sees. */
export type ReportReach = number[] | null

const inReach = (db: DbOrTrx, reach: ReportReach) => {
  const query = db.selectFrom('supervision_reports')
  return reach === null ? query : query.where('department_id', 'in', reach.length ? reach : [-1])
}

export type ReportRow = Awaited<ReturnType<typeof reportRepository.byId>> & object

export const reportRepository = {
  async insert(db: DbOrTrx, row: Insertable<SupervisionReportTable>): Promise<number> {
    const inserted = await db
      .insertInto('supervision_reports')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow()
    return inserted.id
  },

  /**
   * The next 期号 of the issuer (the office, or one department) in that 北京时间 year. The counter row is
   * made once (from the reports already numbered) and raised by one conditional UPDATE: of two reports made
   * at once, PostgreSQL makes the second UPDATE wait for the first's commit and re-read the row, so each gets
   * its own number.
   */
  async nextNumber(
    db: DbOrTrx,
    departmentId: number | null,
    year: number,
    yearStart: string,
    yearEnd: string,
  ): Promise<number> {
    const issuer = departmentId === null ? 'office' : `d${departmentId}`
    const bump = () =>
      db
        .updateTable('supervision_report_numbers')
        .set((eb) => ({ last: eb('last', '+', 1) }))
        .where('issuer', '=', issuer)
        .where('year', '=', year)
        .returning('last')
        .executeTakeFirst()
    const bumped = await bump()
    if (bumped) return Number(bumped.last)
    const row = await db
      .selectFrom('supervision_reports')
      .select((eb) => eb.fn.max<number | null>('number').as('n'))
      .where('department_id', departmentId === null ? 'is' : '=', departmentId)
      .where('created_at', '>=', yearStart)
      .where('created_at', '<', yearEnd)
      .executeTakeFirst()
    await db
      .insertInto('supervision_report_numbers')
      .values({ issuer, year, last: Number(row?.n ?? 0) })
      .onConflict((oc) => oc.columns(['issuer', 'year']).doNothing())
      .execute()
    return Number((await bump())!.last)
  },

  byId(db: DbOrTrx, reach: ReportReach, id: number) {
    return inReach(db, reach).selectAll().where('id', '=', id).executeTakeFirst()
  },

  page(db: DbOrTrx, reach: ReportReach, page: PageRequest) {
    return pageWithTotal(
      inReach(db, reach),
      (q) =>
        q
          .select([
            'id',
            'department_id',
            'number',
            'title',
            'period_start',
            'period_end',
            'status',
            'version',
            'snapshot',
            'created_at',
            'updated_at',
            'finalised_at',
          ])
          .orderBy('id', 'desc'),
      page,
    )
  },

  /**
   * A draft's change when it is still at `version`: true when made. The version condition in the UPDATE
   * itself decides, so of two edits that read the same version exactly one wins (PostgreSQL re-checks it
   * after the first commits).
   */
  async update(
    db: DbOrTrx,
    id: number,
    version: number,
    changes: Partial<
      Pick<
        SupervisionReportTable,
        'title' | 'sections' | 'status' | 'finalised_at' | 'snapshot' | 'edited_sections'
      >
    > & {
      updated_at: string
    },
  ): Promise<boolean> {
    return updateAtVersion(db, 'supervision_reports', { id, status: 'draft' }, version, changes)
  },
}
