import crypto from 'node:crypto'
import type { DbOrTrx } from '../../core/db/database'
import type { AuthContext } from '../../core/access'
import { isoAt } from '../../core/clock'
import { AppError, notFound } from '../../core/errors'
import { isDatabaseConflict } from '../../core/errorHandler'
import type { WriteOutcome } from '../../core/writes'
import type { TOwnership } from '../../../src/models/org'
import { shanghaiDate, shanghaiDateAfterDays } from '../../../src/models/shanghaiTime'
import {
  EXEMPLAR_CANDIDATE_LIMIT,
  EXEMPLAR_NOTICE_MAX_DAYS,
  EXEMPLAR_ROUND_BASIS,
  exemplarClassOf,
  type TExemplarCandidate,
  type TExemplarPublicNotice,
  type TExemplarPublish,
  type TExemplarRound,
  type TExemplarRoundCreate,
  type TExemplarRoundDetail,
  type TExemplarRoundList,
  type TExemplarRoundQuery,
} from '../../../src/models/exemplars'
import { supervisionEnterprise } from '../supervision/enterpriseService'
import { exemplarRepository as repo, type RoundRow } from './repository'
import { enterpriseOwnership } from '../organisations/repository'

/**
 * 示范点 / 示范企业 (office only; the routes check it). Every change to a round first claims it while
 * unpublished (`claimUnpublished`), so nothing changes once its 公示 is out; the one-国企-one-民企 rule of a
 * 示范点 round is the unique (round, chosen slot) of its candidates.
 */

function roundOf(r: RoundRow): TExemplarRound {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    createdAt: r.created_at,
    candidateCount: Number(r.candidates),
    chosenCount: Number(r.chosen),
    cancelledAt: r.cancelled_at,
    notice:
      r.notice_code && r.notice_starts && r.notice_ends && r.published_at
        ? {
            code: r.notice_code,
            startsOn: r.notice_starts,
            endsOn: r.notice_ends,
            publishedAt: r.published_at,
          }
        : null,
  }
}

async function currentRound(db: DbOrTrx, roundId: number): Promise<TExemplarRound> {
  const r = await repo.round(db, roundId)
  if (!r) throw notFound()
  return roundOf(r)
}

/** Claims an unpublished, standing round for a change: 404 when missing, 409 once published or cancelled. */
async function claim(db: DbOrTrx, roundId: number, now: number): Promise<RoundRow> {
  if (!(await repo.claimUnpublished(db, roundId, isoAt(now)))) {
    const round = await repo.round(db, roundId)
    if (!round) throw notFound()
    throw new AppError(409, round.cancelled_at ? 'EXEMPLAR_ROUND_CANCELLED' : 'EXEMPLAR_ROUND_PUBLISHED')
  }
  return (await repo.round(db, roundId))!
}

export async function listRounds(db: DbOrTrx, query: TExemplarRoundQuery): Promise<TExemplarRoundList> {
  const [rows, total] = await Promise.all([repo.rounds(db, query), repo.roundCount(db)])
  return { items: rows.map(roundOf), total, page: query.page, pageSize: query.pageSize }
}

/**
 * A round with its candidates side by side: each one's figures are its enterprise page's
 * (`supervisionEnterprise`), reduced to what a comparison needs; at most EXEMPLAR_CANDIDATE_LIMIT pages.
 */
export async function roundDetail(
  db: DbOrTrx,
  auth: AuthContext,
  roundId: number,
  now: number,
): Promise<TExemplarRoundDetail> {
  const round = await currentRound(db, roundId)
  const candidates = await repo.candidates(db, roundId)
  const pages = await Promise.all(
    candidates.map((c) => supervisionEnterprise(db, auth, c.enterprise_id, now)),
  )
  return {
    round,
    candidates: candidates.map((c, i): TExemplarCandidate => {
      const p = pages[i]
      const raised = p.rectifications.open + p.rectifications.closed
      const rates = p.party.branches.map((b) => b.rate).filter((r): r is number => r !== null)
      return {
        enterpriseId: c.enterprise_id,
        name: c.name,
        ownership: c.ownership as TOwnership,
        class: c.class,
        chosen: c.chosen_slot !== null,
        chosenAt: c.chosen_at,
        campaigns: p.campaigns.map((k) => ({
          campaignId: k.campaignId,
          campaignName: k.campaignName,
          overall: k.overall,
          sections: k.sections,
        })),
        rectificationClosure:
          raised > 0 ? Math.round((p.rectifications.closed / raised) * 1000) / 1000 : null,
        rectificationOpen: p.rectifications.open,
        rectificationOverdue: p.rectifications.overdue,
        attendanceRate: p.attendance.rate,
        pledgeRate: p.pledges.personalRate,
        meetingRate: rates.length
          ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 1000) / 1000
          : null,
        milestones: p.milestones,
      }
    }),
  }
}

