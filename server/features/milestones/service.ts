import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { type AuthContext, MAX_ID, supervisorDepartmentIds } from '../../core/access'
import { isoAt } from '../../core/clock'
import { AppError, notFound } from '../../core/errors'
import type { WriteOutcome } from '../../core/writes'
import {
  type TCountyDeadline,
  type TDeadlineSource,
  type TLeadingGroupSave,
  type TMilestones,
  type TMilestoneSummary,
  type TPlanDecision,
  type TPlanFile,
  type TPlanFiling,
  type TPlanFilingStatus,
  filedOn,
  milestoneSummary,
  PROGRAMME_DEADLINE,
  resolveMilestoneDeadline,
  ZGroupRole,
} from '../../../src/models/milestones'
import { chineseDay, shanghaiDate } from '../../../src/models/shanghaiTime'
import { filesRepository, PLAN_ATTACHMENT_KIND, toStoredFile } from '../files/repository'
import type { FileLinkSigner } from '../files/store'
import { milestonesRepository as repo, type PlanFilingRow } from './repository'

type Trx = Transaction<Database>

/**
 * Rules of the 实施步骤 milestones. The liaison records the 领导小组 and files the 实施方案 with one of the
 * enterprise's supervising departments; a 监管员 of that department marks it 已收到 or returns it with a
 * reason; after a return the liaison files again. Each filing is numbered per enterprise (a unique number)
 * and a decision is a conditional update of a 待接收 filing, so concurrent filings or decisions have
 * exactly one winner. `enterprises.plan_filed_date` is the 北京时间 day of the filing that stands.
 */

function toFiling(row: PlanFilingRow, files: Map<number, TPlanFiling['files'][number]>): TPlanFiling {
  const ids = JSON.parse(row.file_ids) as number[]
  return {
    id: row.id,
    revision: row.revision,
    departmentId: row.department_id,
    departmentName: row.department_name,
    status: row.status,
    files: ids.flatMap((id) => (files.has(id) ? [files.get(id)!] : [])),
    submittedAt: row.submitted_at,
    submittedByName: row.submitted_by_name,
    decidedAt: row.decided_at,
    decidedByName: row.decided_by_name,
    returnReason: row.return_reason,
  }
}

export async function milestonesView(
  db: DbOrTrx,
  links: FileLinkSigner,
  enterpriseId: number,
  now: number,
): Promise<TMilestones> {
  const enterprise = await repo.enterprise(db, enterpriseId)
  if (!enterprise) throw notFound()
  const [members, rows, departments, countyDeadline] = await Promise.all([
    repo.members(db, enterpriseId),
    repo.filings(db, enterpriseId),
    repo.departments(db, enterpriseId),
    repo.countyDeadline(db),
  ])
  const fileIds = rows.flatMap((r) => JSON.parse(r.file_ids) as number[])
  const fileRows = await repo.files(db, fileIds)
  const files = new Map(fileRows.map((f) => [f.id, toStoredFile(f, links)]))
  const history = rows.map((r) => toFiling(r, files))
  const current = history[0] ?? null
  const summary = milestoneSummary(
    {
      ownDeadline: enterprise.milestone_deadline,
      countyDeadline,
      leadingGroupDate: enterprise.leading_group_date,
      planFiledDate: enterprise.plan_filed_date,
      planReceipt: current?.status ?? null,
    },
    now,
  )
  return {
    enterpriseId,
    enterpriseName: enterprise.name,
    deadline: summary.deadline,
    programmeDeadline: enterprise.milestone_deadline === null,
    deadlineSource: resolveMilestoneDeadline(enterprise.milestone_deadline, countyDeadline).source,
    leadingGroup: {
      ...summary.leadingGroup,
      setUpDate: enterprise.leading_group_date,
      members: members.map((m) => ({
        name: m.name,
        title: m.title,
        groupRole: ZGroupRole.catch('member').parse(m.group_role),
      })),
    },
    plan: {
      doneOn: summary.plan.doneOn,
      status: summary.plan.status,
      overdue: summary.plan.overdue,
      current,
      history,
      canFile: current === null || current.status === 'returned',
    },
    departments,
  }
}

