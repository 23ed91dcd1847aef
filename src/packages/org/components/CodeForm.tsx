import { useState } from 'react'
import { Text } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { z } from 'zod'
import { FormDialogField } from '@/components/FormDialog'
import { FormPage } from '@/components/FormPage'
import { ZInviteJoinBody, ZJoinResult } from '@/models/invite'
import { joinRequestMessage } from '@/models/joinLink'
import { ZAdminCodeRedeem, ZAdminCodeRedeemed } from '@/models/setup'
import { queueJoinEnterprise } from '@/services/api'
import { queueRedeemAdminCode } from '@/services/setup'
import { useDialogSubmit } from '@/hooks/useDialogSubmit'
import type { OutboxEntry } from '@/services/outbox'
import { InviteWhat, inviteJoinable, useInvitePreview } from './InvitePreview'

export interface CodeKind {
  confirmText: string
  hint: string
  placeholder: string
  maxLength: number
  /** Checks the code as typed and gives the form it is sent in. */
  schema: z.ZodType<{ code: string }, { code: string }>
  /** Queues the write in the outbox. */
  send: (code: string) => OutboxEntry
  /** The toast once the server has it, from its answer. */
  done: (data: unknown) => string
  /** An invite code: once typed in full, what it opens is shown before the request (as on the QR's 加入 page). */
  previews?: boolean
}

/** 加入企业: asks to join with the 8-character invite code from the enterprise's liaison. */
export const INVITE_CODE: CodeKind = {
  confirmText: '申请加入',
  hint: '请输入联络员或领导小组办公室提供的 8 位邀请码，提交后由其审核。',
  placeholder: '例如 A1B2C3D4',
  maxLength: 8,
  schema: ZInviteJoinBody,
  send: queueJoinEnterprise,
  done: (data) => {
    const result = ZJoinResult.safeParse(data)
    return joinRequestMessage(result.success ? result.data : {})
  },
  previews: true,
}

/** 管理员码: the county's first administrator enters the one-time code `npm run setup` printed. */
export const ADMIN_CODE: CodeKind = {
  confirmText: '开通',
  hint: '县里开通本系统时，系统管理员会给出一次性的 12 位管理员码（24 小时内有效）。输入后你将成为领导小组办公室管理员。',
  placeholder: '例如 ABCD-EFGH-JKMN',
  maxLength: 14,
  schema: ZAdminCodeRedeem,
  send: queueRedeemAdminCode,
  done: (data) => {
    const result = ZAdminCodeRedeemed.safeParse(data)
    return `已成为${result.success ? `「${result.data.departmentName}」` : '领导小组办公室'}管理员`
  },
}

/**
 * One typed code sent through the outbox (加入企业's invite code, the 管理员码): the schema's message or
 * the server's reason stays on the page, where the code can be corrected.
 */
export function CodeForm({ kind, onDone }: { kind: CodeKind; onDone: () => void }) {
  const [code, setCode] = useState('')
  const form = useDialogSubmit()
  const { error, busy } = form
  const full = kind.schema.safeParse({ code })
  const invite = useInvitePreview(kind.previews && full.success ? full.data.code : null)

  const submit = async (): Promise<void> => {
    const { code: checked } = form.checked(kind.schema.safeParse({ code }), '格式不正确')
    await form.send(() => kind.send(checked), { done: kind.done })
  }

  return (
    <FormPage
      confirmText={kind.confirmText}
      busy={busy}
      canConfirm={inviteJoinable(invite)}
      onConfirm={submit}
      onClose={onDone}
    >
      <Text className="form-dialog__hint">{kind.hint}</Text>
      <FormDialogField error={error ?? invite.refused}>
        <Input
          className="form-dialog__input"
          value={code}
          placeholder={kind.placeholder}
          maxLength={kind.maxLength}
          clearable
          onChange={form.edit((v: string) => setCode(v.toUpperCase()))}
        />
      </FormDialogField>
      {invite.loading ? <Text className="form-dialog__hint">正在查询邀请码…</Text> : null}
      {invite.preview ? <InviteWhat preview={invite.preview} /> : null}
    </FormPage>
  )
}
