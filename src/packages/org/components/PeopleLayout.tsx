import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TMember, TRole } from '@/models/org'
import type { RemoteState } from '@/hooks/useRemote'
import { OutboxNotice } from '@/components/OutboxNotice'
import { PageState } from '@/components/PageState'
import { JoinRequests } from './JoinRequests'
import { groupPeople, type Person } from './people'
import { InvitePanel, type InvitePanelProps } from './InvitePanel'

interface PeopleLayoutProps<R extends TRole> {
  className: string
  /**
   * From the page's useOrgPeople: the organisation's name (shown on top when the link carries it), its
   * people and invites as loaded, and the write in flight.
   */
  people: {
    name: string
    state: RemoteState<{ members: TMember[]; invites: InvitePanelProps<R>['invites'] }>
    reload: () => Promise<void>
    busy: string | null
  }
  onDecide: (member: TMember, approve: boolean) => void
  invite: Omit<InvitePanelProps<R>, 'invites' | 'busy'>
  /** 成员 / 人员, counted in the list's title. */
  heading: string
  /** The line under the title, given how many people there are (null: none). */
  subtitle: (count: number) => string | null
  person: (person: Person) => ReactNode
  /** More cards after the people (成员管理's 党支部), given the members. */
  extra?: (members: TMember[]) => ReactNode
}

/**
 * An organisation's people page (an enterprise's 成员管理, a department's 部门人员): join requests to decide,
 * invite codes by role, then everyone with what may be done to them.
 */
export function PeopleLayout<R extends TRole>(props: PeopleLayoutProps<R>) {
  const { name, state, reload, busy } = props.people
  return (
    <View className={`page ${props.className}`}>
      <View className="page__body">
        <OutboxNotice />
        {name ? <Text className="a-card__title org-staff__title">{name}</Text> : null}
        <PageState state={state} reload={reload}>
          {(data) => {
            const people = groupPeople(data.members)
            const subtitle = props.subtitle(people.length)
            return (
              <>
                <JoinRequests
                  pending={data.members.filter((m) => m.status === 'pending')}
                  busy={busy}
                  onDecide={props.onDecide}
                />
                <InvitePanel {...props.invite} invites={data.invites} busy={busy} />
                <View className="a-card">
                  <Text className="a-card__title">{`${props.heading}（${people.length}）`}</Text>
                  {subtitle ? <Text className="a-card__subtitle">{subtitle}</Text> : null}
                  {people.map(props.person)}
                </View>
                {props.extra?.(data.members)}
              </>
            )
          }}
        </PageState>
      </View>
    </View>
  )
}

/** One action on an opened person (移交, 移出, 停用): outlined, spinning while its write is on its way. */
export function PersonAction(props: {
  id: string
  busy: string | null
  onClick: () => void
  children: string
}) {
  return (
    <Button
      size="small"
      fill="outline"
      loading={props.busy === props.id}
      disabled={props.busy !== null}
      onClick={props.onClick}
    >
      {props.children}
    </Button>
  )
}
