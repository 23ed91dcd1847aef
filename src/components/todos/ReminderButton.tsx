import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { TReminderOffer } from '@/models/reminder'
import { runWrite } from '@/hooks/useWrite'
import { reminderFailureMessage, requestReminders } from '@/services/reminders'
import { parseBody } from '@/services/request'

interface Props {
  /** What to ask WeChat for (chooseTemplates: at most 3, as WeChat takes per tap). */
  templateIds: string[]
  /** The outbox entry's label (shown in 任务 while it waits). */
  label: string
  text: string
  className?: string
  /** A small primary button (in a card) rather than one of a page's row of outline buttons. */
  compact?: boolean
  /** The server's answer once it has the accepts: the offer with the new unused count. */
  onRecorded: (offer: TReminderOffer) => void
}

/**
 * 开启微信提醒: asks WeChat for the templates right in the tap (WeChat shows its panel only then, so
 * the ids are loaded before), and sends the accepts to the server.
 */
export function ReminderButton({ templateIds, label, text, className, compact, onRecorded }: Props) {
  const tap = () => {
    requestReminders(templateIds, label)
      .then(async (answer) => {
        if (answer.kind === 'declined') {
          void Taro.showToast({ title: '未开启提醒', icon: 'none' })
          return
        }
        if (answer.kind !== 'accepted') return
        const outcome = await runWrite(answer.entry, {
          done: () => '已开启：有新任务或逾期时将通过微信提醒您',
        })
        if (outcome.kind !== 'delivered') return
        // The server's ZReminderOffer (checked there: 任务 is in the main package, which has no zod).
        const recorded = parseBody(outcome.response?.data) as TReminderOffer | null
        if (recorded?.templates && recorded.pending) onRecorded(recorded)
      })
      .catch((err: unknown) =>
        Taro.showToast({ title: reminderFailureMessage(err), icon: 'none', duration: 3000 }),
      )
  }
  return (
    <Button
      className={className}
      type={compact ? 'primary' : 'default'}
      fill="outline"
      size={compact ? 'small' : 'normal'}
      onClick={tap}
    >
      {text}
    </Button>
  )
}
