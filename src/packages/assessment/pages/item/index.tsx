import { useEffect, useRef, useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro, { useUnload } from '@tarojs/taro'
import { goBack } from '@/services/navigation'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TEvidenceFile } from '@/models/file'
import {
  ASSESSMENT_WRITE_KINDS,
  evidenceUploadPath,
  queueAnswer,
  queueEvidenceRemoval,
  type AnswerDraft,
} from '@/services/assessments'
import { chooseEvidence, type EvidenceSource } from '@/services/evidence'
import { evidenceFromResponse, queueUpload } from '@/services/upload'
import { userOutbox } from '@/services/session'
import { useOutbox } from '@/hooks/useOutbox'
import { ErrorState, PendingPage } from '@/components/PageState'
import { isLiaisonOf } from '@/models/memberships'
import { assessmentPages } from '@/services/routes'
import { replacePageAddress } from '@/services/platform/pageAddress'
import { useMe } from '@/hooks/useMe'
import {
  answerOf,
  evidenceOf,
  nextUnanswered,
  withAnswer,
  withEvidence,
  withoutEvidence,
} from '@/services/assessmentView'
import { useRouteAssessment } from '@/hooks/useRouteAssessment'
import { ItemEditor, type SyncStatus } from './ItemEditor'
import { closePlace, notePlace, readPlace, startingItem, type StartingItem } from './place'
import '@/styles/page.scss'
import '@/components/assessment/StatusTag.scss'
import './index.scss'
import { useWrite } from '@/hooks/useWrite'
import { ActionBar } from '@/components/ActionBar'

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2500 })
}

