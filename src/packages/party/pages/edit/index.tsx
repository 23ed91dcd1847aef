import { useEffect, useMemo, useState } from 'react'
import { goBack, openCreated } from '@/services/navigation'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  ZMeeting,
  type TBranchDetail,
  type TMeeting,
  type TMeetingSave,
  type TMeetingTemplate,
} from '@/models/meeting'
import { MEETING_TYPES, MEETING_TYPE_LABELS, type TMeetingType } from '@/models/meetingCompliance'
import {
  fetchBranch,
  fetchMeeting,
  fetchMeetingTemplate,
  queueCreateMeeting,
  queueUpdateMeeting,
} from '@/services/meetings'
import { userOutbox } from '@/services/session'
import { formatDateTime } from '@/models/format'
import { DateTimePicker } from '@/components/DateTimePicker'
import { LabelledValue } from '@/components/LabelledValue'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { ErrorState, InvalidLink, LoadingState } from '@/components/PageState'
import { idParam, partyPages } from '@/services/routes'
import { useRemote } from '@/hooks/useRemote'
import { useBranchPage } from '@/packages/party/components/useBranchPage'
import '@/styles/page.scss'
import '@/packages/party/party.scss'
import './index.scss'
import { MEETING_LIMITS as LIMITS } from './limits'
import { GroupChips, PartyChips, PartyField, PartyTextField } from '@/packages/party/components/PartyField'
import { AttendanceCard } from './Attendance'
import { markOf, meetingProblems, rollFor, type Mark, type Person } from './form'
import { useBusy } from '@/hooks/useBusy'

interface Loaded {
  branch: TBranchDetail
  meeting: TMeeting | null
  template: TMeetingTemplate | null
}

const isType = (v: string | undefined): v is TMeetingType => MEETING_TYPES.includes(v as TMeetingType)

/** The last full half hour: a meeting is usually logged soon after it. */
function lastHalfHour(): Date {
  const d = new Date()
  d.setMinutes(d.getMinutes() < 30 ? 0 : 30, 0, 0)
  return d
}

