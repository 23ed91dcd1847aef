import { useRouter } from '@tarojs/taro'
import { idParam } from '@/services/routes'
import { useAssessment } from './useAssessment'
import { useRequireSession } from './useSession'

/**
 * The self-assessment a page's address names (`eid`, `aid`), loaded once the user is signed in (a signed-out
 * user is sent to log in): the session, the ids, the page's other parameters and useAssessment's load.
 */
export function useRouteAssessment() {
  const session = useRequireSession()
  const params = useRouter().params
  const eid = idParam(params.eid)
  const aid = idParam(params.aid)
  const assessment = useAssessment(session ? eid : null, session ? aid : null)
  return { session, params, eid, aid, ...assessment }
}
