import { Button } from '@nutui/nutui-react-taro'
import type { TEvent } from '@/models/event'
import { openAttendanceWorkbook } from '@/services/events'
import { exportOrToast } from '@/services/download'

/** 导出签到表: the event's .xlsx (签到名单, 未签到, 活动信息); a failure is said in a toast. */
export function ExportAttendanceButton({
  event,
}: {
  event: Pick<TEvent, 'id' | 'title' | 'startsAt' | 'organiser'> | null
}) {
  return (
    <Button
      size="small"
      fill="outline"
      disabled={!event}
      onClick={() => void (event && exportOrToast(() => openAttendanceWorkbook(event)))}
    >
      导出签到表
    </Button>
  )
}
