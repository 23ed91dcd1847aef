import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import {
  DEADLINE_SOURCE_LABELS,
  PROGRAMME_DEADLINE,
  PROGRAMME_DEADLINE_QUOTE,
  ZMilestoneDate,
  type TMilestones,
} from '@/models/milestones'
import { isLiaisonOf, isOffice } from '@/models/memberships'
import type { TMembership } from '@/models/org'
import { fetchMilestones, queueMilestoneDeadline } from '@/services/milestones'
import { OutboxNotice } from '@/components/OutboxNotice'
import { PageState } from '@/components/PageState'
import { useMe } from '@/hooks/useMe'
import { useWrite } from '@/hooks/useWrite'
import { LeadingGroupCard } from '../../components/LeadingGroupCard'
import { PlanCard } from '../../components/PlanCard'
import '@/styles/page.scss'
import '../members/index.scss'
import './index.scss'
import { formatDate } from '@/models/format'
import { useRouteRecord } from '@/hooks/useRouteRecord'

/** The office sets the deadline of an enterprise that joined after the programme's (or goes back to it). */
function DeadlineEditor({ data, onSaved }: { data: TMilestones; onSaved: () => Promise<void> }) {
  const send = useWrite()
  const [value, setValue] = useState(data.programmeDeadline ? '' : data.deadline)
  const [error, setError] = useState<string | null>(null)
  const save = async (deadline: string | null) => {
    if (deadline !== null && !ZMilestoneDate.safeParse(deadline).success)
      return setError('日期格式应为 YYYY-MM-DD')
    setError(null)
    const outcome = await send(queueMilestoneDeadline(data.enterpriseId, deadline), {
      done: '完成期限已设定',
      onRefused: setError,
    })
    if (outcome.kind !== 'refused') await onSaved().catch(() => undefined)
  }
  return (
    <View className="milestone__form">
      <Text className="milestone__label">后加入的企业：设定本企业的完成期限</Text>
      <View className="org-invite">
        <View className="org-invite__who">
          <Input value={value} placeholder="YYYY-MM-DD" maxLength={10} onChange={setValue} />
        </View>
        <Button size="small" type="primary" fill="outline" onClick={() => void save(value.trim())}>
          设定
        </Button>
        {!data.programmeDeadline ? (
          <Button size="small" onClick={() => void save(null)}>
            恢复
          </Button>
        ) : null}
      </View>
      {error ? <Text className="form-dialog__error">{error}</Text> : null}
    </View>
  )
}

/** Whether the user is a 监管员 of that department. */
const supervises = (memberships: TMembership[], departmentId: number | undefined) =>
  departmentId !== undefined &&
  memberships.some(
    (m) =>
      m.organisationKind === 'department' &&
      m.organisationId === departmentId &&
      m.role === 'supervisor' &&
      m.status === 'approved',
  )

/** 实施步骤 of one enterprise: its 领导小组 and its 实施方案 against the deadline (按时 / 逾期 / 未报). */
export default function MilestonesPage() {
  const { session, id: eid, state, reload } = useRouteRecord('eid', 'milestones', fetchMilestones)
  const { state: me } = useMe(session?.user.id ?? null)

  if (!session) return <View className="page" />
  const memberships = me.status === 'ready' ? me.me.memberships : []
  const liaison = eid !== null && isLiaisonOf(memberships, eid)

  return (
    <View className="page org-milestones">
      <View className="page__body">
        <OutboxNotice />
        {eid === null ? <Text className="a-card">缺少企业参数</Text> : null}
        <PageState state={state} reload={reload}>
          {(data: TMilestones) => (
            <>
              <View className="a-card">
                <Text className="a-card__title">{data.enterpriseName}</Text>
                <Text className="a-card__subtitle">
                  完成期限 {formatDate(data.deadline)}（{DEADLINE_SOURCE_LABELS[data.deadlineSource]}）
                </Text>
                <Text className="milestone__quote">
                  实施步骤：“各企业……及时成立本企业清廉建设工作领导小组……{PROGRAMME_DEADLINE_QUOTE}”
                  {data.deadlineSource === 'programme' ? '' : `原定 ${formatDate(PROGRAMME_DEADLINE)}。`}
                </Text>
                {isOffice(memberships) ? <DeadlineEditor data={data} onSaved={reload} /> : null}
              </View>
              <LeadingGroupCard data={data} canEdit={liaison} onSaved={reload} />
              <PlanCard
                data={data}
                canFile={liaison}
                canDecide={supervises(memberships, data.plan.current?.departmentId)}
                onChanged={reload}
              />
            </>
          )}
        </PageState>
      </View>
    </View>
  )
}
