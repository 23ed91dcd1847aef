import { isoAt } from '../../core/clock'
import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { AppError, found, notFound } from '../../core/errors'
import { MAX_ID, type AuthContext } from '../../core/access'
import type { WriteOutcome } from '../../core/writes'
import {
  PLEDGE_KINDS,
  ZPledgeTemplateContent,
  type TPledgeKind,
  type TPledgeTemplate,
  type TPledgeTemplateContent,
  type TPledgeTemplateContentInput,
} from '../../../src/models/pledge'
import { pledgeTemplatesRepository, type TemplateRow } from './repository'

/** Pledge templates: the programme's texts, versioned; the office publishes the next version. */

type Trx = Transaction<Database>

export function parseContent(text: string): TPledgeTemplateContent {
  return ZPledgeTemplateContent.parse(JSON.parse(text))
}

export function latestVersions(db: DbOrTrx): Promise<Map<string, number>> {
  return pledgeTemplatesRepository.latestVersions(db)
}

export function toTemplate(row: TemplateRow, latest: Map<string, number>): TPledgeTemplate {
  return {
    id: row.id,
    kind: row.kind as TPledgeKind,
    version: row.version,
    content: parseContent(row.content),
    note: row.note,
    createdAt: row.created_at,
    current: latest.get(row.kind) === row.version,
  }
}

/** Programme content, loaded at every start: version `version` of each kind that has no version yet. */
export async function ensurePledgeTemplates(
  trx: DbOrTrx,
  version: number,
  templates: Record<TPledgeKind, TPledgeTemplateContentInput>,
  note: string,
  now: number,
): Promise<number> {
  let added = 0
  for (const kind of PLEDGE_KINDS) {
    if (await pledgeTemplatesRepository.hasKind(trx, kind)) continue
    await pledgeTemplatesRepository.insert(trx, {
      kind,
      version,
      content: JSON.stringify(ZPledgeTemplateContent.parse(templates[kind])),
      note,
      created_by: null,
      created_at: isoAt(now),
    })
    added += 1
  }
  return added
}

export async function listTemplates(
  db: DbOrTrx,
  query: { kind?: TPledgeKind; all?: boolean },
): Promise<TPledgeTemplate[]> {
  const latest = await latestVersions(db)
  const rows = await pledgeTemplatesRepository.list(db, query.kind)
  const templates = rows.map((r) => toTemplate(r, latest))
  const list = query.all ? templates : templates.filter((t) => t.current)
  return list.sort(
    (a, b) => PLEDGE_KINDS.indexOf(a.kind) - PLEDGE_KINDS.indexOf(b.kind) || b.version - a.version,
  )
}

export async function templateById(db: DbOrTrx, id: number): Promise<TPledgeTemplate> {
  if (id > MAX_ID) throw notFound()
  const row = await found(pledgeTemplatesRepository.byId(db, id))
  return toTemplate(row, await latestVersions(db))
}

/** The office edits a template by publishing its next version; signed pledges keep theirs. */
export async function publishTemplate(
  trx: Trx,
  auth: AuthContext,
  body: { kind: TPledgeKind; content: TPledgeTemplateContent; note?: string | null },
  now: number,
): Promise<WriteOutcome<TPledgeTemplate>> {
  const content = JSON.stringify(body.content)
  // The current text again would only make every signer sign anew for nothing. Version and text are read
  // in one statement: the version this one follows is the text it was compared with.
  const current = await pledgeTemplatesRepository.newest(trx, body.kind)
  if (current?.content === content) throw new AppError(409, 'PLEDGE_TEMPLATE_UNCHANGED')
  const version = (current?.version ?? 0) + 1
  const row = await pledgeTemplatesRepository.insertVersion(trx, {
    kind: body.kind,
    version,
    content,
    note: body.note ?? null,
    created_by: auth.user.id,
    created_at: isoAt(now),
  })
  // Lost to a concurrent publish of the kind (PostgreSQL waited for its commit): the same text, or another.
  if (!row) {
    const winner = await pledgeTemplatesRepository.newest(trx, body.kind)
    throw winner?.content === content
      ? new AppError(409, 'PLEDGE_TEMPLATE_UNCHANGED')
      : new AppError(409, 'CONFLICT', '承诺书模板刚由他人发布了新版本，请刷新后查看')
  }
  const latest = await latestVersions(trx)
  return {
    result: toTemplate(row, latest),
    entityType: 'pledge_template',
    entityId: row.id,
    detail: { kind: body.kind, version },
  }
}
