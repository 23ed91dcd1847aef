import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  REVIEW_CYCLE_LABELS,
  REVIEW_CYCLES,
  RISK_AREAS,
  RISK_STARTERS,
  RISK_STATUS_LABELS,
  RISK_STATUSES,
  ZRiskCreate,
  ZRiskUpdate,
  type TRiskArea,
  type TRiskDetail,
  type TRiskStatus,
} from '@/models/risk'
import { maxLengthsOf } from '@/models/textLimit'
import { fetchRisk, queueRiskCreate, queueRiskUpdate } from '@/services/risks'
import { idParam } from '@/services/routes'
import { TextField } from '@/components/TextField'
import { TextAreaField } from '@/components/TextAreaField'
import { ErrorState, InvalidLink, LoadingState } from '@/components/PageState'
import { useRequireSession } from '@/hooks/useSession'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { useFormSend } from '@/hooks/useFormSend'
import { GradeChoice } from '../../components/RiskBits'
import { Chips } from '@/components/Chips'
import { FormSubmit } from '@/components/FormSubmit'
import '@/styles/page.scss'
import '../../components/risks.scss'

const LIMITS = maxLengthsOf(ZRiskCreate.shape, ['areaName', 'post', 'description', 'measures', 'owner'])
type Cycle = (typeof REVIEW_CYCLES)[number]

/** 登记 / 修改廉洁风险点: area, 岗位/环节, description, likelihood × impact (the level follows), 防控措施, owner, cycle. */
export default function RiskEditPage() {
  const session = useRequireSession()
  const params = useRouter().params
  const eid = idParam(params.eid)
  const rid = idParam(params.rid)
  const starter = RISK_STARTERS.find((s) => s.code === params.starter)
  const [area, setArea] = useState<TRiskArea | null>(starter?.area ?? null)
  const [areaName, setAreaName] = useState('')
  const [post, setPost] = useState('')
  const [description, setDescription] = useState(starter?.description ?? '')
  const [measures, setMeasures] = useState(starter?.measures ?? '')
  const [owner, setOwner] = useState('')
  const [likelihood, setLikelihood] = useState<number | null>(null)
  const [impact, setImpact] = useState<number | null>(null)
  const [cycle, setCycle] = useState<Cycle>(3)
  const [status, setStatus] = useState<TRiskStatus>('active')
  const [loaded, setLoaded] = useState<TRiskDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [loads, setLoads] = useState(0)
  const { error, busy, sent, send } = useFormSend()
  useUnsavedGuard(!sent && Boolean(post.trim() || owner.trim()))

  useEffect(() => {
    if (!session || !eid || !rid) return
    void Taro.setNavigationBarTitle({ title: '修改廉洁风险点' })
    fetchRisk(eid, rid)
      .then((r) => {
        setLoaded(r)
        setArea(r.area)
        setAreaName(r.area === 'other' ? r.areaName.replace(/^其他：/, '') : '')
        setPost(r.post)
        setDescription(r.description)
        setMeasures(r.measures)
        setOwner(r.owner)
        setLikelihood(r.likelihood)
        setImpact(r.impact)
        setCycle(r.reviewCycle as Cycle)
        setStatus(r.status)
      })
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : '加载失败'))
  }, [session, eid, rid, loads])

  if (!session) return <View className="page" />
  if (!eid) return <InvalidLink message="页面链接不完整" />
  // Editing: nothing to show (or to send) until the risk is here, else an empty form would 登记 a new one.
  if (rid && loadError)
    return (
      <ErrorState
        message={loadError}
        onRetry={() => {
          setLoadError(null)
          setLoads((n) => n + 1)
        }}
      />
    )
  if (rid && !loaded) return <LoadingState />

  const submit = async () => {
    const fields = {
      area,
      areaName: area === 'other' ? areaName : null,
      post,
      description,
      likelihood,
      impact,
      measures,
      owner,
      reviewCycle: cycle,
      nextReviewDate: loaded && loaded.reviewCycle === cycle ? loaded.nextReviewDate : null,
      starterCode: starter?.code ?? null,
    }
    const checked = loaded
      ? ZRiskUpdate.safeParse({ ...fields, status, version: loaded.version })
      : ZRiskCreate.safeParse(fields)
    await send(
      checked,
      (data) =>
        loaded && rid
          ? queueRiskUpdate(eid, rid, ZRiskUpdate.parse(data))
          : queueRiskCreate(eid, ZRiskCreate.parse(data)),
      loaded ? '已保存' : '已登记',
    )
  }

  return (
    <View className="page">
      <View className="page__body">
        <View className="a-card risk-form">
          {starter ? (
            <Text className="risk-form__hint">
              参考：任务{starter.task}“{starter.description}”
            </Text>
          ) : null}
          <Text className="risk-form__label">风险领域</Text>
          <Chips
            block="risk-chips"
            options={RISK_AREAS.map((a) => a.code)}
            value={area}
            label={(c) => RISK_AREAS.find((a) => a.code === c)!.label}
            onPick={setArea}
          />
          {area === 'other' ? (
            <TextField
              value={areaName}
              limit={LIMITS.areaName}
              placeholder="领域名称"
              onChange={setAreaName}
            />
          ) : null}
          <Text className="risk-form__label">岗位 / 环节</Text>
          <TextField
            value={post}
            limit={LIMITS.post}
            placeholder="如：采购部 · 供应商选择"
            onChange={setPost}
          />
          <Text className="risk-form__label">风险描述</Text>
          <TextAreaField rows={3} value={description} limit={LIMITS.description} onChange={setDescription} />
          <GradeChoice
            likelihood={likelihood}
            impact={impact}
            onLikelihood={setLikelihood}
            onImpact={setImpact}
          />
          <Text className="risk-form__label">防控措施</Text>
          <TextAreaField rows={3} value={measures} limit={LIMITS.measures} onChange={setMeasures} />
          <Text className="risk-form__label">责任人</Text>
          <TextField value={owner} limit={LIMITS.owner} placeholder="姓名或岗位" onChange={setOwner} />
          <Text className="risk-form__label">复核周期</Text>
          <Chips
            block="risk-chips"
            options={REVIEW_CYCLES}
            value={cycle}
            label={(c) => REVIEW_CYCLE_LABELS[c]!}
            onPick={setCycle}
          />
          {loaded ? (
            <>
              <Text className="risk-form__label">状态</Text>
              <Chips
                block="risk-chips"
                options={RISK_STATUSES}
                value={status}
                label={(s) => RISK_STATUS_LABELS[s]}
                onPick={setStatus}
              />
            </>
          ) : (
            <Text className="risk-form__hint">下次复核日期：自今天起一个复核周期（北京时间）</Text>
          )}
          <FormSubmit block="risk-form" error={error} busy={busy} onSubmit={submit}>
            {loaded ? '保存' : '登记'}
          </FormSubmit>
        </View>
      </View>
    </View>
  )
}
