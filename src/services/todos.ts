/** 任务: what waits for the caller (one server list), and the page that does each. */
import Taro from '@tarojs/taro'
import type { TTodo, TTodoDigest, TTodoList } from '@/models/todo'
import { TODO_GROUP_WORKLISTS } from '@/models/todoKinds'
import { request } from './request'
import {
  assessmentPages,
  orgPages,
  partyPages,
  pledgePages,
  powerPages,
  quizPages,
  riskPages,
  specialPages,
  supervisionPages,
} from './routes'

// Types only, no schema: this module is in the main package, which carries no zod; the server checks
// every answer against the same schema before sending it (serializerCompiler in server/app.ts).
export function fetchTodos(): Promise<TTodoList> {
  return request<TTodoList>({ path: '/api/v1/todos' })
}

/** Where a to-do is done: the app decides, from the records the server names. */
export function todoLink(todo: TTodo): string {
  const eid = todo.enterpriseId ?? 0
  const id = todo.recordId ?? 0
  // Many of one kind, as one item: its 工作清单, where each is done.
  if (todo.count !== undefined && todo.kind in TODO_GROUP_WORKLISTS)
    return supervisionPages.worklists(TODO_GROUP_WORKLISTS[todo.kind as keyof typeof TODO_GROUP_WORKLISTS])
  switch (todo.kind) {
    // A 催办 names its matter in its key: a 整改, a 廉洁风险点, or a campaign's self-assessment (none yet: the list).
    case 'urge':
      if (todo.key.startsWith('urge:rectification:')) return assessmentPages.rectification(eid, id)
      if (todo.key.startsWith('urge:risk:')) return riskPages.detail(eid, id)
      return id ? assessmentPages.overview(eid, id) : assessmentPages.list(eid)
    case 'assessment_fill':
    case 'assessment_returned':
      return assessmentPages.overview(eid, id)
    case 'assessment_review':
      return supervisionPages.review(eid, id)
    case 'rectification_open':
    case 'rectification_notice':
    case 'rectification_returned':
    case 'rectification_verify':
      return assessmentPages.rectification(eid, id)
    case 'risk_review':
    case 'risk_alert':
      return riskPages.detail(eid, id)
    case 'special_report':
      return specialPages.sheet(eid, id)
    // 领导小组 and 实施方案 are kept, filed and received on one page.
    case 'milestone_missing':
    case 'plan_receive':
      return orgPages.milestones(eid)
    // The list page shows the newest version, where 阅看 is done.
    case 'power_list_unread':
      return powerPages.list(eid)
    case 'pledge_sign':
      return pledgePages.sign('personal', { eid })
    case 'pledge_countersign':
      return pledgePages.countersign(id)
    case 'meeting_due':
      return partyPages.calendar(eid, id)
    // 廉政知识竞赛's list, where the open 竞赛 is started (its package: the quiz pages).
    case 'quiz_open':
      return quizPages.list()
    // Switching on (the office): each step's own page; the liaisons' letters on the import that printed them.
    case 'county_setup':
      if (todo.key === 'setup:1:departments') return orgPages.departments()
      if (todo.key === 'setup:2:deadline') return orgPages.countyDeadline()
      if (todo.key === 'setup:3:enterprises') return orgPages.import()
      return id ? orgPages.import(id) : supervisionPages.enterprises({})
    // Where the requests are decided: 成员管理 (as the office's when the key says so) or 部门人员.
    case 'member_pending':
      return todo.enterpriseId
        ? orgPages.members(eid, todo.key.startsWith('members:enterprise-office:'), todo.detail)
        : orgPages.staff(id, todo.detail)
  }
}

/** The tab that lists them (index in app.config.ts tabBar). */
const TASKS_TAB = 1

/**
 * The badge on 任务: the number of to-dos (99+ beyond). Only a tab page may set it (WeChat refuses
 * elsewhere), and a failure is no reason to bother the user.
 */
export function showTodoBadge(total: number): void {
  const done = () => undefined
  if (total > 0) {
    Taro.setTabBarBadge({ index: TASKS_TAB, text: total > 99 ? '99+' : String(total) }).catch(done)
  } else {
    Taro.removeTabBarBadge({ index: TASKS_TAB }).catch(done)
  }
}

/** H5's digest at the top of 任务: counts per kind, and what is new since the last look. */
export function fetchTodoDigest(): Promise<TTodoDigest> {
  return request<TTodoDigest>({ path: '/api/v1/todos/digest' })
}

/**
 * Tells the server the user has looked at their list (the digest's "new" counts from here). Not a write
 * of the user's through the outbox: sent later it would mark as seen what was never shown.
 */
export async function markTodosSeen(): Promise<void> {
  await request({ method: 'PUT', path: '/api/v1/todos/seen' })
}
