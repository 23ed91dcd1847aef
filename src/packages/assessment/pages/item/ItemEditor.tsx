import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import {
  ANSWER_LABELS,
  ANSWER_VALUES,
  ZAnswerInput,
  type TAnswer,
  type TAnswerValue,
} from '@/models/assessment'
import { maxLengthOf } from '@/models/textLimit'
import type { TEvidenceFile } from '@/models/file'
import { SECTION_LABELS, answerRules, noteMissing, type TChecklistItem } from '@/models/checklist'
import type { AnswerDraft } from '@/services/assessments'
import { EvidenceGrid } from '@/components/assessment/EvidenceGrid'
import { isOverLimit } from '@/components/TextField'
import { TextAreaField } from '@/components/TextAreaField'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { needsEvidence } from '@/services/assessmentView'
import { BasisSentence } from './BasisSentence'
import type { EvidenceSource } from '@/services/evidence'

export type SyncStatus =
  | { kind: 'unanswered' }
  | { kind: 'saved' }
  | { kind: 'pending'; syncing: boolean }
  | { kind: 'refused'; message: string }

export interface ItemEditorProps {
  item: TChecklistItem
  index: number
  total: number
  answer: TAnswer | undefined
  files: TEvidenceFile[]
  editable: boolean
  /** The reviewer's comment, shown while the assessment is returned. */
  reviewComment: string | null
  sync: SyncStatus
  uploading: number
  /** Photos of this item waiting in the outbox. */
  waiting: number
  onSave: (draft: AnswerDraft) => void
  onAddEvidence: (source: EvidenceSource) => void
  onRemoveEvidence: (file: TEvidenceFile) => void
}

const NOTE_LIMIT = maxLengthOf(ZAnswerInput.shape.note)
const REASON_LIMIT = maxLengthOf(ZAnswerInput.shape.naReason)

const NOTE_PLACEHOLDER: Record<TAnswerValue, string> = {
  yes: '补充说明（选填）',
  partial: '请说明哪些方面尚未做到、下一步打算',
  no: '请说明原因和整改打算',
  na: '补充说明（选填）',
}

function SyncBadge({ sync }: { sync: SyncStatus }) {
  if (sync.kind === 'saved') return <Text className="item-sync item-sync--saved">✓ 已保存</Text>
  if (sync.kind === 'pending')
    return <Text className="item-sync item-sync--pending">{sync.syncing ? '保存中…' : '待同步'}</Text>
  if (sync.kind === 'refused')
    return <Text className="item-sync item-sync--refused">未保存：{sync.message}</Text>
  return <Text className="item-sync">未作答</Text>
}

/**
 * One checklist item: the question, its basis in the programme document, the four answers, a note
 * (a reason for 不适用), and evidence photos. Every change is handed to onSave at once; typed text when
 * the field loses focus, or when the item is left.
 */
