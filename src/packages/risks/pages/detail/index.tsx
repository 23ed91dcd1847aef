import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  REVIEW_CYCLE_LABELS,
  RISK_HISTORY_LABELS,
  RISK_LEVEL_LABELS,
  RISK_STATUS_LABELS,
  ZRiskRectify,
  ZRiskReviewBody,
} from '@/models/risk'
import { maxLengthOf } from '@/models/textLimit'
import { shanghaiDateAfterDays } from '@/models/shanghaiTime'
import { isReviewer } from '@/models/memberships'
import {
  fetchRisk,
  queueRiskAttachmentRemoval,
  queueRiskRectify,
  queueRiskReview,
  riskPath,
} from '@/services/risks'
import { showModal } from '@/services/platform/modal'
import { assessmentPages, idParam, riskPages } from '@/services/routes'
import type { EvidenceSource } from '@/services/evidence'
import type { TEvidenceFile } from '@/models/file'
import { useEvidenceUpload } from '@/hooks/useEvidenceUpload'
import { uploadEvidence } from '@/services/upload'
import { useMe } from '@/hooks/useMe'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { runWrite } from '@/hooks/useWrite'
import { PendingPage } from '@/components/PageState'
import { TextAreaField } from '@/components/TextAreaField'
import { EvidenceGrid } from '@/components/assessment/EvidenceGrid'
import { Timeline } from '@/components/assessment/Timeline'
import type { OutboxEntry } from '@/services/outbox'
import { GradeChoice, gradeLabel, LevelTag } from '../../components/RiskBits'
import { RiskAlertAck } from '../../components/RiskAlertAck'
import { Heading } from '@/components/Heading'
import { LabelledValue } from '@/components/LabelledValue'
import { keepsRegistersOf } from '@/models/memberships'
import '@/styles/page.scss'
import '../../components/risks.scss'
import { formatDate } from '@/models/format'

const NOTE_LIMIT = maxLengthOf(ZRiskReviewBody.shape.note)
const DETAIL_LIMIT = maxLengthOf(ZRiskRectify.shape.detail)

const Field = ({ label, value }: { label: string; value: string }) => (
  <LabelledValue block="risk-field" label={label} value={value} />
)

/**
 * One 廉洁风险点: what it is, its history (复核 with the level before and after, 整改), attachments; its
 * keepers review it, a supervising department takes note of its 高 alert (阅知) or turns it into a 整改.
 */
