import { myBranches } from './branches'
import type { PartyBranchRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { pageOfList, type PageRequest } from '../../core/db/page'
import { isOffice, supervisorDepartmentIds, type AuthContext } from '../../core/access'
import {
  type TCompliance,
  type TDueItem,
  type TPartySupervision,
  type TPartySupervisionPage,
} from '../../../src/models/meeting'
import {
  computeCompliance,
  type ComplianceGroup,
  dueSoon,
  monthPeriod,
  type ComplianceMeeting,
  countsTowardCompliance,
  type TMeetingType,
} from '../../../src/models/meetingCompliance'
import { shanghaiParts, shanghaiYearRange } from '../../../src/models/shanghaiTime'
import { branchesRepository } from './repository'
import type { TPartyOrg } from '../../../src/models/org'
import { meetingsRepository } from './meetingsRepository'

/** What is due: the compliance calendar, the 7-day list and the supervisors' view. */

export async function complianceMeetings(
  db: DbOrTrx,
  branchIds: number[],
  year: number,
): Promise<Map<number, ComplianceMeeting[]>> {
  const byBranch = new Map<number, ComplianceMeeting[]>(branchIds.map((id) => [id, []]))
  if (branchIds.length === 0) return byBranch
  const rows = await meetingsRepository.submittedIn(db, branchIds, shanghaiYearRange(year))
  for (const r of rows)
    byBranch.get(r.branch_id)?.push({
      type: r.type as TMeetingType,
      startsAt: r.starts_at,
      groupId: r.group_id,
      status: r.status,
      present: r.present_count,
    })
  return byBranch
}

export async function groupsByBranch(db: DbOrTrx, branchIds: number[]) {
  const byBranch = new Map<number, ComplianceGroup[]>(branchIds.map((id) => [id, []]))
  if (branchIds.length === 0) return byBranch
  const rows = await branchesRepository.groupsOf(db, branchIds)
  for (const r of rows)
    byBranch.get(r.branch_id)?.push({ id: r.id, name: r.name, since: Date.parse(r.created_at) })
  return byBranch
}

export async function branchCompliance(
  db: DbOrTrx,
  branch: PartyBranchRow,
  year: number,
  now: number,
): Promise<TCompliance> {
  const [meetings, groups] = await Promise.all([
    complianceMeetings(db, [branch.id], year),
    groupsByBranch(db, [branch.id]),
  ])
  const result = computeCompliance({
    year,
    now,
    meetings: meetings.get(branch.id) ?? [],
    groups: groups.get(branch.id) ?? [],
    since: Date.parse(branch.created_at),
  })
  return { branchId: branch.id, branchName: branch.name, ...result }
}

/** What falls due within 7 days in the branches the caller writes for (the 任务 tab). */
export async function dueForUser(db: DbOrTrx, auth: AuthContext, now: number): Promise<TDueItem[]> {
  const branches = (await myBranches(db, auth)).filter((b) => b.canWrite)
  if (branches.length === 0) return []
  const ids = branches.map((b) => b.id)
  const { year } = shanghaiParts(now)
  const [meetings, groups] = await Promise.all([complianceMeetings(db, ids, year), groupsByBranch(db, ids)])
  return branches.flatMap((b) =>
    dueSoon({ now, meetings: meetings.get(b.id) ?? [], groups: groups.get(b.id) ?? [] }).map((item) => ({
      ...item,
      branchId: b.id,
      branchName: b.name,
      enterpriseId: b.enterpriseId,
    })),
  )
}

/**
 * For a supervisor: its enterprises' branches (the office: all), this month's reporting and the 完成率;
 * only one enterprise's with `enterpriseId` (its page).
 */
export async function partySupervision(
  db: DbOrTrx,
  auth: AuthContext,
  now: number,
  enterpriseId?: number,
): Promise<TPartySupervision> {
  const { year, month } = shanghaiParts(now)
  const thisMonth = monthPeriod(year, month)
  const departmentIds = supervisorDepartmentIds(auth)
  const office = isOffice(auth)
  if (!office && departmentIds.length === 0)
    return { month: thisMonth.key, year, branches: [], withoutBranch: { total: 0, enterprises: [] } }
  const reach = office ? null : departmentIds
  const [branches, unregistered] = await Promise.all([
    branchesRepository.listSupervised(db, reach, enterpriseId),
    branchesRepository.withoutBranch(db, reach, enterpriseId),
  ])
  const ids = branches.map((b) => b.id)
  const [meetings, groups, last] = await Promise.all([
    complianceMeetings(db, ids, year),
    groupsByBranch(db, ids),
    meetingsRepository.lastSubmitted(db, ids),
  ])
  const lastBy = new Map(last.map((r) => [r.branch_id, r.last as string | null]))
  const rows = branches.map((b) => {
    const mine = meetings.get(b.id) ?? []
    const result = computeCompliance({
      year,
      now,
      meetings: mine,
      groups: groups.get(b.id) ?? [],
      since: Date.parse(b.created_at),
    })
    const meetingsThisMonth = mine.filter((m) => {
      if (!countsTowardCompliance(m)) return false
      const at = Date.parse(m.startsAt)
      return at >= thisMonth.start && at < thisMonth.end
    }).length
    return {
      branchId: b.id,
      branchName: b.name,
      enterpriseId: b.enterprise_id,
      enterpriseName: b.enterprise_name,
      meetingsThisMonth,
      reportedThisMonth: meetingsThisMonth > 0,
      lastMeetingAt: lastBy.get(b.id) ?? null,
      rate: result.overall.rate,
      byType: result.byType.map((t) => ({ type: t.type, rate: t.rate })),
    }
  })
  // Who has not reported this month first.
  rows.sort((a, b) => Number(a.reportedThisMonth) - Number(b.reportedThisMonth))
  const withoutBranch = {
    total: unregistered.total,
    enterprises: unregistered.rows.map((e) => ({
      enterpriseId: e.id,
      enterpriseName: e.name,
      partyOrg: e.party_org as TPartyOrg,
    })),
  }
  return { month: thisMonth.key, year, branches: rows, withoutBranch }
}

/**
 * 三会一课监管 one page at a time, in the order of the whole list (未报送 first), with how many have not
 * reported in all. The rates are worked out over every branch first: the order depends on them.
 */
export async function partySupervisionPage(
  db: DbOrTrx,
  auth: AuthContext,
  now: number,
  page: PageRequest,
): Promise<TPartySupervisionPage> {
  const { branches, ...rest } = await partySupervision(db, auth, now)
  return {
    ...rest,
    ...pageOfList(branches, page),
    missing: branches.filter((b) => !b.reportedThisMonth).length,
  }
}
