import { sql, type Selectable, type Transaction } from 'kysely'
import type {
  Database,
  PledgeChainRow,
  PledgeRow,
  PledgeSignatureRow,
  PledgeTemplateTable,
} from '../db/schema'
import type { DbOrTrx, Dialect } from '../db/database'
import { AppError, invalid, notFound } from '../lib/errors'
import { canonicalJson, chainMac, GENESIS_MAC, linkHolds, sha256Hex } from '../lib/hashChain'
import { decodeSignature, newVerifyCode } from '../lib/pledgeSignature'
import { MAX_ID, isOffice, type AuthContext } from '../plugins/auth'
import type { WriteOutcome } from './writes'
import { maskPhone } from '../../src/models/phone'
import {
  CHAIN_BREAK_LABELS,
  PLEDGE_KINDS,
  PLEDGE_KIND_LABELS,
  PLEDGE_WITHDRAW_AFTER_DAYS,
  SOE_LEADER_OWNERSHIPS,
  VERIFY_CODE_PATTERN,
  ZPledgeTemplateContent,
  beijingYear,
  beijingYearRange,
  formatVerifyCode,
  normaliseVerifyCode,
  renderPledgeText,
  type TChainBreak,
  type TChainBreakReason,
  type TPledge,
  type TPledgeCoverage,
  type TPledgeKind,
  type TPledgeSide,
  type TPledgeStatus,
  type TPledgeSummary,
  type TPledgeTemplate,
  type TPledgeTemplateContent,
  type TPledgeTemplateContentInput,
  type TPledgeTodo,
  type TPledgeVerification,
  type TSupervisionPledgeCoverage,
} from '../../src/models/pledge'

type Trx = Transaction<Database>

/** What every pledge write needs besides the body: the chain key and the request's facts. */
export interface PledgeContext {
  auth: AuthContext
  chainKey: string
  dialect: Dialect
  ip: string | null
  userAgent: string | null
  now: number
}

const iso = (ms: number) => new Date(ms).toISOString()
const DAY_MS = 24 * 3600_000

// ---------- templates ----------

type TemplateRow = Selectable<PledgeTemplateTable>

function parseContent(text: string): TPledgeTemplateContent {
  return ZPledgeTemplateContent.parse(JSON.parse(text))
}

async function latestVersions(db: DbOrTrx): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('pledge_templates')
    .select(['kind', (eb) => eb.fn.max<number>('version').as('v')])
    .groupBy('kind')
    .execute()
  return new Map(rows.map((r) => [r.kind, Number(r.v)]))
}

function toTemplate(row: TemplateRow, latest: Map<string, number>): TPledgeTemplate {
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
): Promise<number> {
  let added = 0
  for (const kind of PLEDGE_KINDS) {
    const existing = await trx
      .selectFrom('pledge_templates')
      .select('id')
      .where('kind', '=', kind)
      .limit(1)
      .executeTakeFirst()
    if (existing) continue
    await trx
      .insertInto('pledge_templates')
      .values({
        kind,
        version,
        content: JSON.stringify(ZPledgeTemplateContent.parse(templates[kind])),
        note,
        created_by: null,
        created_at: new Date().toISOString(),
      })
      .execute()
    added += 1
  }
  return added
}

export async function listTemplates(
  db: DbOrTrx,
  query: { kind?: TPledgeKind; all?: boolean },
): Promise<TPledgeTemplate[]> {
  const latest = await latestVersions(db)
  let q = db.selectFrom('pledge_templates').selectAll()
  if (query.kind) q = q.where('kind', '=', query.kind)
  const rows = await q.orderBy('kind').orderBy('version', 'desc').execute()
  const templates = rows.map((r) => toTemplate(r, latest))
  const list = query.all ? templates : templates.filter((t) => t.current)
  return list.sort(
    (a, b) => PLEDGE_KINDS.indexOf(a.kind) - PLEDGE_KINDS.indexOf(b.kind) || b.version - a.version,
  )
}

export async function templateById(db: DbOrTrx, id: number): Promise<TPledgeTemplate> {
  if (id > MAX_ID) throw notFound()
  const row = await db.selectFrom('pledge_templates').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound()
  return toTemplate(row, await latestVersions(db))
}

