import { sql } from 'kysely'
import type { AnyDb, DialectMigration } from './support'

/**
 * Issue 16: each section's score of an assessment in its own column (`score_<section>`), beside the
 * `section_scores` JSON it is taken from, so 监管总览's figures average and band 20,000 assessments without
 * parsing 20,000 JSON documents per request. Written with the JSON wherever scores are written
 * (`sectionScoreColumns`); back-filled here from the JSON with the reading the figures used until now: the
 * section at its place in the array, or else searched for.
 */
const SECTIONS = ['politics', 'operation', 'culture', 'supervision', 'actions'] as const

export const m0031_assessment_section_columns: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    for (const section of SECTIONS)
      await db.schema.alterTable('assessments').addColumn(`score_${section}`, 'double precision').execute()
    const sets = SECTIONS.map((section, i) => {
      const column = sql.ref(`score_${section}`)
      const name = sql.lit(section)
      const at = sql.lit(i)
      return dialect === 'postgres'
        ? sql`${column} = case when section_scores::jsonb -> ${at} ->> 'section' = ${name}
            then (section_scores::jsonb -> ${at} ->> 'score')::float8
            else (select (j->>'score')::float8 from jsonb_array_elements(section_scores::jsonb) j
              where j->>'section' = ${name} limit 1) end`
        : sql`${column} = case when json_extract(section_scores, ${sql.lit(`$[${i}].section`)}) = ${name}
            then json_extract(section_scores, ${sql.lit(`$[${i}].score`)})
            else (select json_extract(j.value, '$.score') from json_each(section_scores) j
              where json_extract(j.value, '$.section') = ${name}) end`
    })
    await sql`update assessments set ${sql.join(sets)} where section_scores is not null`.execute(db)
  },
  async down(db: AnyDb) {
    for (const section of SECTIONS)
      await db.schema.alterTable('assessments').dropColumn(`score_${section}`).execute()
  },
})
