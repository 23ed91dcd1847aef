import type { DbOrTrx } from '../../core/db/database'
import { heldOrganisationIds, supervisorDepartmentIds, type AuthContext } from '../../core/access'
import { chineseDay, shanghaiDate, shanghaiParts } from '../../../src/models/shanghaiTime'
import { MEETING_TYPE_LABELS } from '../../../src/models/meetingCompliance'
import {
  compareTodos,
  digestByKind,
  TODO_LIST_LIMIT,
  type TTodo,
  type TTodoDigest,
  type TTodoKind,
  type TTodoList,
} from '../../../src/models/todo'
import { isoAt } from '../../core/clock'
import { pledgeTodo } from '../pledges/views'
import { dueForUser } from '../party/compliance'
import { todosRepository } from './repository'
import { groupedTodos } from './groups'
import { urgeRepository } from '../supervision/worklistUrgeRepository'
import { OFFICE_URGE_NAME } from '../../../src/models/worklists'
import { riskAreaLabel, type TRiskArea } from '../../../src/models/risk'
import { riskTodos } from '../risks/todos'
import { specialTodos } from '../specials/todos'
import { milestoneTodos } from '../milestones/todos'
import { powerListTodos } from '../powers/todos'
import { joinsToDecide } from '../organisations/joinDeciders'
import { quizTodos } from '../quiz/todos'
import { setupTodos } from '../setup/todos'

type Draft = Omit<TTodo, 'overdue'>

/**
 * Everything that waits for the caller, from every flow: what they must sign, fill, correct, review,
 * verify, hold or approve (join requests: whoever joinDeciders.ts says), and the office's switching-on steps, in the list's order and without its limit (the digest and the reminders
 * count them all). Overdue is decided on the 北京时间 day: a task due today is not overdue yet.
 */
export async function allTodos(db: DbOrTrx, auth: AuthContext, now: number): Promise<TTodo[]> {
  const today = shanghaiDate(now)
  const liaisonOf = heldOrganisationIds(auth, 'enterprise', 'liaison')
  const supervising = supervisorDepartmentIds(auth)

  const [
    assessments,
    reviews,
    rectifications,
    verifications,
    pledges,
    meetings,
    joins,
    urges,
    risks,
    specials,
    milestones,
    powerLists,
    quizzes,
    setup,
  ] = await Promise.all([
    todosRepository.openAssessments(db, liaisonOf),
    todosRepository.assessmentsToReview(db, supervising),
    todosRepository.openRectifications(db, liaisonOf),
    todosRepository.rectificationsToVerify(db, supervising),
    pledgeTodo(db, auth, now),
    dueForUser(db, auth, now),
    joinsToDecide(db, auth),
    urgeRepository.stillOwed(db, liaisonOf, today),
    riskTodos(db, liaisonOf, supervising, now),
    specialTodos(db, liaisonOf),
    milestoneTodos(db, liaisonOf, supervising),
    powerListTodos(db, supervising),
    quizTodos(db, auth, now),
    setupTodos(db, auth, now),
  ])

  const drafts: Draft[] = [
    ...risks,
    ...specials,
    ...milestones,
    ...powerLists,
    ...quizzes,
    ...setup,
    ...latestUrges(urges).map((u) => ({
      kind: 'urge' as const,
      // Each 催办 is a new to-do (and so a new reminder); an earlier one of the same matter gives way to it.
      key: `urge:${u.kind}:${u.id}`,
      title: urgeTitle(u),
      detail: `${u.enterprise_name} · ${u.department_name ?? OFFICE_URGE_NAME}催办${u.note ? `：${u.note}` : ''}`,
      dueDate:
        (u.kind === 'rectification' ? u.deadline : u.kind === 'risk' ? u.risk_review_date : u.due_date) ??
        null,
      enterpriseId: u.enterprise_id,
      recordId: u.kind === 'campaign' ? (u.assessment_id ?? null) : u.item_id,
    })),
    ...assessments.map((a) => ({
      kind: (a.status === 'returned' ? 'assessment_returned' : 'assessment_fill') as TTodoKind,
      // A to-do key names one occasion: a second 退回 (or a new request) is a new to-do, reminded again.
      key: a.status === 'returned' ? `assessment:${a.id}:returned:${a.reviewed_at}` : `assessment:${a.id}`,
      title: a.status === 'returned' ? '自查被退回，请修改后重新提交' : '完成年度自查自评',
      detail: `${a.campaign_name} · ${a.enterprise_name}`,
      dueDate: a.due_date,
      enterpriseId: a.enterprise_id,
      recordId: a.id,
    })),
    ...reviews.map((a) => ({
      kind: 'assessment_review' as const,
      key: `review:${a.id}:${a.submitted_at}`,
      title: `审核「${a.enterprise_name}」的自查`,
      detail: a.submitted_at
        ? `${a.campaign_name} · ${chineseDay(shanghaiDate(Date.parse(a.submitted_at)))}提交`
        : a.campaign_name,
      dueDate: null,
      enterpriseId: a.enterprise_id,
      recordId: a.id,
    })),
    ...rectifications.map((r) => ({
      kind: (r.status === 'returned'
        ? 'rectification_returned'
        : r.source === 'notice'
          ? 'rectification_notice'
          : 'rectification_open') as TTodoKind,
      key:
        r.status === 'returned' ? `rectification:${r.id}:returned:${r.updated_at}` : `rectification:${r.id}`,
      title:
        r.status === 'returned'
          ? `整改被退回：${r.title}`
          : r.source === 'notice'
            ? `整改通知：${r.title}`
            : `整改：${r.title}`,
      detail: r.enterprise_name,
      dueDate: r.deadline,
      enterpriseId: r.enterprise_id,
      recordId: r.id,
    })),
    ...verifications.map((r) => ({
      kind: 'rectification_verify' as const,
      key: `verify:${r.id}:${r.updated_at}`,
      title: `核验整改：${r.title}`,
      detail: r.enterprise_name,
      dueDate: null,
      enterpriseId: r.enterprise_id,
      recordId: r.id,
    })),
    ...pledges.personal.map((p) => ({
      kind: 'pledge_sign' as const,
      // The personal pledge is signed once a year: next year's is another to-do.
      key: `pledge-sign:${p.enterpriseId}:${shanghaiParts(now).year}`,
      title: '签署本年度廉洁从业承诺',
      detail: p.enterpriseName,
      dueDate: null,
      enterpriseId: p.enterpriseId,
      recordId: null,
    })),
    ...pledges.countersign.map((p) => ({
      kind: 'pledge_countersign' as const,
      key: `pledge-countersign:${p.id}`,
      title: `会签：${p.title}`,
      detail: `${p.enterprise.name}${p.department ? ` · ${p.department.name}` : ''}`,
      dueDate: null,
      enterpriseId: p.enterprise.id,
      recordId: p.id,
    })),
    ...meetings.map((d) => ({
      kind: 'meeting_due' as const,
      key: `meeting:${d.branchId}:${d.type}:${d.groupId ?? ''}:${d.periodKey}`,
      title: `${MEETING_TYPE_LABELS[d.type]}${d.groupName ? `（${d.groupName}）` : ''} · ${d.periodLabel}待开展`,
      detail: d.branchName,
      dueDate: d.lastDay,
      enterpriseId: d.enterpriseId,
      recordId: d.branchId,
    })),
    ...joins.map((j) => ({
      kind: 'member_pending' as const,
      // The office's share has a key of its own: the app opens 成员管理 as the office's (see todoLink).
      key: `members:${j.kind === 'enterprise' && j.asOffice ? 'enterprise-office' : j.kind}:${j.organisationId}:${j.latestId}`,
      title: `${j.count} 人申请加入${j.kind === 'department' ? '部门' : ''}，待审核`,
      detail: j.name,
      dueDate: null,
      enterpriseId: j.kind === 'enterprise' ? j.organisationId : null,
      recordId: j.kind === 'department' ? j.organisationId : null,
    })),
  ]
  return drafts.map((d) => ({ ...d, overdue: d.dueDate !== null && d.dueDate < today })).sort(compareTodos)
}

