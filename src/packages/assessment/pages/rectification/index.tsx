import { useState } from 'react'
import { showModal } from '@/services/platform/modal'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  RECTIFICATION_SOURCE_LABELS,
  ZRectification,
  ZRectificationRespond,
  ZRectificationVerify,
  type TRectification,
} from '@/models/rectification'
import { maxLengthOf } from '@/models/textLimit'
import type { TEvidenceFile } from '@/models/file'
import {
  fetchRectification,
  queueRectificationResponse,
  queueRectificationVerify,
  rectificationPath,
} from '@/services/assessments'
import type { OutboxEntry } from '@/services/outbox'
import { userOutbox } from '@/services/session'
import type { EvidenceSource } from '@/services/evidence'
import { useEvidenceUpload } from '@/hooks/useEvidenceUpload'
import { uploadEvidence } from '@/services/upload'
import { formatDate } from '@/models/format'
import { PendingPage } from '@/components/PageState'
import { isLiaisonOf, isReviewer } from '@/models/memberships'
import { idParam } from '@/services/routes'
import { useMe } from '@/hooks/useMe'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { EvidenceGrid } from '@/components/assessment/EvidenceGrid'
import { isOverLimit } from '@/components/TextField'
import { TextAreaField } from '@/components/TextAreaField'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { RectificationStatusTag } from '@/components/assessment/StatusTag'
import { RectificationOverdueTag } from '@/components/OverdueTag'
import { HandlingRecord } from '@/components/assessment/Timeline'
import { rectificationEvents } from '@/components/assessment/history'
import '@/styles/page.scss'
import './index.scss'
import { runWrite } from '@/hooks/useWrite'
import { ErrorNotice } from '@/components/ErrorNotice'
import { ActionBar } from '@/components/ActionBar'
import { useBusy } from '@/hooks/useBusy'

const RESPONSE_LIMIT = maxLengthOf(ZRectificationRespond.shape.response)
const COMMENT_LIMIT = maxLengthOf(ZRectificationVerify.shape.comment)

/**
 * Sends a queued write and applies the server's answer; says what happened. `sent` runs once the write is
 * the outbox's (delivered or waiting for the network): the form's text is no longer the user's to lose.
 */
async function deliver(
  entry: OutboxEntry,
  done: (r: TRectification) => void,
  sent: () => void,
  okText: string,
): Promise<string | null> {
  const outbox = userOutbox()
  if (!outbox) return null
  let refusal: string | null = null
  const outcome = await runWrite(entry, { done: okText, onRefused: (message) => (refusal = message) })
  if (outcome.kind !== 'refused') sent()
  if (outcome.kind !== 'delivered') return refusal
  const parsed = ZRectification.safeParse(outcome.response?.data)
  if (parsed.success) done(parsed.data)
  return null
}

/** The deadline, and for one handed in after it, when: late work stays visible once done. */
function deadlineText(r: TRectification): string {
  if (r.timeliness === 'done_late' && r.submittedAt)
    return `逾期完成（截止 ${formatDate(r.deadline)}，提交 ${formatDate(r.submittedAt)}）`
  return `整改期限 ${formatDate(r.deadline)}`
}

