import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Checkbox } from '@nutui/nutui-react-taro'
import type { TMeetingType } from '@/models/meetingCompliance'
import { TextField } from '@/components/TextField'
import { partyPages } from '@/services/routes'
import { PartyTextField } from '@/packages/party/components/PartyField'
import { MEETING_LIMITS as LIMITS } from './limits'
import { markOf, type Mark, type Person } from './form'

/** 出席情况: the roll with a tick and an absence reason each, and the guests (列席人员). */
export function AttendanceCard(props: {
  eid: number
  bid: number
  type: TMeetingType
  roll: Person[]
  marks: Record<number, Mark>
  onMark: (id: number, change: Partial<Mark>) => void
  nonMembers: string
  onNonMembers: (v: string) => void
}) {
  const { eid, bid, type, roll, marks, onMark } = props
  const present = roll.filter((p) => markOf(marks, p.memberId).present).length
  return (
    <View className="a-card meeting-edit__attendance">
      <View className="pt-head">
        <Text className="a-card__title">出席情况</Text>
        <Text className="a-card__meta">
          应到 {roll.length} · 实到 {present}
        </Text>
      </View>
      <Text className="pt-hint">未勾选的党员记为缺席，须填写缺席原因。</Text>
      {roll.map((p) => {
        const m = markOf(marks, p.memberId)
        return (
          <View key={p.memberId} className="pt-person meeting-edit__person" data-member={p.name}>
            <View className="pt-person__head">
              <Text className="pt-person__name">
                {p.name}
                <Text className="pt-person__role">{p.role}</Text>
              </Text>
              <Checkbox
                className="meeting-edit__present"
                label="出席"
                checked={m.present}
                onChange={(on) => onMark(p.memberId, { present: on })}
              />
            </View>
            {!m.present ? (
              <TextField
                className="pt-input pt-person__reason meeting-edit__reason"
                value={m.reason}
                limit={LIMITS.reason}
                placeholder="缺席原因（如：出差、病假）"
                onChange={(v) => onMark(p.memberId, { reason: v })}
              />
            ) : null}
          </View>
        )
      })}
      {roll.length === 0 ? (
        <Text
          className="a-notice meeting-edit__empty-roll"
          onClick={() => void Taro.navigateTo({ url: partyPages.roll(eid, bid) })}
        >
          应到名单为空，不能提交：请先在党员名册中登记党员{type === 'committee' ? '（标明支委）' : ''}
          。去登记 ›
        </Text>
      ) : null}
      <PartyTextField
        label="列席人员（选填）"
        className="pt-input meeting-edit__guests"
        value={props.nonMembers}
        limit={LIMITS.nonMembers}
        placeholder="如：县委统战部 韦丽萍"
        onChange={props.onNonMembers}
      />
    </View>
  )
}
