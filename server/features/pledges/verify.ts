import { isoAt } from '../../core/clock'
import type { PledgeChainRow, PledgeRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { found, notFound } from '../../core/errors'
import { linkHolds, sha256Hex } from './hashChain'
import {
  CHAIN_BREAK_LABELS,
  PLEDGE_KIND_LABELS,
  VERIFY_CODE_PATTERN,
  formatVerifyCode,
  normaliseVerifyCode,
  type TChainBreak,
  type TChainBreakReason,
  type TPledgeKind,
  type TPledgeStatus,
  type TPledgeVerification,
} from '../../../src/models/pledge'
import { signPayload, withdrawPayload } from './chain'
import { signaturesOf } from './views'
import { pledgesRepository } from './repository'
import { chainRepository, type PledgeMeta, type SignatureMeta } from './chainRepository'

/** Verification: a pledge by its code (public), and the whole chain. */

export function breakAt(
  seq: number | null,
  pledgeCode: string | null,
  reason: TChainBreakReason,
): TChainBreak {
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
  const versions = await chainRepository.templateVersions(db)
  const isDeep = (pledgeId: number) => options.deep === 'all' || options.deep.has(pledgeId)
  for (;;) {
    const entries = await chainRepository.entriesAfter(db, after, BATCH, options.uptoSeq)
    if (entries.length === 0) break
    const pledgeIds = [...new Set(entries.map((e) => e.pledge_id))]
    const signatureIds = entries.flatMap((e) => (e.signature_id !== null ? [e.signature_id] : []))
    const [pledges, signatures] = await Promise.all([
      chainRepository.pledgeMeta(db, pledgeIds),
      chainRepository.signatureMeta(db, signatureIds),
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
          const full = await chainRepository.signedContent(db, signature.id)
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
export function expectedStatus(pledge: PledgeMeta, signatureCount: number): TPledgeStatus {
  if (pledge.withdrawn_at) return 'withdrawn'
  const needed = pledge.kind === 'government_business' ? 2 : 1
  return signatureCount >= needed ? 'effective' : 'pending'
}

/** This pledge's own records: each signature has its chain entry, a withdrawal has one, the status fits. */
export async function checkOwnRecords(
  db: DbOrTrx,
  pledge: PledgeRow,
): Promise<{ lastSeq: number; broken: TChainBreak | null }> {
  const [signatures, entries] = await Promise.all([
    chainRepository.signatureMetaOfPledge(db, pledge.id),
    chainRepository.entriesOfPledge(db, pledge.id),
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
  const pledge = await found(chainRepository.pledgeByCode(db, code))
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
      const png = await chainRepository.signaturePng(db, s.row.id)
      if (sha256Hex(Buffer.from(png, 'base64')) !== s.row.signature_sha256) {
        textOrImage = breakAt(s.row.chain_seq, pledge.code, 'signature_hash')
        break
      }
    }
  const recordBroken = own.broken ?? (chainBreakIsOwn ? chain.firstBroken : null) ?? textOrImage
  const firstBroken = chain.firstBroken ?? own.broken ?? textOrImage
  const names = await pledgesRepository.names(db, [pledge])
  const enterprise = { name: names.enterprise.get(pledge.enterprise_id) }
  const department = pledge.department_id ? { name: names.department.get(pledge.department_id) } : undefined
  const version = { version: names.version.get(pledge.template_id) }
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
    checkedAt: isoAt(now),
  }
}

/**
 * The whole chain, deeply (for the verification command): every entry, every text and image hashed
 * again, and every signature and withdrawal must have its entry. Reports the first broken record.
 */
export async function verifyWholeChain(db: DbOrTrx, key: string): Promise<ChainCheck & { pledges: number }> {
  const chain = await checkChain(db, key, { deep: 'all' })
  const pledges = await chainRepository.allPledges(db)
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