/** 登记领导小组: its set-up day (not in the future, 北京时间) and its members, replacing what was recorded. */
export async function saveLeadingGroup(
  trx: Trx,
  enterpriseId: number,
  input: TLeadingGroupSave,
  now: number,
): Promise<WriteOutcome<{ ok: true }>> {
  if (input.setUpDate > shanghaiDate(now))
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [
      { path: 'setUpDate', message: '成立日期不能晚于今天' },
    ])
  await repo.saveGroup(trx, enterpriseId, input.setUpDate, input.members, isoAt(now))
  return {
    result: { ok: true },
    entityType: 'enterprise',
    entityId: enterpriseId,
    detail: { setUpDate: input.setUpDate, members: input.members.length },
  }
}

/**
 * 报送实施方案: allowed when nothing was filed through the app yet or the last filing was returned; the
 * department must supervise the enterprise and the files must be its 实施方案 uploads. The filing takes
 * the next number; a concurrent filing that took it first wins (409).
 */
export async function filePlan(
  trx: Trx,
  auth: AuthContext,
  enterpriseId: number,
  input: TPlanFile,
  now: number,
): Promise<WriteOutcome<{ id: number; revision: number }>> {
  const departments = await repo.departments(trx, enterpriseId)
  if (!departments.some((d) => d.id === input.departmentId))
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [
      { path: 'departmentId', message: '请选择监管本企业的部门' },
    ])
  const live = await filesRepository.liveIdsOfEnterprise(
    trx,
    enterpriseId,
    input.fileIds,
    PLAN_ATTACHMENT_KIND,
  )
  const missing = input.fileIds.findIndex((id) => !live.has(id))
  if (missing >= 0)
    throw new AppError(400, 'VALIDATION_FAILED', undefined, [
      { path: `fileIds.${missing}`, message: '文件不存在或不是本企业上传的实施方案' },
    ])
  const latest = await repo.latest(trx, enterpriseId)
  if (latest && latest.status !== 'returned') throw new AppError(409, 'PLAN_ALREADY_FILED')
  const revision = (latest?.revision ?? 0) + 1
  const at = isoAt(now)
  const inserted = await repo.insertFiling(trx, {
    enterpriseId,
    revision,
    departmentId: input.departmentId,
    fileIds: input.fileIds,
    submittedBy: auth.user.id,
    now: at,
  })
  if (!inserted) throw new AppError(409, 'PLAN_ALREADY_FILED')
  await repo.setDates(trx, enterpriseId, { plan_filed_date: filedOn(at) }, at)
  return {
    result: { id: inserted.id, revision },
    entityType: 'plan_filing',
    entityId: inserted.id,
    detail: { departmentId: input.departmentId, fileIds: input.fileIds, revision },
  }
}

/**
 * 已收到 / 退回 by a 监管员 of the department the filing went to (another department that supervises the
 * enterprise: 403). Only a 待接收 filing, once: a conditional update. A return takes the filing's day off
 * the enterprise (a returned 实施方案 does not count until it is filed again).
 */
export async function decidePlan(
  trx: Trx,
  auth: AuthContext,
  enterpriseId: number,
  filingId: number,
  input: TPlanDecision,
  now: number,
): Promise<WriteOutcome<{ id: number; status: TPlanFilingStatus }>> {
  if (filingId > MAX_ID) throw notFound()
  const filing = await repo.findFiling(trx, enterpriseId, filingId)
  if (!filing) throw notFound()
  if (!supervisorDepartmentIds(auth).includes(filing.department_id))
    throw new AppError(403, 'PLAN_NOT_YOUR_DEPARTMENT')
  const to = input.decision === 'receive' ? 'received' : 'returned'
  const at = isoAt(now)
  const reason = to === 'returned' ? (input.reason ?? null) : null
  if (!(await repo.decide(trx, filingId, to, auth.user.id, reason, at)))
    throw new AppError(409, 'PLAN_ALREADY_DECIDED')
  if (to === 'returned') await repo.setDates(trx, enterpriseId, { plan_filed_date: null }, at)
  return {
    result: { id: filingId, status: to },
    entityType: 'plan_filing',
    entityId: filingId,
    detail: { decision: input.decision, ...(reason ? { reason } : {}) },
  }
}

