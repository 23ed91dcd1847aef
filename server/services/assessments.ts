import type { Selectable, Transaction } from 'kysely'
import type { Database, AssessmentTable } from '../db/schema'
import type { DbOrTrx } from '../db/database'
import { nowIso } from '../db/database'
import { AppError, notFound } from '../lib/errors'
import type { AuthContext } from '../plugins/auth'
import { isOffice } from '../plugins/auth'
import {
  applicableItems,
  computeScores,
  submitProblems,
  type TAnswer,
  type TAnswerInput,
  type TAssessment,
  type TAssessmentStatus,
  type TAssessmentSummary,
  type TCampaign,
  type TCampaignCreate,
  type TEvidenceFile,
} from '../../src/models/assessment'
import type { TChecklistItem } from '../../src/models/checklist'
import type { TOwnership, TPartyOrg } from '../../src/models/org'
import { checklistRepository } from '../repositories/checklist'
import type { FileLinkSigner } from '../lib/files'
import type { WriteOutcome } from './writes'

type Trx = Transaction<Database>

/** Proposed 整改 deadline for a finding: 否 is more urgent than 部分. */
export const FINDING_DEADLINE_DAYS = { no: 30, partial: 60 } as const

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10)
}

// ---------- campaigns ----------

async function campaignRow(db: DbOrTrx, id: number) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function toCampaign(db: DbOrTrx, row: Awaited<ReturnType<typeof campaignRow>>): Promise<TCampaign> {
  const targets = await db
    .selectFrom('assessments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('campaign_id', '=', row.id)
    .executeTakeFirstOrThrow()
  return {
    id: row.id,
    name: row.name,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    dueDate: row.due_date,
    templateVersion: await checklistRepository.templateVersion(db, row.template_id),
    targetCount: Number(targets.n),
    createdAt: row.created_at,
  }
}

export async function createCampaign(
  trx: Trx,
  auth: AuthContext,
  input: Required<TCampaignCreate>,
): Promise<WriteOutcome<TCampaign>> {
  const template = await checklistRepository.latestTemplate(trx)
  if (!template) throw new AppError(409, 'TEMPLATE_MISSING')
  let enterpriseIds = input.enterpriseIds
  if (enterpriseIds.length === 0) {
    enterpriseIds = (await trx.selectFrom('enterprises').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    )
  } else {
    const found = await trx.selectFrom('enterprises').select('id').where('id', 'in', enterpriseIds).execute()
    const known = new Set(found.map((r) => r.id))
    const unknown = enterpriseIds.findIndex((id) => !known.has(id))
    if (unknown >= 0)
      throw new AppError(400, 'VALIDATION_FAILED', undefined, [
        { path: `enterpriseIds.${unknown}`, message: '企业不存在' },
      ])
  }
  if (enterpriseIds.length === 0) throw new AppError(400, 'CAMPAIGN_NO_TARGETS')
  const now = nowIso()
  const campaign = await trx
    .insertInto('campaigns')
    .values({
      name: input.name,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      due_date: input.dueDate,
      template_id: template.id,
      created_by: auth.user.id,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  for (let i = 0; i < enterpriseIds.length; i += 200) {
    const chunk = enterpriseIds.slice(i, i + 200)
    const created = await trx
      .insertInto('assessments')
      .values(
        chunk.map((enterpriseId) => ({
          campaign_id: campaign.id,
          enterprise_id: enterpriseId,
          template_id: template.id,
          status: 'draft' as const,
          overall_score: null,
          section_scores: null,
          submitted_at: null,
          reviewed_at: null,
          reviewed_by: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute()
    await trx
      .insertInto('assessment_events')
      .values(
        created.map((a) => ({
          assessment_id: a.id,
          from_status: null,
          to_status: 'draft',
          actor_id: auth.user.id,
          comment: '发起自查',
          created_at: now,
        })),
      )
      .execute()
  }
  return {
    result: await toCampaign(trx, campaign),
    entityType: 'campaign',
    entityId: campaign.id,
    detail: { targets: enterpriseIds.length },
  }
}

/** Campaigns the caller takes part in or oversees. */
export async function listCampaigns(db: DbOrTrx, auth: AuthContext): Promise<TCampaign[]> {
  let query = db.selectFrom('campaigns').selectAll()
  if (!isOffice(auth)) {
    const enterpriseIds = auth.memberships
      .filter((m) => m.organisation_kind === 'enterprise')
      .map((m) => m.organisation_id)
    const departmentIds = auth.memberships
      .filter((m) => m.organisation_kind === 'department' && m.role === 'supervisor')
      .map((m) => m.organisation_id)
    if (enterpriseIds.length === 0 && departmentIds.length === 0) return []
    query = query.where((eb) =>
      eb(
        'id',
        'in',
        eb
          .selectFrom('assessments')
          .select('campaign_id')
          .where((inner) =>
            inner.or([
              ...(enterpriseIds.length ? [inner('enterprise_id', 'in', enterpriseIds)] : []),
              ...(departmentIds.length
                ? [
                    inner(
                      'enterprise_id',
                      'in',
                      inner
                        .selectFrom('supervision_links')
                        .select('enterprise_id')
                        .where('department_id', 'in', departmentIds),
                    ),
                  ]
                : []),
            ]),
          ),
      ),
    )
  }
  const rows = await query.orderBy('due_date', 'desc').orderBy('id', 'desc').execute()
  return Promise.all(rows.map((r) => toCampaign(db, r)))
}

// ---------- assessments ----------

interface LoadedAssessment {
  row: Selectable<AssessmentTable>
  enterprise: { id: number; name: string; ownership: TOwnership; partyOrg: TPartyOrg }
  items: TChecklistItem[]
}

/** The assessment of that enterprise, with the items that apply to it; another enterprise's id is a 404. */
export async function loadAssessment(
  db: DbOrTrx,
  enterpriseId: number,
  assessmentId: number,
): Promise<LoadedAssessment> {
  const row = await db
    .selectFrom('assessments')
    .selectAll()
    .where('id', '=', assessmentId)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst()
  if (!row) throw notFound()
  const e = await db
    .selectFrom('enterprises')
    .select(['id', 'name', 'ownership', 'party_org'])
    .where('id', '=', enterpriseId)
    .executeTakeFirstOrThrow()
  const enterprise = {
    id: e.id,
    name: e.name,
    ownership: e.ownership as TOwnership,
    partyOrg: e.party_org as TPartyOrg,
  }
  const items = applicableItems(await checklistRepository.items(db, row.template_id), enterprise)
  return { row, enterprise, items }
}

async function answersOf(db: DbOrTrx, assessmentId: number): Promise<TAnswer[]> {
  const rows = await db
    .selectFrom('assessment_answers')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .execute()
  return rows.map((r) => ({
    itemCode: r.item_code,
    value: r.value,
    note: r.note,
    naReason: r.na_reason,
    reviewComment: r.review_comment,
    updatedAt: r.updated_at,
  }))
}

export async function evidenceOf(
  db: DbOrTrx,
  links: FileLinkSigner,
  assessmentId: number,
): Promise<TEvidenceFile[]> {
  const rows = await db
    .selectFrom('evidence_files')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    itemCode: r.item_code ?? '',
    filename: r.filename,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    url: links.link(r.id),
    createdAt: r.created_at,
  }))
}

export async function assessmentView(
  db: DbOrTrx,
  links: FileLinkSigner,
  enterpriseId: number,
  assessmentId: number,
): Promise<TAssessment> {
  const { row, enterprise, items } = await loadAssessment(db, enterpriseId, assessmentId)
  const answers = await answersOf(db, assessmentId)
  const history = await db
    .selectFrom('assessment_events as ev')
    .innerJoin('users as u', 'u.id', 'ev.actor_id')
    .select(['ev.from_status', 'ev.to_status', 'ev.comment', 'ev.created_at', 'u.name'])
    .where('ev.assessment_id', '=', assessmentId)
    .orderBy('ev.id')
    .execute()
  const applicableCodes = new Set(items.map((i) => i.code))
  return {
    id: row.id,
    campaign: await toCampaign(db, await campaignRow(db, row.campaign_id)),
    enterprise,
    status: row.status,
    templateVersion: await checklistRepository.templateVersion(db, row.template_id),
    items,
    answers: answers.filter((a) => applicableCodes.has(a.itemCode)),
    evidence: await evidenceOf(db, links, assessmentId),
    scores: computeScores(items, answers),
    history: history.map((h) => ({
      fromStatus: h.from_status as TAssessmentStatus | null,
      toStatus: h.to_status as TAssessmentStatus,
      actorName: h.name,
      comment: h.comment,
      createdAt: h.created_at,
    })),
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  }
}

export async function listEnterpriseAssessments(
  db: DbOrTrx,
  enterpriseId: number,
): Promise<TAssessmentSummary[]> {
  const rows = await db
    .selectFrom('assessments as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .selectAll('a')
    .select(['e.name as enterprise_name', 'e.ownership', 'e.party_org'])
    .where('a.enterprise_id', '=', enterpriseId)
    .orderBy('a.id', 'desc')
    .execute()
  const summaries: TAssessmentSummary[] = []
  for (const r of rows) {
    const items = applicableItems(await checklistRepository.items(db, r.template_id), {
      ownership: r.ownership as TOwnership,
      partyOrg: r.party_org as TPartyOrg,
    })
    const codes = new Set(items.map((i) => i.code))
    const answered = (
      await db
        .selectFrom('assessment_answers')
        .select('item_code')
        .where('assessment_id', '=', r.id)
        .execute()
    ).filter((a) => codes.has(a.item_code)).length
    summaries.push({
      id: r.id,
      campaign: await toCampaign(db, await campaignRow(db, r.campaign_id)),
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      status: r.status,
      applicableCount: items.length,
      answeredCount: answered,
      overall: r.overall_score,
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
    })
  }
  return summaries
}

function assertEditable(status: TAssessmentStatus) {
  if (status !== 'draft' && status !== 'returned') throw new AppError(409, 'ASSESSMENT_LOCKED')
}

/** Draft answers: saved as often as the app likes (upsert per item), only while the assessment is editable. */
export async function saveAnswers(
  trx: Trx,
  auth: AuthContext,
  enterpriseId: number,
  assessmentId: number,
  answers: TAnswerInput[],
): Promise<WriteOutcome<{ saved: number; answeredCount: number; applicableCount: number }>> {
  const { row, items } = await loadAssessment(trx, enterpriseId, assessmentId)
  assertEditable(row.status)
  const codes = new Set(items.map((i) => i.code))
  const fields = answers.flatMap((a, index) =>
    codes.has(a.itemCode)
      ? []
      : [{ path: `answers.${index}.itemCode`, message: `自查项 ${a.itemCode} 不存在或不适用于本企业` }],
  )
  if (fields.length) throw new AppError(400, 'UNKNOWN_ITEM', undefined, fields)
  const seen = new Set<string>()
  const now = nowIso()
  for (const a of answers) {
    if (seen.has(a.itemCode)) continue
    seen.add(a.itemCode)
    const values = {
      value: a.value,
      note: a.note ?? null,
      na_reason: a.value === 'na' ? (a.naReason ?? null) : null,
      updated_by: auth.user.id,
      updated_at: now,
    }
    await trx
      .insertInto('assessment_answers')
      .values({ assessment_id: assessmentId, item_code: a.itemCode, review_comment: null, ...values })
      .onConflict((oc) => oc.columns(['assessment_id', 'item_code']).doUpdateSet(values))
      .execute()
  }
  await trx.updateTable('assessments').set({ updated_at: now }).where('id', '=', assessmentId).execute()
  const answered = (await answersOf(trx, assessmentId)).filter((a) => codes.has(a.itemCode)).length
  return {
    result: { saved: seen.size, answeredCount: answered, applicableCount: items.length },
    entityType: 'assessment',
    entityId: assessmentId,
    detail: { items: [...seen] },
  }
}

async function recordTransition(
  trx: Trx,
  assessmentId: number,
  from: TAssessmentStatus,
  to: TAssessmentStatus,
  actorId: number,
  comment: string | null,
) {
  await trx
    .insertInto('assessment_events')
    .values({
      assessment_id: assessmentId,
      from_status: from,
      to_status: to,
      actor_id: actorId,
      comment,
      created_at: nowIso(),
    })
    .execute()
}

export async function submitAssessment(
  trx: Trx,
  links: FileLinkSigner,
  auth: AuthContext,
  enterpriseId: number,
  assessmentId: number,
): Promise<WriteOutcome<TAssessment>> {
  const { row, items } = await loadAssessment(trx, enterpriseId, assessmentId)
  assertEditable(row.status)
  const answers = await answersOf(trx, assessmentId)
  const evidence = await evidenceOf(trx, links, assessmentId)
  const problems = submitProblems(
    items,
    answers,
    (code) => evidence.filter((e) => e.itemCode === code).length,
  )
  if (problems.length) {
    throw new AppError(
      422,
      'ASSESSMENT_INCOMPLETE',
      `自查表尚未完成：还有 ${problems.length} 项需要处理`,
      problems.map((p) => ({ path: p.itemCode, message: p.message })),
    )
  }
  const scores = computeScores(items, answers)
  const now = nowIso()
  await trx
    .updateTable('assessments')
    .set({
      status: 'submitted',
      overall_score: scores.overall,
      section_scores: JSON.stringify(scores.sections),
      submitted_at: now,
      updated_at: now,
    })
    .where('id', '=', assessmentId)
    .execute()
  await recordTransition(trx, assessmentId, row.status, 'submitted', auth.user.id, null)

  // 否 / 部分 become 整改 items, once per item of this assessment.
  const existing = new Set(
    (
      await trx
        .selectFrom('rectifications')
        .select('item_code')
        .where('assessment_id', '=', assessmentId)
        .execute()
    ).map((r) => r.item_code),
  )
  const byCode = new Map(items.map((i) => [i.code, i]))
  for (const answer of answers) {
    if ((answer.value !== 'no' && answer.value !== 'partial') || existing.has(answer.itemCode)) continue
    const item = byCode.get(answer.itemCode)
    if (!item) continue
    const rect = await trx
      .insertInto('rectifications')
      .values({
        enterprise_id: enterpriseId,
        source: 'finding',
        assessment_id: assessmentId,
        item_code: item.code,
        title: item.question,
        detail: answer.note,
        deadline: addDays(now, FINDING_DEADLINE_DAYS[answer.value]),
        status: 'open',
        response: null,
        created_by: auth.user.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('rectification_events')
      .values({
        rectification_id: rect.id,
        from_status: null,
        to_status: 'open',
        actor_id: auth.user.id,
        comment: `自查“${answer.value === 'no' ? '否' : '部分'}”生成`,
        created_at: now,
      })
      .execute()
  }
  return {
    result: await assessmentView(trx, links, enterpriseId, assessmentId),
    entityType: 'assessment',
    entityId: assessmentId,
    detail: { overall: scores.overall },
  }
}

export async function acceptAssessment(
  trx: Trx,
  links: FileLinkSigner,
  auth: AuthContext,
  enterpriseId: number,
  assessmentId: number,
  comment: string | null,
) {
  const { row } = await loadAssessment(trx, enterpriseId, assessmentId)
  if (row.status !== 'submitted') throw new AppError(409, 'ASSESSMENT_NOT_SUBMITTED')
  const now = nowIso()
  await trx
    .updateTable('assessments')
    .set({ status: 'accepted', reviewed_at: now, reviewed_by: auth.user.id, updated_at: now })
    .where('id', '=', assessmentId)
    .execute()
  await recordTransition(trx, assessmentId, 'submitted', 'accepted', auth.user.id, comment)
  return {
    result: await assessmentView(trx, links, enterpriseId, assessmentId),
    entityType: 'assessment',
    entityId: assessmentId,
    detail: { decision: 'accepted' },
  }
}

export async function returnAssessment(
  trx: Trx,
  links: FileLinkSigner,
  auth: AuthContext,
  enterpriseId: number,
  assessmentId: number,
  input: { comment?: string | null; items: { itemCode: string; comment: string }[] },
) {
  const { row, items } = await loadAssessment(trx, enterpriseId, assessmentId)
  if (row.status !== 'submitted') throw new AppError(409, 'ASSESSMENT_NOT_SUBMITTED')
  const codes = new Set(items.map((i) => i.code))
  const fields = input.items.flatMap((c, index) =>
    codes.has(c.itemCode)
      ? []
      : [{ path: `items.${index}.itemCode`, message: `自查项 ${c.itemCode} 不存在` }],
  )
  if (fields.length) throw new AppError(400, 'UNKNOWN_ITEM', undefined, fields)
  const now = nowIso()
  // Earlier comments are cleared: the new return says what is wrong now.
  await trx
    .updateTable('assessment_answers')
    .set({ review_comment: null })
    .where('assessment_id', '=', assessmentId)
    .execute()
  for (const c of input.items) {
    await trx
      .updateTable('assessment_answers')
      .set({ review_comment: c.comment })
      .where('assessment_id', '=', assessmentId)
      .where('item_code', '=', c.itemCode)
      .execute()
  }
  await trx
    .updateTable('assessments')
    .set({ status: 'returned', reviewed_at: now, reviewed_by: auth.user.id, updated_at: now })
    .where('id', '=', assessmentId)
    .execute()
  const summary =
    input.comment ?? `退回 ${input.items.length} 项：${input.items.map((c) => c.itemCode).join('、')}`
  await recordTransition(trx, assessmentId, 'submitted', 'returned', auth.user.id, summary)
  return {
    result: await assessmentView(trx, links, enterpriseId, assessmentId),
    entityType: 'assessment',
    entityId: assessmentId,
    detail: { decision: 'returned', items: input.items.map((c) => c.itemCode) },
  }
}