export function ItemEditor(props: ItemEditorProps) {
  const { item, answer, files, editable, sync } = props
  const [showBasis, setShowBasis] = useState(false)
  const [note, setNote] = useState(answer?.note ?? '')
  const [reason, setReason] = useState(answer?.naReason ?? '')
  const value = answer?.value
  // What was last handed to onSave, so leaving the item saves typed text exactly once.
  const latest = useRef({
    value,
    note,
    reason,
    saved: { note: answer?.note ?? '', reason: answer?.naReason ?? '' },
  })
  latest.current = { ...latest.current, value, note, reason }
  const onSave = useRef(props.onSave)
  onSave.current = props.onSave

  const save = (next: { value: TAnswerValue; note: string; reason: string }) => {
    latest.current.saved = { note: next.note, reason: next.reason }
    onSave.current({ itemCode: item.code, value: next.value, note: next.note, naReason: next.reason })
  }

  /** Text over its limit is not sent: the server would refuse the whole answer. */
  const savable = (t: { note: string; reason: string }) =>
    !isOverLimit(t.note, NOTE_LIMIT) && !isOverLimit(t.reason, REASON_LIMIT)
  const saveTextIfChanged = () => {
    const l = latest.current
    if (!editable || !l.value || !savable(l)) return
    if (l.note.trim() === l.saved.note.trim() && l.reason.trim() === l.saved.reason.trim()) return
    save({ value: l.value, note: l.note, reason: l.reason })
  }
  const saveTextRef = useRef(saveTextIfChanged)
  saveTextRef.current = saveTextIfChanged
  useEffect(() => () => saveTextRef.current(), [])

  // Typed text that leaving would lose: no answer chosen yet to save it with, or over its limit.
  const textChanged =
    note.trim() !== latest.current.saved.note.trim() || reason.trim() !== latest.current.saved.reason.trim()
  useUnsavedGuard(editable && textChanged && (!value || !savable({ note, reason })))

  const choose = (v: TAnswerValue) => {
    if (!editable) return
    if (!savable({ note, reason })) {
      void Taro.showToast({ title: '文字超出字数上限，请删减后再保存', icon: 'none', duration: 2500 })
      return
    }
    if (
      v === value &&
      note.trim() === latest.current.saved.note.trim() &&
      reason.trim() === latest.current.saved.reason.trim()
    )
      return
    save({ value: v, note, reason })
  }

  const evidenceMissing = needsEvidence(item, value) && files.length === 0
  const reasonMissing = value === 'na' && !reason.trim()
  const rules = answerRules(item)
  const noteRequired = value !== undefined && (rules.noteFor as string[]).includes(value)
  const noteShort = value !== undefined && noteMissing(item, { value, note })
  // 须上传 only while the answer (or no answer yet) is one that needs it: never after 否 or 不适用.
  const evidenceRequired = item.evidence.required && (value === undefined || needsEvidence(item, value))
  // 不适用 is not offered on duties that bind every enterprise (the server refuses it too).
  const values = ANSWER_VALUES.filter((v) => v !== 'na' || rules.naAllowed || value === 'na')

  return (
    <View className="item-editor">
      <View className="item-editor__meta">
        <Text className="item-editor__section">
          {SECTION_LABELS[item.section]} · {item.basis.ref}
        </Text>
        <Text className="item-editor__position">
          第 {props.index + 1} / {props.total} 项
        </Text>
      </View>

      <View className="a-card item-editor__card">
        <View className="item-editor__code-row">
          <Text className="item-editor__code">{item.code}</Text>
          <SyncBadge sync={sync} />
        </View>
        <Text className="item-editor__question">{item.question}</Text>
        <Text className="item-editor__basis-toggle" onClick={() => setShowBasis((s) => !s)}>
          {showBasis ? '收起依据 ▲' : '查看依据 ▼'}
        </Text>
        {showBasis ? <BasisSentence basis={item.basis} /> : null}
      </View>

      {props.reviewComment ? (
        <View className="a-notice a-notice--returned">
          <Text className="a-notice__title">退回意见</Text>
          <Text>{props.reviewComment}</Text>
        </View>
      ) : null}

      <View className="item-editor__answers">
        {values.map((v) => (
          <View
            key={v}
            className={`answer-option answer-option--${v}${value === v ? ' answer-option--selected' : ''}${
              editable ? '' : ' answer-option--disabled'
            }`}
            aria-label={ANSWER_LABELS[v]}
            aria-pressed={value === v}
            onClick={() => choose(v)}
          >
            <Text className="answer-option__label">{ANSWER_LABELS[v]}</Text>
          </View>
        ))}
      </View>

      {value === 'na' ? (
        <View className="a-card item-editor__field">
          <Text className="item-editor__label">
            不适用理由<Text className="item-editor__required">（必填）</Text>
          </Text>
          {editable ? (
            <TextAreaField
              rows={2}
              className="item-editor__textarea item-editor__reason"
              value={reason}
              placeholder="请说明本企业为何不适用此项"
              limit={REASON_LIMIT}
              status={reasonMissing ? 'error' : 'default'}
              onChange={setReason}
              onBlur={saveTextIfChanged}
            />
          ) : (
            <Text className="item-editor__text">{answer?.naReason ?? '未填写'}</Text>
          )}
          {reasonMissing && editable ? (
            <Text className="item-editor__error">选择“不适用”须说明理由，否则不能提交</Text>
          ) : null}
        </View>
      ) : null}

      {editable || answer?.note ? (
        <View className="a-card item-editor__field">
          <Text className="item-editor__label">
            说明
            {noteRequired ? (
              <Text className="item-editor__required">
                （必填，至少{Math.max(rules.noteMinLength, 1)}个字）
              </Text>
            ) : null}
          </Text>
          {editable ? (
            <TextAreaField
              className="item-editor__textarea item-editor__note"
              value={note}
              placeholder={NOTE_PLACEHOLDER[value ?? 'yes']}
              limit={NOTE_LIMIT}
              status={noteShort ? 'error' : 'default'}
              onChange={setNote}
              onBlur={saveTextIfChanged}
            />
          ) : (
            <Text className="item-editor__text">{answer?.note}</Text>
          )}
          {noteShort && editable ? (
            <Text className="item-editor__error">
              选择“{ANSWER_LABELS[value ?? 'no']}”须写明未落实的内容，否则不能提交
            </Text>
          ) : null}
        </View>
      ) : null}

      <View
        className={`a-card item-editor__field item-evidence${evidenceRequired ? ' item-evidence--required' : ''}`}
      >
        <View className="item-evidence__head">
          <Text className="item-editor__label">佐证材料</Text>
          <Tag className={`status-tag ${evidenceRequired ? 'status-tag--returned' : ''}`}>
            {evidenceRequired ? '须上传' : '选填'}
          </Tag>
        </View>
        <Text className="item-evidence__hint">可作为佐证：{item.evidence.hint}</Text>
        {item.evidence.required ? (
          <Text className="item-evidence__rule">
            答“是”或“部分”时须上传；图片或 PDF，单个不超过{'\u00a0'}10{'\u00a0'}MB。
          </Text>
        ) : null}
        <EvidenceGrid
          files={files}
          editable={editable}
          uploading={props.uploading}
          waiting={props.waiting}
          onAdd={props.onAddEvidence}
          onRemove={props.onRemoveEvidence}
        />
        {!editable && files.length === 0 ? <Text className="item-editor__text">未上传</Text> : null}
        {evidenceMissing && editable ? <Text className="item-editor__error">该项须上传佐证材料</Text> : null}
      </View>
    </View>
  )
}
