import { useEffect } from 'react'
import type { TTodoList } from '@/models/todo'
import { fetchTodos, showTodoBadge } from '@/services/todos'
import { useRemote } from './useRemote'

/** The caller's to-dos for a tab page (loaded again each time it shows), with the 任务 badge kept current. */
export function useTodos(userId: number | null) {
  const remote = useRemote<TTodoList>(userId ? `todos:${userId}` : null, fetchTodos)
  const total = remote.state.status === 'ready' ? remote.state.data.total : null
  useEffect(() => {
    if (total !== null) showTodoBadge(total)
  }, [total])
  return remote
}
