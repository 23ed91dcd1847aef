import { isoAt } from '../../core/clock'
import type { PledgeChainRow, PledgeRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { found, notFound } from '../../core/errors'
import { entryMac, linkHolds, macEquals, sha256Hex, type ChainLink } from './hashChain'
import type { Checkpoint, CheckpointLog } from './checkpoints'
import { PLEDGE_KIND_LABELS, type TPledgeKind, type TPledgeStatus } from '../../../src/models/pledge'
import {
  CHAIN_BREAK_LABELS,
  anchorSummary,
  chainRange,
  VERIFY_CODE_PATTERN,
  formatVerifyCode,
  normaliseVerifyCode,
  type TChainBreak,
  type TChainBreakReason,
  type TPledgeVerification,
} from '../../../src/models/pledgeVerification'
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

/** Entries `from`–`to` vouched for by a checkpoint are not in the database. */
export function missingRange(from: number, to: number): TChainBreak {
  return {
    seq: from,
    pledgeCode: null,
    reason: 'missing',
    missing: { from, to },
    message: `哈希链${chainRange(from, to)}缺失：${CHAIN_BREAK_LABELS.missing}`,
  }
}

export interface ChainCheck {
  checked: number
  lastSeq: number
  firstBroken: TChainBreak | null
}

export interface ChainWalk {
  /** Start at this checkpoint's entry, trusting its mac (default: the chain's first entry). */
  from?: Checkpoint | null
  /** Stop after this entry (default: the chain's end). */
  uptoSeq?: number
  /** Whose text and images are hashed again ('all', or these pledge ids). */
  deep: 'all' | Set<number>
  /** Whether each entry must match the rows it stands for (default true; the checkpoint writer checks links only). */
  records?: boolean
  /** Checkpoints to meet on the way (seq → mac): an entry that differs from its checkpoint breaks there. */
  checkpoints?: Map<number, string>
}

const linkOf = (e: PledgeChainRow): ChainLink => ({
  seq: e.seq,
  prevMac: e.prev_mac,
  mac: e.mac,
  payload: e.payload,
  version: e.mac_version,
  pledgeId: e.pledge_id,
  signatureId: e.signature_id,
  action: e.action,
  createdAt: e.created_at,
})

/**
 * Walks the chain from its first entry, or from a checkpoint's entry (whose mac must be the one the
 * checkpoint signed), up to `uptoSeq` or to its end: every link must hold under the key, and (with
 * `records`) every entry must match the rows it stands for as they are now (a signature row, or a
 * pledge's withdrawal). With `deep`, the pledges named there also have their text and signature images
 * hashed again. Reports the first entry where anything is off.
 */
export async function checkChain(db: DbOrTrx, key: string, options: ChainWalk): Promise<ChainCheck> {
  const BATCH = 500
  const anchor = options.from ?? null
  const records = options.records ?? true
  let previous: ChainLink | null = null
  let checked = 0
  let after = anchor ? anchor.count - 1 : 0
  const versions = records ? await chainRepository.templateVersions(db) : new Map<number, number>()
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
      const link = linkOf(entry)
      if (previous === null && anchor !== null) {
        // The anchor's entry: still there, with the mac the checkpoint signed, the keyed hash of its own row.
        if (entry.seq !== anchor.count)
          return { checked, lastSeq: entry.seq, firstBroken: missingRange(anchor.count, entry.seq - 1) }
        if (!macEquals(entry.mac, anchor.mac)) return fail('anchor')
        if (!macEquals(entry.mac, entryMac(key, link))) return fail('link')
      } else if (!linkHolds(key, previous, link)) return fail('link')
      const checkpointMac = options.checkpoints?.get(entry.seq)
      if (checkpointMac !== undefined && !macEquals(entry.mac, checkpointMac)) return fail('anchor')
      checked += 1
      previous = link
      if (!records) continue
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
        // Rebuilt from the rows as they are now, in the entry's own format.
        const templateVersion = versions.get(pledge.template_id) ?? -1
        expected = signPayload({ pledge, templateVersion, signature }, entry.mac_version)
      } else {
        expected = withdrawPayload(pledge)
      }
      if (expected !== entry.payload) return fail('record')
    }
    after = entries[entries.length - 1].seq
    if (entries.length < BATCH) break
  }
  // The anchor's own entry must still be there.
  if (anchor && previous === null)
    return { checked, lastSeq: anchor.count, firstBroken: missingRange(anchor.count, anchor.count) }
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
): Promise<{ seqs: number[]; broken: TChainBreak | null }> {
  const [signatures, entries] = await Promise.all([
    chainRepository.signatureMetaOfPledge(db, pledge.id),
    chainRepository.entriesOfPledge(db, pledge.id),
  ])
  const seqs = [...new Set([...entries.map((e) => e.seq), ...signatures.map((s) => s.chain_seq)])].sort(
    (a, b) => a - b,
  )
  const result = (broken: TChainBreak | null) => ({ seqs, broken })
  for (const s of signatures) {
    const entry = entries.find((e) => e.seq === s.chain_seq)
    if (!entry || entry.signature_id !== s.id) return result(breakAt(null, pledge.code, 'missing_entry'))
  }
  const signEntries = entries.filter((e) => e.action === 'sign')
  if (signEntries.length !== signatures.length)
    return result(breakAt(signEntries[0]?.seq ?? null, pledge.code, 'record'))
  const withdrawals = entries.filter((e) => e.action === 'withdraw')
  if ((pledge.withdrawn_at !== null) !== (withdrawals.length === 1) || withdrawals.length > 1)
    return result(breakAt(withdrawals[0]?.seq ?? null, pledge.code, 'missing_entry'))
  // Only an effective pledge has a time it took effect (the chain records it on the completing signature).
  if (
    pledge.status !== expectedStatus(pledge, signatures.length) ||
    (pledge.status === 'effective') !== (pledge.effective_at !== null)
  )
    return result(breakAt(null, pledge.code, 'status'))
  return result(null)
}