export default function AssessmentItemPage() {
  const { session, params, eid, aid, load, reload, update, syncing } = useRouteAssessment()
  const write = useWrite()
  const { state: me } = useMe(session?.user.id ?? null)
  const query = params.code ? decodeURIComponent(params.code) : null
  const [uploading, setUploading] = useState<Record<string, number>>({})
  const { outbox, pending } = useOutbox()
  const waitingUploads = (itemCode: string) =>
    eid === null || aid === null
      ? 0
      : pending.filter(
          (e) =>
            e.kind === ASSESSMENT_WRITE_KINDS.evidenceUpload &&
            e.path === evidenceUploadPath(eid, aid, itemCode),
        ).length
  // A photo that waited in the outbox appears once it has been delivered.
  useEffect(
    () =>
      outbox?.onDelivered((d) => {
        if (d.entry.kind !== ASSESSMENT_WRITE_KINDS.evidenceUpload) return
        const stored = evidenceFromResponse(d.response?.data)
        if (stored) update((x) => withEvidence(x, stored))
      }),
    [outbox, update],
  )
  // The item shown first, settled once the assessment is there (see startingItem: the query's item, or
  // where the user was), so answering it does not move the page on by itself; then the one walked to.
  const start = useRef<StartingItem | null | undefined>(undefined)
  if (start.current === undefined && load.status === 'ready' && aid !== null) {
    const x = load.view.assessment
    start.current = startingItem(x.items, nextUnanswered(x)?.code ?? null, query, readPlace(aid))
  }
  const [walked, setWalked] = useState<string | null>(null)
  const code = walked ?? start.current?.code ?? null
  const shown =
    load.status === 'ready' && load.view.assessment.items.some((i) => i.code === code) ? code : null
  // 下一项 / 上一项 stay on this page: the item goes into the address (H5: a reload opens it) and into
  // the device's memory (a restored mini-program, 继续作答). 返回 still leads to where the page came from.
  useEffect(() => {
    if (shown === null || eid === null || aid === null) return
    notePlace(aid, shown, query ?? '')
    replacePageAddress(assessmentPages.item(eid, aid, shown))
  }, [shown, eid, aid, query])
  useUnload(() => {
    if (aid !== null) closePlace(aid)
  })

  if (!session) return <View className="page" />
  if (load.status !== 'ready') return <PendingPage state={load} reload={reload} />

  const { assessment: a, pendingCodes, refusedCodes, submitPending } = load.view
  const items = a.items
  const current = items.find((i) => i.code === code) ?? nextUnanswered(a) ?? items[0] ?? null
  if (!current) {
    return (
      <View className="page">
        <ErrorState message="本次自查没有适用于本企业的项目" onRetry={() => void goBack()} />
      </View>
    )
  }
  const index = items.indexOf(current)
  const answer = answerOf(a, current.code)
  const liaison = me.status === 'ready' && isLiaisonOf(me.me.memberships, a.enterprise.id)
  const editable = liaison && (a.status === 'draft' || a.status === 'returned') && !submitPending
  const next = nextUnanswered(a, current.code)
  const unanswered = items.length - a.answers.length

  let sync: SyncStatus = { kind: 'unanswered' }
  const refused = refusedCodes.get(current.code)
  if (pendingCodes.has(current.code)) sync = { kind: 'pending', syncing }
  else if (refused) sync = { kind: 'refused', message: refused }
  else if (answer) sync = { kind: 'saved' }

  const go = (target: string) => {
    setWalked(target)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }

  const save = (draft: AnswerDraft) => {
    if (eid === null || aid === null) return
    try {
      queueAnswer(eid, aid, draft)
      update((x) => withAnswer(x, draft))
    } catch (err) {
      toast(`未能保存：${err instanceof Error ? err.message : '本机存储不可用'}`)
    }
  }

  const addEvidence = async (source: EvidenceSource) => {
    if (eid === null || aid === null) return
    const itemCode = current.code
    let picked
    try {
      picked = await chooseEvidence(source, 9 - evidenceOf(a, itemCode).length)
    } catch (err) {
      toast(
        err instanceof Error && err.message
          ? err.message
          : source === 'pdf'
            ? '无法选择文件'
            : '无法打开相册或相机',
      )
      return
    }
    for (const file of picked) {
      setUploading((u) => ({ ...u, [itemCode]: (u[itemCode] ?? 0) + 1 }))
      try {
        // Through the outbox: without network the file waits on the device and is sent later, once.
        const entry = await queueUpload({
          path: evidenceUploadPath(eid, aid, itemCode),
          file,
          label: `上传佐证材料（${itemCode}）`,
          kind: ASSESSMENT_WRITE_KINDS.evidenceUpload,
        })
        const outbox = userOutbox()
        if (!outbox) continue
        const outcome = await write(entry, {
          done: null,
          onRefused: (message) => toast(`上传失败：${message}`),
        })
        if (outcome.kind === 'delivered') {
          const stored = evidenceFromResponse(outcome.response?.data)
          if (stored) update((x) => withEvidence(x, stored))
        }
      } catch (err) {
        toast(`上传失败：${err instanceof Error ? err.message : '请稍后重试'}`)
      } finally {
        setUploading((u) => ({ ...u, [itemCode]: Math.max(0, (u[itemCode] ?? 1) - 1) }))
      }
    }
  }

  const removeEvidence = async (file: TEvidenceFile) => {
    if (eid === null || aid === null) return
    const res = await showModal({
      title: '删除佐证材料',
      content: `确定删除「${file.filename}」吗？`,
      confirmText: '删除',
    })
    if (!res.confirm) return
    try {
      queueEvidenceRemoval(eid, aid, file.id, file.itemCode)
      update((x) => withoutEvidence(x, file.id))
    } catch (err) {
      toast(`未能删除：${err instanceof Error ? err.message : '本机存储不可用'}`)
    }
  }

  const last = index === items.length - 1
  return (
    <View className="page page--actions assessment-item">
      <View className="assessment-item__progress">
        <View
          className="assessment-item__progress-fill"
          style={{ width: `${items.length ? (a.answers.length / items.length) * 100 : 0}%` }}
        />
      </View>
      <View className="page__body">
        {me.status === 'ready' && !liaison ? (
          <View className="a-notice a-notice--info">
            <Text>本企业的自查由联络员作答，你可以查看各项答案和佐证。</Text>
          </View>
        ) : null}
        {!editable && liaison && a.status !== 'draft' && a.status !== 'returned' ? (
          <View className="a-notice a-notice--info">
            <Text>自查已提交，答案只能查看，不能修改。</Text>
          </View>
        ) : null}
        {walked === null && start.current?.resumed ? (
          <View className="a-notice a-notice--info assessment-item__resumed">
            <Text>继续上次：第 {index + 1} 项</Text>
          </View>
        ) : null}
        {submitPending ? (
          <View className="a-notice a-notice--info">
            <Text>提交已保存在本机，等待发送，答案暂不能修改。</Text>
          </View>
        ) : null}
        <ItemEditor
          key={current.code}
          item={current}
          index={index}
          total={items.length}
          answer={answer}
          files={evidenceOf(a, current.code)}
          editable={editable}
          reviewComment={a.status === 'returned' ? (answer?.reviewComment ?? null) : null}
          sync={sync}
          uploading={uploading[current.code] ?? 0}
          waiting={waitingUploads(current.code)}
          onSave={save}
          onAddEvidence={(source) => void addEvidence(source)}
          onRemoveEvidence={(f) => void removeEvidence(f).catch(() => undefined)}
        />
        {next && editable ? (
          <View className="assessment-item__jump" onClick={() => go(next.code)}>
            <Text>跳到下一未答（还有 {unanswered} 项未答）</Text>
          </View>
        ) : null}
      </View>

      <ActionBar>
        <Button disabled={index === 0} onClick={() => index > 0 && go(items[index - 1].code)}>
          上一项
        </Button>
        {last ? (
          <Button
            type="primary"
            onClick={() =>
              eid !== null &&
              aid !== null &&
              void Taro.redirectTo({
                url: editable ? assessmentPages.review(eid, aid) : assessmentPages.overview(eid, aid),
              })
            }
          >
            {editable ? '提交前检查' : '返回概览'}
          </Button>
        ) : (
          <Button type="primary" onClick={() => go(items[index + 1].code)}>
            下一项
          </Button>
        )}
      </ActionBar>
    </View>
  )
}
