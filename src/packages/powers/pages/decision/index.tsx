import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { goBack } from '@/services/navigation'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { DECISION_CATEGORY_LABELS, ZDecisionDetail, type TDecisionDetail } from '@/models/powers'
import { formatDateTime } from '@/models/format'
import { parseBody } from '@/services/request'
import {
  fetchDecision,
  POWERS_WRITE_KINDS,
  queueDecisionAttachment,
  queueDecisionCorrect,
  queueDecisionCreate,
} from '@/services/powers'
import { evidenceFromResponse } from '@/services/upload'
import { chooseEvidence, type EvidenceSource } from '@/services/evidence'
import { idParam, powerPages } from '@/services/routes'
import { EvidenceGrid } from '@/components/assessment/EvidenceGrid'
import { ErrorState, InvalidLink, LoadingState } from '@/components/PageState'
import { OutboxNotice } from '@/components/OutboxNotice'
import { LabelledValue } from '@/components/LabelledValue'
import { useOutbox, useReloadOnDelivered } from '@/hooks/useOutbox'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { DecisionForm, type DecisionRefused, type DecisionSubmit } from '../../components/DecisionForm'
import '@/styles/page.scss'
import '../../components/powers.scss'
import { formatDate } from '@/models/format'

const FIELD_LABELS: Record<string, string> = {
  subject: '事项',
  category: '类别',
  decidedOn: '决策日期',
  meeting: '决策会议',
  attendees: '参会人员',
  result: '决策结果',
}
const shownValue = (field: string, value: unknown) =>
  field === 'category'
    ? DECISION_CATEGORY_LABELS[value as keyof typeof DECISION_CATEGORY_LABELS]
    : String(value)

const Line = ({ label, value }: { label: string; value: string }) => (
  <LabelledValue block="pw-line" label={label} value={value} empty="—" />
)

/**
 * One “三重一大” decision: its fields, attachments (会议纪要 and the like, through the files grid) and every
 * correction with what it changed; its keepers 更正 it with a 更正说明. Without `did`: the form to 登记 one.
 */
export default function DecisionPage() {
  const session = useRequireSession()
  const write = useWrite()
  const params = useRouter().params
  const eid = idParam(params.eid)
  const did = idParam(params.did)
  const { state, reload, setData } = useRemote<TDecisionDetail>(
    session && eid && did ? `decision:${eid}:${did}` : null,
    () => fetchDecision(eid!, did!),
  )
  usePullRefresh(did ? reload : async () => undefined)
  const [correcting, setCorrecting] = useState(false)
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(0)
  const { outbox, pending } = useOutbox()
  useReloadOnDelivered(outbox, POWERS_WRITE_KINDS.decisionAttach, reload)
  useEffect(() => {
    if (!did) void Taro.setNavigationBarTitle({ title: '登记“三重一大”决策' })
  }, [did])

  if (!session) return <View className="page" />
  if (!eid) return <InvalidLink message="页面链接不完整" />

  const submit = async (s: DecisionSubmit, refused: DecisionRefused): Promise<boolean> => {
    if (busy) return false
    setBusy(true)
    try {
      const entry =
        s.kind === 'create' ? queueDecisionCreate(eid, s.body) : queueDecisionCorrect(eid, did!, s.body)
      const outcome = await write(entry, {
        done: s.kind === 'create' ? '已登记' : '已更正',
        onRefused: refused,
      })
      if (outcome.kind === 'refused') return false
      const saved = ZDecisionDetail.safeParse(
        outcome.kind === 'delivered' ? parseBody(outcome.response?.data) : null,
      )
      if (s.kind === 'create') {
        // Attachments are added to a stored decision: open it (a queued one shows in the log once sent).
        if (saved.success) void Taro.redirectTo({ url: powerPages.decision(eid, saved.data.id) })
        else void goBack()
      } else {
        setCorrecting(false)
        if (saved.success) setData(saved.data)
        else await reload().catch(() => undefined)
      }
      return true
    } finally {
      setBusy(false)
    }
  }

  if (!did)
    return (
      <View className="page">
        <View className="page__body">
          <DecisionForm busy={busy} onSubmit={submit} />
        </View>
      </View>
    )
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error')
    return <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
  const d = state.data

  const upload = async (source: EvidenceSource) => {
    let files
    try {
      files = await chooseEvidence(source, 9)
    } catch (err) {
      void Taro.showToast({
        title: err instanceof Error && err.message ? err.message : '无法选择文件',
        icon: 'none',
      })
      return
    }
    setUploading((n) => n + files.length)
    let current = d
    for (const file of files) {
      try {
        const outcome = await write(await queueDecisionAttachment(eid, did, file), {
          done: null,
          onRefused: (message) => void Taro.showToast({ title: `上传失败：${message}`, icon: 'none' }),
        })
        const stored = outcome.kind === 'delivered' ? evidenceFromResponse(outcome.response?.data) : null
        if (stored) {
          current = { ...current, attachments: [...current.attachments, stored] }
          setData(current)
        }
      } catch (err) {
        void Taro.showToast({ title: err instanceof Error ? err.message : '上传失败', icon: 'none' })
      } finally {
        setUploading((n) => Math.max(0, n - 1))
      }
    }
  }

  const waiting = pending.filter(
    (e) => e.kind === POWERS_WRITE_KINDS.decisionAttach && e.path.includes(`/decisions/${did}/`),
  ).length

  return (
    <View className="page">
      <View className="page__body">
        <OutboxNotice />
        {correcting ? (
          <DecisionForm was={d} busy={busy} onSubmit={submit} onCancel={() => setCorrecting(false)} />
        ) : (
          <View className="a-card">
            <View className="pw-head">
              <Text className="pw-decision__title">{d.subject}</Text>
              <Text className="pw-tag">{DECISION_CATEGORY_LABELS[d.category]}</Text>
            </View>
            <Line label="决策日期" value={formatDate(d.decidedOn)} />
            <Line label="决策会议" value={d.meeting} />
            <Line label="参会人员" value={d.attendees} />
            <Line label="决策结果" value={d.result} />
            {d.canEdit ? (
              <View className="pw-actions">
                <Button className="pw-correct" onClick={() => setCorrecting(true)}>
                  更正
                </Button>
              </View>
            ) : null}
          </View>
        )}
        <View className="a-card">
          <Text className="a-card__title">附件</Text>
          {!d.canEdit && d.attachments.length === 0 ? <Text className="pw-none">无附件</Text> : null}
          <EvidenceGrid
            files={d.attachments}
            editable={d.canEdit}
            uploading={uploading}
            waiting={Math.max(0, waiting - uploading)}
            addLabel="会议纪要等"
            onAdd={(source) => void upload(source)}
          />
        </View>
        <View className="a-card pw-revisions">
          <Text className="a-card__title">登记与更正记录</Text>
          {d.revisions.map((r, n) => (
            <View key={n} className="pw-item">
              <Text className="pw-item__power">
                {`${r.before ? '更正' : '登记'} · ${r.actorName ?? '—'} · ${formatDateTime(r.createdAt)}`}
              </Text>
              {r.note ? <Text className="pw-item__meta">{`更正说明：${r.note}`}</Text> : null}
              {r.before
                ? Object.entries(r.after).map(([field, value]) => (
                    <Text key={field} className="pw-item__meta">
                      {`${FIELD_LABELS[field] ?? field}：${shownValue(field, r.before?.[field as keyof typeof r.before])} → ${shownValue(field, value)}`}
                    </Text>
                  ))
                : null}
            </View>
          ))}
        </View>
      </View>
    </View>
  )
}