export async function createRound(
  db: DbOrTrx,
  auth: AuthContext,
  body: TExemplarRoundCreate,
  now: number,
): Promise<WriteOutcome<TExemplarRound>> {
  const at = isoAt(now)
  // 实施步骤（二）2: 国企、民企各选择1家 示范点, so one 示范点 round stands (the partial unique index decides,
  // also when two are made at once); 示范企业 rounds may repeat.
  let id: number
  try {
    id = await repo.insertRound(db, {
      kind: body.kind,
      name: body.name,
      created_by: auth.user.id,
      created_at: at,
      updated_at: at,
    })
  } catch (err) {
    if (body.kind === 'pilot' && isDatabaseConflict(err))
      throw new AppError(409, 'EXEMPLAR_PILOT_ROUND_EXISTS')
    throw err
  }
  return outcome(db, id, { kind: body.kind, name: body.name })
}

export async function addCandidate(
  db: DbOrTrx,
  auth: AuthContext,
  roundId: number,
  enterpriseId: number,
  now: number,
): Promise<WriteOutcome<TExemplarRound>> {
  const round = await claim(db, roundId, now)
  const enterprise = await enterpriseOwnership(db, enterpriseId)
  if (!enterprise) throw notFound()
  const cls = exemplarClassOf(enterprise.ownership as TOwnership)
  if (round.kind === 'pilot' && cls === 'other') throw new AppError(409, 'EXEMPLAR_NOT_ELIGIBLE')
  if (Number(round.candidates) >= EXEMPLAR_CANDIDATE_LIMIT)
    throw new AppError(409, 'EXEMPLAR_TOO_MANY_CANDIDATES')
  const added = await repo.insertCandidate(db, {
    round_id: roundId,
    enterprise_id: enterpriseId,
    class: cls,
    created_by: auth.user.id,
    created_at: isoAt(now),
  })
  if (!added) throw new AppError(409, 'EXEMPLAR_CANDIDATE_EXISTS')
  return outcome(db, roundId, { round: round.name }, enterpriseId)
}

export async function removeCandidate(
  db: DbOrTrx,
  roundId: number,
  enterpriseId: number,
  now: number,
): Promise<WriteOutcome<TExemplarRound>> {
  const round = await claim(db, roundId, now)
  if (!(await repo.deleteCandidate(db, roundId, enterpriseId)))
    throw new AppError(404, 'EXEMPLAR_NOT_CANDIDATE')
  return outcome(db, roundId, { round: round.name }, enterpriseId)
}

/**
 * Marks (or unmarks) a candidate as chosen. In a 示范点 round its slot is its class, so a second 国企 or
 * 民企 is refused by the unique index even when two requests race (one wins, the other gets 409).
 */
export async function setChosen(
  db: DbOrTrx,
  auth: AuthContext,
  roundId: number,
  enterpriseId: number,
  chosen: boolean,
  now: number,
): Promise<WriteOutcome<TExemplarRound>> {
  const round = await claim(db, roundId, now)
  const candidate = await repo.candidate(db, roundId, enterpriseId)
  if (!candidate) throw new AppError(404, 'EXEMPLAR_NOT_CANDIDATE')
  // Already as asked: nothing changes (a retry after a lost answer).
  if ((candidate.chosen_slot !== null) !== chosen) {
    const slot = round.kind === 'pilot' ? candidate.class : `e${enterpriseId}`
    try {
      await repo.setChosen(
        db,
        roundId,
        enterpriseId,
        chosen ? { slot, at: isoAt(now), by: auth.user.id } : null,
      )
    } catch (err) {
      if (isDatabaseConflict(err)) throw new AppError(409, 'EXEMPLAR_SLOT_TAKEN')
      throw err
    }
  }
  return outcome(db, roundId, { round: round.name }, enterpriseId)
}

