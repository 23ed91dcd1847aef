import { isoAt } from '../../core/clock'
import { type Transaction } from 'kysely'
import type { Database, PledgeRow, PledgeSignatureRow } from '../../core/db/schema'
import { canonicalJson, entryMac, GENESIS_MAC, MAC_VERSION } from './hashChain'
import { type PledgeContext } from './signing'
import { chainRepository } from './chainRepository'

/** Appending to the keyed hash chain: each signing and withdrawal is one entry. */

type Trx = Transaction<Database>

export interface SignPayloadInput {
  pledge: Pick<
    PledgeRow,
    | 'id'
    | 'code'
    | 'kind'
    | 'template_id'
    | 'enterprise_id'
    | 'department_id'
    | 'started_by'
    | 'started_side'
    | 'created_at'
    | 'effective_at'
    | 'dealing_version_ids'
  >
  templateVersion: number
  signature: Omit<PledgeSignatureRow, 'signature_png' | 'chain_seq'>
}

/** Whether this signature is the one that makes the pledge effective (one-sided: the only one; two-sided: the counter-signature). */
export function completesPledge(
  pledge: Pick<PledgeRow, 'kind' | 'started_side'>,
  signature: Pick<PledgeSignatureRow, 'side'>,
): boolean {
  return pledge.kind !== 'government_business' || signature.side !== pledge.started_side
}

/**
 * What a signing entry of the chain records: everything that identifies the signature, but the image
 * itself (its hash). Format 2 adds what decides who counter-signs, which year the pledge counts for and
 * the certificate's dates: its starter and side, its creation, and (on the signature that completes it)
 * when it took effect.
 *
 * `dealingVersionIds` (政商 pledges from migration 0029): the 政商交往清单 versions in force when it was
 * started, on each of its signatures' entries. Present exactly when the pledge row holds them, in every MAC
 * format: a payload written before has no such key and still matches a row without them, while ids set on
 * such a row afterwards (or removed from a newer one) no longer match the entry, which breaks as 'record'.
 */
export function signPayload(
  { pledge, templateVersion, signature: s }: SignPayloadInput,
  version = MAC_VERSION,
): string {
  const v2 =
    version >= 2
      ? {
          startedBy: pledge.started_by,
          startedSide: pledge.started_side,
          pledgeCreatedAt: pledge.created_at,
          effectiveAt: completesPledge(pledge, s) ? pledge.effective_at : null,
        }
      : {}
  return canonicalJson({
    ...v2,
    dealingVersionIds:
      pledge.dealing_version_ids === null || pledge.dealing_version_ids === undefined
        ? undefined
        : (JSON.parse(pledge.dealing_version_ids) as unknown),
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

export function withdrawPayload(
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
export async function appendChain(
  trx: Trx,
  ctx: Pick<PledgeContext, 'chainKey' | 'dialect' | 'now' | 'appended'>,
  entry: { pledgeId: number; signatureId: number | null; action: 'sign' | 'withdraw'; payload: string },
): Promise<number> {
  const last = await chainRepository.last(trx, ctx.dialect)
  const seq = (last?.seq ?? 0) + 1
  const prevMac = last?.mac ?? GENESIS_MAC
  const createdAt = isoAt(ctx.now)
  const link = {
    seq,
    prevMac,
    payload: entry.payload,
    version: MAC_VERSION,
    pledgeId: entry.pledgeId,
    signatureId: entry.signatureId,
    action: entry.action,
    createdAt,
  }
  await chainRepository.append(trx, {
    seq,
    pledge_id: entry.pledgeId,
    signature_id: entry.signatureId,
    action: entry.action,
    payload: entry.payload,
    prev_mac: prevMac,
    mac: entryMac(ctx.chainKey, link),
    created_at: createdAt,
    mac_version: MAC_VERSION,
  })
  // Known to the route, which anchors every Nth entry once the write has committed.
  ctx.appended?.push(seq)
  return seq
}
