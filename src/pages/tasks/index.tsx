import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Empty } from '@nutui/nutui-react-taro'
import { fetchAssessments } from '@/services/assessments'
import { AssessmentStatusTag } from '@/components/assessment/StatusTag'
import { openAssessments } from '@/services/assessmentView'
import { formatDate, formatDateTime } from '@/models/format'
import { ErrorState, LoadingState } from '@/components/PageState'
import { enterprisesOf } from '@/models/memberships'
import { assessmentPages, eventPages, partyPages } from '@/services/routes'
import { fetchDueMeetings } from '@/services/meetingDue'
import { MEETING_TYPE_LABELS } from '@/models/meetingCompliance'
import { useMe } from '@/hooks/useMe'
import { useOutbox } from '@/hooks/useOutbox'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import './index.scss'
import { EmptyImage } from '@/components/EmptyImage'

export default function TasksPage() {
  const session = useRequireSession()
  const { outbox, pending, refused, syncing } = useOutbox()
  const { state: me, reload: reloadMe } = useMe(session?.user.id ?? null)
  // The liaison answers the self-assessment: their enterprises' open ones are their to-dos.
  const liaisonOf =
    me.status === 'ready'
      ? enterprisesOf(me.me.memberships)
          .filter((e) => e.roles.includes('liaison'))
          .map((e) => e.id)
      : null
  const { state: tasks, reload } = useRemote(liaisonOf ? `tasks:${liaisonOf.join(',')}` : null, async () =>
    openAssessments((await Promise.all((liaisonOf ?? []).map((eid) => fetchAssessments(eid)))).flat()),
  )
  // 三会一课 falling due within 7 days, for the branches this user writes records for.
  const { state: due, reload: reloadDue } = useRemote(
    me.status === 'ready' && enterprisesOf(me.me.memberships).length > 0
      ? `party-due:${session?.user.id}`
      : null,
    fetchDueMeetings,
  )
  usePullRefresh(async () => {
    await reloadMe()
    await reload()
    await reloadDue()
  })
  if (!session) return <View className="page" />

  const syncNow = () => {
    outbox?.flush({ force: true }).catch(() => undefined)
  }

  return (
    <View className="page tasks">
      <View className="page__body">
        <CellGroup className="tasks__events">
          <Cell
            className="tasks__scan"
            title={<Text className="tasks__label">扫码签到</Text>}
            description="参加清廉文化活动时，扫描现场的签到二维码"
            extra="扫码"
            clickable
            onClick={() => void Taro.navigateTo({ url: eventPages.signIn() })}
          />
        </CellGroup>
        {me.status === 'loading' ||
        (me.status === 'ready' && tasks.status === 'loading' && liaisonOf?.length) ? (
          <LoadingState rows={1} />
        ) : null}
        {me.status === 'error' ? (
          <ErrorState message={me.message} onRetry={() => void reloadMe().catch(() => undefined)} />
        ) : null}
        {tasks.status === 'error' ? (
          <ErrorState message={tasks.message} onRetry={() => void reload().catch(() => undefined)} />
        ) : null}
        {tasks.status === 'ready' && tasks.data.length > 0 ? (
          <CellGroup title={`待办任务（${tasks.data.length}）`}>
            {tasks.data.map((a) => (
              <Cell
                key={a.id}
                className="tasks__todo"
                clickable
                onClick={() => void Taro.navigateTo({ url: assessmentPages.overview(a.enterpriseId, a.id) })}
                title={
                  <View className="tasks__todo-head">
                    <Text className="tasks__label">
                      {a.status === 'returned' ? '自查被退回，请修改后重新提交' : '完成年度自查自评'}
                    </Text>
                    <AssessmentStatusTag status={a.status} />
                  </View>
                }
                description={
                  <View className="tasks__meta">
                    <Text className="tasks__campaign">{a.campaign.name}</Text>
                    <Text>
                      截止 {formatDate(a.campaign.dueDate)} · 已答 {a.answeredCount}/{a.applicableCount}
                    </Text>
                  </View>
                }
              />
            ))}
          </CellGroup>
        ) : null}
        {due.status === 'ready' && due.data.length > 0 ? (
          <CellGroup title={`三会一课到期（${due.data.length}）`} className="tasks__party">
            {due.data.map((d) => (
              <Cell
                key={`${d.branchId}:${d.type}:${d.groupId ?? ''}`}
                className="tasks__todo tasks__meeting-due"
                clickable
                onClick={() => void Taro.navigateTo({ url: partyPages.calendar(d.enterpriseId, d.branchId) })}
                title={
                  <Text className="tasks__label">
                    {MEETING_TYPE_LABELS[d.type]}
                    {d.groupName ? `（${d.groupName}）` : ''} · {d.periodLabel}待开展
                  </Text>
                }
                description={
                  <View className="tasks__meta">
                    <Text className="tasks__campaign">{d.branchName}</Text>
                    <Text>
                      截止 {formatDate(d.lastDay)} · {d.daysLeft === 1 ? '今天到期' : `还剩 ${d.daysLeft} 天`}
                    </Text>
                  </View>
                }
              />
            ))}
          </CellGroup>
        ) : null}
        {((me.status === 'ready' && liaisonOf?.length === 0) ||
          (tasks.status === 'ready' && tasks.data.length === 0)) &&
        !(due.status === 'ready' && due.data.length > 0) ? (
          <CellGroup title="待办任务">
            <View className="tasks__empty">
              <Empty
                image={<EmptyImage />}
                title="暂无待办任务"
                description="自查、整改、承诺等任务下发后将显示在这里"
              />
            </View>
          </CellGroup>
        ) : null}

        {pending.length > 0 ? (
          <CellGroup
            title={`等待同步（${pending.length}）`}
            description="这些记录已保存在本机，网络恢复后自动发送，无需重复提交。"
          >
            {pending.map((e) => (
              <Cell
                key={e.id}
                title={<Text className="tasks__label">{e.label}</Text>}
                description={
                  <View className="tasks__meta">
                    <Text>提交于 {formatDateTime(e.createdAt)}</Text>
                    {e.attempts > 0 ? <Text>，已尝试 {e.attempts} 次</Text> : null}
                    {e.lastError ? <Text className="tasks__reason">{e.lastError.message}</Text> : null}
                  </View>
                }
              />
            ))}
            <View className="tasks__actions">
              <Button size="small" type="primary" fill="outline" loading={syncing} onClick={syncNow}>
                {syncing ? '正在同步' : '立即同步'}
              </Button>
            </View>
          </CellGroup>
        ) : null}

        {refused.length > 0 ? (
          <CellGroup
            title={`未被接受（${refused.length}）`}
            description="服务器没有接受以下提交，请查看原因后重试或忽略。"
          >
            {refused.map((e) => (
              <Cell
                key={e.id}
                title={<Text className="tasks__label">{e.label}</Text>}
                description={
                  <View className="tasks__meta">
                    <Text>提交于 {formatDateTime(e.createdAt)}</Text>
                    <Text className="tasks__reason tasks__reason--refused">
                      原因：{e.lastError?.message ?? '未说明'}
                    </Text>
                    <View className="tasks__buttons">
                      <Button size="small" type="primary" fill="outline" onClick={() => outbox?.retry(e.id)}>
                        重试
                      </Button>
                      <Button
                        size="small"
                        fill="outline"
                        onClick={() => {
                          Taro.showModal({
                            title: '忽略这条提交？',
                            content: `「${e.label}」将从本机删除，不会再发送。`,
                            confirmText: '忽略',
                            confirmColor: '#b8232b',
                          })
                            .then((res) => {
                              if (res.confirm) outbox?.dismiss(e.id)
                            })
                            .catch(() => undefined)
                        }}
                      >
                        忽略
                      </Button>
                    </View>
                  </View>
                }
              />
            ))}
          </CellGroup>
        ) : null}
      </View>
    </View>
  )
}
