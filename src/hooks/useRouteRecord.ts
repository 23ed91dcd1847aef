import { useRouter } from '@tarojs/taro'
import { idParam } from '@/services/routes'
import { usePullRefresh, useRemote } from './useRemote'
import { useRequireSession } from './useSession'

/**
 * A signed-in page showing what its link names: the id in the route's `param` (null when missing or
 * bad), loaded with `fetch` once signed in (cached under `${key}:${id}`), and pulled down to refresh.
 */
export function useRouteRecord<T>(param: string, key: string, fetch: (id: number) => Promise<T>) {
  const session = useRequireSession()
  const id = idParam(useRouter().params[param])
  const remote = useRemote(session && id ? `${key}:${id}` : null, () => fetch(id ?? 0))
  usePullRefresh(remote.reload)
  return { session, id, ...remote }
}
