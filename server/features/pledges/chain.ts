import { isoAt } from '../../core/clock'
import { type Transaction } from 'kysely'
import type { Database, PledgeRow, PledgeSignatureRow } from '../../core/db/schema'
import { canonicalJson, chainMac, GENESIS_MAC } from './hashChain'
import { type PledgeContext } from './signing'
import { chainRepository } from './chainRepository'

/** Appending to the keyed hash chain: each signing and withdrawal is one entry. */

type Trx = Transaction<Database>

export interface SignPayloadInput {
  pledge: Pick<PledgeRow, 'id' | 'code' | 'kind' | 'template_id' | 'enterprise_id' | 'department_id'>
  templateVersion: number
  signature: Omit<PledgeSignatureRow, 'signature_png' | 'chain_seq'>
}

/** What a signing entry of the chain records: everything that identifies the signature, but the image itself (its hash). */
export function signPayload({ pledge, templateVersion, signature: s }: SignPayloadInput): string {
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
  ctx: Pick<PledgeContext, 'chainKey' | 'dialect' | 'now'>,
  entry: { pledgeId: number; signatureId: number | null; action: 'sign' | 'withdraw'; payload: string },
): Promise<number> {
  const last = await chainRepository.last(trx, ctx.dialect)
  const seq = (last?.seq ?? 0) + 1
  const prevMac = last?.mac ?? GENESIS_MAC
  await chainRepository.append(trx, {
    seq,
    pledge_id: entry.pledgeId,
    signature_id: entry.signatureId,
    action: entry.action,
    payload: entry.payload,
    prev_mac: prevMac,
    mac: chainMac(ctx.chainKey, prevMac, entry.payload),
    created_at: isoAt(ctx.now),
  })
  return seq
}
