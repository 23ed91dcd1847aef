import { type AnyDb, createTable, type DialectMigration } from './support'

/**
 * 风险预警 阅知: a supervising department acknowledges the 高 alert of a risk, once per occasion.
 *
 * - `risks.alert_occasion`: the number of the risk's current alert occasion (1 for every risk so far). The
 *   risks service moves it on when the alert is a new matter for the supervisors: the risk becomes an 有效 高
 *   risk again, its 岗位 / 防控措施 are edited, or it is reviewed (or rescheduled) after its review date had
 *   passed (see `alertOccasion` in server/features/risks/service.ts for why a counter and not the version).
 * - `risk_alert_acks`: one department's 阅知 of one occasion, who and when (unique per risk, occasion and
 *   department: a second 阅知 adds nothing, also in a race).
 */
export const m0040_risk_alert_acks: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await db.schema
      .alterTable('risks')
      .addColumn('alert_occasion', 'integer', (c) => c.notNull().defaultTo(1))
      .execute()
    await createTable(db, dialect, 'risk_alert_acks', {
      id: 'id',
      risk_id: 'integer! -> risks.id',
      occasion: 'integer!',
      department_id: 'integer! -> departments.id',
      user_id: 'integer! -> users.id',
      acknowledged_at: 'text!',
    })
    await db.schema
      .createIndex('risk_alert_acks_once')
      .on('risk_alert_acks')
      .columns(['risk_id', 'occasion', 'department_id'])
      .unique()
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('risk_alert_acks').execute()
    await db.schema.alterTable('risks').dropColumn('alert_occasion').execute()
  },
})
