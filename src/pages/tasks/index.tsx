import type { ReactNode } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import { OverdueTag } from '@/components/OverdueTag'
import { formatDate, formatDateTime } from '@/models/format'
import type { TTodo, TTodoList } from '@/models/todo'
import { PageState } from '@/components/PageState'
import { ReminderCard } from '@/components/todos/ReminderCard'
import { TodoDigestCard } from '@/components/todos/TodoDigestCard'
import { isDepartmentOnly } from '@/models/memberships'
import { eventPages } from '@/services/routes'
import { fetchTodoDigest, todoLink } from '@/services/todos'
import { fetchReminderOffer, remindersSupported } from '@/services/reminders'
import { useOutbox } from '@/hooks/useOutbox'
import type { OutboxEntry } from '@/services/outbox'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useMe } from '@/hooks/useMe'
import { useRequireSession } from '@/hooks/useSession'
import { useTodos } from '@/hooks/useTodos'
import './index.scss'
import { NothingToDo } from '@/components/todos/NothingToDo'

/** An entry of the outbox: what it was and when it was sent, then `children` (attempts, reason, buttons). */
function OutboxCell({ entry, children }: { entry: OutboxEntry; children: ReactNode }) {
  return (
    <Cell
      title={<Text className="tasks__label">{entry.label}</Text>}
      description={
        <View className="tasks__meta">
          <Text>提交于 {formatDateTime(entry.createdAt)}</Text>
          {children}
        </View>
      }
    />
  )
}

/** The to-dos the list stands for: an item of many (「N家企业…」) counts as its many. */
const shownCount = (list: TTodoList) => list.items.reduce((n, i) => n + (i.count ?? 1), 0)

function TodoCell({ todo, fresh }: { todo: TTodo; fresh: boolean }) {
  return (
    <Cell
      className={`tasks__todo tasks__todo--${todo.kind}`}
      clickable
      onClick={() => void Taro.navigateTo({ url: todoLink(todo) })}
      title={
        <View className="tasks__todo-head">
          <Text className="tasks__label">{todo.title}</Text>
          {todo.overdue ? <OverdueTag /> : fresh ? <Text className="tasks__new">新</Text> : null}
        </View>
      }
      description={
        <View className="tasks__meta">
          <Text className="tasks__campaign">{todo.detail}</Text>
          {todo.dueDate ? <Text>{`截止 ${formatDate(todo.dueDate)}`}</Text> : null}
        </View>
      }
    />
  )
}

export default function TasksPage() {
  const session = useRequireSession()
  const { outbox, pending, refused, syncing } = useOutbox()
  // Every role's to-dos, computed on the server: sign, fill, correct, review, verify, hold, approve.
  const userId = session?.user.id ?? null
  const { state: todos, reload } = useTodos(userId)
  // The mini-program offers WeChat reminders; H5 has none, so it shows a digest of what changed.
  const offer = useRemote(remindersSupported && userId ? `reminders:${userId}` : null, fetchReminderOffer)
  const digest = useRemote(!remindersSupported && userId ? `digest:${userId}` : null, fetchTodoDigest)
  const me = useMe(userId)
  usePullRefresh(() =>
    Promise.all([reload(), offer.reload(), digest.reload(), me.reload()]).then(() => undefined),
  )
  if (!session) return <View className="page" />
  // An event's 参加对象 are enterprises: 监管员 / 办公室 / 党员干部 of no enterprise never scan in (as on 我的活动).
  const attends = !(me.state.status === 'ready' && isDepartmentOnly(me.state.me.memberships))
  const fresh = new Set(digest.state.status === 'ready' ? digest.state.data.newKeys : [])

  const syncNow = () => {
    outbox?.flush({ force: true }).catch(() => undefined)
  }

  return (
    <View className="page tasks">
      <View className="page__body">
        {digest.state.status === 'ready' ? <TodoDigestCard digest={digest.state.data} /> : null}
        {attends ? (
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
        ) : null}
        <PageState state={todos} reload={reload}>
          {(list: TTodoList) =>
            list.total > 0 ? (
              <>
                {offer.state.status === 'ready' ? (
                  <ReminderCard list={list} offer={offer.state.data} onRecorded={offer.setData} />
                ) : null}
                <CellGroup
                  title={`待办任务（${list.total}）`}
                  description={
                    list.total > shownCount(list)
                      ? `先列出最紧的 ${shownCount(list)} 项，办完后其余随即显示。`
                      : undefined
                  }
                >
                  {list.items.map((todo) => (
                    <TodoCell key={todo.key} todo={todo} fresh={fresh.has(todo.key)} />
                  ))}
                </CellGroup>
              </>
            ) : (
              <CellGroup title="待办任务">
                <NothingToDo memberships={me.state.status === 'ready' ? me.state.me.memberships : null} />
              </CellGroup>
            )
          }
        </PageState>

        {pending.length > 0 ? (
          <CellGroup
            title={`等待同步（${pending.length}）`}
            description="这些记录已保存在本机，网络恢复后自动发送，无需重复提交。"
          >
            {pending.map((e) => (
              <OutboxCell key={e.id} entry={e}>
                {e.attempts > 0 ? <Text>，已尝试 {e.attempts} 次</Text> : null}
                {e.lastError ? <Text className="tasks__reason">{e.lastError.message}</Text> : null}
              </OutboxCell>
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
              <OutboxCell key={e.id} entry={e}>
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
                      showModal({
                        title: '忽略这条提交？',
                        content: `「${e.label}」将从本机删除，不会再发送。`,
                        confirmText: '忽略',
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
              </OutboxCell>
            ))}
          </CellGroup>
        ) : null}
      </View>
    </View>
  )
}
