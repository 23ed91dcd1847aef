import { showModal } from '@/services/platform/modal'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ROLE_LABELS, type TMember } from '@/models/org'
import { formatDate } from '@/models/format'

export interface JoinRequestsProps {
  pending: TMember[]
  busy: string | null
  onDecide: (member: TMember, approve: boolean) => void
}

/** 待审核: the join requests of an organisation, each with 拒绝 / 通过. */
export function JoinRequests({ pending, busy, onDecide }: JoinRequestsProps) {
  return (
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
            {m.registered ? <Text className="org-member__meta">{registeredLine(m.registered)}</Text> : null}
          </View>
          <View className="org-member__actions">
            <Button size="small" fill="outline" disabled={busy !== null} onClick={() => onDecide(m, false)}>
              拒绝
            </Button>
            <Button
              size="small"
              type="primary"
              loading={busy === `m${m.membershipId}`}
              disabled={busy !== null}
              onClick={() => onDecide(m, true)}
            >
              通过
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
}

/**
 * The liaison the office registered for the enterprise (Excel import) beside a liaison's request, and
 * whether name and phone match (compared in full on the server; the phones stay masked as in every list).
 */
export function registeredLine(r: NonNullable<TMember['registered']>): string {
  const who = [r.name, r.phoneMasked].filter(Boolean).join(' ')
  const verdicts = [
    r.nameMatches === null ? null : `姓名${r.nameMatches ? '一致' : '不一致'}`,
    r.phoneMatches === null ? null : `手机号${r.phoneMatches ? '一致' : '不一致'}`,
  ].filter(Boolean)
  return `导入登记：${who}${verdicts.length ? `（${verdicts.join('，')}）` : ''}`
}

/** The confirmation before 拒绝: the person may ask again with a new code. */
export async function confirmReject(member: TMember, where: string): Promise<boolean> {
  const res = await showModal({
    title: '拒绝加入申请',
    content: `拒绝${member.name}加入${where}吗？对方可以凭新的邀请码再次申请。`,
    confirmText: '拒绝',
  })
  return res.confirm
}
