import { useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro from '@tarojs/taro'
import { goBack } from '@/services/navigation'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TEvidenceFile } from '@/models/file'
import {
  ZMeeting,
  ATTACHMENT_KIND_LABELS,
  BRANCH_ROLE_LABELS,
  MEETING_STATUS_LABELS,
  type TAttachmentKind,
  type TMeeting,
  type TMeetingAttachment,
} from '@/models/meeting'
import { EMPTY_RECORD_FIX, isEmptyRecord, MEETING_TYPE_LABELS } from '@/models/meetingCompliance'
import {
  fetchMeeting,
  openMeetingDocx,
  queueDeleteMeeting,
  queueRemoveAttachment,
  queueSignInSession,
  queueSubmitMeeting,
  attachmentFromResponse,
  attachmentUploadPath,
  MEETING_WRITE_KINDS,
  queueMeetingAttachment,
} from '@/services/meetings'
import { userOutbox } from '@/services/session'
import { chooseEvidence, type EvidenceSource } from '@/services/evidence'
import { EvidenceGrid } from '@/components/assessment/EvidenceGrid'
import { formatDateTime } from '@/models/format'
import { OutboxNotice } from '@/components/OutboxNotice'
import { LabelledValue } from '@/components/LabelledValue'
import { ErrorState, InvalidLink, LoadingState } from '@/components/PageState'
import { eventPages, partyPages } from '@/services/routes'
import { useOutbox, useReloadOnDelivered } from '@/hooks/useOutbox'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useBranchPage } from '@/packages/party/components/useBranchPage'
import '@/styles/page.scss'
import '@/packages/party/party.scss'
import './index.scss'
import { CorrectionDialog } from './CorrectionDialog'
import { MeetingHistory } from './MeetingHistory'
import { useBusy } from '@/hooks/useBusy'

const KINDS: TAttachmentKind[] = ['sign_sheet', 'photo']

/** The grid draws evidence files; an attachment is one with its kind in place of an item code. */
const asEvidence = (a: TMeetingAttachment): TEvidenceFile => ({ ...a, itemCode: a.kind })

const Line = ({ label, value }: { label: string; value: string }) => (
  <LabelledValue block="pt-line" label={label} value={value} empty="—" />
)

function Block({ label, text, className }: { label: string; text: string; className?: string }) {
  return (
    <View className={`pt-field ${className ?? ''}`}>
      <Text className="pt-field__label">{label}</Text>
      <Text className="pt-text">{text || '无'}</Text>
    </View>
  )
}

