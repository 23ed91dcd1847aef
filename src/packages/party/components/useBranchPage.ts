import { useRouter } from '@tarojs/taro'
import { idParam } from '@/services/routes'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'

/**
 * A signed-in page of one 党支部: the enterprise (`eid`) and branch (`bid`) its link names, the meeting
 * (`mid`) where it names one (each null when missing or bad), the link's other params, and the write that
 * queues the page's changes.
 */
export function useBranchPage() {
  const session = useRequireSession()
  const write = useWrite()
  const params = useRouter().params
  return {
    session,
    write,
    params,
    eid: idParam(params.eid),
    bid: idParam(params.bid),
    mid: idParam(params.mid),
  }
}