/** The office edits a template by publishing its next version; signed pledges keep theirs. */
export async function publishTemplate(
  trx: Trx,
  auth: AuthContext,
  body: { kind: TPledgeKind; content: TPledgeTemplateContent; note?: string | null },
  now: number,
): Promise<WriteOutcome<TPledgeTemplate>> {
  const latest = await latestVersions(trx)
  const version = (latest.get(body.kind) ?? 0) + 1
  const row = await trx
    .insertInto('pledge_templates')
    .values({
      kind: body.kind,
      version,
      content: JSON.stringify(body.content),
      note: body.note ?? null,
      created_by: auth.user.id,
      created_at: iso(now),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  latest.set(body.kind, version)
  return {
    result: toTemplate(row, latest),
    entityType: 'pledge_template',
    entityId: row.id,
    detail: { kind: body.kind, version },
  }
}

// ---------- the chain ----------

interface SignPayloadInput {
  pledge: Pick<PledgeRow, 'id' | 'code' | 'kind' | 'template_id' | 'enterprise_id' | 'department_id'>
  templateVersion: number
  signature: Omit<PledgeSignatureRow, 'signature_png' | 'chain_seq'>
}

/** What a signing entry of the chain records: everything that identifies the signature, but the image itself (its hash). */
function signPayload({ pledge, templateVersion, signature: s }: SignPayloadInput): string {
  return canonicalJson({
    action: 'sign',
    pledgeId: pledge.id,
    code: pledge.code,
    kind: pledge.kind,
    templateId: pledge.template_id,
    templateVersion,
    enterpriseId: pledge.enterprise_id,
    departmentId: pledge.department_id,
    signatureId: s.id,
    side: s.side,
    signerUserId: s.signer_user_id,
    signerName: s.signer_name,
    organisationKind: s.organisation_kind,
    organisationId: s.organisation_id,
    textSha256: s.text_sha256,
    signatureSha256: s.signature_sha256,
    signedAt: s.signed_at,
    ip: s.ip,
    userAgent: s.user_agent,
  })
}

function withdrawPayload(
  pledge: Pick<PledgeRow, 'id' | 'code' | 'withdrawn_at' | 'withdrawn_by' | 'withdraw_reason'>,
): string {
  return canonicalJson({
    action: 'withdraw',
    pledgeId: pledge.id,
    code: pledge.code,
    withdrawnAt: pledge.withdrawn_at,
    withdrawnBy: pledge.withdrawn_by,
    reason: pledge.withdraw_reason,
  })
}

/**
 * Appends one entry in the writer's transaction. PostgreSQL: a transaction-scoped advisory lock
 * serialises appenders (SQLite runs one write transaction at a time anyway); the primary key on seq
 * would refuse a fork in any case.
 */
async function appendChain(
  trx: Trx,
  ctx: Pick<PledgeContext, 'chainKey' | 'dialect' | 'now'>,
  entry: { pledgeId: number; signatureId: number | null; action: 'sign' | 'withdraw'; payload: string },
): Promise<number> {
  if (ctx.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${500601})`.execute(trx)
  const last = await trx
    .selectFrom('pledge_chain')
    .select(['seq', 'mac'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  const seq = (last?.seq ?? 0) + 1
  const prevMac = last?.mac ?? GENESIS_MAC
  await trx
    .insertInto('pledge_chain')
    .values({
      seq,
      pledge_id: entry.pledgeId,
      signature_id: entry.signatureId,
      action: entry.action,
      payload: entry.payload,
      prev_mac: prevMac,
      mac: chainMac(ctx.chainKey, prevMac, entry.payload),
      created_at: iso(ctx.now),
    })
    .execute()
  return seq
}

// ---------- who may do what ----------

function holds(auth: AuthContext, kind: 'enterprise' | 'department', id: number | null, roles: string[]) {
  return (
    id !== null &&
    auth.memberships.some(
      (m) => m.organisation_kind === kind && m.organisation_id === id && roles.includes(m.role),
    )
  )
}

/** The side that still has to sign a pending two-sided pledge, and who may sign for it. */
function counterSide(pledge: Pick<PledgeRow, 'started_side'>): TPledgeSide {
  return pledge.started_side === 'enterprise' ? 'department' : 'enterprise'
}

function canSignSide(auth: AuthContext, pledge: PledgeRow, side: TPledgeSide): boolean {
  return side === 'department'
    ? holds(auth, 'department', pledge.department_id, ['official'])
    : holds(auth, 'enterprise', pledge.enterprise_id, ['head'])
}

/**
 * Who sees a pledge: its signers and starter; the enterprise's head and liaison; for a two-sided pledge
 * the named department's cadres; the enterprise's supervising departments and the office.
 */
async function canView(db: DbOrTrx, auth: AuthContext, pledge: PledgeRow): Promise<boolean> {
  if (pledge.started_by === auth.user.id) return true
  if (holds(auth, 'enterprise', pledge.enterprise_id, ['head', 'liaison'])) return true
  if (pledge.kind === 'government_business' && holds(auth, 'department', pledge.department_id, ['official']))
    return true
  if (isOffice(auth)) return true
  const signed = await db
    .selectFrom('pledge_signatures')
    .select('id')
    .where('pledge_id', '=', pledge.id)
    .where('signer_user_id', '=', auth.user.id)
    .executeTakeFirst()
  if (signed) return true
  const departments = auth.memberships
    .filter((m) => m.organisation_kind === 'department' && m.role === 'supervisor')
    .map((m) => m.organisation_id)
  if (departments.length === 0) return false
  const link = await db
    .selectFrom('supervision_links')
    .select('enterprise_id')
    .where('enterprise_id', '=', pledge.enterprise_id)
    .where('department_id', 'in', departments)
    .executeTakeFirst()
  return link !== undefined
}

/** A pledge the caller may see, or the 404 of one that does not exist. */
async function loadVisible(db: DbOrTrx, auth: AuthContext, pledgeId: number): Promise<PledgeRow> {
  if (pledgeId > MAX_ID) throw notFound()
  const pledge = await db.selectFrom('pledges').selectAll().where('id', '=', pledgeId).executeTakeFirst()
  if (!pledge || !(await canView(db, auth, pledge))) throw notFound()
  return pledge
}

// ---------- views ----------

async function names(db: DbOrTrx, pledges: PledgeRow[]) {
  const enterpriseIds = [...new Set(pledges.map((p) => p.enterprise_id))]
  const departmentIds = [...new Set(pledges.flatMap((p) => (p.department_id ? [p.department_id] : [])))]
  const userIds = [...new Set(pledges.map((p) => p.started_by))]
  const [enterprises, departments, users, versions] = await Promise.all([
    enterpriseIds.length
      ? db.selectFrom('enterprises').select(['id', 'name']).where('id', 'in', enterpriseIds).execute()
      : [],
    departmentIds.length
      ? db.selectFrom('departments').select(['id', 'name']).where('id', 'in', departmentIds).execute()
      : [],
    userIds.length ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : [],
    pledges.length
      ? db
          .selectFrom('pledge_templates')
          .select(['id', 'version'])
          .where('id', 'in', [...new Set(pledges.map((p) => p.template_id))])
          .execute()
      : [],
  ])
  return {
    enterprise: new Map(enterprises.map((r) => [r.id, r.name])),
    department: new Map(departments.map((r) => [r.id, r.name])),
    user: new Map(users.map((r) => [r.id, r.name])),
    version: new Map(versions.map((r) => [r.id, r.version])),
  }
}

function withdrawable(pledge: PledgeRow, auth: AuthContext, now: number): boolean {
  return (
    pledge.status === 'pending' &&
    pledge.started_by === auth.user.id &&
    now - Date.parse(pledge.created_at) >= PLEDGE_WITHDRAW_AFTER_DAYS * DAY_MS
  )
}

async function summaries(
  db: DbOrTrx,
  auth: AuthContext,
  pledges: PledgeRow[],
  now: number,
): Promise<TPledgeSummary[]> {
  const n = await names(db, pledges)
  return pledges.map((p) => ({
    id: p.id,
    code: p.code,
    kind: p.kind as TPledgeKind,
    title: p.text.split('\n', 1)[0] || PLEDGE_KIND_LABELS[p.kind as TPledgeKind],
    templateVersion: n.version.get(p.template_id) ?? 0,
    status: p.status,
    enterprise: { id: p.enterprise_id, name: n.enterprise.get(p.enterprise_id) ?? '' },
    department: p.department_id
      ? { id: p.department_id, name: n.department.get(p.department_id) ?? '' }
      : null,
    startedBy: { userId: p.started_by, name: n.user.get(p.started_by) ?? '', side: p.started_side },
    createdAt: p.created_at,
    effectiveAt: p.effective_at,
    canCountersign:
      p.status === 'pending' && p.started_by !== auth.user.id && canSignSide(auth, p, counterSide(p)),
    canWithdraw: withdrawable(p, auth, now),
  }))
}

async function signaturesOf(db: DbOrTrx, pledgeId: number, withImages: boolean) {
  const rows = await db
    .selectFrom('pledge_signatures as s')
    .innerJoin('users as u', 'u.id', 's.signer_user_id')
    .selectAll('s')
    .select('u.phone')
    .where('s.pledge_id', '=', pledgeId)
    .orderBy('s.signed_at')
    .orderBy('s.id')
    .execute()
  const enterpriseIds = rows.filter((r) => r.organisation_kind === 'enterprise').map((r) => r.organisation_id)
  const departmentIds = rows.filter((r) => r.organisation_kind === 'department').map((r) => r.organisation_id)
  const [enterprises, departments] = await Promise.all([
    enterpriseIds.length
      ? db.selectFrom('enterprises').select(['id', 'name']).where('id', 'in', enterpriseIds).execute()
      : [],
    departmentIds.length
      ? db.selectFrom('departments').select(['id', 'name']).where('id', 'in', departmentIds).execute()
      : [],
  ])
  const orgName = (kind: string, id: number) =>
    (kind === 'enterprise' ? enterprises : departments).find((r) => r.id === id)?.name ?? ''
  return rows.map((r) => ({
    row: r,
    view: {
      id: r.id,
      side: r.side,
      signerUserId: r.signer_user_id,
      signerName: r.signer_name,
      phoneMasked: maskPhone(r.phone),
      organisationKind: r.organisation_kind,
      organisationId: r.organisation_id,
      organisationName: orgName(r.organisation_kind, r.organisation_id),
      signedAt: r.signed_at,
      signatureSha256: r.signature_sha256,
      ...(withImages ? { image: `data:image/png;base64,${r.signature_png}` } : {}),
      chainSeq: r.chain_seq,
    },
  }))
}

async function pledgeView(db: DbOrTrx, auth: AuthContext, pledge: PledgeRow, now: number): Promise<TPledge> {
  const [summary] = await summaries(db, auth, [pledge], now)
  const signatures = await signaturesOf(db, pledge.id, true)
  let withdrawn: TPledge['withdrawn'] = null
  if (pledge.withdrawn_at) {
    const by = pledge.withdrawn_by
      ? await db.selectFrom('users').select('name').where('id', '=', pledge.withdrawn_by).executeTakeFirst()
      : undefined
    withdrawn = { at: pledge.withdrawn_at, byName: by?.name ?? '', reason: pledge.withdraw_reason ?? '' }
  }
  return {
    ...summary,
    text: pledge.text,
    textSha256: pledge.text_sha256,
    signatures: signatures.map((s) => s.view),
    withdrawn,
    verifyPath: `/api/v1/pledges/verify/${pledge.code}`,
  }
}

export async function getPledge(db: DbOrTrx, auth: AuthContext, pledgeId: number, now: number) {
  return pledgeView(db, auth, await loadVisible(db, auth, pledgeId), now)
}

// ---------- signing ----------

async function currentTemplate(trx: DbOrTrx, templateId: number) {
  const row = await trx
    .selectFrom('pledge_templates')
    .selectAll()
    .where('id', '=', templateId)
    .executeTakeFirst()
  if (!row) throw invalid('templateId', '承诺书模板不存在')
  const newest = await trx
    .selectFrom('pledge_templates')
    .select((eb) => eb.fn.max<number>('version').as('v'))
    .where('kind', '=', row.kind)
    .executeTakeFirstOrThrow()
  if (Number(newest.v) !== row.version) throw new AppError(409, 'PLEDGE_TEMPLATE_OUTDATED')
  return { row, kind: row.kind as TPledgeKind, content: parseContent(row.content) }
}

function checkText(text: string, claimed: string) {
  if (sha256Hex(text) !== claimed) throw new AppError(409, 'PLEDGE_TEXT_MISMATCH')
}

async function insertSignature(
  trx: Trx,
  ctx: PledgeContext,
  pledge: PledgeRow,
  templateVersion: number,
  side: TPledgeSide,
  organisation: { kind: 'enterprise' | 'department'; id: number },
  image: { base64: string; sha256: string },
): Promise<PledgeSignatureRow> {
  const signedAt = iso(ctx.now)
  const inserted = await trx
    .insertInto('pledge_signatures')
    .values({
      pledge_id: pledge.id,
      side,
      signer_user_id: ctx.auth.user.id,
      signer_name: ctx.auth.user.name,
      organisation_kind: organisation.kind,
      organisation_id: organisation.id,
      text_sha256: pledge.text_sha256,
      signature_png: image.base64,
      signature_sha256: image.sha256,
      signed_at: signedAt,
      ip: ctx.ip,
      user_agent: ctx.userAgent,
      // Set to the entry's seq right below, in the same transaction.
      chain_seq: 0,
    })
    .onConflict((oc) => oc.columns(['pledge_id', 'side']).doNothing())
    .returningAll()
    .executeTakeFirst()
  if (!inserted) throw new AppError(409, 'PLEDGE_NOT_PENDING')
  const seq = await appendChain(trx, ctx, {
    pledgeId: pledge.id,
    signatureId: inserted.id,
    action: 'sign',
    payload: signPayload({ pledge, templateVersion, signature: inserted }),
  })
  await trx.updateTable('pledge_signatures').set({ chain_seq: seq }).where('id', '=', inserted.id).execute()
  return { ...inserted, chain_seq: seq }
}

export interface StartPledge {
  /** The side the caller signs for. */
  side: TPledgeSide
  enterpriseId: number
  departmentId: number | null
  templateId: number
  textSha256: string
  signaturePng: string
}

/**
 * Signs a one-sided pledge, or starts (and signs the caller's side of) a 政商双边清廉承诺. The rules per kind:
 * personal — any member of the enterprise; enterprise — its head; soe_leader — the head of a 国有 / 国有控股
 * enterprise; government_business — the enterprise's head naming a department, or a department's cadre
 * (official) naming an enterprise.
 */
export async function startPledge(
  trx: Trx,
  ctx: PledgeContext,
  body: StartPledge,
): Promise<WriteOutcome<TPledge>> {
  const { auth, now } = ctx
  const image = decodeSignature(body.signaturePng)
  const template = await currentTemplate(trx, body.templateId)
  const kind = template.kind
  const enterprise = await trx
    .selectFrom('enterprises')
    .select(['id', 'name', 'ownership'])
    .where('id', '=', body.enterpriseId)
    .executeTakeFirst()
  if (!enterprise) throw invalid('enterpriseId', '企业不存在')

  let department: { id: number; name: string } | undefined
  if (kind === 'government_business') {
    if (body.departmentId === null) throw invalid('departmentId', '请选择党员干部所在部门')
    department = await trx
      .selectFrom('departments')
      .select(['id', 'name'])
      .where('id', '=', body.departmentId)
      .executeTakeFirst()
    if (!department) throw invalid('departmentId', '部门不存在')
  } else if (body.side === 'department' || body.departmentId !== null) {
    throw new AppError(
      422,
      'PLEDGE_NOT_APPLICABLE',
      `${PLEDGE_KIND_LABELS[kind]}不是双边承诺，不需要选择部门`,
    )
  }

  // Role rules: the route let in members of the enterprise (or the department's cadres).
  if (
    body.side === 'enterprise' &&
    kind !== 'personal' &&
    !holds(auth, 'enterprise', enterprise.id, ['head'])
  )
    throw new AppError(403, 'FORBIDDEN', `${PLEDGE_KIND_LABELS[kind]}须由企业负责人签署`)
  if (kind === 'soe_leader' && !(SOE_LEADER_OWNERSHIPS as readonly string[]).includes(enterprise.ownership))
    throw new AppError(
      422,
      'PLEDGE_NOT_APPLICABLE',
      '国有企业领导人员廉洁从业承诺书仅适用于国有独资、国有控股企业的领导人员',
    )

  // One-sided pledges: once a year (北京时间) per signer (the enterprise's own pledge: once per enterprise).
  if (kind !== 'government_business') {
    const [from, to] = beijingYearRange(beijingYear(now))
    let q = trx
      .selectFrom('pledges as p')
      .select('p.id')
      .where('p.kind', '=', kind)
      .where('p.enterprise_id', '=', enterprise.id)
      .where('p.status', '=', 'effective')
      .where('p.created_at', '>=', from)
      .where('p.created_at', '<', to)
    if (kind !== 'enterprise') q = q.where('p.started_by', '=', auth.user.id)
    if (await q.executeTakeFirst()) throw new AppError(409, 'PLEDGE_ALREADY_SIGNED')
  }

  const text = renderPledgeText(kind, template.content, {
    signer: kind === 'government_business' ? undefined : auth.user.name,
    enterprise: enterprise.name,
    department: department?.name,
  })
  checkText(text, body.textSha256)

  const created = iso(now)
  const oneSided = kind !== 'government_business'
  const pledge = await trx
    .insertInto('pledges')
    .values({
      code: newVerifyCode(),
      kind,
      template_id: template.row.id,
      enterprise_id: enterprise.id,
      department_id: department?.id ?? null,
      text,
      text_sha256: sha256Hex(text),
      status: oneSided ? 'effective' : 'pending',
      started_by: auth.user.id,
      started_side: body.side,
      created_at: created,
      effective_at: oneSided ? created : null,
      withdrawn_at: null,
      withdrawn_by: null,
      withdraw_reason: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const organisation =
    body.side === 'department'
      ? { kind: 'department' as const, id: department!.id }
      : { kind: 'enterprise' as const, id: enterprise.id }
  await insertSignature(trx, ctx, pledge, template.row.version, body.side, organisation, image)
  return {
    result: await pledgeView(trx, auth, pledge, now),
    entityType: 'pledge',
    entityId: pledge.id,
    detail: { kind, code: pledge.code, side: body.side, templateVersion: template.row.version },
  }
}

/** The other side of a 政商双边清廉承诺 signs: only a cadre of the named department, or the named enterprise's head. */
export async function countersignPledge(
  trx: Trx,
  ctx: PledgeContext,
  pledgeId: number,
  body: { textSha256: string; signaturePng: string },
): Promise<WriteOutcome<TPledge>> {
  const { auth, now } = ctx
  const pledge = await loadVisible(trx, auth, pledgeId)
  if (pledge.kind !== 'government_business' || pledge.status !== 'pending')
    throw new AppError(409, 'PLEDGE_NOT_PENDING')
  const side = counterSide(pledge)
  if (!canSignSide(auth, pledge, side))
    throw new AppError(
      403,
      'FORBIDDEN',
      side === 'department' ? '只有承诺书所列部门的党员干部可以签署' : '只有承诺书所列企业的负责人可以签署',
    )
  if (pledge.started_by === auth.user.id) throw new AppError(422, 'PLEDGE_SAME_SIGNER')
  const image = decodeSignature(body.signaturePng)
  checkText(pledge.text, body.textSha256)
  const version = await trx
    .selectFrom('pledge_templates')
    .select('version')
    .where('id', '=', pledge.template_id)
    .executeTakeFirstOrThrow()
  const organisation =
    side === 'department'
      ? { kind: 'department' as const, id: pledge.department_id! }
      : { kind: 'enterprise' as const, id: pledge.enterprise_id }
  await insertSignature(trx, ctx, pledge, version.version, side, organisation, image)
  const effectiveAt = iso(now)
  const updated = await trx
    .updateTable('pledges')
    .set({ status: 'effective', effective_at: effectiveAt })
    .where('id', '=', pledge.id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError(409, 'PLEDGE_NOT_PENDING')
  const after = { ...pledge, status: 'effective' as const, effective_at: effectiveAt }
  return {
    result: await pledgeView(trx, auth, after, now),
    entityType: 'pledge',
    entityId: pledge.id,
    detail: { action: 'countersign', side, code: pledge.code },
  }
}

/** Its starter gives up on a pledge the other side has not signed for PLEDGE_WITHDRAW_AFTER_DAYS: recorded, kept. */
export async function withdrawPledge(
  trx: Trx,
  ctx: PledgeContext,
  pledgeId: number,
  reason: string,
): Promise<WriteOutcome<TPledge>> {
  const { auth, now } = ctx
  const pledge = await loadVisible(trx, auth, pledgeId)
  if (pledge.started_by !== auth.user.id) throw new AppError(403, 'FORBIDDEN', '只有发起人可以撤回')
  if (pledge.status !== 'pending') throw new AppError(409, 'PLEDGE_NOT_PENDING')
  if (now - Date.parse(pledge.created_at) < PLEDGE_WITHDRAW_AFTER_DAYS * DAY_MS)
    throw new AppError(
      422,
      'PLEDGE_WITHDRAW_TOO_EARLY',
      `发起${PLEDGE_WITHDRAW_AFTER_DAYS}天后对方仍未签署，方可撤回`,
    )
  const after: PledgeRow = {
    ...pledge,
    status: 'withdrawn',
    withdrawn_at: iso(now),
    withdrawn_by: auth.user.id,
    withdraw_reason: reason,
  }
  await trx
    .updateTable('pledges')
    .set({
      status: after.status,
      withdrawn_at: after.withdrawn_at,
      withdrawn_by: after.withdrawn_by,
      withdraw_reason: after.withdraw_reason,
    })
    .where('id', '=', pledge.id)
    .where('status', '=', 'pending')
    .execute()
  await appendChain(trx, ctx, {
    pledgeId: pledge.id,
    signatureId: null,
    action: 'withdraw',
    payload: withdrawPayload(after),
  })
  return {
    result: await pledgeView(trx, auth, after, now),
    entityType: 'pledge',
    entityId: pledge.id,
    detail: { action: 'withdraw', code: pledge.code, reason },
  }
}

// ---------- lists ----------

function heldIds(auth: AuthContext, kind: 'enterprise' | 'department', role: string): number[] {
  return [
    ...new Set(
      auth.memberships
        .filter((m) => m.organisation_kind === kind && m.role === role)
        .map((m) => m.organisation_id),
    ),
  ]
}

/**
 * My pledges: those I signed or started; the two-sided ones naming an organisation where I sign for its
 * side (head of the enterprise, cadre of the department); the enterprise pledges of enterprises I head.
 */
export async function listMyPledges(db: DbOrTrx, auth: AuthContext, now: number): Promise<TPledgeSummary[]> {
  const heads = heldIds(auth, 'enterprise', 'head')
  const officials = heldIds(auth, 'department', 'official')
  const rows = await db
    .selectFrom('pledges')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('started_by', '=', auth.user.id),
        eb(
          'id',
          'in',
          eb.selectFrom('pledge_signatures').select('pledge_id').where('signer_user_id', '=', auth.user.id),
        ),
        ...(heads.length ? [eb.and([eb('kind', '!=', 'personal'), eb('enterprise_id', 'in', heads)])] : []),
        ...(officials.length
          ? [eb.and([eb('kind', '=', 'government_business'), eb('department_id', 'in', officials)])]
          : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute()
  return summaries(db, auth, rows, now)
}

export async function pledgeTodo(db: DbOrTrx, auth: AuthContext, now: number): Promise<TPledgeTodo> {
  const year = beijingYear(now)
  const [from, to] = beijingYearRange(year)
  const enterpriseIds = [
    ...new Set(
      auth.memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id),
    ),
  ]
  const personal: TPledgeTodo['personal'] = []
  if (enterpriseIds.length) {
    const [enterprises, signed, reminders] = await Promise.all([
      db
        .selectFrom('enterprises')
        .select(['id', 'name'])
        .where('id', 'in', enterpriseIds)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('pledges')
        .select('enterprise_id')
        .where('kind', '=', 'personal')
        .where('started_by', '=', auth.user.id)
        .where('status', '=', 'effective')
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .execute(),
      db
        .selectFrom('pledge_reminders')
        .select(['enterprise_id', (eb) => eb.fn.max('created_at').as('at')])
        .where('user_id', '=', auth.user.id)
        .where('year', '=', year)
        .groupBy('enterprise_id')
        .execute(),
    ])
    const done = new Set(signed.map((s) => s.enterprise_id))
    const reminded = new Map(reminders.map((r) => [r.enterprise_id, String(r.at)]))
    for (const e of enterprises)
      if (!done.has(e.id))
        personal.push({ enterpriseId: e.id, enterpriseName: e.name, remindedAt: reminded.get(e.id) ?? null })
  }
  const mine = await listMyPledges(db, auth, now)
  return { personal, countersign: mine.filter((p) => p.canCountersign) }
}

/** A department's cadre names the enterprise of a 政商 pledge by its 统一社会信用代码 (public registry data). */
export async function findCounterparty(db: DbOrTrx, creditCode: string) {
  const row = await db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('credit_code', '=', creditCode.trim().toUpperCase())
    .executeTakeFirst()
  if (!row) throw notFound()
  return row
}

// ---------- coverage ----------

export async function enterpriseCoverage(
  db: DbOrTrx,
  enterpriseId: number,
  year: number,
): Promise<TPledgeCoverage> {
  const [from, to] = beijingYearRange(year)
  const enterprise = await db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('id', '=', enterpriseId)
    .executeTakeFirstOrThrow()
  const members = await db
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
  const [signed, reminders] = await Promise.all([
    db
      .selectFrom('pledges')
      .select(['started_by', 'created_at', 'code'])
      .where('kind', '=', 'personal')
      .where('enterprise_id', '=', enterpriseId)
      .where('status', '=', 'effective')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('pledge_reminders')
      .select(['user_id', (eb) => eb.fn.max('created_at').as('at')])
      .where('enterprise_id', '=', enterpriseId)
      .where('year', '=', year)
      .groupBy('user_id')
      .execute(),
  ])
  const signedBy = new Map<number, { created_at: string; code: string }>()
  for (const s of signed) if (!signedBy.has(s.started_by)) signedBy.set(s.started_by, s)
  const reminded = new Map(reminders.map((r) => [r.user_id, String(r.at)]))
  const rows = members.map((m) => ({
    userId: m.id,
    name: m.name,
    phoneMasked: maskPhone(m.phone),
    signedAt: signedBy.get(m.id)?.created_at ?? null,
    pledgeCode: signedBy.get(m.id)?.code ?? null,
    remindedAt: reminded.get(m.id) ?? null,
  }))
  // Not signed first (the liaison's work list), then by name order of joining.
  rows.sort((a, b) => Number(a.signedAt !== null) - Number(b.signedAt !== null))
  return {
    enterpriseId,
    enterpriseName: enterprise.name,
    year,
    total: rows.length,
    signed: rows.filter((r) => r.signedAt !== null).length,
    members: rows,
  }
}

/** A reminder a member has had within this many hours is not repeated. */
const REMIND_AGAIN_AFTER_MS = 12 * 3600_000

export async function remindUnsigned(
  trx: Trx,
  auth: AuthContext,
  enterpriseId: number,
  userIds: number[] | undefined,
  now: number,
): Promise<WriteOutcome<{ reminded: number; skipped: number }>> {
  const year = beijingYear(now)
  const coverage = await enterpriseCoverage(trx, enterpriseId, year)
  const unsigned = coverage.members.filter((m) => m.signedAt === null)
  const wanted = userIds ? new Set(userIds) : null
  if (wanted) {
    const known = new Set(coverage.members.map((m) => m.userId))
    const stranger = [...wanted].findIndex((id) => !known.has(id))
    if (stranger >= 0) throw invalid(`userIds.${stranger}`, '该人员不是本企业成员')
  }
  const targets = unsigned.filter(
    (m) =>
      (!wanted || wanted.has(m.userId)) &&
      (m.remindedAt === null || now - Date.parse(m.remindedAt) >= REMIND_AGAIN_AFTER_MS),
  )
  if (targets.length)
    await trx
      .insertInto('pledge_reminders')
      .values(
        targets.map((m) => ({
          enterprise_id: enterpriseId,
          user_id: m.userId,
          year,
          sent_by: auth.user.id,
          created_at: iso(now),
        })),
      )
      .execute()
  const considered = wanted ? unsigned.filter((m) => wanted.has(m.userId)).length : unsigned.length
  return {
    result: { reminded: targets.length, skipped: considered - targets.length },
    entityType: 'enterprise',
    entityId: enterpriseId,
    detail: { action: 'pledge.remind', userIds: targets.map((t) => t.userId), year },
  }
}

export async function supervisionCoverage(
  db: DbOrTrx,
  auth: AuthContext,
  year: number,
): Promise<TSupervisionPledgeCoverage> {
  const [from, to] = beijingYearRange(year)
  let q = db.selectFrom('enterprises').select(['id', 'name', 'ownership'])
  if (!isOffice(auth)) {
    const departments = heldIds(auth, 'department', 'supervisor')
    if (departments.length === 0) return { year, enterprises: [] }
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('supervision_links').select('enterprise_id').where('department_id', 'in', departments),
    )
  }
  const enterprises = await q.orderBy('id').limit(5000).execute()
  if (enterprises.length === 0) return { year, enterprises: [] }
  const ids = enterprises.map((e) => e.id)
  const chunks: number[][] = []
  for (let i = 0; i < ids.length; i += 1000) chunks.push(ids.slice(i, i + 1000))
  const memberCounts = new Map<number, number>()
  const counts = new Map<string, number>()
  for (const chunk of chunks) {
    const [members, pledges] = await Promise.all([
      db
        .selectFrom('memberships')
        .select(['organisation_id', (eb) => eb.fn.count<number>('user_id').distinct().as('n')])
        .where('organisation_kind', '=', 'enterprise')
        .where('status', '=', 'approved')
        .where('organisation_id', 'in', chunk)
        .groupBy('organisation_id')
        .execute(),
      // Personal pledges count people (distinct signers); the others count pledges.
      db
        .selectFrom('pledges')
        .select([
          'enterprise_id',
          'kind',
          'status',
          (eb) => eb.fn.count<number>('started_by').distinct().as('people'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where('enterprise_id', 'in', chunk)
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .groupBy(['enterprise_id', 'kind', 'status'])
        .execute(),
    ])
    for (const m of members) memberCounts.set(m.organisation_id, Number(m.n))
    for (const p of pledges)
      counts.set(`${p.enterprise_id}:${p.kind}:${p.status}`, Number(p.kind === 'personal' ? p.people : p.n))
  }
  const count = (id: number, kind: TPledgeKind, status: TPledgeStatus) =>
    counts.get(`${id}:${kind}:${status}`) ?? 0
  return {
    year,
    enterprises: enterprises.map((e) => {
      const members = memberCounts.get(e.id) ?? 0
      const personalSigned = count(e.id, 'personal', 'effective')
      return {
        enterpriseId: e.id,
        enterpriseName: e.name,
        ownership: e.ownership,
        members,
        personalSigned,
        personalRate:
          members > 0 ? Math.round((Math.min(personalSigned, members) / members) * 1000) / 1000 : null,
        enterprisePledge: count(e.id, 'enterprise', 'effective') > 0,
        soeLeaderPledge: (SOE_LEADER_OWNERSHIPS as readonly string[]).includes(e.ownership)
          ? count(e.id, 'soe_leader', 'effective') > 0
          : null,
        governmentBusinessEffective: count(e.id, 'government_business', 'effective'),
        governmentBusinessPending: count(e.id, 'government_business', 'pending'),
      }
    }),
  }
}

// ---------- verification ----------

function breakAt(seq: number | null, pledgeCode: string | null, reason: TChainBreakReason): TChainBreak {
  return {
    seq,
    pledgeCode,
    reason,
    message: `${seq !== null ? `第 ${seq} 条链记录` : '签署记录'}${pledgeCode ? `（承诺编号 ${formatVerifyCode(pledgeCode)}）` : ''}：${CHAIN_BREAK_LABELS[reason]}`,
  }
}

export interface ChainCheck {
  checked: number
  lastSeq: number
  firstBroken: TChainBreak | null
}

type PledgeMeta = Omit<PledgeRow, 'text'>
type SignatureMeta = Omit<PledgeSignatureRow, 'signature_png'>

const PLEDGE_META = [
  'id',
  'code',
  'kind',
  'template_id',
  'enterprise_id',
  'department_id',
  'text_sha256',
  'status',
  'started_by',
  'started_side',
  'created_at',
  'effective_at',
  'withdrawn_at',
  'withdrawn_by',
  'withdraw_reason',
] as const
const SIGNATURE_META = [
  'id',
  'pledge_id',
  'side',
  'signer_user_id',
  'signer_name',
  'organisation_kind',
  'organisation_id',
  'text_sha256',
  'signature_sha256',
  'signed_at',
  'ip',
  'user_agent',
  'chain_seq',
] as const

/**
 * Walks the chain from its first entry (up to `uptoSeq`, or to its end): every link must hold under the
 * key, and every entry must match the rows it stands for as they are now (a signature row, or a pledge's
 * withdrawal). With `deep`, the pledges named there also have their text and signature images hashed
 * again. Reports the first entry where anything is off.
 */
export async function checkChain(
  db: DbOrTrx,
  key: string,
  options: { uptoSeq?: number; deep: 'all' | Set<number> },
): Promise<ChainCheck> {
  const BATCH = 500
  let previous: PledgeChainRow | null = null
  let checked = 0
  let after = 0
  const versions = new Map(
    (await db.selectFrom('pledge_templates').select(['id', 'version']).execute()).map((r) => [
      r.id,
      r.version,
    ]),
  )
  const isDeep = (pledgeId: number) => options.deep === 'all' || options.deep.has(pledgeId)
  for (;;) {
    let q = db.selectFrom('pledge_chain').selectAll().where('seq', '>', after)
    if (options.uptoSeq !== undefined) q = q.where('seq', '<=', options.uptoSeq)
    const entries = await q.orderBy('seq').limit(BATCH).execute()
    if (entries.length === 0) break
    const pledgeIds = [...new Set(entries.map((e) => e.pledge_id))]
    const signatureIds = entries.flatMap((e) => (e.signature_id !== null ? [e.signature_id] : []))
    const [pledges, signatures] = await Promise.all([
      db.selectFrom('pledges').select(PLEDGE_META).where('id', 'in', pledgeIds).execute(),
      signatureIds.length
        ? db.selectFrom('pledge_signatures').select(SIGNATURE_META).where('id', 'in', signatureIds).execute()
        : Promise.resolve([] as SignatureMeta[]),
    ])
    const pledgeById = new Map<number, PledgeMeta>(pledges.map((p) => [p.id, p]))
    const signatureById = new Map<number, SignatureMeta>(signatures.map((s) => [s.id, s]))
    for (const entry of entries) {
      const pledge = pledgeById.get(entry.pledge_id)
      const code = pledge?.code ?? null
      const fail = (reason: TChainBreakReason): ChainCheck => ({
        checked,
        lastSeq: entry.seq,
        firstBroken: breakAt(entry.seq, code, reason),
      })
      if (
        !linkHolds(
          key,
          previous && {
            seq: previous.seq,
            prevMac: previous.prev_mac,
            mac: previous.mac,
            payload: previous.payload,
          },
          { seq: entry.seq, prevMac: entry.prev_mac, mac: entry.mac, payload: entry.payload },
        )
      )
        return fail('link')
      checked += 1
      if (!pledge) return fail('record')
      let expected: string
      if (entry.action === 'sign') {
        const signature = entry.signature_id !== null ? signatureById.get(entry.signature_id) : undefined
        if (!signature || signature.pledge_id !== pledge.id || signature.chain_seq !== entry.seq)
          return fail('record')
        if (isDeep(pledge.id)) {
          const full = await db
            .selectFrom('pledge_signatures as s')
            .innerJoin('pledges as p', 'p.id', 's.pledge_id')
            .select(['s.signature_png', 'p.text'])
            .where('s.id', '=', signature.id)
            .executeTakeFirstOrThrow()
          const textHash = sha256Hex(full.text)
          if (textHash !== pledge.text_sha256 || textHash !== signature.text_sha256) return fail('text_hash')
          if (sha256Hex(Buffer.from(full.signature_png, 'base64')) !== signature.signature_sha256)
            return fail('signature_hash')
        }
        if (signature.text_sha256 !== pledge.text_sha256) return fail('text_hash')
        expected = signPayload({
          pledge,
          templateVersion: versions.get(pledge.template_id) ?? -1,
          signature,
        })
      } else {
        expected = withdrawPayload(pledge)
      }
      if (expected !== entry.payload) return fail('record')
      previous = entry
    }
    after = entries[entries.length - 1].seq
  }
  return { checked, lastSeq: previous?.seq ?? 0, firstBroken: null }
}

/** Status as the signatures and the chain say it should be. */
function expectedStatus(pledge: PledgeMeta, signatureCount: number): TPledgeStatus {
  if (pledge.withdrawn_at) return 'withdrawn'
  const needed = pledge.kind === 'government_business' ? 2 : 1
  return signatureCount >= needed ? 'effective' : 'pending'
}

/** This pledge's own records: each signature has its chain entry, a withdrawal has one, the status fits. */
async function checkOwnRecords(
  db: DbOrTrx,
  pledge: PledgeRow,
): Promise<{ lastSeq: number; broken: TChainBreak | null }> {
  const [signatures, entries] = await Promise.all([
    db.selectFrom('pledge_signatures').select(SIGNATURE_META).where('pledge_id', '=', pledge.id).execute(),
    db
      .selectFrom('pledge_chain')
      .select(['seq', 'signature_id', 'action'])
      .where('pledge_id', '=', pledge.id)
      .execute(),
  ])
  const lastSeq = Math.max(0, ...entries.map((e) => e.seq), ...signatures.map((s) => s.chain_seq))
  for (const s of signatures) {
    const entry = entries.find((e) => e.seq === s.chain_seq)
    if (!entry || entry.signature_id !== s.id)
      return { lastSeq, broken: breakAt(null, pledge.code, 'missing_entry') }
  }
  const signEntries = entries.filter((e) => e.action === 'sign')
  if (signEntries.length !== signatures.length)
    return { lastSeq, broken: breakAt(signEntries[0]?.seq ?? null, pledge.code, 'record') }
  const withdrawals = entries.filter((e) => e.action === 'withdraw')
  if ((pledge.withdrawn_at !== null) !== (withdrawals.length === 1) || withdrawals.length > 1)
    return { lastSeq, broken: breakAt(withdrawals[0]?.seq ?? null, pledge.code, 'missing_entry') }
  if (pledge.status !== expectedStatus(pledge, signatures.length))
    return { lastSeq, broken: breakAt(null, pledge.code, 'status') }
  return { lastSeq, broken: null }
}

/**
 * The public check of a pledge by its verify code: its text and signatures hashed again, its entries
 * present, and the chain from its start to this pledge's last entry intact. Who signed is shown with the
 * phone masked; the text and the signature images are not.
 */
export async function verifyByCode(
  db: DbOrTrx,
  key: string,
  rawCode: string,
  now: number,
): Promise<TPledgeVerification> {
  const code = normaliseVerifyCode(rawCode)
  if (!VERIFY_CODE_PATTERN.test(code)) throw notFound()
  const pledge = await db.selectFrom('pledges').selectAll().where('code', '=', code).executeTakeFirst()
  if (!pledge) throw notFound()
  const own = await checkOwnRecords(db, pledge)
  const chain = await checkChain(db, key, { uptoSeq: own.lastSeq, deep: new Set([pledge.id]) })
  const signatures = await signaturesOf(db, pledge.id, false)
  // The chain's own verdict on this pledge's entries counts as the record's; an earlier break is the chain's.
  const ownSeqs = new Set(signatures.map((s) => s.row.chain_seq))
  const chainBreakIsOwn =
    chain.firstBroken !== null &&
    (chain.firstBroken.pledgeCode === pledge.code || ownSeqs.has(chain.firstBroken.seq ?? -1))
  // Text and images of this pledge are hashed even when the chain broke before reaching them.
  let textOrImage: TChainBreak | null = null
  if (sha256Hex(pledge.text) !== pledge.text_sha256) textOrImage = breakAt(null, pledge.code, 'text_hash')
  else
    for (const s of signatures) {
      const png = await db
        .selectFrom('pledge_signatures')
        .select('signature_png')
        .where('id', '=', s.row.id)
        .executeTakeFirstOrThrow()
      if (sha256Hex(Buffer.from(png.signature_png, 'base64')) !== s.row.signature_sha256) {
        textOrImage = breakAt(s.row.chain_seq, pledge.code, 'signature_hash')
        break
      }
    }
  const recordBroken = own.broken ?? (chainBreakIsOwn ? chain.firstBroken : null) ?? textOrImage
  const firstBroken = chain.firstBroken ?? own.broken ?? textOrImage
  const enterprise = await db
    .selectFrom('enterprises')
    .select('name')
    .where('id', '=', pledge.enterprise_id)
    .executeTakeFirst()
  const department = pledge.department_id
    ? await db
        .selectFrom('departments')
        .select('name')
        .where('id', '=', pledge.department_id)
        .executeTakeFirst()
    : undefined
  const version = await db
    .selectFrom('pledge_templates')
    .select('version')
    .where('id', '=', pledge.template_id)
    .executeTakeFirst()
  return {
    code: pledge.code,
    kind: pledge.kind as TPledgeKind,
    title: pledge.text.split('\n', 1)[0] || PLEDGE_KIND_LABELS[pledge.kind as TPledgeKind],
    templateVersion: version?.version ?? 0,
    status: pledge.status,
    enterpriseName: enterprise?.name ?? '',
    departmentName: department?.name ?? null,
    textSha256: pledge.text_sha256,
    signers: signatures.map((s) => ({
      side: s.view.side,
      name: s.view.signerName,
      phoneMasked: s.view.phoneMasked,
      organisationName: s.view.organisationName,
      signedAt: s.view.signedAt,
      signatureSha256: s.view.signatureSha256,
      chainSeq: s.view.chainSeq,
    })),
    recordIntact: recordBroken === null,
    // The chain itself: every link holds and every other pledge's entry matches its record.
    chainIntact: chain.firstBroken === null || (chainBreakIsOwn && chain.firstBroken.reason !== 'link'),
    intact: firstBroken === null,
    checkedEntries: chain.checked,
    firstBroken,
    checkedAt: iso(now),
  }
}

/**
 * The whole chain, deeply (for the verification command): every entry, every text and image hashed
 * again, and every signature and withdrawal must have its entry. Reports the first broken record.
 */
export async function verifyWholeChain(db: DbOrTrx, key: string): Promise<ChainCheck & { pledges: number }> {
  const chain = await checkChain(db, key, { deep: 'all' })
  const pledges = await db.selectFrom('pledges').selectAll().orderBy('id').execute()
  let ownBroken: TChainBreak | null = null
  for (const pledge of pledges) {
    const own = await checkOwnRecords(db, pledge)
    if (own.broken) {
      ownBroken = own.broken
      break
    }
  }
  return { ...chain, firstBroken: chain.firstBroken ?? ownBroken, pledges: pledges.length }
}
