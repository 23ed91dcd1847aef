import { useRouter } from '@tarojs/taro'
import { showModal } from '@/services/platform/modal'
import { goBack } from '@/services/navigation'
import { View } from '@tarojs/components'
import { ROLE_LABELS, type TEnterpriseRole, type TMember } from '@/models/org'
import {
  fetchAllMembers,
  fetchInvites,
  queueDecision,
  queueHandover,
  queueInvite,
  queueRemove,
  queueRoleChange,
} from '@/services/members'
import { InvalidLink } from '@/components/PageState'
import type { Person } from '@/packages/org/components/people'
import { PeopleLayout, PersonAction } from '@/packages/org/components/PeopleLayout'
import { PersonRow } from '@/packages/org/components/PersonRow'
import { BranchesCard } from '@/packages/org/components/BranchesCard'
import { useOrgPeople } from '@/packages/org/components/useOrgPeople'
import '@/styles/page.scss'
import './index.scss'

/** Roles a liaison may invite (a liaison invite comes from the office; the role itself is handed over). */
const INVITE_ROLES: TEnterpriseRole[] = ['employee', 'head', 'branch_secretary']
/** The office opens this page to invite an enterprise's liaison (and decide the liaison's request). */
const OFFICE_INVITE_ROLES: TEnterpriseRole[] = ['liaison', ...INVITE_ROLES]

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const res = await showModal({ title, content, confirmText })
  return res.confirm
}

/**
 * 成员管理 (联络员): join requests to approve, invite codes by role with QR and expiry, and the members:
 * change a role, remove someone who has left (what they signed stays), hand the liaison role over.
 */
export default function MembersPage() {
  const asOffice = useRouter().params.as === 'office'
  const people = useOrgPeople('eid', 'members', fetchAllMembers, fetchInvites)
  const { session, id: eid, busy, write, decide, open, setOpen, toggle } = people

  if (!session) return <View className="page" />
  if (!eid) return <InvalidLink />

  const decideJoin = (member: TMember, approve: boolean) =>
    decide(member, approve, '本企业', () => queueDecision(eid, member, approve))

  async function changeRole(member: TMember, to: TEnterpriseRole) {
    await write(`r${member.membershipId}`, () => queueRoleChange(eid!, member, to), {
      done: `已改为${ROLE_LABELS[to]}`,
    })
  }

  async function remove(person: Person) {
    const ok = await confirm(
      '移出成员',
      `${person.name}已离开本企业吗？移出后其不再是本企业成员，已签署的承诺、签到等记录保留并仍显示其姓名。`,
      '移出',
    )
    if (!ok) return
    const outcome = await write(`x${person.userId}`, () => queueRemove(eid!, person.memberships[0]), {
      done: `已移出${person.name}`,
    })
    if (outcome.kind === 'delivered') setOpen(null)
  }

  async function handOver(person: Person) {
    const ok = await confirm(
      '移交联络员',
      `把联络员移交给${person.name}？移交后你将改为职工，不能再管理本企业成员。`,
      '移交',
    )
    if (!ok) return
    const outcome = await write(`h${person.userId}`, () => queueHandover(eid!, person.memberships[0]), {
      done: `已移交给${person.name}`,
    })
    if (outcome.kind === 'delivered') void goBack()
  }

  return (
    <PeopleLayout
      className="org-members"
      people={people}
      onDecide={(m, ok) => void decideJoin(m, ok)}
      invite={{
        title: asOffice ? '邀请联络员和成员' : '邀请成员',
        hint: asOffice
          ? '领导小组办公室为企业生成联络员邀请码：联络员微信扫码或输入邀请码提交后，在上方「待审核」通过。'
          : '把邀请码或二维码发给本企业职工：微信扫码或在「我的 → 加入企业」输入后提交，由你审核通过。职工邀请码可多人使用；负责人、支部书记的邀请码仅限1人使用。',
        roles: asOffice ? OFFICE_INVITE_ROLES : INVITE_ROLES,
        onCreate: (role) =>
          void write('invite', () => queueInvite(eid, { role, expiresInDays: 7 }), { done: '已生成邀请码' }),
      }}
      heading="成员"
      // The office opens a newly registered enterprise before anyone has joined: say what fills the card.
      subtitle={(count) =>
        count === 0
          ? '还没有成员：生成联络员邀请码发给企业联络员，联络员加入后再邀请本企业职工'
          : asOffice
            ? null
            : '点成员可调整角色、移交联络员或移出。'
      }
      extra={(members) => <BranchesCard eid={eid} members={members} />}
      person={(person) => {
        const me = person.userId === session.user.id
        const isLiaison = person.memberships.some((m) => m.role === 'liaison')
        return (
          <PersonRow
            key={person.userId}
            person={person}
            suffix={me ? '（我）' : undefined}
            open={open === person.userId}
            onToggle={() => !asOffice && toggle(person.userId)}
            roles={INVITE_ROLES}
            busy={busy}
            onChangeRole={(m, r) => void changeRole(m, r as TEnterpriseRole)}
          >
            {!me && !isLiaison ? (
              <PersonAction id={`h${person.userId}`} busy={busy} onClick={() => void handOver(person)}>
                移交联络员
              </PersonAction>
            ) : null}
            {!me ? (
              <PersonAction id={`x${person.userId}`} busy={busy} onClick={() => void remove(person)}>
                移出
              </PersonAction>
            ) : null}
          </PersonRow>
        )
      }}
    />
  )
}
