import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { TInvitePreview } from '@/models/invite'
import { joinDecider } from '@/models/joinLink'
import { ROLE_LABELS } from '@/models/org'
import { formatDateTime } from '@/models/format'
import { fetchInvitePreview } from '@/services/members'
import { ApiError } from '@/services/request'
import './InvitePreview.scss'

/** What the join itself would answer for this code: said before the tap. */
const CODE_REFUSALS = ['INVITE_INVALID', 'INVITE_USED_UP', 'VALIDATION_FAILED']

export interface InvitePreviewState {
  /** The code asked about; null while there is none to ask about. */
  code: string | null
  preview: TInvitePreview | null
  /** The join's own refusal (invalid, expired, used up): no request is offered for such a code. */
  refused: string | null
  /** The preview is on its way. */
  loading: boolean
}

/**
 * What an invite code opens (POST /invites/preview), for the QR link's 加入 page and the typed 加入企业 form.
 * `code` is null until there is a full code and a signed-in caller. A state always belongs to the code now
 * passed: a code edited since does not show the last one's organisation or refusal.
 */
export function useInvitePreview(code: string | null): InvitePreviewState {
  const [answer, setAnswer] = useState<{ code: string; preview?: TInvitePreview; refused?: string }>()

  useEffect(() => {
    if (!code) return
    let live = true
    fetchInvitePreview(code).then(
      (preview) => live && setAnswer({ code, preview }),
      // Only the join's own refusals withhold the button: without signal (or on a passing server error) the
      // request can still be queued and sent.
      (err: unknown) =>
        live &&
        setAnswer(
          err instanceof ApiError && CODE_REFUSALS.includes(err.code)
            ? { code, refused: err.message }
            : { code },
        ),
    )
    return () => {
      live = false
    }
  }, [code])

  const mine = code !== null && answer?.code === code ? answer : undefined
  return {
    code,
    preview: mine?.preview ?? null,
    refused: mine?.refused ?? null,
    loading: code !== null && !mine,
  }
}

/** Whether 申请加入 makes sense for this code: not once refused, nor for someone already there. */
export function inviteJoinable(state: InvitePreviewState): boolean {
  return !state.refused && !state.preview?.alreadyMember
}

/** Whose invite it is and what it asks, so nobody applies to the wrong enterprise or role. */
export function InviteWhat({ preview }: { preview: TInvitePreview }) {
  const role = ROLE_LABELS[preview.role] ?? preview.role
  return (
    <View className="org-invite">
      <Text className="org-invite__org">{preview.organisationName}</Text>
      <Text className="org-invite__line">
        {preview.alreadyMember
          ? `你已申请或已是该${preview.organisationKind === 'department' ? '部门' : '企业'}的${role}，无需再次申请。`
          : `邀请你以「${role}」身份加入，由${joinDecider(preview)}审核。`}
      </Text>
      <Text className="org-invite__line">有效期至 {formatDateTime(preview.expiresAt)}</Text>
    </View>
  )
}
