import { useState } from 'react'
import { showModal } from '@/services/platform/modal'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TStoredFile } from '@/models/file'
import { formatDate, formatDateTime } from '@/models/format'
import { maxLengthOf } from '@/models/textLimit'
import {
  milestoneText,
  PLAN_FILING_STATUS_LABELS,
  ZPlanDecision,
  ZPlanFile,
  type TMilestones,
  type TPlanFiling,
} from '@/models/milestones'
import { queuePlanDecision, queuePlanFiling, uploadPlanFile } from '@/services/milestones'
import type { EvidenceSource } from '@/services/evidence'
import { useEvidenceUpload } from '@/hooks/useEvidenceUpload'
import { useWrite } from '@/hooks/useWrite'
import { EvidenceGrid } from '@/components/assessment/EvidenceGrid'
import { TextAreaField } from '@/components/TextAreaField'
import { MilestoneTag } from './MilestoneTag'
import { useBusy } from '@/hooks/useBusy'

const REASON_LIMIT = maxLengthOf(ZPlanDecision.shape.reason)

const asEvidence = (files: TStoredFile[]) => files.map((f) => ({ ...f, itemCode: '' }))

function Filing({ f }: { f: TPlanFiling }) {
  return (
    <View className={`milestone__filing milestone__filing--${f.status}`}>
      <View className="milestone__head">
        <Text className="milestone__filing-title">
          第{f.revision}次报送 · {f.departmentName}
        </Text>
        <Text className={`milestone__receipt milestone__receipt--${f.status}`}>
          {PLAN_FILING_STATUS_LABELS[f.status]}
        </Text>
      </View>
      <Text className="org-member__meta">
        {f.submittedByName} 报送于 {formatDateTime(f.submittedAt)}
        {f.decidedAt ? `；${f.decidedByName ?? ''} 处理于 ${formatDateTime(f.decidedAt)}` : ''}
      </Text>
      {f.returnReason ? <Text className="milestone__reason">退回原因：{f.returnReason}</Text> : null}
      <EvidenceGrid files={asEvidence(f.files)} />
    </View>
  )
}

/**
 * 实施方案: what stands (or was returned), the liaison's filing (department, files, 报送) and, for a
 * 监管员 of the department it went to, 已收到 / 退回.
 */
export function PlanCard({
  data,
  canFile,
  canDecide,
  onChanged,
}: {
  data: TMilestones
  canFile: boolean
  canDecide: boolean
  onChanged: () => Promise<void>
}) {
  const plan = data.plan
  const current = plan.current
  const send = useWrite()
  const [departmentId, setDepartmentId] = useState<number | null>(
    data.departments.length === 1 ? data.departments[0].id : null,
  )
  const [files, setFiles] = useState<TStoredFile[]>([])
  const { uploading, add } = useEvidenceUpload()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, whileBusy] = useBusy()

  const addFiles = (source: EvidenceSource) =>
    add(source, 9 - files.length, async (file) => {
      const stored = await uploadPlanFile(data.enterpriseId, file)
      setFiles((list) => [...list, stored])
    })

  const run = async (make: () => ReturnType<typeof queuePlanFiling>, done: string) => {
    setError(null)
    await whileBusy(async () => {
      const outcome = await send(make(), { done, onRefused: setError })
      if (outcome.kind !== 'refused') {
        setFiles([])
        setReason('')
        await onChanged().catch(() => undefined)
      }
    })
  }

  const file = () => {
    const parsed = ZPlanFile.safeParse({ departmentId, fileIds: files.map((f) => f.id) })
    if (!parsed.success)
      return setError(
        departmentId === null
          ? '请选择报送的监管部门'
          : (parsed.error.issues[0]?.message ?? '请上传实施方案'),
      )
    void run(() => queuePlanFiling(data.enterpriseId, parsed.data), '实施方案已报送')
  }

  const decide = async (decision: 'receive' | 'return') => {
    const parsed = ZPlanDecision.safeParse({ decision, ...(decision === 'return' ? { reason } : {}) })
    if (!parsed.success || !current) return setError(parsed.error?.issues[0]?.message ?? '退回须填写原因')
    const res = await showModal({
      title: decision === 'receive' ? '已收到' : '退回实施方案',
      content:
        decision === 'receive' ? '确认已收到该企业的实施方案吗？' : '确认退回，要求企业修改后重新报送吗？',
      confirmText: decision === 'receive' ? '已收到' : '退回',
    })
    if (!res.confirm) return
    void run(
      () => queuePlanDecision(data.enterpriseId, current.id, parsed.data),
      decision === 'receive' ? '已标记收到' : '已退回',
    )
  }

  return (
    <View className="a-card milestone milestone--plan">
      <View className="milestone__head">
        <Text className="a-card__title">本企业实施方案</Text>
        <MilestoneTag state={plan} />
      </View>
      <Text className="a-card__subtitle">
        {plan.doneOn ? `报送日期 ${formatDate(plan.doneOn)}` : '尚未报送'} · {milestoneText(plan)}
        {plan.doneOn && !current ? '（系统启用前登记）' : ''}
      </Text>
      {current ? <Filing f={current} /> : null}

      {canDecide && current?.status === 'submitted' ? (
        <View className="milestone__form milestone__decide">
          <TextAreaField
            value={reason}
            placeholder="退回时填写原因"
            limit={REASON_LIMIT}
            onChange={setReason}
          />
          {error ? <Text className="form-dialog__error">{error}</Text> : null}
          <View className="milestone__buttons">
            <Button size="small" disabled={busy} onClick={() => void decide('return')}>
              退回
            </Button>
            <Button size="small" type="primary" loading={busy} onClick={() => void decide('receive')}>
              已收到
            </Button>
          </View>
        </View>
      ) : null}

      {canFile && plan.canFile ? (
        <View className="milestone__form milestone__file">
          <Text className="milestone__label">
            {current ? '修改后重新报送' : '报送实施方案'}：选择监管部门
          </Text>
          <View className="org-roles org-roles--wrap">
            {data.departments.map((d) => (
              <Text
                key={d.id}
                className={`org-roles__item${departmentId === d.id ? ' org-roles__item--active' : ''}`}
                onClick={() => setDepartmentId(d.id)}
              >
                {d.name}
              </Text>
            ))}
          </View>
          {data.departments.length === 0 ? (
            <Text className="org-member__meta">本企业尚未关联监管部门，请联系领导小组办公室</Text>
          ) : null}
          <Text className="milestone__label">实施方案文件（图片或 PDF，最多9个）</Text>
          <EvidenceGrid
            files={asEvidence(files)}
            editable
            uploading={uploading}
            onAdd={(source) => void addFiles(source)}
            onRemove={(f) => setFiles((list) => list.filter((x) => x.id !== f.id))}
          />
          {error ? <Text className="form-dialog__error">{error}</Text> : null}
          <Button
            className="milestone__submit"
            type="primary"
            block
            loading={busy}
            disabled={uploading > 0}
            onClick={file}
          >
            报送
          </Button>
        </View>
      ) : null}

      {plan.history.length > 1 ? (
        <View className="milestone__history">
          <Text className="milestone__label">报送记录</Text>
          {plan.history.slice(1).map((f) => (
            <Filing key={f.id} f={f} />
          ))}
        </View>
      ) : null}
    </View>
  )
}
