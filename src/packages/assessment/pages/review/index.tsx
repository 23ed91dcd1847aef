import { useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, CellGroup } from '@nutui/nutui-react-taro'
import { ZAssessment } from '@/models/assessment'
import { SECTION_LABELS } from '@/models/checklist'
import { queueSubmit } from '@/services/assessments'
import { userOutbox } from '@/services/session'
import { PendingPage } from '@/components/PageState'
import { isLiaisonOf } from '@/models/memberships'
import { assessmentPages } from '@/services/routes'
import { useMe } from '@/hooks/useMe'
import { groupBySection, problemsOf } from '@/services/assessmentView'
import { storeAssessment } from '@/hooks/useAssessment'
import { useRouteAssessment } from '@/hooks/useRouteAssessment'
import '@/styles/page.scss'
import './index.scss'
import { useWrite } from '@/hooks/useWrite'
import { BackToOverview } from '@/components/assessment/BackToOverview'
import { ItemCell } from '@/components/assessment/ItemCell'
import { ErrorNotice } from '@/components/ErrorNotice'
import { useBusy } from '@/hooks/useBusy'
import { ActionBar } from '@/components/ActionBar'

export default function AssessmentReviewPage() {
  const { session, load, reload, update } = useRouteAssessment()
  const write = useWrite()
  const { state: me } = useMe(session?.user.id ?? null)
  const [submitting, whileBusy] = useBusy()
  const [refusal, setRefusal] = useState<string | null>(null)

  if (!session) return <View className="page" />
  if (load.status !== 'ready') return <PendingPage state={load} reload={reload} />

  const { assessment: a, submitPending, pendingCodes } = load.view
  const problems = problemsOf(a)
  const byCode = new Map(a.items.map((i) => [i.code, i]))
  const groups = groupBySection(problems, (p) => byCode.get(p.itemCode)?.section ?? 'actions')
  const liaison = me.status === 'ready' && isLiaisonOf(me.me.memberships, a.enterprise.id)
  const editable = a.status === 'draft' || a.status === 'returned'
  const canSubmit = liaison && editable && !submitPending && problems.length === 0 && !submitting

  const submit = async () => {
    if (!canSubmit) return
    const res = await showModal({
      title: '提交自查',
      content: '提交后将计算各部分得分并报送监管单位，提交后不能再修改答案。确定提交吗？',
      confirmText: '提交',
    })
    if (!res.confirm) return
    const outbox = userOutbox()
    if (!outbox) return
    setRefusal(null)
    await whileBusy(async () => {
      const entry = queueSubmit(a.enterprise.id, a.id, a.campaign.name)
      const outcome = await write(entry, { done: '已提交', onRefused: setRefusal, waitMs: 15000 })
      if (outcome.kind === 'refused') {
        reload().catch(() => undefined)
        return
      }
      if (outcome.kind === 'queued') {
        void Taro.redirectTo({ url: assessmentPages.overview(a.enterprise.id, a.id) })
        return
      }
      const saved = ZAssessment.safeParse(outcome.response?.data)
      if (saved.success) {
        storeAssessment(saved.data)
        update(() => saved.data, true)
      }
      void Taro.redirectTo({ url: assessmentPages.result(a.enterprise.id, a.id) })
    }).catch((err: unknown) => {
      setRefusal(err instanceof Error ? err.message : '提交失败，请稍后重试')
    })
  }

  return (
    <View className="page page--actions assessment-review">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">{a.campaign.name}</Text>
          <Text className="a-card__subtitle">{a.enterprise.name}</Text>
          <View className="assessment-review__summary">
            <Text>适用 {a.items.length} 项</Text>
            <Text>已答 {a.answers.length} 项</Text>
            <Text
              className={problems.length ? 'assessment-review__count--bad' : 'assessment-review__count--ok'}
            >
              待处理 {problems.length} 项
            </Text>
          </View>
        </View>

        {!editable ? (
          <View className="a-notice a-notice--info">
            <Text>本次自查已提交，无需再次检查。</Text>
          </View>
        ) : null}
        {editable && problems.length === 0 ? (
          <View className="a-notice a-notice--ok">
            <Text className="a-notice__title">检查通过</Text>
            <Text>全部适用项均已作答，佐证材料和“不适用”理由齐全，可以提交。</Text>
          </View>
        ) : null}
        {editable && problems.length > 0 ? (
          <View className="a-notice">
            <Text>以下 {problems.length} 项处理完毕后才能提交，点击可直接前往该项。</Text>
          </View>
        ) : null}
        {pendingCodes.size > 0 ? (
          <View className="a-notice a-notice--info">
            <Text>{pendingCodes.size} 项答案待同步，提交会在它们之后发送。</Text>
          </View>
        ) : null}
        {submitPending ? (
          <View className="a-notice a-notice--info">
            <Text>提交已保存在本机，网络恢复后自动发送。</Text>
          </View>
        ) : null}
        <ErrorNotice title="未能提交" message={refusal} />

        {groups.map((g) => (
          <CellGroup
            key={g.section}
            className="assessment-review__group"
            title={`${SECTION_LABELS[g.section]}（${g.entries.length} 项）`}
          >
            {g.entries.map((p) => (
              <ItemCell
                key={p.itemCode}
                assessment={a}
                code={p.itemCode}
                className="missing-item"
                extra="去处理"
              >
                <View className="missing-item__body">
                  <Text className="missing-item__code">{p.itemCode}</Text>
                  <Text className="missing-item__question">{byCode.get(p.itemCode)?.question}</Text>
                  <Text className={`missing-item__problem missing-item__problem--${p.kind}`}>
                    {p.message}
                  </Text>
                </View>
              </ItemCell>
            ))}
          </CellGroup>
        ))}
      </View>

      <ActionBar>
        <BackToOverview enterpriseId={a.enterprise.id} assessmentId={a.id} />
        <Button type="primary" disabled={!canSubmit} loading={submitting} onClick={() => void submit()}>
          {submitting ? '正在提交' : '提交'}
        </Button>
      </ActionBar>
    </View>
  )
}