export default function MeetingDetailPage() {
  const { session, write, eid, bid, mid } = useBranchPage()
  const { state, reload, setData } = useRemote<TMeeting>(
    session && eid && bid && mid ? `meeting:${eid}:${bid}:${mid}` : null,
    () => fetchMeeting(eid!, bid!, mid!),
  )
  usePullRefresh(reload)
  const [uploading, setUploading] = useState<Record<TAttachmentKind, number>>({
    sign_sheet: 0,
    photo: 0,
    other: 0,
  })
  const [busy, whileBusy] = useBusy()
  const [error, setError] = useState<string | null>(null)
  // A submitted record's attachment about to change: asked for its 更正原因 first.
  const [correcting, setCorrecting] = useState<
    { kind: TAttachmentKind; source: EvidenceSource } | { file: TEvidenceFile } | null
  >(null)
  const { outbox, pending } = useOutbox()
  useReloadOnDelivered(outbox, MEETING_WRITE_KINDS.attachmentUpload, reload)

  if (!session) return <View className="page" />
  if (!eid || !bid || !mid) return <InvalidLink message="链接无效：缺少会议记录编号" />
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error')
    return <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
  const meeting = state.data
  const draft = meeting.status === 'draft'
  const absent = meeting.attendance.filter((a) => a.status === 'absent')
  const presentPeople = meeting.attendance.filter((a) => a.status === 'present')

  /** Photos or a sign sheet; on a submitted record with the 更正原因 asked before (one revision per file). */
  const upload = async (kind: TAttachmentKind, source: EvidenceSource, correctionReason?: string) => {
    let files
    try {
      files = await chooseEvidence(source, kind === 'photo' ? 9 : 3)
    } catch (err) {
      void Taro.showToast({
        title: err instanceof Error && err.message ? err.message : '无法选择文件',
        icon: 'none',
      })
      return
    }
    const outbox = userOutbox()
    if (files.length === 0 || !outbox) return
    setUploading((u) => ({ ...u, [kind]: u[kind] + files.length }))
    let current = meeting
    for (const file of files) {
      try {
        // Through the outbox: without network the file waits on the device and is sent later, once.
        const entry = await queueMeetingAttachment(eid, bid, mid, kind, file, correctionReason)
        const outcome = await write(entry, {
          done: null,
          onRefused: (message) => void Taro.showToast({ title: `上传失败：${message}`, icon: 'none' }),
        })
        if (outcome.kind === 'delivered') {
          const stored = attachmentFromResponse(outcome.response?.data)
          if (stored) {
            current = { ...current, attachments: [...current.attachments, stored] }
            setData(current)
          }
        }
      } catch (err) {
        void Taro.showToast({ title: err instanceof Error ? err.message : '上传失败', icon: 'none' })
      } finally {
        setUploading((u) => ({ ...u, [kind]: Math.max(0, u[kind] - 1) }))
      }
    }
    // The corrections are in the record's history now.
    if (correctionReason) await reload().catch(() => undefined)
  }
  const waiting = (kind: TAttachmentKind) =>
    pending.filter(
      (e) =>
        e.kind === MEETING_WRITE_KINDS.attachmentUpload &&
        e.path.startsWith(attachmentUploadPath(eid, bid, mid, kind)),
    ).length

  const remove = (file: TEvidenceFile, correctionReason?: string) => {
    if (!userOutbox()) return
    setData({ ...meeting, attachments: meeting.attachments.filter((a) => a.id !== file.id) })
    const entry = queueRemoveAttachment(eid, bid, mid, file.id, correctionReason)
    void write(entry, { done: correctionReason ? '已撤下，记入更正历史' : null }).then(() =>
      reload().catch(() => undefined),
    )
  }

  const corrected = (reason: string) => {
    const target = correcting
    setCorrecting(null)
    if (target && 'kind' in target) void upload(target.kind, target.source, reason)
    else if (target) remove(target.file, reason)
  }
  const correctionSubject = !correcting
    ? null
    : 'kind' in correcting
      ? `补传${ATTACHMENT_KIND_LABELS[correcting.kind]}`
      : `撤下${correcting.file.filename}`

  /** 删除草稿: confirmed first; its attachments go with it and an opened QR session is cancelled. */
  const deleteDraft = async () => {
    const { confirm } = await showModal({
      title: '删除草稿？',
      content: `删除后不能恢复，已上传的附件一并删除${meeting.signInEventId ? '，已开启的扫码签到随之取消' : ''}。`,
      confirmText: '删除',
      cancelText: '不删除',
      confirmColor: '#d9363e',
    })
    if (!confirm || !userOutbox() || busy) return
    await whileBusy(async () => {
      const entry = queueDeleteMeeting(eid, bid, mid, meeting.type)
      const outcome = await write(entry, { done: '草稿已删除', onRefused: setError })
      if (outcome.kind !== 'refused') void goBack()
    })
  }

  const submit = async () => {
    const outbox = userOutbox()
    if (!outbox || busy) return
    const confirmed = await showModal({
      title: '提交会议记录？',
      content: '提交后计入三会一课完成情况；之后修改须填写更正原因。',
      confirmText: '提交',
    })
    if (!confirmed.confirm) return
    setError(null)
    await whileBusy(async () => {
      const entry = queueSubmitMeeting(eid, bid, mid, meeting.type)
      const outcome = await write(entry, { done: '已提交', onRefused: setError })
      if (outcome.kind !== 'delivered') return
      await reload().catch(() => undefined)
    })
  }

  /** 扫码签到: open (once) the meeting's QR session and show its rotating QR to the room. */
  const showQr = async () => {
    if (meeting.signInEventId) {
      void Taro.navigateTo({ url: eventPages.qr(meeting.signInEventId) })
      return
    }
    const outbox = userOutbox()
    if (!outbox || busy) return
    await whileBusy(async () => {
      const entry = queueSignInSession(eid, bid, mid)
      const outcome = await write(entry, { done: null, onRefused: setError, quietQueued: true })
      if (outcome.kind === 'refused') return
      const opened = ZMeeting.safeParse(outcome.kind === 'delivered' ? outcome.response?.data : null)
      if (!opened.success || !opened.data.signInEventId) {
        void Taro.showToast({ title: '需联网后开启扫码签到', icon: 'none' })
        return
      }
      setData(opened.data)
      void Taro.navigateTo({ url: eventPages.qr(opened.data.signInEventId) })
    })
  }

  const exportDocx = async () => {
    try {
      await openMeetingDocx(eid, bid, meeting)
    } catch (err) {
      void Taro.showToast({ title: err instanceof Error ? err.message : '导出失败', icon: 'none' })
    }
  }

  return (
    <View className="page meeting-detail">
      <View className="page__body">
        <OutboxNotice />
        <View className="a-card">
          <View className="pt-head">
            <Text className="a-card__title meeting-detail__title">
              {MEETING_TYPE_LABELS[meeting.type]}
              {meeting.groupName ? `（${meeting.groupName}）` : ''}
            </Text>
            <Text className={`pt-tag pt-tag--${meeting.status} meeting-detail__status`}>
              {MEETING_STATUS_LABELS[meeting.status]}
            </Text>
          </View>
          <Text className="a-card__subtitle">{meeting.branchName}</Text>
          {!meeting.canWrite ? (
            <Text className="pt-hint">只读：仅本支部书记和支委会成员可以修改。</Text>
          ) : null}
          <Block label="议题" text={meeting.topic} className="meeting-detail__topic" />
          <Line label="时间" value={formatDateTime(meeting.startsAt)} />
          <Line label="地点" value={meeting.place} />
          <Line label="主持人" value={meeting.host} />
          <Line label="记录人" value={meeting.recorder} />
          <Line label="应到 / 实到" value={`${meeting.expected} 人 / ${meeting.present} 人`} />
        </View>
        {isEmptyRecord(meeting) ? (
          <Text className="a-notice a-notice--error meeting-detail__empty">
            本记录无人出席，不计入三会一课完成率。{meeting.canWrite ? EMPTY_RECORD_FIX : ''}
          </Text>
        ) : null}

        <View className="a-card meeting-detail__attendance">
          <Text className="a-card__title">出缺席</Text>
          <Block
            label={`出席（${presentPeople.length}）`}
            text={presentPeople.map((a) => (a.method === 'scan' ? `${a.name}（扫码）` : a.name)).join('、')}
          />
          {meeting.signInEventId && draft ? (
            <Text className="pt-hint">已开启扫码签到：本支部党员扫码后计为出席，下拉刷新查看。</Text>
          ) : null}
          <View className="pt-field">
            <Text className="pt-field__label">缺席（{absent.length}）</Text>
            {absent.length === 0 ? <Text className="pt-text">无</Text> : null}
            {absent.map((a) => (
              <Text key={a.memberId} className="pt-text meeting-detail__absent">
                {a.name}（{BRANCH_ROLE_LABELS[a.branchRole]}）：{a.reason || '未填写原因'}
              </Text>
            ))}
          </View>
          <Block label="列席" text={meeting.nonMemberAttendees} />
        </View>

        <View className="a-card">
          <Block label="会议纪要" text={meeting.minutes} className="meeting-detail__minutes" />
          <Block label="决议事项" text={meeting.decisions} />
        </View>

        <View className="a-card meeting-detail__files">
          <Text className="a-card__title">附件</Text>
          {KINDS.map((kind) => {
            const files = meeting.attachments.filter((a) => a.kind === kind).map(asEvidence)
            return (
              <View key={kind} className={`pt-field meeting-detail__kind-${kind}`}>
                <Text className="pt-field__label">
                  {ATTACHMENT_KIND_LABELS[kind]}（{files.length}）
                </Text>
                <EvidenceGrid
                  files={files}
                  editable={meeting.canWrite}
                  uploading={uploading[kind]}
                  waiting={waiting(kind)}
                  onAdd={(source) => (draft ? void upload(kind, source) : setCorrecting({ kind, source }))}
                  onRemove={draft ? (f) => remove(f) : (file) => setCorrecting({ file })}
                  addLabel={kind === 'photo' ? '拍照/相册' : '拍照签到表'}
                  acceptPdf={kind !== 'photo'}
                />
              </View>
            )
          })}
        </View>

        <MeetingHistory history={meeting.history} />

        {error ? <Text className="pt-error">{error}</Text> : null}
        <View className="pt-actions">
          {meeting.canWrite ? (
            <Button
              className="meeting-detail__edit"
              fill="outline"
              onClick={() => void Taro.navigateTo({ url: partyPages.edit(eid, bid, { mid }) })}
            >
              {draft ? '修改' : '更正'}
            </Button>
          ) : null}
          <Button className="meeting-detail__docx" fill="outline" onClick={() => void exportDocx()}>
            导出 Word
          </Button>
        </View>
        {meeting.canWrite && draft ? (
          <View className="pt-actions">
            <Button
              className="meeting-detail__qr"
              fill="outline"
              loading={busy}
              onClick={() => void showQr()}
            >
              {meeting.signInEventId ? '签到二维码' : '开启扫码签到'}
            </Button>
          </View>
        ) : null}
        {meeting.canWrite && draft ? (
          // A draft is submitted, or deleted (a submitted record is only corrected).
          <View className="pt-actions">
            <Button
              className="meeting-detail__delete"
              type="danger"
              fill="outline"
              loading={busy}
              onClick={() => void deleteDraft()}
            >
              删除草稿
            </Button>
            <Button
              className="meeting-detail__submit"
              type="primary"
              loading={busy}
              onClick={() => void submit()}
            >
              提交记录
            </Button>
          </View>
        ) : null}
      </View>
      <CorrectionDialog
        subject={correctionSubject}
        onConfirm={corrected}
        onClose={() => setCorrecting(null)}
      />
    </View>
  )
}
