import { ZAdminCodeRedeem, ZAdminCodeRedeemed } from '@/models/setup'
import { queueRedeemAdminCode } from '@/services/setup'
import { CodeDialog } from './CodeDialog'

export interface AdminCodeDialogProps {
  visible: boolean
  onClose: () => void
  /** The user is now an administrator of the office (or the request is queued). */
  onRedeemed: () => void
}

/** 管理员码: the county's first administrator enters the one-time code `npm run setup` printed. */
export function AdminCodeDialog({ visible, onClose, onRedeemed }: AdminCodeDialogProps) {
  return (
    <CodeDialog
      visible={visible}
      title="管理员码"
      confirmText="开通"
      hint="县里开通本系统时，系统管理员会给出一次性的 12 位管理员码（24 小时内有效）。输入后你将成为领导小组办公室管理员。"
      placeholder="例如 ABCD-EFGH-JKMN"
      maxLength={14}
      schema={ZAdminCodeRedeem}
      send={queueRedeemAdminCode}
      done={(data) => {
        const result = ZAdminCodeRedeemed.safeParse(data)
        return `已成为${result.success ? `「${result.data.departmentName}」` : '领导小组办公室'}管理员`
      }}
      onClose={onClose}
      onSubmitted={onRedeemed}
    />
  )
}
