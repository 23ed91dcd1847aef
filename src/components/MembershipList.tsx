import { Text, View } from '@tarojs/components'
import { Cell, CellGroup, Tag } from '@nutui/nutui-react-taro'
import type { TMembership, TOrgKind } from '@/models/org'
import { MEMBERSHIP_STATUS_LABELS, ROLE_LABELS } from '@/models/orgLabels'
import './MembershipList.scss'

export const ORG_KIND_LABELS: Record<TOrgKind, string> = {
  enterprise: '企业',
  department: '监管单位',
}

export interface OrganisationGroup {
  key: string
  kind: TOrgKind
  id: number
  name: string
  memberships: TMembership[]
}

/** One entry per organisation (in the order the server listed them), with every role held there. */
export function groupByOrganisation(memberships: readonly TMembership[]): OrganisationGroup[] {
  const groups = new Map<string, OrganisationGroup>()
  for (const m of memberships) {
    const key = `${m.organisationKind}:${m.organisationId}`
    let group = groups.get(key)
    if (!group) {
      group = {
        key,
        kind: m.organisationKind,
        id: m.organisationId,
        name: m.organisationName,
        memberships: [],
      }
      groups.set(key, group)
    }
    group.memberships.push(m)
  }
  return [...groups.values()]
}

function RoleTag({ membership }: { membership: TMembership }) {
  const label = ROLE_LABELS[membership.role]
  if (membership.status === 'approved') {
    return <Tag className="org-tag org-tag--role">{label}</Tag>
  }
  return (
    <View className="org-tag-pair">
      <Tag className="org-tag org-tag--muted">{label}</Tag>
      <Tag className={`org-tag org-tag--${membership.status}`}>
        {MEMBERSHIP_STATUS_LABELS[membership.status]}
      </Tag>
    </View>
  )
}

/**
 * Who decides the pending requests among `memberships` (the office for a department's people and an
 * enterprise's liaison, the liaison otherwise), as 首页 and 任务 say it; undefined when none is pending.
 */
export function pendingDecider(memberships: readonly TMembership[]): string | undefined {
  const pending = memberships.filter((m) => m.status === 'pending')
  const byOffice = pending.some((m) => m.organisationKind === 'department' || m.role === 'liaison')
  const byLiaison = pending.some((m) => m.organisationKind === 'enterprise' && m.role !== 'liaison')
  return byOffice && byLiaison
    ? '领导小组办公室或本企业联络员'
    : byOffice
      ? '领导小组办公室'
      : byLiaison
        ? '本企业联络员'
        : undefined
}

/** The user's organisations, each with its kind and the roles held there (pending ones marked 待审核). */
export function MembershipList({
  memberships,
  title = '我的组织',
}: {
  memberships: readonly TMembership[]
  title?: string
}) {
  const groups = groupByOrganisation(memberships)
  const decider = pendingDecider(memberships)
  const pendingNote = decider ? `待审核的身份由${decider}通过后生效` : undefined
  return (
    <CellGroup className="org-list" title={title} description={pendingNote}>
      {groups.map((g) => (
        <Cell
          key={g.key}
          className="org-cell"
          title={<Text className="org-cell__name">{g.name}</Text>}
          description={
            <View className="org-cell__meta">
              <Text className="org-cell__kind">{ORG_KIND_LABELS[g.kind]}</Text>
              {g.memberships.map((m) => (
                <RoleTag key={m.id} membership={m} />
              ))}
            </View>
          }
        />
      ))}
    </CellGroup>
  )
}
