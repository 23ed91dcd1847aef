import { rollOf, type TBranchRole } from '@/models/meeting'

const m = (id: number, branchRole: TBranchRole, groupId: number | null, active = true) => ({
  id,
  branchRole,
  groupId,
  active,
})
const branch = [
  m(1, 'secretary', 10),
  m(2, 'deputy_secretary', 11),
  m(3, 'committee', 10),
  m(4, 'member', 10),
  m(5, 'member', 11),
  m(6, 'member', null),
  m(7, 'committee', 11, false),
]
const ids = (list: { id: number }[]) => list.map((x) => x.id)

describe('应到: who is expected at a meeting, by its type', () => {
  it('支部委员会: the committee (书记、副书记、委员), active ones only', () => {
    expect(ids(rollOf(branch, 'committee', null))).toEqual([1, 2, 3])
  })
  it('党小组会: the members of its group', () => {
    expect(ids(rollOf(branch, 'group', 10))).toEqual([1, 3, 4])
    expect(ids(rollOf(branch, 'group', 11))).toEqual([2, 5])
    expect(ids(rollOf(branch, 'group', null))).toEqual([])
  })
  it('党员大会, 党课, 主题党日, 组织生活会: the whole branch', () => {
    for (const type of ['member_assembly', 'lecture', 'party_day', 'life_meeting'] as const)
      expect(ids(rollOf(branch, type, null))).toEqual([1, 2, 3, 4, 5, 6])
  })
})
