import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ROLE_LABELS, type TRole } from '@/models/org'
import { hasRole, SINGLE_USE_INVITE_ROLES } from '@/models/roles'
import { InviteCode } from '@/components/InviteCode'

export interface InvitePanelProps<R extends TRole> {
  title: string
  hint: string
  /** The roles that may be invited here (the first is chosen at first). */
  roles: readonly R[]
  invites: { id: number; code: string; role: R; expiresAt: string; uses: number; maxUses: number }[]
  busy: string | null
  /** A department's invites (their hint names the entry a department's people use). */
  forDepartment?: boolean
  /** Makes an invite of this role (busy key 'invite'). */
  onCreate: (role: R) => void
}

/** 邀请: role chips, 生成…邀请码, and the open invite codes with QR and expiry. */
export function InvitePanel<R extends TRole>({
  title,
  hint,
  roles,
  invites,
  busy,
  forDepartment,
  onCreate,
}: InvitePanelProps<R>) {
  const [role, setRole] = useState<R>(roles[0])
  return (
    <View className="a-card">
      <Text className="a-card__title">{title}</Text>
      <Text className="a-card__subtitle">{hint}</Text>
      <View className="org-roles">
        {roles.map((r) => (
          <Text
            key={r}
            className={`org-roles__item${r === role ? ' org-roles__item--active' : ''}`}
            onClick={() => setRole(r)}
          >
            {ROLE_LABELS[r]}
          </Text>
        ))}
      </View>
      <Button
        type="primary"
        fill="outline"
        loading={busy === 'invite'}
        disabled={busy !== null}
        onClick={() => onCreate(role)}
      >
        {`生成${ROLE_LABELS[role]}邀请码（7天有效${hasRole(SINGLE_USE_INVITE_ROLES, role) ? '，仅限1人使用' : ''}）`}
      </Button>
      {invites.map((invite) => (
        <InviteCode
          key={invite.id}
          code={invite.code}
          roleLabel={ROLE_LABELS[invite.role]}
          expiresAt={invite.expiresAt}
          uses={invite.uses}
          maxUses={invite.maxUses}
          forDepartment={forDepartment}
        />
      ))}
    </View>
  )
}
