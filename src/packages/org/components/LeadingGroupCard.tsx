import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import {
  GROUP_ROLES,
  GROUP_ROLE_LABELS,
  milestoneText,
  ZLeadingGroupMember,
  ZLeadingGroupSave,
  type TLeadingGroupMember,
  type TMilestones,
} from '@/models/milestones'
import { maxLengthOf } from '@/models/textLimit'
import { queueLeadingGroup } from '@/services/milestones'
import { TextField } from '@/components/TextField'
import { useWrite } from '@/hooks/useWrite'
import { MilestoneTag } from './MilestoneTag'
import { formatDate } from '@/models/format'
import { useBusy } from '@/hooks/useBusy'

const NAME_LIMIT = maxLengthOf(ZLeadingGroupMember.shape.name)
const TITLE_LIMIT = maxLengthOf(ZLeadingGroupMember.shape.title)

const blank = (): TLeadingGroupMember => ({ name: '', title: '', groupRole: 'member' })

/** 清廉建设工作领导小组: its set-up day and members; the liaison records (or corrects) them. */
export function LeadingGroupCard({
  data,
  canEdit,
  onSaved,
}: {
  data: TMilestones
  canEdit: boolean
  onSaved: () => Promise<void>
}) {
  const group = data.leadingGroup
  const send = useWrite()
  const [editing, setEditing] = useState(false)
  const [date, setDate] = useState('')
  const [members, setMembers] = useState<TLeadingGroupMember[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, whileBusy] = useBusy()

  const start = () => {
    setDate(group.setUpDate ?? '')
    setMembers(group.members.length ? group.members : [{ ...blank(), groupRole: 'leader' }, blank(), blank()])
    setError(null)
    setEditing(true)
  }
  const change = (i: number, patch: Partial<TLeadingGroupMember>) =>
    setMembers((list) => list.map((m, j) => (j === i ? { ...m, ...patch } : m)))

  const save = async () => {
    const filled = members.filter((m) => m.name.trim() || m.title.trim())
    const parsed = ZLeadingGroupSave.safeParse({ setUpDate: date.trim(), members: filled })
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请检查填写的内容')
    setError(null)
    await whileBusy(async () => {
      const outcome = await send(queueLeadingGroup(data.enterpriseId, parsed.data), {
        done: '领导小组已登记',
        onRefused: setError,
      })
      if (outcome.kind !== 'refused') {
        setEditing(false)
        await onSaved().catch(() => undefined)
      }
    })
  }

  return (
    <View className="a-card milestone milestone--group">
      <View className="milestone__head">
        <Text className="a-card__title">清廉建设工作领导小组</Text>
        <MilestoneTag state={group} />
      </View>
      <Text className="a-card__subtitle">
        {group.setUpDate ? `成立日期 ${formatDate(group.setUpDate)}` : '尚未登记'} · {milestoneText(group)}
      </Text>
      {!editing
        ? group.members.map((m, i) => (
            <View key={i} className="org-member">
              <View className="org-member__who">
                <Text className="org-member__name">{m.name}</Text>
                <Text className="org-member__meta">{m.title}</Text>
              </View>
              <Text className="org-member__roles">{GROUP_ROLE_LABELS[m.groupRole]}</Text>
            </View>
          ))
        : null}
      {canEdit && !editing ? (
        <Button className="milestone__edit" size="small" type="primary" fill="outline" onClick={start}>
          {group.setUpDate ? '修改领导小组' : '登记领导小组'}
        </Button>
      ) : null}
      {editing ? (
        <View className="milestone__form">
          <Text className="milestone__label">成立日期（YYYY-MM-DD）</Text>
          <Input
            className="milestone__date"
            value={date}
            placeholder="如 2022-06-10"
            maxLength={10}
            onChange={setDate}
          />
          {members.map((m, i) => (
            <View key={i} className="milestone__member">
              <View className="org-invite">
                <View className="org-invite__who">
                  <TextField
                    value={m.name}
                    placeholder="姓名"
                    limit={NAME_LIMIT}
                    onChange={(v) => change(i, { name: v })}
                  />
                </View>
                <View className="org-invite__who">
                  <TextField
                    value={m.title}
                    placeholder="职务"
                    limit={TITLE_LIMIT}
                    onChange={(v) => change(i, { title: v })}
                  />
                </View>
                <Text
                  className="milestone__remove"
                  onClick={() => setMembers((list) => list.filter((_, j) => j !== i))}
                >
                  删除
                </Text>
              </View>
              <View className="org-roles">
                {GROUP_ROLES.map((r) => (
                  <Text
                    key={r}
                    className={`org-roles__item${m.groupRole === r ? ' org-roles__item--active' : ''}`}
                    onClick={() => change(i, { groupRole: r })}
                  >
                    {GROUP_ROLE_LABELS[r]}
                  </Text>
                ))}
              </View>
            </View>
          ))}
          <Text className="milestone__add" onClick={() => setMembers((list) => [...list, blank()])}>
            ＋ 添加成员
          </Text>
          {error ? <Text className="form-dialog__error">{error}</Text> : null}
          <View className="milestone__buttons">
            <Button size="small" disabled={busy} onClick={() => setEditing(false)}>
              取消
            </Button>
            <Button size="small" type="primary" loading={busy} onClick={() => void save()}>
              保存
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}