/** What a 催办's to-do asks of the liaison. */
function urgeTitle(u: Awaited<ReturnType<typeof urgeRepository.stillOwed>>[number]): string {
  switch (u.kind) {
    case 'rectification':
      return `督办：请尽快完成整改「${u.rectification_title}」`
    case 'campaign':
      return `督办：请尽快提交「${u.campaign_name}」自查`
    case 'risk':
      return `督办：请复核处置廉洁风险点「${riskAreaLabel(u.risk_area as TRiskArea, u.risk_area_name)} · ${u.risk_post}」`
  }
}

/** The newest 催办 of each matter (the rows come newest first): one to-do per matter still owed. */
function latestUrges<U extends { kind: string; item_id: number; enterprise_id: number }>(urges: U[]): U[] {
  const seen = new Set<string>()
  return urges.filter((u) => {
    const matter = `${u.enterprise_id}:${u.kind}:${u.item_id}`
    if (seen.has(matter)) return false
    seen.add(matter)
    return true
  })
}

/**
 * The caller's list for 任务: the most urgent TODO_LIST_LIMIT, a supervisor's many of one kind as one item
 * (groups.ts), the total and the count of each kind (all of them: the badge and the reminders count each).
 */
export async function todosFor(db: DbOrTrx, auth: AuthContext, now: number): Promise<TTodoList> {
  const items = await allTodos(db, auth, now)
  const counts: Partial<Record<TTodoKind, number>> = {}
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1
  return { items: groupedTodos(items, TODO_LIST_LIMIT), total: items.length, counts }
}

/**
 * The H5 digest (no subscribe messages there): counts per kind, overdue first, and what is new since the
 * user last looked. Looking is recorded by `markTodosSeen`, which the page calls once it has shown this.
 */
export async function todoDigest(db: DbOrTrx, auth: AuthContext, now: number): Promise<TTodoDigest> {
  const [items, seen] = await Promise.all([allTodos(db, auth, now), todosRepository.seen(db, auth.user.id)])
  const before = new Set(seen?.keys ?? [])
  const fresh = seen ? items.filter((i) => !before.has(i.key)) : []
  return {
    total: items.length,
    overdue: items.filter((i) => i.overdue).length,
    byKind: digestByKind(items),
    newCount: fresh.length,
    newKeys: fresh.slice(0, TODO_LIST_LIMIT).map((i) => i.key),
    lastSeenAt: seen?.seenAt ?? null,
  }
}

/** The user has looked at their list: what they have now is no longer new to them. */
export async function markTodosSeen(db: DbOrTrx, auth: AuthContext, now: number): Promise<void> {
  const items = await allTodos(db, auth, now)
  await todosRepository.markSeen(
    db,
    auth.user.id,
    items.map((i) => i.key),
    isoAt(now),
  )
}
