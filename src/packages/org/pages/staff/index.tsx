import { useRouter } from '@tarojs/taro'
import { showModal } from '@/services/platform/modal'
import { View } from '@tarojs/components'
import { DEPARTMENT_ROLES, ROLE_LABELS, type TMember } from '@/models/org'
import type { TDepartmentRole } from '@/models/invite'
import {
  fetchDepartmentInvites,
  fetchDepartmentMembers,
  queueAccount,
  queueDepartmentDecision,
  queueDepartmentInvite,
  queueDepartmentRoleChange,
} from '@/services/members'
import { InvalidLink } from '@/components/PageState'
import type { Person } from '@/packages/org/components/people'
import { PeopleLayout, PersonAction } from '@/packages/org/components/PeopleLayout'
import { PersonRow } from '@/packages/org/components/PersonRow'
import { useOrgPeople } from '@/packages/org/components/useOrgPeople'
import '@/styles/page.scss'
import '../members/index.scss'

/**
 * 部门人员 (领导小组办公室): a department's 监管员 and 党员干部 (and, in the office itself, its 办公室人员):
 * join requests, invite codes by role with QR, role changes, 停用 / 启用 of a person's account.
 */
export default function StaffPage() {
  const isOffice = useRouter().params.office === '1'
  const roles: TDepartmentRole[] = DEPARTMENT_ROLES.filter((r) => isOffice || r !== 'office')
  const people = useOrgPeople('did', 'staff', fetchDepartmentMembers, fetchDepartmentInvites)
  const { session, id: did, name, busy, write, decide, open, toggle } = people

  if (!session) return <View className="page" />
  if (!did) return <InvalidLink />

  const decideJoin = (member: TMember, approve: boolean) =>
    decide(member, approve, name || '本部门', () => queueDepartmentDecision(did, member, approve))

  async function account(person: Person, disable: boolean) {
    if (disable) {
      const res = await showModal({
        title: '停用账号',
        content: `停用${person.name}的账号？停用后其立即不能再使用本系统（可随时重新启用）。`,
        confirmText: '停用',
      })
      if (!res.confirm) return
    }
    await write(`a${person.userId}`, () => queueAccount(person.memberships[0], disable), {
      done: disable ? `已停用${person.name}` : `已启用${person.name}`,
    })
  }

  return (
    <PeopleLayout
      className="org-staff"
      people={people}
      onDecide={(m, ok) => void decideJoin(m, ok)}
      invite={{
        title: '邀请人员',
        hint: `把邀请码或二维码发给本部门人员：微信扫码，或在「我的 → 加入企业」（部门人员也从这里加入）输入后提交，由办公室审核通过。监管员、党员干部的邀请码可多人使用${isOffice ? '；办公室人员的仅限1人使用' : ''}。`,
        forDepartment: true,
        roles,
        onCreate: (role) =>
          void write('invite', () => queueDepartmentInvite(did, { role, expiresInDays: 7 }), {
            done: '已生成邀请码',
          }),
      }}
      heading="人员"
      subtitle={(count) =>
        count === 0 ? '还没有人员：生成邀请码发给本部门人员' : '点人员可调整角色、停用或启用账号。'
      }
      person={(person) => (
        <PersonRow
          key={person.userId}
          person={person}
          suffix={person.disabled ? '（已停用）' : undefined}
          open={open === person.userId}
          onToggle={() => toggle(person.userId)}
          roles={roles}
          busy={busy}
          onChangeRole={(m, r) =>
            void write(`r${m.membershipId}`, () => queueDepartmentRoleChange(did, m, r as TDepartmentRole), {
              done: `已改为${ROLE_LABELS[r]}`,
            })
          }
        >
          {person.userId !== session.user.id ? (
            <PersonAction
              id={`a${person.userId}`}
              busy={busy}
              onClick={() => void account(person, !person.disabled)}
            >
              {person.disabled ? '启用账号' : '停用账号'}
            </PersonAction>
          ) : null}
        </PersonRow>
      )}
    />
  )
}
