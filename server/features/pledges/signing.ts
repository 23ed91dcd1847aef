import { isoAt } from '../../core/clock'
import { type Transaction } from 'kysely'
import type { Database, PledgeRow, PledgeSignatureRow } from '../../core/db/schema'
import type { DbOrTrx, Dialect } from '../../core/db/database'
import { AppError, invalid } from '../../core/errors'
import { sha256Hex } from './hashChain'
import { decodeSignature, newVerifyCode } from './signature'
import { holdsRole, type AuthContext } from '../../core/access'
import { PLEDGE_ENTERPRISE_SIGNER_ROLES } from '../../../src/models/roles'
import type { WriteOutcome } from '../../core/writes'
import {
  PLEDGE_KIND_LABELS,
  PLEDGE_WITHDRAW_AFTER_DAYS,
  SOE_LEADER_OWNERSHIPS,
  renderPledgeText,
  type TPledge,
  type TPledgeKind,
  type TPledgeSide,
} from '../../../src/models/pledge'
import { parseContent } from './templates'
import { pledgeTemplatesRepository, pledgesRepository } from './repository'
import { signPayload, withdrawPayload, appendChain } from './chain'
import { chainRepository } from './chainRepository'
import { counterSide, canSignSide, loadPledge } from './access'
import { pledgeView } from './views'
import { shanghaiYear, shanghaiYearRange } from '../../../src/models/shanghaiTime'
import { inForceRefs } from '../dealings/service'
import { enterpriseOwnership } from '../organisations/repository'

/** Signing: starting a pledge, the counter-signature, withdrawal. */

type Trx = Transaction<Database>
const DAY_MS = 24 * 3600_000

/** What every pledge write needs besides the body: the chain key and the request's facts. */
export interface PledgeContext {
  auth: AuthContext
  chainKey: string
  dialect: Dialect
  ip: string | null
  userAgent: string | null
  now: number
  /** The chain entries this request appended (the route anchors every Nth once committed). */
  appended?: number[]
}

// ---------- signing ----------

export async function currentTemplate(trx: DbOrTrx, templateId: number) {
  const row = await pledgeTemplatesRepository.byId(trx, templateId)
  if (!row) throw invalid('templateId', '承诺书模板不存在')
  if ((await pledgeTemplatesRepository.newestVersion(trx, row.kind)) !== row.version)
    throw new AppError(409, 'PLEDGE_TEMPLATE_OUTDATED')
  return { row, kind: row.kind as TPledgeKind, content: parseContent(row.content) }
}

export function checkText(text: string, claimed: string) {
  if (sha256Hex(text) !== claimed) throw new AppError(409, 'PLEDGE_TEXT_MISMATCH')
}

export async function insertSignature(
  trx: Trx,
  ctx: PledgeContext,
  pledge: PledgeRow,
  templateVersion: number,
  side: TPledgeSide,
  organisation: { kind: 'enterprise' | 'department'; id: number },
  image: { base64: string; sha256: string },
): Promise<PledgeSignatureRow> {
  const signedAt = isoAt(ctx.now)
  const inserted = await pledgesRepository.insertSignature(trx, {
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
  if (!inserted) throw new AppError(409, 'PLEDGE_NOT_PENDING')
  const seq = await appendChain(trx, ctx, {
    pledgeId: pledge.id,
    signatureId: inserted.id,
    action: 'sign',
    payload: signPayload({ pledge, templateVersion, signature: inserted }),
  })
  await pledgesRepository.setSignatureChainSeq(trx, inserted.id, seq)
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
  /** The 政商交往清单 versions the signer's page showed (optional: checked when given). */
  dealingVersionIds?: number[]
}

/**
 * The 政商交往清单 versions a 政商 pledge started now is signed under (JSON of their ids, null when none is in
 * force or for the other kinds); when the signer's page named the versions it showed, they must be these.
 */
async function dealingVersionsOf(trx: Trx, kind: TPledgeKind, shown: number[] | undefined) {
  if (kind !== 'government_business') return null
  const ids = (await inForceRefs(trx)).map((r) => r.id)
  if (shown && [...shown].sort((a, b) => a - b).join() !== [...ids].sort((a, b) => a - b).join())
    throw new AppError(409, 'DEALINGS_CHANGED')
  return ids.length > 0 ? JSON.stringify(ids) : null
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
  const enterprise = await enterpriseOwnership(trx, body.enterpriseId)
  if (!enterprise) throw invalid('enterpriseId', '企业不存在')

  let department: { id: number; name: string } | undefined
  if (kind === 'government_business') {
    if (body.departmentId === null) throw invalid('departmentId', '请选择党员干部所在部门')
    department = await pledgesRepository.department(trx, body.departmentId)
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
    !holdsRole(auth, 'enterprise', enterprise.id, PLEDGE_ENTERPRISE_SIGNER_ROLES)
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
    // Under the chain's lock, which this signing takes anyway to append its entry: a concurrent signing by
    // the same signer waits here and then finds this one's pledge (checked, then written, in one turn).
    await chainRepository.lock(trx, ctx.dialect)
    const year = shanghaiYearRange(shanghaiYear(now))
    const by = kind !== 'enterprise' ? auth.user.id : undefined
    if (await pledgesRepository.hasEffective(trx, kind, enterprise.id, year, by))
      throw new AppError(409, 'PLEDGE_ALREADY_SIGNED')
  }

  const text = renderPledgeText(kind, template.content, {
    signer: kind === 'government_business' ? undefined : auth.user.name,
    enterprise: enterprise.name,
    department: department?.name,
  })
  checkText(text, body.textSha256)

  const dealingVersionIds = await dealingVersionsOf(trx, kind, body.dealingVersionIds)
  const created = isoAt(now)
  const oneSided = kind !== 'government_business'
  const pledge = await pledgesRepository.insert(trx, {
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
    dealing_version_ids: dealingVersionIds,
  })
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
  // The route's access check admitted the caller to this pledge; read it again inside the write.
  const pledge = await loadPledge(trx, pledgeId)
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
  const version = (await pledgeTemplatesRepository.byId(trx, pledge.template_id))!
  const organisation =
    side === 'department'
      ? { kind: 'department' as const, id: pledge.department_id! }
      : { kind: 'enterprise' as const, id: pledge.enterprise_id }
  // The counter-signature's chain entry records when the pledge takes effect.
  const effectiveAt = isoAt(now)
  const after = { ...pledge, status: 'effective' as const, effective_at: effectiveAt }
  await insertSignature(trx, ctx, after, version.version, side, organisation, image)
  if (
    !(await pledgesRepository.leavePending(trx, pledge.id, {
      status: 'effective',
      effective_at: effectiveAt,
    }))
  )
    throw new AppError(409, 'PLEDGE_NOT_PENDING')
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
  const pledge = await loadPledge(trx, pledgeId)
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
    withdrawn_at: isoAt(now),
    withdrawn_by: auth.user.id,
    withdraw_reason: reason,
  }
  // Conditional on it still pending: of two withdrawals (or a withdrawal and the counter-signature), one wins.
  const left = await pledgesRepository.leavePending(trx, pledge.id, {
    status: after.status,
    withdrawn_at: after.withdrawn_at,
    withdrawn_by: after.withdrawn_by,
    withdraw_reason: after.withdraw_reason,
  })
  if (!left) throw new AppError(409, 'PLEDGE_NOT_PENDING')
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