export default function RiskDetailPage() {
  const session = useRequireSession()
  const params = useRouter().params
  const eid = idParam(params.eid)
  const rid = idParam(params.rid)
  const { state, reload } = useRemote(session && eid && rid ? `risk:${eid}:${rid}` : null, () =>
    fetchRisk(eid ?? 0, rid ?? 0),
  )
  const { state: me } = useMe(session?.user.id ?? null)
  usePullRefresh(reload)
  const [note, setNote] = useState('')
  const [likelihood, setLikelihood] = useState<number | null>(null)
  const [impact, setImpact] = useState<number | null>(null)
  const [detail, setDetail] = useState('')
  const { uploading, add } = useEvidenceUpload()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  if (!session) return <View className="page" />
  if (state.status !== 'ready') return <PendingPage state={state} reload={reload} />
  const r = state.data
  const memberships = me.status === 'ready' ? me.me.memberships : []
  const keeper = keepsRegistersOf(memberships, r.enterpriseId)
  const reviewer = !keeper && isReviewer(memberships) && r.status === 'active'
  // The server takes one open 整改 per risk: while it is not 销号, the form would only be refused.
  const canRectify = reviewer && !r.rectificationOpen

  const send = async (entry: OutboxEntry, done: string, after: () => void) => {
    setBusy(true)
    setError(null)
    try {
      const outcome = await runWrite(entry, { done, onRefused: setError })
      if (outcome.kind === 'refused') return
      after()
      await reload()
    } finally {
      setBusy(false)
    }
  }

  const review = () => {
    const parsed = ZRiskReviewBody.safeParse({ note, likelihood, impact, version: r.version })
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请填写复核情况')
    void send(queueRiskReview(r.enterpriseId, r.id, parsed.data), '已复核', () => {
      setNote('')
      setLikelihood(null)
      setImpact(null)
    })
  }

  const rectify = () => {
    const parsed = ZRiskRectify.safeParse({ detail, deadline: shanghaiDateAfterDays(Date.now(), 30) })
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请填写整改要求')
    void send(queueRiskRectify(r.enterpriseId, r.id, parsed.data), '已转为整改', () => setDetail(''))
  }

  const addAttachment = async (source: EvidenceSource) => {
    await add(source, 9 - r.attachments.length, (file) =>
      uploadEvidence({ path: `${riskPath(r.enterpriseId, r.id)}/attachments`, file }),
    )
    await reload().catch(() => undefined)
  }

  // 撤下: a 有效 risk's only (the server keeps a settled risk's attachments as they were).
  const removeAttachment = async (file: TEvidenceFile) => {
    const { confirm } = await showModal({
      title: '撤下附件？',
      content: `撤下「${file.filename}」后不再显示在风险点中，操作记录保留。`,
      confirmText: '撤下',
    })
    if (!confirm) return
    const entry = queueRiskAttachmentRemoval(r.enterpriseId, r.id, file.id)
    const outcome = await runWrite(entry, {
      done: '已撤下',
      onRefused: (message) => void Taro.showToast({ title: message, icon: 'none' }),
    })
    if (outcome.kind !== 'queued') await reload().catch(() => undefined)
  }
  const attachable = keeper && r.status === 'active'

  return (
    <View className={`page${r.alert.canAcknowledge ? ' page--actions' : ''}`}>
      <View className="page__body">
        <View className="a-card">
          <View className="risk-card__tags risk-detail__tags">
            <LevelTag level={r.level} />
            <Text className="risk-status">{RISK_STATUS_LABELS[r.status]}</Text>
            <Text className="risk-status">{r.areaName}</Text>
          </View>
          <Field label="岗位 / 环节" value={r.post} />
          <Field label="风险描述" value={r.description} />
          <Field label="可能性 × 影响" value={`${gradeLabel(r.likelihood)} × ${gradeLabel(r.impact)}`} />
          <Field label="防控措施" value={r.measures} />
          <Field label="责任人" value={r.owner} />
          <Field
            label="复核"
            value={`${REVIEW_CYCLE_LABELS[r.reviewCycle] ?? ''}，下次 ${formatDate(r.nextReviewDate)}${r.reviewOverdue ? '（已逾期）' : ''}`}
          />
          {r.rectificationId ? (
            <Button
              onClick={() =>
                void Taro.navigateTo({
                  url: assessmentPages.rectification(r.enterpriseId, r.rectificationId!),
                })
              }
            >
              查看整改事项
            </Button>
          ) : null}
          {keeper ? (
            <Button onClick={() => void Taro.navigateTo({ url: riskPages.edit(r.enterpriseId, r.id) })}>
              修改
            </Button>
          ) : null}
        </View>

        <RiskAlertAck risk={r} onDone={reload} />

        <Heading text="附件" />
        <View className="a-card">
          {!attachable && r.attachments.length === 0 ? (
            <Text className="risk-form__hint">暂无附件</Text>
          ) : null}
          <EvidenceGrid
            files={r.attachments}
            editable={attachable}
            onRemove={(file) => void removeAttachment(file)}
            acceptPdf
            uploading={uploading}
            onAdd={(source) => void addAttachment(source)}
          />
        </View>

        {keeper && r.status === 'active' ? (
          <View className="a-card risk-form">
            <Text className="a-card__title">复核</Text>
            <TextAreaField
              rows={3}
              value={note}
              limit={NOTE_LIMIT}
              placeholder="复核发现的情况"
              onChange={setNote}
            />
            <GradeChoice
              likelihood={likelihood}
              impact={impact}
              onLikelihood={setLikelihood}
              onImpact={setImpact}
              was={r.level}
            />
            {error ? <Text className="risk-form__error">{error}</Text> : null}
            <Button type="primary" block loading={busy} onClick={review}>
              提交复核
            </Button>
          </View>
        ) : null}

        {reviewer && r.rectificationOpen ? (
          <View className="a-card">
            <Text className="risk-form__hint">
              已转为整改，整改销号后风险点更新为“已整改”；销号前不再重复下发。
            </Text>
          </View>
        ) : null}

        {canRectify ? (
          <View className="a-card risk-form">
            <Text className="a-card__title">转为整改</Text>
            <TextAreaField
              rows={3}
              value={detail}
              limit={DETAIL_LIMIT}
              placeholder="整改要求"
              onChange={setDetail}
            />
            <Text className="risk-form__hint">
              整改期限：30 天；企业报送后由监管部门核验销号，风险点随之更新为“已整改”。
            </Text>
            {error ? <Text className="risk-form__error">{error}</Text> : null}
            <Button type="primary" block loading={busy} onClick={rectify}>
              下发整改
            </Button>
          </View>
        ) : null}

        <Heading text="动态管理记录" />
        <View className="a-card">
          <Timeline
            events={r.history.map((h, i) => ({
              key: String(i),
              title:
                h.fromLevel && h.toLevel && h.fromLevel !== h.toLevel
                  ? `${RISK_HISTORY_LABELS[h.kind]}：${RISK_LEVEL_LABELS[h.fromLevel]} → ${RISK_LEVEL_LABELS[h.toLevel]}`
                  : RISK_HISTORY_LABELS[h.kind],
              actorName: h.actorName,
              comment: h.note,
              createdAt: h.createdAt,
              tone: h.kind === 'rectified' ? 'good' : h.toLevel === 'high' ? 'warn' : 'default',
            }))}
          />
        </View>
      </View>
    </View>
  )
}
