import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  BRANCH_ROLES,
  BRANCH_ROLE_LABELS,
  ZPartyGroupCreate,
  ZPartyMemberCreate,
  type TBranchRole,
  type TPartyMember,
} from '@/models/meeting'
import { maxLengthOf } from '@/models/textLimit'
import { TextField } from '@/components/TextField'
import { fetchBranch, queueAddGroup, queueAddMember, queueUpdateMember } from '@/services/meetings'
import { userOutbox } from '@/services/session'
import { ErrorState, InvalidLink, LoadingState } from '@/components/PageState'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useBranchPage } from '@/packages/party/components/useBranchPage'
import type { OutboxEntry } from '@/services/outbox'
import '@/styles/page.scss'
import '@/packages/party/party.scss'
import './index.scss'
import { GroupChips, PartyChips, PartyField, PartyTextField } from '@/packages/party/components/PartyField'
import { useBusy } from '@/hooks/useBusy'

const NAME_LIMIT = maxLengthOf(ZPartyMemberCreate.shape.name)
const GROUP_LIMIT = maxLengthOf(ZPartyGroupCreate.shape.name)

/** 党员名册: the branch's secretary, committee and members, its 党小组; writers add and change them. */
export default function PartyRollPage() {
  const { session, write, eid, bid } = useBranchPage()
  const { state, reload } = useRemote(session && eid && bid ? `roll:${eid}:${bid}` : null, () =>
    fetchBranch(eid!, bid!),
  )
  usePullRefresh(reload)
  const [name, setName] = useState('')
  const [role, setRole] = useState<TBranchRole>('member')
  const [groupId, setGroupId] = useState<number | null>(null)
  const [groupName, setGroupName] = useState('')
  const [busy, whileBusy] = useBusy()
  const [error, setError] = useState<string | null>(null)

  if (!session) return <View className="page" />
  if (!eid || !bid) return <InvalidLink message="链接无效：缺少支部编号" />
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error')
    return <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
  const branch = state.data

  const run = async (entry: OutboxEntry, done: string): Promise<boolean> => {
    const outbox = userOutbox()
    if (!outbox) return false
    setError(null)
    return whileBusy(async () => {
      const outcome = await write(entry, { done, onRefused: setError })
      if (outcome.kind === 'refused') return false
      await reload().catch(() => undefined)
      return true
    })
  }

  const addMember = async () => {
    if (name.trim().length < 2) return setError('请填写党员姓名（至少2个字）')
    const ok = await run(
      queueAddMember(eid, bid, { name: name.trim(), branchRole: role, groupId }),
      `已添加${name.trim()}`,
    )
    if (ok) setName('')
  }

  const addGroup = async () => {
    if (groupName.trim().length < 2) return setError('请填写党小组名称（至少2个字）')
    const ok = await run(queueAddGroup(eid, bid, groupName.trim()), '已新增党小组')
    if (ok) setGroupName('')
  }

  const toggle = (m: TPartyMember) =>
    void run(queueUpdateMember(eid, bid, m.id, { active: !m.active }), m.active ? '已转出' : '已恢复')

  const groupOf = (id: number | null) => branch.groups.find((g) => g.id === id)?.name
  const active = branch.members.filter((m) => m.active)
  const inactive = branch.members.filter((m) => !m.active)

  return (
    <View className="page party-roll">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">{branch.name}</Text>
          <Text className="a-card__subtitle">
            书记：{branch.secretary?.name ?? active.find((m) => m.branchRole === 'secretary')?.name ?? '未设'}{' '}
            · 在册党员 {active.length} 人 · 党小组 {branch.groups.length} 个
          </Text>
        </View>

        <View className="a-card party-roll__members">
          <Text className="a-card__title">党员名册</Text>
          {[...active, ...inactive].map((m) => (
            <View key={m.id} className={`pt-person${m.active ? '' : ' party-roll__left'}`}>
              <View className="pt-person__head">
                <Text className="pt-person__name">
                  {m.name}
                  <Text className="pt-person__role">
                    {BRANCH_ROLE_LABELS[m.branchRole]}
                    {groupOf(m.groupId) ? ` · ${groupOf(m.groupId)}` : ''}
                    {m.userId ? ' · 已关联账号' : ''}
                    {m.active ? '' : ' · 已转出'}
                  </Text>
                </Text>
                {branch.canWrite ? (
                  <Text className="party-roll__toggle" onClick={() => toggle(m)}>
                    {m.active ? '转出' : '恢复'}
                  </Text>
                ) : null}
              </View>
            </View>
          ))}
        </View>

        {branch.canWrite ? (
          <View className="a-card">
            <Text className="a-card__title">添加党员</Text>
            <PartyTextField
              label="姓名"
              required
              className="pt-input party-roll__name"
              value={name}
              limit={NAME_LIMIT}
              onChange={setName}
            />
            <PartyField label="支部职务">
              <PartyChips
                options={BRANCH_ROLES}
                label={(r) => BRANCH_ROLE_LABELS[r]}
                value={role}
                onPick={setRole}
              />
            </PartyField>
            {branch.groups.length ? (
              <PartyField label="所在党小组">
                <GroupChips
                  groups={branch.groups}
                  value={groupId}
                  onPick={(id) => setGroupId(id === groupId ? null : id)}
                />
              </PartyField>
            ) : null}
            <View className="pt-actions">
              <Button type="primary" loading={busy} onClick={() => void addMember()}>
                添加
              </Button>
            </View>
          </View>
        ) : null}

        <View className="a-card">
          <Text className="a-card__title">党小组</Text>
          {branch.groups.map((g) => (
            <View key={g.id} className="pt-line">
              <Text className="pt-line__label">{g.name}</Text>
              <Text className="pt-line__value">{g.memberCount} 人</Text>
            </View>
          ))}
          {branch.groups.length === 0 ? <Text className="pt-hint">尚未设立党小组</Text> : null}
          {branch.canWrite ? (
            <View className="party-roll__group">
              <TextField
                className="pt-input"
                value={groupName}
                limit={GROUP_LIMIT}
                placeholder="新党小组名称"
                onChange={setGroupName}
              />
              <Button fill="outline" loading={busy} onClick={() => void addGroup()}>
                新增
              </Button>
            </View>
          ) : null}
        </View>
        {error ? <Text className="pt-error">{error}</Text> : null}
      </View>
    </View>
  )
}
