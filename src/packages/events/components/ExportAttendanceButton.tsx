import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { TEvent } from '@/models/event'
import { openAttendanceWorkbook } from '@/services/events'

/** 导出签到表: the event's .xlsx (签到名单, 未签到, 活动信息); a failure is said in a toast. */
export function ExportAttendanceButton({
  event,
}: {
  event: Pick<TEvent, 'id' | 'title' | 'startsAt' | 'organiser'> | null
}) {
  const open = async () => {
    if (!event) return
    try {
      await openAttendanceWorkbook(event)
    } catch (err) {
      void Taro.showToast({
        title: err instanceof Error ? err.message : '导出失败',
        icon: 'none',
        duration: 2500,
      })
    }
  }
  return (
    <Button size="small" fill="outline" disabled={!event} onClick={() => void open()}>
      导出签到表
    </Button>
  )
}
