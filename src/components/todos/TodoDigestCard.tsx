import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import type { TTodoDigest } from '@/models/todo'
import { TODO_KIND_LABELS } from '@/models/todoKinds'
import { formatDateTime } from '@/models/format'
import { markTodosSeen } from '@/services/todos'
import '@/styles/page.scss'
import './todos.scss'

/**
 * H5's digest at the top of 任务 (a browser gets no WeChat reminders): how many of each kind, the kinds
 * with overdue items first, and what is new since the last look. Once shown, the look is recorded.
 */
export function TodoDigestCard({ digest }: { digest: TTodoDigest }) {
  useEffect(() => {
    // A failure only means the next look counts from the one before: nothing to tell the user.
    markTodosSeen().catch(() => undefined)
  }, [digest])
  if (digest.total === 0) return null
  return (
    <View className="a-card todo-digest">
      <View className="todo-digest__head">
        <Text className="a-card__title todo-digest__title">{`待办 ${digest.total} 项`}</Text>
        {digest.overdue > 0 ? (
          <Text className="todo-digest__overdue">{`已逾期 ${digest.overdue} 项`}</Text>
        ) : null}
      </View>
      {digest.lastSeenAt ? (
        <Text
          className={`a-card__subtitle todo-digest__new${digest.newCount ? ' todo-digest__new--some' : ''}`}
        >
          {digest.newCount > 0
            ? `自上次查看（${formatDateTime(digest.lastSeenAt)}）以来新增 ${digest.newCount} 项`
            : `自上次查看（${formatDateTime(digest.lastSeenAt)}）以来没有新增`}
        </Text>
      ) : null}
      <View className="todo-digest__kinds">
        {digest.byKind.map((k) => (
          <Text
            key={k.kind}
            className={`todo-digest__kind${k.overdue ? ' todo-digest__kind--overdue' : ''}`}
            data-kind={k.kind}
          >
            {`${TODO_KIND_LABELS[k.kind]} ${k.count}${k.overdue ? `（逾期 ${k.overdue}）` : ''}`}
          </Text>
        ))}
      </View>
    </View>
  )
}
