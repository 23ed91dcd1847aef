import { fireEvent, render, screen } from '@testing-library/react'
import { InvitePanel } from '@/packages/org/components/InvitePanel'

/**
 * 邀请: an invite for one role-holder (支部书记, 负责人, 办公室人员) is said to be for one person where it is
 * made and where its code is shown; a department's code points at the entry its people actually use.
 */
const base = { expiresAt: '2026-12-10T08:00:00.000Z', uses: 0 }

it('says a 支部书记 code is for one person, and a 职工 code shows its uses', () => {
  render(
    <InvitePanel
      title="邀请成员"
      hint="…"
      roles={['employee', 'branch_secretary'] as const}
      busy={null}
      onCreate={() => undefined}
      invites={[
        { ...base, id: 1, code: 'ABCD2345', role: 'branch_secretary', maxUses: 1 },
        { ...base, id: 2, code: 'EFGH2345', role: 'employee', maxUses: 50, uses: 3 },
      ]}
    />,
  )
  expect(screen.getByText(/生成职工邀请码（7天有效）/)).toBeTruthy()
  fireEvent.click(screen.getByText('支部书记'))
  expect(screen.getByText(/生成支部书记邀请码（7天有效，仅限1人使用）/)).toBeTruthy()
  expect(screen.getByText(/支部书记 · .*前有效 · 仅限1人使用/)).toBeTruthy()
  expect(screen.getByText(/职工 · .*前有效 · 已用 3\/50/)).toBeTruthy()
})

it("a department's code tells its people they join through 「我的 → 加入企业」 too", () => {
  render(
    <InvitePanel
      title="邀请人员"
      hint="…"
      roles={['supervisor'] as const}
      busy={null}
      forDepartment
      onCreate={() => undefined}
      invites={[{ ...base, id: 3, code: 'JKMN2345', role: 'supervisor', maxUses: 20 }]}
    />,
  )
  fireEvent.click(screen.getByText('二维码'))
  expect(screen.getByText(/「我的 → 加入企业」输入邀请码（部门人员也从这里加入）/)).toBeTruthy()
})
