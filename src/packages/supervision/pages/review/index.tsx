import { useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Tag } from '@nutui/nutui-react-taro'
import { ANSWER_LABELS, ZAcceptBody, ZAssessment, ZReturnBody, type TAnswer } from '@/models/assessment'
import { maxLengthOf, overLimitMessage } from '@/models/textLimit'
import type { TEvidenceFile } from '@/models/file'
import { SECTION_LABELS, needsEvidence, type TChecklistItem } from '@/models/checklist'
import { queueAccept, queueReturn } from '@/services/assessments'
import type { OutboxEntry } from '@/services/outbox'
import { userOutbox } from '@/services/session'
import { formatDateTime } from '@/models/format'
import { Heading } from '@/components/Heading'
import { PendingPage } from '@/components/PageState'
import { isReviewer } from '@/models/memberships'
import { assessmentPages } from '@/services/routes'
import { useMe } from '@/hooks/useMe'
import { usePullRefresh } from '@/hooks/useRemote'
import { Bars, scoreTone, sectionFigure } from '@/components/assessment/Bars'
import { EvidenceGrid } from '@/components/assessment/EvidenceGrid'
import { TextAreaField } from '@/components/TextAreaField'
import { AssessmentStatusTag } from '@/components/assessment/StatusTag'
import { HandlingRecord } from '@/components/assessment/Timeline'
import { assessmentEvents } from '@/components/assessment/history'
import { formatScore, groupBySection } from '@/services/assessmentView'
import { useRouteAssessment } from '@/hooks/useRouteAssessment'
import '@/styles/page.scss'
import './index.scss'
import { useWrite } from '@/hooks/useWrite'
import { ErrorNotice } from '@/components/ErrorNotice'
import { ActionBar } from '@/components/ActionBar'
import { useBusy } from '@/hooks/useBusy'

const ITEM_COMMENT_LIMIT = maxLengthOf(ZReturnBody.shape.items.element.shape.comment)
const OVERALL_LIMIT = maxLengthOf(ZAcceptBody.shape.comment)

interface ReviewItemProps {
  item: TChecklistItem
  answer: TAnswer | undefined
  files: TEvidenceFile[]
  reviewable: boolean
  comment: string | undefined
  onComment: (value: string | undefined) => void
  showExisting: boolean
}

function ReviewItem({ item, answer, files, reviewable, comment, onComment, showExisting }: ReviewItemProps) {
  const open = comment !== undefined
  return (
    <View
      className={`review-item${comment?.trim() ? ' review-item--commented' : ''}`}
      id={`item-${item.code}`}
    >
      <View className="review-item__head">
        <Text className="review-item__code">{item.code}</Text>
        {answer ? (
          <Tag className={`status-tag review-item__answer review-item__answer--${answer.value}`}>
            {ANSWER_LABELS[answer.value]}
          </Tag>
        ) : (
          <Tag className="status-tag">未作答</Tag>
        )}
      </View>
      <Text className="review-item__question">{item.question}</Text>
      {answer?.value === 'na' && answer.naReason ? (
        <Text className="review-item__note">不适用理由：{answer.naReason}</Text>
      ) : null}
      {answer?.note ? <Text className="review-item__note">说明：{answer.note}</Text> : null}
      {files.length ? (
        <View className="review-item__evidence">
          <EvidenceGrid files={files} />
        </View>
      ) : needsEvidence(item, answer?.value) ? (
        <Text className="review-item__missing">未上传佐证材料</Text>
      ) : null}
      {showExisting && answer?.reviewComment ? (
        <View className="review-item__existing">
          <Text>已退回意见：{answer.reviewComment}</Text>
        </View>
      ) : null}
      {reviewable && !open ? (
        <Text className="review-item__toggle" onClick={() => onComment('')}>
          填写退回意见
        </Text>
      ) : null}
      {reviewable && open ? (
        <View className="review-item__comment">
          <Text className="review-item__comment-label">退回意见</Text>
          <TextAreaField
            className="review-item__textarea"
            value={comment ?? ''}
            placeholder="写明需要企业修改或补充的内容"
            limit={ITEM_COMMENT_LIMIT}
            onChange={(v) => onComment(v)}
          />
          <Text className="review-item__cancel" onClick={() => onComment(undefined)}>
            取消此项意见
          </Text>
        </View>
      ) : null}
    </View>
  )
}