export default function RectificationPage() {
  const session = useRequireSession()
  const params = useRouter().params
  const eid = idParam(params.eid)
  const rid = idParam(params.rid)
  const { state, reload, setData } = useRemote(
    session && eid && rid ? `rectification:${eid}:${rid}` : null,
    () => fetchRectification(eid ?? 0, rid ?? 0),
  )
  const { state: me } = useMe(session?.user.id ?? null)
  usePullRefresh(reload)
  const [response, setResponse] = useState('')
  const [files, setFiles] = useState<TEvidenceFile[]>([])
  const { uploading, add } = useEvidenceUpload()
  const [comment, setComment] = useState('')
  const [busy, whileBusy] = useBusy()
  const [error, setError] = useState<string | null>(null)
  // A typed response or comment, or evidence not yet reported with one, is lost on leaving.
  useUnsavedGuard(Boolean(response.trim() || comment.trim() || files.length))

  if (!session) return <View className="page" />
  if (state.status !== 'ready') return <PendingPage state={state} reload={reload} />

  const r = state.data
  const memberships = me.status === 'ready' ? me.me.memberships : []
  const canRespond =
    isLiaisonOf(memberships, r.enterpriseId) && (r.status === 'open' || r.status === 'returned')
  const canVerify = isReviewer(memberships) && r.status === 'awaiting_verification'
  const cleared = () => {
    setResponse('')
    setFiles([])
    setComment('')
  }

  const addEvidence = (source: EvidenceSource) =>
    add(source, 9 - files.length, async (file) => {
      const stored = await uploadEvidence({
        path: `${rectificationPath(r.enterpriseId, r.id)}/evidence`,
        file,
      })
      setFiles((list) => [...list, stored])
    })

  const respond = async () => {
    const parsed = ZRectificationRespond.safeParse({ response, evidenceIds: files.map((f) => f.id) })
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请说明整改情况')
      return
    }
    setError(null)
    await whileBusy(async () => {
      const entry = queueRectificationResponse(r.enterpriseId, r.id, parsed.data)
      setError(await deliver(entry, setData, cleared, '已报送，等待核验'))
    }).catch((err: unknown) => setError(err instanceof Error ? err.message : '报送失败，请稍后重试'))
  }

  const verify = async (decision: 'close' | 'return') => {
    if (decision === 'return' && !comment.trim()) {
      setError('退回须填写意见')
      return
    }
    if (isOverLimit(comment, COMMENT_LIMIT)) {
      setError(`核验意见不超过${COMMENT_LIMIT}字，请删减`)
      return
    }
    const res = await showModal({
      title: decision === 'close' ? '整改销号' : '退回整改',
      content: decision === 'close' ? '确认整改到位并销号吗？' : '确认退回，要求企业按意见重新整改吗？',
      confirmText: decision === 'close' ? '销号' : '退回',
    })
    if (!res.confirm) return
    setError(null)
    await whileBusy(async () => {
      const entry = queueRectificationVerify(r.enterpriseId, r.id, { decision, comment })
      setError(await deliver(entry, setData, cleared, decision === 'close' ? '已销号' : '已退回'))
    }).catch((err: unknown) => setError(err instanceof Error ? err.message : '操作失败，请稍后重试'))
  }

  const hasActions = canRespond || canVerify
  const marked = r.timeliness === 'overdue' || r.timeliness === 'done_late'
  const lastComment = [...r.history].reverse().find((h) => h.toStatus === 'returned')?.comment

  return (
    <View className={`page rect-detail${hasActions ? ' page--actions' : ''}`}>
      <View className="page__body">
        <View className="a-card">
          <View className="rect-detail__tags">
            <RectificationStatusTag status={r.status} />
            <RectificationOverdueTag timeliness={r.timeliness} />
            <Text className="rect-detail__source">
              {RECTIFICATION_SOURCE_LABELS[r.source]}
              {r.itemCode ? ` · ${r.itemCode}` : ''}
            </Text>
          </View>
          <Text className="rect-detail__title">{r.title}</Text>
          <Text className={`rect-detail__deadline${marked ? ' rect-detail__deadline--overdue' : ''}`}>
            {deadlineText(r)}
          </Text>
          <Text className="a-card__subtitle">{r.enterpriseName}</Text>
          {r.detail ? (
            <Text className="rect-detail__detail">
              {r.source === 'finding' ? '自查说明' : '整改要求'}：{r.detail}
            </Text>
          ) : null}
        </View>

        {r.status === 'returned' && lastComment ? (
          <View className="a-notice a-notice--returned">
            <Text className="a-notice__title">核验退回意见</Text>
            <Text>{lastComment}</Text>
          </View>
        ) : null}

        {r.response ? (
          <View className="a-card">
            <Text className="rect-detail__label">整改情况</Text>
            <Text className="rect-detail__text">{r.response}</Text>
            {r.evidence.length ? (
              <View className="rect-detail__evidence">
                <EvidenceGrid files={r.evidence} />
              </View>
            ) : null}
          </View>
        ) : null}

        {canRespond ? (
          <View className="a-card rect-detail__form">
            <Text className="rect-detail__label">报送整改情况</Text>
            <TextAreaField
              rows={4}
              className="rect-detail__textarea"
              value={response}
              placeholder="说明采取了哪些整改措施、取得了什么效果"
              limit={RESPONSE_LIMIT}
              onChange={(v) => {
                setResponse(v)
                setError(null)
              }}
            />
            <Text className="rect-detail__hint">整改佐证（图片或 PDF，如制度文件、会议记录、现场照片）</Text>
            <EvidenceGrid
              files={files}
              editable
              uploading={uploading}
              onAdd={(source) => void addEvidence(source)}
              onRemove={(f) => setFiles((list) => list.filter((x) => x.id !== f.id))}
            />
          </View>
        ) : null}

        {canVerify ? (
          <View className="a-card rect-detail__form">
            <Text className="rect-detail__label">核验意见</Text>
            <TextAreaField
              className="rect-detail__textarea"
              value={comment}
              placeholder="销号可不填；退回须写明还需整改的内容"
              limit={COMMENT_LIMIT}
              onChange={(v) => {
                setComment(v)
                setError(null)
              }}
            />
          </View>
        ) : null}

        <ErrorNotice message={error} />

        <HandlingRecord events={rectificationEvents(r.history)} />
      </View>

      {canRespond ? (
        <ActionBar>
          <Button
            type="primary"
            loading={busy}
            disabled={busy || uploading > 0}
            onClick={() => void respond()}
          >
            报送整改，提请核验
          </Button>
        </ActionBar>
      ) : null}
      {canVerify ? (
        <ActionBar>
          <Button fill="outline" type="primary" disabled={busy} onClick={() => void verify('return')}>
            退回
          </Button>
          <Button type="primary" loading={busy} disabled={busy} onClick={() => void verify('close')}>
            销号
          </Button>
        </ActionBar>
      ) : null}
    </View>
  )
}
