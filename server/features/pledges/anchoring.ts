import { isoAt } from '../../core/clock'
import type { DbOrTrx } from '../../core/db/database'
import type { TChainBreak } from '../../../src/models/pledgeVerification'
import type { Checkpoint, CheckpointLog } from './checkpoints'
import { chainRepository } from './chainRepository'
import { checkChain } from './verify'

export interface CheckpointOutcome {
  checkpoint: Checkpoint | null
  /** False when the entry was anchored already (or the chain is empty, or broken). */
  written: boolean
  /** Why nothing was written: the chain does not link from the previous checkpoint up to the entry. */
  broken: TChainBreak | null
}

/**
 * Anchors entry `seq` (default: the chain's head as committed): written only when the chain links under
 * the key from the previous checkpoint up to it, so each checkpoint vouches for the stretch before it and
 * a chain cut short and grown again is never anchored over. Reads committed rows only: call it after the
 * write that appended the entry has committed.
 */
export async function writeCheckpoint(
  db: DbOrTrx,
  key: string,
  log: CheckpointLog,
  now: number,
  seq?: number,
): Promise<CheckpointOutcome> {
  const entry = seq === undefined ? await chainRepository.head(db) : await chainRepository.atOrBefore(db, seq)
  if (!entry || (seq !== undefined && entry.seq !== seq))
    return { checkpoint: null, written: false, broken: null }
  const previous = await log.atOrBefore(entry.seq)
  if (previous?.count === entry.seq) return { checkpoint: previous, written: false, broken: null }
  const walk = await checkChain(db, key, {
    from: previous,
    uptoSeq: entry.seq,
    deep: new Set(),
    records: false,
  })
  if (walk.firstBroken) return { checkpoint: null, written: false, broken: walk.firstBroken }
  const checkpoint = { count: entry.seq, mac: entry.mac, at: isoAt(now) }
  await log.append(checkpoint)
  return { checkpoint, written: true, broken: null }
}

/**
 * Anchors every `every`th entry not anchored yet, then the head: what a chain written before checkpoints
 * existed (or a process that died before writing one) needs so that every pledge's verification walks
 * only from a checkpoint near it. One pass over the links; stops at the first break.
 */
export async function anchorChain(
  db: DbOrTrx,
  key: string,
  log: CheckpointLog,
  now: number,
  every: number,
): Promise<CheckpointOutcome & { added: number }> {
  const head = await chainRepository.head(db)
  let added = 0
  for (let seq = every; head && seq < head.seq; seq += every) {
    const outcome = await writeCheckpoint(db, key, log, now, seq)
    if (outcome.broken) return { ...outcome, added }
    if (outcome.written) added += 1
  }
  const last = await writeCheckpoint(db, key, log, now)
  return { ...last, added: added + Number(last.written) }
}