/**
 * Walks, for each of these entries, from the nearest checkpoint at or before it up to it (from the
 * chain's start when there is none): what one pledge's verification costs is bounded by the distance
 * between checkpoints, not by the chain's length. Links and records only (the caller hashes its own
 * text and images). Reports the first break.
 */
export async function checkAround(
  db: DbOrTrx,
  key: string,
  log: CheckpointLog,
  seqs: number[],
): Promise<ChainCheck> {
  const segments: { from: Checkpoint | null; upto: number }[] = []
  for (const seq of seqs) {
    const from = await log.atOrBefore(seq)
    const last = segments[segments.length - 1]
    // Segments that overlap are walked once.
    if (last && (from?.count ?? 1) <= last.upto) last.upto = seq
    else segments.push({ from, upto: seq })
  }
  let checked = 0
  for (const segment of segments) {
    const walk = await checkChain(db, key, { from: segment.from, uptoSeq: segment.upto, deep: new Set() })
    checked += walk.checked
    if (walk.firstBroken) return { ...walk, checked }
  }
  return { checked, lastSeq: seqs[seqs.length - 1] ?? 0, firstBroken: null }
}

/**
 * The chain against the latest checkpoint: the entry it names must still be there with the mac it
 * signed; entries it vouches for that are gone are reported as a range. Two lookups.
 */
export async function checkAnchor(
  db: DbOrTrx,
  log: CheckpointLog,
): Promise<{ anchor: Checkpoint | null; broken: TChainBreak | null }> {
  const anchor = await log.latest()
  if (!anchor) return { anchor, broken: null }
  const row = await chainRepository.atOrBefore(db, anchor.count)
  if (!row || row.seq < anchor.count)
    return { anchor, broken: missingRange((row?.seq ?? 0) + 1, anchor.count) }
  return { anchor, broken: macEquals(row.mac, anchor.mac) ? null : breakAt(row.seq, null, 'anchor') }
}

