import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { ROLE_LABELS, type TMember, type TRole } from '@/models/org'
import { otherRoles, type Person } from './people'

export interface PersonRowProps {
  person: Person
  /** After the name: （我）, （已停用） … */
  suffix?: string
  open: boolean
  onToggle: () => void
  /** The roles a membership may change to (those the person does not hold are offered). */
  roles: readonly TRole[]
  busy: string | null
  onChangeRole: (membership: TMember, role: TRole) => void
  /** The person's other actions, shown when open. */
  children?: ReactNode
}

/** One person with their roles; tapped, it opens 改为… per membership and the page's actions. */
export function PersonRow({
  person,
  suffix,
  open,
  onToggle,
  roles,
  busy,
  onChangeRole,
  children,
}: PersonRowProps) {
  return (
    <View className="org-department">
      <View className="org-member" onClick={onToggle}>
        <View className="org-member__who">
          <Text className="org-member__name">
            {person.name || '未填写姓名'}
            {suffix ?? ''}
          </Text>
          <Text className="org-member__meta">{person.phoneMasked ?? '未填手机号'}</Text>
        </View>
        <Text className="org-member__roles">
          {person.memberships.map((m) => ROLE_LABELS[m.role]).join('、')}
        </Text>
      </View>
      {open ? (
        <View className="org-department__edit">
          {person.memberships.map((m) => (
            <View key={m.membershipId} className="org-roles org-roles--wrap">
              <Text className="org-member__meta">{ROLE_LABELS[m.role]}：</Text>
              {otherRoles(person, roles).map((r) => (
                <Text key={r} className="org-roles__item" onClick={() => busy === null && onChangeRole(m, r)}>
                  {`改为${ROLE_LABELS[r]}`}
                </Text>
              ))}
            </View>
          ))}
          <View className="org-member__actions">{children}</View>
        </View>
      ) : null}
    </View>
  )
}
