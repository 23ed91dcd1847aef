import { ZInviteJoinBody, ZJoinResult } from '@/models/invite'
import { queueJoinEnterprise } from '@/services/api'
import { CodeDialog } from './CodeDialog'

export interface JoinEnterpriseDialogProps {
  visible: boolean
  onClose: () => void
  /** The request reached the server (the membership is now pending) or is queued to. */
  onSubmitted: () => void
}

/** 加入企业: asks to join with the 8-character invite code from the enterprise's liaison (via the outbox). */
export function JoinEnterpriseDialog({ visible, onClose, onSubmitted }: JoinEnterpriseDialogProps) {
  return (
    <CodeDialog
      visible={visible}
      title="加入企业"
      confirmText="申请加入"
      hint="请输入本企业联络员提供的 8 位邀请码，提交后由联络员审核。"
      placeholder="例如 A1B2C3D4"
      maxLength={8}
      schema={ZInviteJoinBody}
      send={queueJoinEnterprise}
      done={(data) => {
        const result = ZJoinResult.safeParse(data)
        return `已申请加入${result.success ? `「${result.data.enterpriseName}」` : '企业'}，等待联络员审核`
      }}
      onClose={onClose}
      onSubmitted={onSubmitted}
    />
  )
}