export default function MeetingEditPage() {
  const { session, write, params, eid, bid, mid } = useBranchPage()
  const initialType: TMeetingType = isType(params.type) ? params.type : 'committee'
  const { state, reload } = useRemote<Loaded>(
    session && eid && bid ? `meeting-edit:${eid}:${bid}:${mid}` : null,
    async () => {
      const [branch, meeting, template] = await Promise.all([
        fetchBranch(eid!, bid!),
        mid ? fetchMeeting(eid!, bid!, mid) : Promise.resolve(null),
        mid ? Promise.resolve(null) : fetchMeetingTemplate(eid!, bid!, initialType),
      ])
      return { branch, meeting, template }
    },
  )

  const [type, setType] = useState<TMeetingType>(initialType)
  const [groupId, setGroupId] = useState<number | null>(idParam(params.groupId))
  const [topic, setTopic] = useState('')
  const [startsAt, setStartsAt] = useState<Date>(lastHalfHour())
  const [place, setPlace] = useState('')
  const [host, setHost] = useState('')
  const [recorder, setRecorder] = useState('')
  const [marks, setMarks] = useState<Record<number, Mark>>({})
  const [nonMembers, setNonMembers] = useState('')
  const [minutes, setMinutes] = useState('')
  const [decisions, setDecisions] = useState('')
  const [correction, setCorrection] = useState('')
  const [picking, setPicking] = useState(false)
  const [busy, whileBusy] = useBusy()
  const [errors, setErrors] = useState<string[]>([])
  const [filled, setFilled] = useState(false)
  // The form as filled (from the record or the template): anything else typed is the user's to lose.
  const form = JSON.stringify([
    topic,
    place,
    host,
    recorder,
    nonMembers,
    minutes,
    decisions,
    correction,
    marks,
  ])
  const [asFilled, setAsFilled] = useState<string | null>(null)
  useEffect(() => {
    if (filled && asFilled === null) setAsFilled(form)
  }, [filled, asFilled, form])
  // Saved (or queued) and leaving: the question must not come back when busy ends mid-navigation.
  const [saved, setSaved] = useState(false)
  useUnsavedGuard(asFilled !== null && form !== asFilled && !busy && !saved)

  const applyTemplate = (t: TMeetingTemplate) => {
    setTopic(t.topic)
    setPlace(t.place)
    setHost(t.host)
    setRecorder(t.recorder)
    setNonMembers(t.nonMemberAttendees)
    if (t.groupId && !groupId) setGroupId(t.groupId)
  }

  // Fill the form once, from the record being changed or from the last one of the type.
  useEffect(() => {
    if (state.status !== 'ready' || filled) return
    const { meeting, template, branch } = state.data
    if (meeting) {
      setType(meeting.type)
      setGroupId(meeting.groupId)
      setTopic(meeting.topic)
      setStartsAt(new Date(meeting.startsAt))
      setPlace(meeting.place)
      setHost(meeting.host)
      setRecorder(meeting.recorder)
      setNonMembers(meeting.nonMemberAttendees)
      setMinutes(meeting.minutes)
      setDecisions(meeting.decisions)
      setMarks(
        Object.fromEntries(
          meeting.attendance.map((a) => [
            a.memberId,
            { present: a.status === 'present', reason: a.reason ?? '' },
          ]),
        ),
      )
    } else if (template) {
      applyTemplate(template)
      if (!host) {
        const secretary = branch.members.find((m) => m.branchRole === 'secretary' && m.active)
        if (secretary && !template.host) setHost(secretary.name)
      }
    }
    setFilled(true)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.status, filled])

  const roll: Person[] = useMemo(
    () => (state.status === 'ready' ? rollFor(state.data.branch, state.data.meeting, type, groupId) : []),
    [state, type, groupId],
  )

  const setMark = (id: number, change: Partial<Mark>) =>
    setMarks((all) => ({ ...all, [id]: { ...markOf(all, id), ...change } }))

  if (!session) return <View className="page" />
  if (!eid || !bid) return <InvalidLink message="链接无效：缺少支部编号" />
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error')
    return <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />

  const { branch, meeting } = state.data
  const submitted = meeting?.status === 'submitted'

  const changeType = (t: TMeetingType) => {
    setType(t)
    if (meeting) return
    fetchMeetingTemplate(eid, bid, t)
      .then(applyTemplate)
      .catch(() => undefined)
  }

  const save = async (submit: boolean) => {
    const outbox = userOutbox()
    if (!outbox || busy) return
    const found = meetingProblems(
      { type, groupId, topic, startsAt, place, host, recorder, nonMembers, minutes, decisions, correction },
      { roll, marks, submitted, submit: submit || submitted },
    )
    setErrors(found)
    if (found.length) return
    const body: TMeetingSave = {
      type,
      groupId: type === 'group' ? groupId : null,
      topic: topic.trim(),
      startsAt: startsAt.toISOString(),
      place: place.trim(),
      host: host.trim(),
      recorder: recorder.trim(),
      attendance: roll.map((p) => {
        const m = markOf(marks, p.memberId)
        return m.present
          ? { memberId: p.memberId, status: 'present' as const }
          : { memberId: p.memberId, status: 'absent' as const, reason: m.reason.trim() || null }
      }),
      nonMemberAttendees: nonMembers.trim(),
      minutes: minutes.trim(),
      decisions: decisions.trim(),
      submit: submit && !submitted,
      ...(submitted ? { correctionReason: correction.trim() } : {}),
    }
    await whileBusy(async () => {
      const entry = meeting
        ? queueUpdateMeeting(eid, bid, meeting.id, body)
        : queueCreateMeeting(eid, bid, body)
      const outcome = await write(entry, {
        done: submitted ? '已更正' : submit ? '已提交' : '草稿已保存',
        onRefused: (message) => setErrors([message]),
      })
      if (outcome.kind === 'refused') return
      setSaved(true)
      // A change goes back to the record it came from; a new record opens.
      if (meeting) void goBack()
      else void openCreated(outcome, ZMeeting, (id) => partyPages.detail(eid, bid, id))
    })
  }

  return (
    <View className="page meeting-edit">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__subtitle">{branch.name}</Text>
          {submitted ? (
            <Text className="a-notice a-notice--returned">
              该记录已提交。修改须填写更正原因，原内容保留在更正历史中。
            </Text>
          ) : null}
          <PartyField label="会议类型" required>
            <PartyChips
              className="meeting-edit__types"
              options={MEETING_TYPES}
              label={(t) => MEETING_TYPE_LABELS[t]}
              value={type}
              onPick={changeType}
            />
          </PartyField>
          {type === 'group' ? (
            <PartyField label="党小组" required>
              <GroupChips groups={branch.groups} value={groupId} onPick={setGroupId} />
              {branch.groups.length === 0 ? <Text className="pt-hint">本支部尚未设立党小组</Text> : null}
            </PartyField>
          ) : null}
          <PartyTextField
            label="议题"
            required
            rows={2}
            className="pt-textarea meeting-edit__topic"
            value={topic}
            limit={LIMITS.topic}
            placeholder="如：学习《关于加强新时代廉洁文化建设的意见》"
            onChange={setTopic}
          />
          <LabelledValue
            block="pt-line"
            className="meeting-edit__time"
            label="会议时间"
            value={formatDateTime(startsAt.toISOString())}
            onClick={() => setPicking(true)}
          />
          <PartyTextField
            label="地点"
            required
            className="pt-input meeting-edit__place"
            value={place}
            limit={LIMITS.place}
            placeholder="如：公司党员活动室"
            onChange={setPlace}
          />
          <View className="meeting-edit__pair">
            <PartyTextField
              label="主持人"
              required
              className="pt-input meeting-edit__host"
              value={host}
              limit={LIMITS.host}
              onChange={setHost}
            />
            <PartyTextField
              label="记录人"
              required
              className="pt-input meeting-edit__recorder"
              value={recorder}
              limit={LIMITS.recorder}
              onChange={setRecorder}
            />
          </View>
        </View>

        <AttendanceCard
          eid={eid}
          bid={bid}
          type={type}
          roll={roll}
          marks={marks}
          onMark={setMark}
          nonMembers={nonMembers}
          onNonMembers={setNonMembers}
        />

        <View className="a-card">
          <PartyTextField
            label="会议纪要"
            required
            rows={8}
            className="pt-textarea meeting-edit__minutes"
            value={minutes}
            limit={LIMITS.minutes}
            placeholder="会议的主要内容、发言情况"
            onChange={setMinutes}
          />
          <PartyTextField
            label="决议事项（选填）"
            rows={4}
            className="pt-textarea meeting-edit__decisions"
            value={decisions}
            limit={LIMITS.decisions}
            placeholder="会议形成的决议、任务分工"
            onChange={setDecisions}
          />
          {submitted ? (
            <PartyTextField
              label="更正原因"
              required
              className="pt-input meeting-edit__correction"
              value={correction}
              limit={LIMITS.correction}
              placeholder="如：议题录入有误"
              onChange={setCorrection}
            />
          ) : null}
          <Text className="pt-hint">
            {submitted
              ? '签到表、现场照片在记录页补传或撤下，同样须填写更正原因。'
              : '签到表、现场照片在保存后于记录页上传。'}
          </Text>
        </View>

        {errors.length ? (
          <View className="pt-error meeting-edit__errors">
            {errors.map((e) => (
              <Text key={e} style={{ display: 'block' }}>
                {e}
              </Text>
            ))}
          </View>
        ) : null}
        <View className="pt-actions">
          {submitted ? null : (
            <Button
              className="meeting-edit__draft"
              fill="outline"
              loading={busy}
              onClick={() => void save(false)}
            >
              保存草稿
            </Button>
          )}
          <Button
            className={submitted ? 'meeting-edit__correct' : 'meeting-edit__submit'}
            type="primary"
            loading={busy}
            onClick={() => void save(true)}
          >
            {submitted ? '保存更正' : '提交'}
          </Button>
        </View>
      </View>
      <DateTimePicker
        visible={picking}
        title="会议时间"
        value={startsAt}
        yearsBack={2}
        yearsAhead={1}
        onPick={setStartsAt}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}