/**
 * The office sets the deadline of an enterprise that joined later, or clears it (back to the county's
 * date when one is set, else the programme's).
 */
export async function setMilestoneDeadline(
  trx: Trx,
  enterpriseId: number,
  deadline: string | null,
  now: number,
): Promise<WriteOutcome<{ deadline: string; programmeDeadline: boolean; deadlineSource: TDeadlineSource }>> {
  notBeforeProgramme(deadline)
  // The office passes the access check for any id: a missing enterprise is 404 here.
  if (!(await repo.enterprise(trx, enterpriseId))) throw notFound()
  await repo.setDates(trx, enterpriseId, { milestone_deadline: deadline }, isoAt(now))
  const binding = resolveMilestoneDeadline(deadline, await repo.countyDeadline(trx))
  return {
    result: {
      deadline: binding.deadline,
      programmeDeadline: deadline === null,
      deadlineSource: binding.source,
    },
    entityType: 'enterprise',
    entityId: enterpriseId,
    detail: { deadline, programme: PROGRAMME_DEADLINE },
  }
}

/**
 * A later deadline (county-wide or an enterprise's own) is never before the programme's own date: an
 * earlier one would only make enterprises late that the programme counts on time.
 */
function notBeforeProgramme(deadline: string | null) {
  if (deadline !== null && deadline < PROGRAMME_DEADLINE)
    throw new AppError(400, 'DEADLINE_BEFORE_PROGRAMME', undefined, [
      { path: 'deadline', message: `不能早于实施方案规定的 ${chineseDay(PROGRAMME_DEADLINE)}` },
    ])
}

/** The county-wide 领导小组与实施方案完成期限 as the office reads it. */
export async function countyDeadlineView(db: DbOrTrx): Promise<TCountyDeadline> {
  const [row, ownDeadlines] = await Promise.all([repo.county(db), repo.ownDeadlineCount(db)])
  return {
    deadline: row?.milestone_deadline ?? null,
    programme: PROGRAMME_DEADLINE,
    updatedAt: row?.updated_at ?? null,
    updatedByName: row?.updated_by_name ?? null,
    ownDeadlines,
  }
}

/**
 * The office sets the county-wide date (a county switching on after the programme's date), or clears it
 * (null: the programme's again), not before the programme's own date. `by`: the office user (null: `npm run setup`).
 */
export async function setCountyDeadline(
  db: DbOrTrx,
  deadline: string | null,
  by: number | null,
  now: number,
): Promise<WriteOutcome<TCountyDeadline>> {
  notBeforeProgramme(deadline)
  await repo.setCountyDeadline(db, deadline, by, isoAt(now))
  return {
    result: await countyDeadlineView(db),
    entityType: 'county_setting',
    entityId: 1,
    detail: { deadline, programme: PROGRAMME_DEADLINE },
  }
}

/** The milestones of many enterprises in one line each (overview rows, 台账): two queries in all. */
export async function milestoneSummaries(
  db: DbOrTrx,
  enterprises: {
    id: number
    milestone_deadline: string | null
    leading_group_date: string | null
    plan_filed_date: string | null
  }[],
  now: number,
): Promise<Map<number, TMilestoneSummary>> {
  const [receipts, countyDeadline] = await Promise.all([
    repo.latestStatuses(
      db,
      enterprises.map((e) => e.id),
    ),
    repo.countyDeadline(db),
  ])
  return new Map(
    enterprises.map((e) => [
      e.id,
      milestoneSummary(
        {
          ownDeadline: e.milestone_deadline,
          countyDeadline,
          leadingGroupDate: e.leading_group_date,
          planFiledDate: e.plan_filed_date,
          planReceipt: receipts.get(e.id) ?? null,
        },
        now,
      ),
    ]),
  )
}
