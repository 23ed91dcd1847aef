import type { TMembership } from '@/models/org'
import { enterprisesOf, eventOrganiserOptions, isDepartmentOnly } from '@/models/memberships'
import type { EventRole, EventWhen } from '@/services/events'

/**
 * What an empty 我的活动 list says, for who is looking: an event's 参加对象 are enterprises' staff, so a
 * department's 监管员 / 办公室 / 党员干部 never has one under 我参加的 (the server lists none), and 我组织的
 * holds every event of the organisations the user organises for, not only the user's own.
 */
export function eventListEmpty(
  memberships: readonly TMembership[] | null,
  role: EventRole,
  when: EventWhen,
): { title: string; description?: string } {
  const title = when === 'upcoming' ? '暂无进行中或即将开始的活动' : '暂无已结束的活动'
  if (memberships === null) return { title }
  if (role === 'organiser') {
    const kinds = new Set(eventOrganiserOptions(memberships).map((o) => o.kind))
    const by = kinds.size > 1 ? '本企业和本部门' : kinds.has('department') ? '本部门' : '本企业'
    return { title, description: `${by}组织的活动将显示在这里` }
  }
  if (enterprisesOf(memberships).length > 0)
    return { title, description: '本企业或监管部门组织、本企业参加的活动将显示在这里' }
  if (!isDepartmentOnly(memberships))
    return { title, description: '加入企业后，本企业或监管部门组织、本企业参加的活动将显示在这里' }
  const organises = eventOrganiserOptions(memberships).length > 0
  return {
    title,
    description: organises
      ? '活动由企业职工参加签到，监管部门人员不在参加对象之列；本部门组织的活动请看“我组织的”'
      : '活动由企业职工参加签到，监管部门人员不在参加对象之列',
  }
}
