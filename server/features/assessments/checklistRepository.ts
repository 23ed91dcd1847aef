import type { DbOrTrx } from '../../core/db/database'
import type { ChecklistItemTable } from '../../core/db/schema'
import {
  ZAnswerRules,
  type TChecklistItem,
  type TSection,
  type TTaskRef,
} from '../../../src/models/checklist'
import type { TOwnership } from '../../../src/models/org'

function toItem(row: ChecklistItemTable): TChecklistItem {
  const task: TTaskRef = row.task === 'S' || row.task === 'R' ? row.task : Number(row.task)
  return {
    code: row.code,
    section: row.section as TSection,
    task,
    question: row.question,
    basis: {
      ref: row.basis_ref,
      quote: row.basis_quote,
      // v1 items have neither: the keys stay absent rather than null, as the model reads them.
      ...(row.basis_sentence === null ? {} : { sentence: row.basis_sentence }),
      ...(row.basis_title === null ? {} : { title: row.basis_title }),
    },
    applicability: {
      ownerships: JSON.parse(row.ownerships) as TOwnership[],
      needsPartyOrg: row.needs_party_org === 1,
    },
    evidence: { required: row.evidence_required === 1, hint: row.evidence_hint },
    weight: row.weight,
    ...(row.answer_rules === null ? {} : { rules: ZAnswerRules.parse(JSON.parse(row.answer_rules)) }),
  }
}

/** Items never change once a version is stored, so each version is read from the database once. */
const itemsCache = new WeakMap<object, Map<number, TChecklistItem[]>>()

export const checklistRepository = {
  async latestTemplate(db: DbOrTrx) {
    return db
      .selectFrom('checklist_templates')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst()
  },

  async templateVersion(db: DbOrTrx, templateId: number): Promise<number> {
    const row = await db
      .selectFrom('checklist_templates')
      .select('version')
      .where('id', '=', templateId)
      .executeTakeFirstOrThrow()
    return row.version
  },

  async items(db: DbOrTrx, templateId: number): Promise<TChecklistItem[]> {
    let perDb = itemsCache.get(db)
    if (!perDb) itemsCache.set(db, (perDb = new Map()))
    const cached = perDb.get(templateId)
    if (cached) return cached
    const rows = await db
      .selectFrom('checklist_items')
      .selectAll()
      .where('template_id', '=', templateId)
      .orderBy('position')
      .execute()
    const items = rows.map(toItem)
    perDb.set(templateId, items)
    return items
  },

  /** Stores a template version with its items unless that version exists already. */
  async ensureVersion(
    db: DbOrTrx,
    version: number,
    items: TChecklistItem[],
    note: string,
    now: string,
  ): Promise<boolean> {
    const existing = await db
      .selectFrom('checklist_templates')
      .select('id')
      .where('version', '=', version)
      .executeTakeFirst()
    if (existing) return false
    const template = await db
      .insertInto('checklist_templates')
      .values({ version, note, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    const rows = items.map((item, position) => ({
      template_id: template.id,
      code: item.code,
      position,
      section: item.section,
      task: String(item.task),
      question: item.question,
      basis_ref: item.basis.ref,
      basis_quote: item.basis.quote,
      ownerships: JSON.stringify(item.applicability.ownerships),
      needs_party_org: item.applicability.needsPartyOrg ? 1 : 0,
      evidence_required: item.evidence.required ? 1 : 0,
      evidence_hint: item.evidence.hint,
      weight: item.weight,
      basis_sentence: item.basis.sentence ?? null,
      basis_title: item.basis.title ?? null,
      answer_rules: item.rules ? JSON.stringify(item.rules) : null,
    }))
    for (let i = 0; i < rows.length; i += 50)
      await db
        .insertInto('checklist_items')
        .values(rows.slice(i, i + 50))
        .execute()
    return true
  },
}
