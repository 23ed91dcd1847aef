import { refsOfIds } from '../dealings/service'
import type { PledgeRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { found } from '../../core/errors'
import { heldOrganisationIds, type AuthContext } from '../../core/access'
import { maskPhone } from '../../../src/models/phone'
import {
  PLEDGE_KIND_LABELS,
  PLEDGE_WITHDRAW_AFTER_DAYS,
  type TPledge,
  type TPledgeKind,
  type TPledgeSummary,
  type TPledgeTodo,
} from '../../../src/models/pledge'
import { counterSide, canSignSide } from './access'
import { pledgesRepository } from './repository'
import { shanghaiYear, shanghaiYearRange } from '../../../src/models/shanghaiTime'

/** A pledge as its viewers see it, the caller's pledges and what they still have to sign. */

const DAY_MS = 24 * 3600_000

export function withdrawable(pledge: PledgeRow, auth: AuthContext, now: number): boolean {
  return (
    pledge.status === 'pending' &&
    pledge.started_by === auth.user.id &&
    now - Date.parse(pledge.created_at) >= PLEDGE_WITHDRAW_AFTER_DAYS * DAY_MS
  )
}

export async function summaries(
  db: DbOrTrx,
  auth: AuthContext,
  pledges: PledgeRow[],
  now: number,
): Promise<TPledgeSummary[]> {
  const n = await pledgesRepository.names(db, pledges)
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

export async function signaturesOf(db: DbOrTrx, pledgeId: number, withImages: boolean) {
  const rows = await pledgesRepository.signatures(db, pledgeId)
  return rows.map(({ row: r, organisationName }) => ({
    row: r,
    view: {
      id: r.id,
      side: r.side,
      signerUserId: r.signer_user_id,
      signerName: r.signer_name,
      phoneMasked: maskPhone(r.phone),
      organisationKind: r.organisation_kind,
      organisationId: r.organisation_id,
      organisationName,
      signedAt: r.signed_at,
      signatureSha256: r.signature_sha256,
      ...(withImages ? { image: `data:image/png;base64,${r.signature_png}` } : {}),
      chainSeq: r.chain_seq,
    },
  }))
}

export async function pledgeView(
  db: DbOrTrx,
  auth: AuthContext,
  pledge: PledgeRow,
  now: number,
): Promise<TPledge> {
  const [summary] = await summaries(db, auth, [pledge], now)
  const signatures = await signaturesOf(db, pledge.id, true)
  let withdrawn: TPledge['withdrawn'] = null
  if (pledge.withdrawn_at) {
    const byName = pledge.withdrawn_by ? await pledgesRepository.userName(db, pledge.withdrawn_by) : undefined
    withdrawn = { at: pledge.withdrawn_at, byName: byName ?? '', reason: pledge.withdraw_reason ?? '' }
  }
  return {
    ...summary,
    text: pledge.text,
    textSha256: pledge.text_sha256,
    signatures: signatures.map((s) => s.view),
    withdrawn,
    verifyPath: `/api/v1/pledges/verify/${pledge.code}`,
    dealings: await refsOfIds(db, pledge.dealing_version_ids),
  }
}

// ---------- lists ----------

/**
 * My pledges: those I signed or started; the two-sided ones naming an organisation where I sign for its
 * side (head of the enterprise, cadre of the department); the enterprise pledges of enterprises I head.
 */
export async function listMyPledges(db: DbOrTrx, auth: AuthContext, now: number): Promise<TPledgeSummary[]> {
  const heads = heldOrganisationIds(auth, 'enterprise', 'head')
  const officials = heldOrganisationIds(auth, 'department', 'official')
  const rows = await pledgesRepository.listForUser(db, auth.user.id, heads, officials)
  return summaries(db, auth, rows, now)
}

export async function pledgeTodo(db: DbOrTrx, auth: AuthContext, now: number): Promise<TPledgeTodo> {
  const year = shanghaiYear(now)
  const [from, to] = shanghaiYearRange(year)
  const enterpriseIds = [
    ...new Set(
      auth.memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id),
    ),
  ]
  const personal: TPledgeTodo['personal'] = []
  if (enterpriseIds.length) {
    const {
      enterprises,
      signedIn: done,
      remindedAt: reminded,
    } = await pledgesRepository.personalPledgeFacts(db, auth.user.id, enterpriseIds, year, [from, to])
    for (const e of enterprises)
      if (!done.has(e.id))
        personal.push({ enterpriseId: e.id, enterpriseName: e.name, remindedAt: reminded.get(e.id) ?? null })
  }
  const mine = await listMyPledges(db, auth, now)
  return { personal, countersign: mine.filter((p) => p.canCountersign) }
}

/** A department's cadre names the enterprise of a 政商 pledge by its 统一社会信用代码 (public registry data). */
export async function findCounterparty(db: DbOrTrx, creditCode: string) {
  const row = await found(pledgesRepository.enterpriseByCreditCode(db, creditCode.trim().toUpperCase()))
  return row
}
