import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TMembership } from '@/models/org'
import { pendingDecider } from '@/components/MembershipList'
import { EmptyBox } from '@/components/EmptyImage'
import { orgPages } from '@/services/routes'

/**
 * 任务 with nothing listed. Someone who belongs nowhere yet (a new WeChat user, or one whose request still
 * waits) gets every task through an organisation, so the next step is joining or waiting for the approval,
 * not "tasks will appear" (the walk of a county's first week found a newcomer's 任务 a dead end there).
 * `memberships` null: not known (yet), the general empty state.
 */
export function NothingToDo({ memberships }: { memberships: readonly TMembership[] | null }) {
  const member = memberships?.some((m) => m.status === 'approved') ?? true
  if (member || !memberships)
    return (
      <EmptyBox
        className="tasks__empty"
        title="暂无待办任务"
        description="自查、整改、承诺、审核等任务下发后将显示在这里"
      />
    )
  const pending = memberships.filter((m) => m.status === 'pending')
  const decider = pendingDecider(pending)
  if (decider) {
    const names = [...new Set(pending.map((m) => `「${m.organisationName}」`))].join('、')
    return (
      <EmptyBox
        className="tasks__empty"
        title="加入申请待审核"
        description={`已申请加入${names}，${decider}审核通过后，要办的事会列在这里。`}
      />
    )
  }
  return (
    <View>
      <EmptyBox
        className="tasks__empty"
        title="还没有加入任何单位"
        description="任务来自你所在的企业或部门：向本企业联络员（监管部门人员向领导小组办公室）索取邀请码，申请加入。"
      />
      <Button
        type="primary"
        block
        className="tasks__join"
        onClick={() => void Taro.navigateTo({ url: orgPages.code('invite') })}
      >
        加入企业
      </Button>
    </View>
  )
}
