import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ROLE_LABELS, type TEnterpriseRole, type TMember } from '@/models/org'
import { fetchAllMembers, fetchInvites, queueDecision, queueInvite } from '@/services/members'
import { formatDate } from '@/models/format'
import { OutboxNotice } from '@/components/OutboxNotice'
import { ErrorState, PageState } from '@/components/PageState'
import { idParam } from '@/services/routes'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import './index.scss'
import { useWrite } from '@/hooks/useWrite'

/** Roles a liaison may invite (the liaison role itself is handed over by the office). */
const INVITE_ROLES: TEnterpriseRole[] = ['employee', 'head', 'branch_secretary']

/** 联络员: join requests to approve, invite codes by role, and the enterprise's members. */
export default function MembersPage() {
  const session = useRequireSession()
  const eid = idParam(useRouter().params.eid)
  const { state, reload } = useRemote(session && eid ? `members:${eid}` : null, async () => {
    const [members, invites] = await Promise.all([fetchAllMembers(eid!), fetchInvites(eid!)])
    return { members, invites }
  })
  usePullRefresh(reload)
  const [role, setRole] = useState<TEnterpriseRole>('employee')
  const [busy, setBusy] = useState<string | null>(null)
  const send = useWrite()

  if (!session) return <View className="page" />
  if (!eid) return <ErrorState message="链接无效" onRetry={() => void Taro.navigateBack()} />

  async function write(key: string, run: () => ReturnType<typeof queueInvite>, done: string) {
    setBusy(key)
    try {
      await send(run(), { done })
      await reload().catch(() => undefined)
    } finally {
      setBusy(null)
    }
  }

  async function decide(member: TMember, approve: boolean) {
    if (!approve) {
      const res = await Taro.showModal({
        title: '拒绝加入申请',
        content: `拒绝${member.name}加入本企业吗？对方可以凭新的邀请码再次申请。`,
        confirmText: '拒绝',
        confirmColor: '#b8232b',
      })
      if (!res.confirm) return
    }
    await write(
      `m${member.membershipId}`,
      () => queueDecision(eid!, member, approve),
      approve ? '已通过' : '已拒绝',
    )
  }

  const data = state.status === 'ready' ? state.data : null
  const pending = data?.members.filter((m) => m.status === 'pending') ?? []
  const approved = data?.members.filter((m) => m.status === 'approved') ?? []
  // one row per person, with every role they hold here
  const people = new Map<number, { member: TMember; roles: TMember['role'][] }>()
  for (const m of approved) {
    const person = people.get(m.userId) ?? { member: m, roles: [] }
    person.roles.push(m.role)
    people.set(m.userId, person)
  }

  return (
    <View className="page org-members">
      <View className="page__body">
        <OutboxNotice />
        <PageState state={state} reload={reload} />
        {data ? (
          <>
            <View className="a-card">
              <Text className="a-card__title">待审核（{pending.length}）</Text>
              {pending.length === 0 ? <Text className="a-card__subtitle">暂无加入申请</Text> : null}
              {pending.map((m) => (
                <View key={m.membershipId} className="org-member">
                  <View className="org-member__who">
                    <Text className="org-member__name">{m.name || '未填写姓名'}</Text>
                    <Text className="org-member__meta">
                      {ROLE_LABELS[m.role]} · {m.phoneMasked ?? '未填手机号'} · {formatDate(m.createdAt)}申请
                    </Text>
                  </View>
                  <View className="org-member__actions">
                    <Button
                      size="small"
                      fill="outline"
                      disabled={busy !== null}
                      onClick={() => void decide(m, false)}
                    >
                      拒绝
                    </Button>
                    <Button
                      size="small"
                      type="primary"
                      loading={busy === `m${m.membershipId}`}
                      disabled={busy !== null}
                      onClick={() => void decide(m, true)}
                    >
                      通过
                    </Button>
                  </View>
                </View>
              ))}
            </View>

            <View className="a-card">
              <Text className="a-card__title">邀请成员</Text>
              <Text className="a-card__subtitle">
                把邀请码发给本企业职工：在「我的 → 加入企业」输入后提交，由你审核通过。
              </Text>
              <View className="org-roles">
                {INVITE_ROLES.map((r) => (
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
                onClick={() =>
                  void write('invite', () => queueInvite(eid!, { role, expiresInDays: 7 }), '已生成邀请码')
                }
              >
                生成{ROLE_LABELS[role]}邀请码（7天有效）
              </Button>
              {data.invites.map((invite) => (
                <View key={invite.id} className="org-invite">
                  <View className="org-invite__who">
                    <Text className="org-invite__code">{invite.code}</Text>
                    <Text className="org-member__meta">
                      {ROLE_LABELS[invite.role]} · {formatDate(invite.expiresAt)}前有效 · 已用 {invite.uses}/
                      {invite.maxUses}
                    </Text>
                  </View>
                  <Button
                    size="small"
                    fill="outline"
                    onClick={() => void Taro.setClipboardData({ data: invite.code })}
                  >
                    复制
                  </Button>
                </View>
              ))}
            </View>

            <View className="a-card">
              <Text className="a-card__title">成员（{people.size}）</Text>
              {[...people.values()].map(({ member, roles }) => (
                <View key={member.userId} className="org-member">
                  <View className="org-member__who">
                    <Text className="org-member__name">{member.name || '未填写姓名'}</Text>
                    <Text className="org-member__meta">{member.phoneMasked ?? '未填手机号'}</Text>
                  </View>
                  <Text className="org-member__roles">{roles.map((r) => ROLE_LABELS[r]).join('、')}</Text>
                </View>
              ))}
            </View>
          </>
        ) : null}
      </View>
    </View>
  )
}