export default function SupervisionReviewPage() {
  const { session, load, reload, update } = useRouteAssessment()
  const write = useWrite()
  const { state: me } = useMe(session?.user.id ?? null)
  usePullRefresh(reload)
  const [comments, setComments] = useState<Record<string, string>>({})
  const [overall, setOverall] = useState('')
  const [busy, whileBusy] = useBusy()
  const [error, setError] = useState<string | null>(null)

  if (!session) return <View className="page" />
  if (load.status !== 'ready') return <PendingPage state={load} reload={reload} />

  const a = load.view.assessment
  const reviewer = me.status === 'ready' && isReviewer(me.me.memberships)
  const reviewable = reviewer && a.status === 'submitted'
  const answers = new Map(a.answers.map((x) => [x.itemCode, x]))
  const groups = groupBySection(a.items, (i) => i.section)
  const itemComments = Object.entries(comments)
    .filter(([, c]) => c.trim())
    .map(([itemCode, comment]) => ({ itemCode, comment }))

  const send = async (entry: OutboxEntry, ok: string) => {
    const outbox = userOutbox()
    if (!outbox) return
    const outcome = await write(entry, { done: ok, onRefused: setError })
    if (outcome.kind !== 'delivered') return
    const saved = ZAssessment.safeParse(outcome.response?.data)
    if (saved.success) update(() => saved.data, true)
    setComments({})
    setOverall('')
  }

  const decide = async (decision: 'accept' | 'return') => {
    setError(null)
    const overallTooLong = overLimitMessage(overall, OVERALL_LIMIT)
    if (overallTooLong) {
      setError(`总体意见${overallTooLong}`)
      return
    }
    if (decision === 'return') {
      const parsed = ZReturnBody.safeParse({ comment: overall || null, items: itemComments })
      if (!parsed.success) {
        setError(parsed.error.issues[0]?.message ?? '请至少对一项填写退回意见')
        return
      }
    }
    const res = await showModal({
      title: decision === 'accept' ? '审核通过' : '退回修改',
      content:
        decision === 'accept'
          ? `确认「${a.enterprise.name}」本次自查审核通过吗？`
          : `将 ${itemComments.length} 项意见退回「${a.enterprise.name}」修改，确定吗？`,
      confirmText: decision === 'accept' ? '通过' : '退回',
    })
    if (!res.confirm) return
    await whileBusy(async () => {
      if (decision === 'accept') {
        await send(queueAccept(a.enterprise.id, a.id, overall || null, a.enterprise.name), '已审核通过')
      } else {
        await send(
          queueReturn(
            a.enterprise.id,
            a.id,
            { comment: overall || null, items: itemComments },
            a.enterprise.name,
          ),
          '已退回修改',
        )
      }
    }).catch((err: unknown) => setError(err instanceof Error ? err.message : '操作失败，请稍后重试'))
  }

  // A draft has no 综合得分 yet (as the enterprise's own overview and the supervision lists show it).
  const overallScore = a.status === 'draft' ? null : a.scores.overall

  return (
    <View className={`page supervision-review${reviewable ? ' page--actions' : ''}`}>
      <View className="page__body">
        <View className="a-card">
          <View className="supervision-review__head">
            <Text className="a-card__title supervision-review__name">{a.enterprise.name}</Text>
            <AssessmentStatusTag status={a.status} />
          </View>
          <Text className="a-card__subtitle">{a.campaign.name}</Text>
          <Text className="a-card__subtitle">
            {a.submittedAt ? `提交于 ${formatDateTime(a.submittedAt)}` : '尚未提交'}
            {` · 适用 ${a.items.length} 项`}
          </Text>
          <View className="supervision-review__score">
            <Text className="supervision-review__score-label">综合得分</Text>
            <Text
              className={`supervision-review__score-value supervision-review__score-value--${scoreTone(overallScore)}`}
            >
              {formatScore(overallScore)}
            </Text>
          </View>
          <Bars
            rows={a.scores.sections
              .filter((s) => s.applicable > 0)
              .map((s) => ({
                key: s.section,
                label: SECTION_LABELS[s.section],
                percent: s.score,
                figure: sectionFigure(s),
                tone: scoreTone(s.score),
              }))}
          />
        </View>

        {reviewer && a.status === 'draft' ? (
          <View className="a-notice a-notice--info">
            <Text>企业尚未提交，提交后才能审核。</Text>
          </View>
        ) : null}
        {reviewable ? (
          <View className="a-notice a-notice--info">
            <Text>逐项查看答案和佐证；需要修改的项目点「填写退回意见」，全部无误则点「通过」。</Text>
          </View>
        ) : null}

        <CellGroup className="supervision-review__links">
          <Cell
            title="整改事项"
            description="自查发现的问题及整改进度"
            extra="查看"
            clickable
            onClick={() => void Taro.navigateTo({ url: assessmentPages.rectifications(a.enterprise.id) })}
          />
        </CellGroup>

        {groups.map((g) => (
          <View key={g.section} className="supervision-review__section">
            <Heading text={SECTION_LABELS[g.section]} extra={`${g.entries.length} 项`} />
            <View className="a-card supervision-review__items">
              {g.entries.map((item) => (
                <ReviewItem
                  key={item.code}
                  item={item}
                  answer={answers.get(item.code)}
                  files={a.evidence.filter((f) => f.itemCode === item.code)}
                  reviewable={reviewable}
                  comment={comments[item.code]}
                  showExisting={a.status === 'returned'}
                  onComment={(value) =>
                    setComments((c) => {
                      const next = { ...c }
                      if (value === undefined) delete next[item.code]
                      else next[item.code] = value
                      return next
                    })
                  }
                />
              ))}
            </View>
          </View>
        ))}

        {reviewable ? (
          <View className="a-card">
            <Text className="supervision-review__label">总体意见（选填）</Text>
            <TextAreaField
              className="review-item__textarea"
              value={overall}
              placeholder="对本次自查的总体评价或要求"
              limit={OVERALL_LIMIT}
              onChange={setOverall}
            />
          </View>
        ) : null}

        <ErrorNotice message={error} />

        <HandlingRecord events={assessmentEvents(a.history)} />
      </View>

      {reviewable ? (
        <ActionBar>
          <Button
            fill="outline"
            type="primary"
            disabled={busy || itemComments.length === 0}
            onClick={() => void decide('return')}
          >
            {itemComments.length ? `退回修改（${itemComments.length} 项）` : '退回修改'}
          </Button>
          <Button type="primary" loading={busy} disabled={busy} onClick={() => void decide('accept')}>
            通过
          </Button>
        </ActionBar>
      ) : null}
    </View>
  )
}