/**
 * The public check of a pledge by its verify code: its text and signatures hashed again, its entries
 * present, the chain intact from the nearest checkpoint before each of its entries up to it, and the
 * chain's head where the latest checkpoint says it was. Who signed is shown with the phone masked; the
 * text and the signature images are not.
 */
export async function verifyByCode(
  db: DbOrTrx,
  key: string,
  log: CheckpointLog,
  rawCode: string,
  now: number,
): Promise<TPledgeVerification> {
  const code = normaliseVerifyCode(rawCode)
  if (!VERIFY_CODE_PATTERN.test(code)) throw notFound()
  const pledge = await found(chainRepository.pledgeByCode(db, code))
  // Independent reads side by side: the public route's cost is its longest path, not their sum.
  const [chain, anchored, signatures, images, names] = await Promise.all([
    // The walk checks links and records; this pledge's text and images are hashed once, below.
    checkOwnRecords(db, pledge).then(async (own) => ({
      own,
      ...(await checkAround(db, key, log, own.seqs)),
    })),
    checkAnchor(db, log),
    signaturesOf(db, pledge.id, false),
    chainRepository.signaturePngsOf(db, pledge.id),
    pledgesRepository.names(db, [pledge]),
  ])
  const own = chain.own
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
      const png = images.get(s.row.id) ?? ''
      if (sha256Hex(Buffer.from(png, 'base64')) !== s.row.signature_sha256) {
        textOrImage = breakAt(s.row.chain_seq, pledge.code, 'signature_hash')
        break
      }
    }
  const recordBroken = own.broken ?? (chainBreakIsOwn ? chain.firstBroken : null) ?? textOrImage
  // A tail cut off after this pledge, or a head replaced, is the chain's break, found last.
  const firstBroken = chain.firstBroken ?? own.broken ?? textOrImage ?? anchored.broken
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
    chainIntact:
      anchored.broken === null &&
      (chain.firstBroken === null || (chainBreakIsOwn && chain.firstBroken.reason !== 'link')),
    intact: firstBroken === null,
    checkedEntries: chain.checked,
    firstBroken,
    anchor: anchored.anchor,
    checkedAt: isoAt(now),
  }
}

/** The chain's anchoring in one line, as the 工作台账 prints it: the latest checkpoint and how the chain compares. */
export async function anchorLine(db: DbOrTrx, log: CheckpointLog): Promise<string> {
  const [{ anchor, broken }, head] = await Promise.all([checkAnchor(db, log), chainRepository.head(db)])
  const stored = `数据库中现有 ${head?.seq ?? 0} 条`
  if (!anchor) return `${anchorSummary(null)}；${stored}`
  const verdict = broken ? `✗ ${broken.message}` : '✓ 与锚点一致'
  return `${anchorSummary(anchor)}；锚点 MAC ${anchor.mac}；${stored}；核对：${verdict}`
}

/**
 * The whole chain, deeply (for the verification command): every entry, every text and image hashed
 * again, every checkpoint met on the way, every signature and withdrawal must have its entry, and
 * nothing the latest checkpoint vouches for may be missing. Reports the first broken record.
 */
export async function verifyWholeChain(
  db: DbOrTrx,
  key: string,
  log: CheckpointLog | null,
): Promise<ChainCheck & { pledges: number; anchor: Checkpoint | null }> {
  const checkpoints = new Map(((await log?.all()) ?? []).map((cp) => [cp.count, cp.mac]))
  const chain = await checkChain(db, key, { deep: 'all', checkpoints })
  const anchored = log ? await checkAnchor(db, log) : { anchor: null, broken: null }
  const pledges = await chainRepository.allPledges(db)
  let ownBroken: TChainBreak | null = null
  for (const pledge of pledges) {
    const own = await checkOwnRecords(db, pledge)
    if (own.broken) {
      ownBroken = own.broken
      break
    }
  }
  return {
    ...chain,
    firstBroken: chain.firstBroken ?? ownBroken ?? anchored.broken,
    pledges: pledges.length,
    anchor: anchored.anchor,
  }
}
