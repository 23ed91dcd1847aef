import { isoAt } from '../../core/clock'
import { type Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { pageOfList, type PageRequest } from '../../core/db/page'
import { invalid } from '../../core/errors'
import { heldOrganisationIds, isOffice, type AuthContext } from '../../core/access'
import type { WriteOutcome } from '../../core/writes'
import { maskPhone } from '../../../src/models/phone'
import {
  SOE_LEADER_OWNERSHIPS,
  type TPledgeCoverage,
  type TPledgeKind,
  type TPledgeStatus,
  type TSupervisionPledgeCoverage,
  type TSupervisionPledgePage,
} from '../../../src/models/pledge'
import { shanghaiYear, shanghaiYearRange } from '../../../src/models/shanghaiTime'
import { pledgeCoverageRepository } from './repository'
import { approvedMemberCounts } from '../../core/db/members'
import { membershipsRepository } from '../organisations/membershipsRepository'

/** Coverage: who has signed this year, reminders, and the supervisors' view per enterprise. */

type Trx = Transaction<Database>

export async function enterpriseCoverage(
  db: DbOrTrx,
  enterpriseId: number,
  year: number,
): Promise<TPledgeCoverage> {
  const [from, to] = shanghaiYearRange(year)
  const enterprise = await pledgeCoverageRepository.enterprise(db, enterpriseId)
  const members = await pledgeCoverageRepository.approvedMembers(db, enterpriseId)
  const [signed, reminders] = await Promise.all([
    pledgeCoverageRepository.personalSigned(db, enterpriseId, [from, to]),
    pledgeCoverageRepository.lastReminders(db, enterpriseId, year),
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
export const REMIND_AGAIN_AFTER_MS = 12 * 3600_000

export async function remindUnsigned(
  trx: Trx,
  auth: AuthContext,
  enterpriseId: number,
  userIds: number[] | undefined,
  now: number,
): Promise<WriteOutcome<{ reminded: number; skipped: number }>> {
  const year = shanghaiYear(now)
  // Under the enterprise's row lock: a concurrent reminder waits, then sees whom this one reminded.
  await membershipsRepository.lockOrganisation(trx, 'enterprise', enterpriseId)
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
    await pledgeCoverageRepository.insertReminders(
      trx,
      targets.map((m) => ({
        enterprise_id: enterpriseId,
        user_id: m.userId,
        year,
        sent_by: auth.user.id,
        created_at: isoAt(now),
      })),
    )
  const considered = wanted ? unsigned.filter((m) => wanted.has(m.userId)).length : unsigned.length
  return {
    result: { reminded: targets.length, skipped: considered - targets.length },
    entityType: 'enterprise',
    entityId: enterpriseId,
    detail: { action: 'pledge.remind', userIds: targets.map((t) => t.userId), year },
  }
}

/** The supervisors' view per enterprise (the office: all); only one enterprise's with `enterpriseId` (its page). */
export async function supervisionCoverage(
  db: DbOrTrx,
  auth: AuthContext,
  year: number,
  enterpriseId?: number,
): Promise<TSupervisionPledgeCoverage> {
  const [from, to] = shanghaiYearRange(year)
  let departments: number[] | null = null
  if (!isOffice(auth)) {
    departments = heldOrganisationIds(auth, 'department', 'supervisor')
    if (departments.length === 0) return { year, enterprises: [] }
  }
  const enterprises = await pledgeCoverageRepository.enterprisesSupervised(db, departments, enterpriseId)
  if (enterprises.length === 0) return { year, enterprises: [] }
  const ids = enterprises.map((e) => e.id)
  const chunks: number[][] = []
  for (let i = 0; i < ids.length; i += 1000) chunks.push(ids.slice(i, i + 1000))
  const memberCounts = new Map<number, number>()
  const counts = new Map<string, number>()
  for (const chunk of chunks) {
    const [members, pledges] = await Promise.all([
      approvedMemberCounts(db, chunk),
      pledgeCoverageRepository.pledgeCounts(db, chunk, [from, to]),
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

/** 承诺监管 one page at a time, in the whole list's order, with how many enterprises in all. */
export async function supervisionCoveragePage(
  db: DbOrTrx,
  auth: AuthContext,
  year: number,
  page: PageRequest,
): Promise<TSupervisionPledgePage> {
  const { enterprises } = await supervisionCoverage(db, auth, year)
  return { year, ...pageOfList(enterprises, page) }
}