/** A change to a round, answered with the round as it now stands; audited against the enterprise it is about, if one. */
async function outcome(
  db: DbOrTrx,
  roundId: number,
  detail: object,
  enterpriseId?: number,
): Promise<WriteOutcome<TExemplarRound>> {
  return {
    result: await currentRound(db, roundId),
    entityType: 'exemplar_round',
    entityId: roundId,
    detail,
    organisation: enterpriseId === undefined ? null : { kind: 'enterprise', id: enterpriseId },
  }
}

/** Publishes the round's 公示 (once): a stable public code, the period, one history entry per chosen enterprise. */
export async function publish(
  db: DbOrTrx,
  auth: AuthContext,
  roundId: number,
  body: TExemplarPublish,
  ip: string,
  now: number,
): Promise<WriteOutcome<TExemplarRound>> {
  await claim(db, roundId, now)
  const today = shanghaiDate(now)
  const latestEnd = shanghaiDateAfterDays(
    Date.parse(`${body.startsOn}T00:00:00+08:00`),
    EXEMPLAR_NOTICE_MAX_DAYS,
  )
  if (body.startsOn < today || body.endsOn < body.startsOn || body.endsOn > latestEnd)
    throw new AppError(400, 'EXEMPLAR_NOTICE_PERIOD')
  const chosen = await repo.chosen(db, roundId)
  if (chosen.length === 0) throw new AppError(409, 'EXEMPLAR_NONE_CHOSEN')
  const at = isoAt(now)
  const code = crypto.randomBytes(12).toString('base64url')
  await repo.publish(db, roundId, { code, starts: body.startsOn, ends: body.endsOn, at, by: auth.user.id })
  // The chosen enterprises carry the mark from the 公示 on (see `markDemonstration`).
  await repo.markDemonstration(
    db,
    chosen.map((c) => c.enterprise_id),
    (await repo.round(db, roundId))!.kind === 'pilot' ? 2 : 1,
    at,
  )
  await repo.auditNotice(
    db,
    chosen.map((c) => ({ userId: auth.user.id, enterpriseId: c.enterprise_id, roundId, ip, at })),
  )
  return outcome(db, roundId, {
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    enterprises: chosen.map((c) => c.enterprise_id),
  })
}

/**
 * The public 公示 by its code: the round's title, kind and period always; the chosen enterprises' names and
 * classes only while it runs. Nothing else of them (no scores, no people).
 */
export async function publicNotice(db: DbOrTrx, code: string, now: number): Promise<TExemplarPublicNotice> {
  const round = await repo.roundByCode(db, code)
  if (!round?.notice_starts || !round.notice_ends) throw notFound()
  const today = shanghaiDate(now)
  const state = today < round.notice_starts ? 'upcoming' : today > round.notice_ends ? 'ended' : 'open'
  const items = state === 'open' ? await repo.chosen(db, round.id) : []
  return {
    title: round.name,
    kind: round.kind,
    basis: EXEMPLAR_ROUND_BASIS[round.kind],
    startsOn: round.notice_starts,
    endsOn: round.notice_ends,
    state,
    items: items.map((c) => ({ name: c.name, class: c.class })),
  }
}

/** Cancels a round before its 公示 (a 示范点 round cancelled frees the way for a new one). */
export async function cancelRound(
  db: DbOrTrx,
  roundId: number,
  now: number,
): Promise<WriteOutcome<TExemplarRound>> {
  const round = await claim(db, roundId, now)
  if (!(await repo.cancel(db, roundId, isoAt(now)))) throw new AppError(409, 'EXEMPLAR_ROUND_PUBLISHED')
  return outcome(db, roundId, { kind: round.kind, name: round.name })
}
