import { ZInviteJoinBody, ZJoinResult } from '@/models/invite'
import { joinRequestMessage } from '@/models/joinLink'
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
      hint="请输入联络员或领导小组办公室提供的 8 位邀请码，提交后由其审核。"
      placeholder="例如 A1B2C3D4"
      maxLength={8}
      schema={ZInviteJoinBody}
      send={queueJoinEnterprise}
      done={(data) => {
        const result = ZJoinResult.safeParse(data)
        return joinRequestMessage(result.success ? result.data : {})
      }}
      onClose={onClose}
      onSubmitted={onSubmitted}
    />
  )
}
