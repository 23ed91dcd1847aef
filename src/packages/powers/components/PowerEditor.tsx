import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  NEGATIVE_LIST_LABEL,
  POWER_SECTION_LABELS,
  POWER_SECTIONS,
  ZNegativeItem,
  ZPowerItem,
  type TPowerDraft,
  type TPowerListContent,
  type TPowerSection,
} from '@/models/powers'
import { maxLengthOf } from '@/models/textLimit'
import { TextField } from '@/components/TextField'
import { TextAreaField } from '@/components/TextAreaField'
import './powers.scss'

const LIMITS = {
  power: maxLengthOf(ZPowerItem.shape.power),
  basis: maxLengthOf(ZPowerItem.shape.basis),
  procedure: maxLengthOf(ZPowerItem.shape.procedure),
  item: maxLengthOf(ZNegativeItem.shape.item),
}

type Kind = TPowerSection | 'negative'
const KINDS: readonly Kind[] = [...POWER_SECTIONS, 'negative']
const kindLabel = (k: Kind) => (k === 'negative' ? NEGATIVE_LIST_LABEL : POWER_SECTION_LABELS[k])

/** What the form edits: a new row (index null) or the row at `index` of its list. */
interface Editing {
  kind: Kind
  index: number | null
  power: string
  basis: string
  procedure: string
}

/**
 * The draft (liaison and head): each row listed with 修改 / 删除, and one form to add or change a row;
 * every change is saved to the draft at once (`onSave` with the whole content), 发布 makes it a version.
 */
export function PowerEditor(props: {
  draft: TPowerDraft
  busy: boolean
  onSave: (content: TPowerListContent) => Promise<boolean>
  onPublish: () => void
}) {
  const { content } = props.draft
  const [editing, setEditing] = useState<Editing | null>(null)
  const [error, setError] = useState<string | null>(null)

  const start = (kind: Kind, index: number | null) => {
    setError(null)
    if (kind === 'negative') {
      const row = index === null ? null : content.negatives[index]
      setEditing({ kind, index, power: row?.item ?? '', basis: row?.basis ?? '', procedure: '' })
    } else {
      const row = index === null ? null : content.items[index]
      setEditing({
        kind,
        index,
        power: row?.power ?? '',
        basis: row?.basis ?? '',
        procedure: row?.procedure ?? '',
      })
    }
  }

  const remove = (kind: Kind, index: number) =>
    void props.onSave(
      kind === 'negative'
        ? { ...content, negatives: content.negatives.filter((_, i) => i !== index) }
        : { ...content, items: content.items.filter((_, i) => i !== index) },
    )

  const submit = async () => {
    if (!editing) return
    let next: TPowerListContent
    if (editing.kind === 'negative') {
      const checked = ZNegativeItem.safeParse({ item: editing.power, basis: editing.basis })
      if (!checked.success) return setError(checked.error.issues[0]?.message ?? '请检查填写内容')
      const negatives = [...content.negatives]
      if (editing.index === null) negatives.push(checked.data)
      else negatives[editing.index] = checked.data
      next = { ...content, negatives }
    } else {
      const checked = ZPowerItem.safeParse({
        section: editing.kind,
        power: editing.power,
        basis: editing.basis,
        procedure: editing.procedure,
      })
      if (!checked.success) return setError(checked.error.issues[0]?.message ?? '请检查填写内容')
      const items = [...content.items]
      if (editing.index === null) items.push(checked.data)
      else items[editing.index] = checked.data
      next = { ...content, items }
    }
    setError(null)
    if (await props.onSave(next)) setEditing(null)
  }

  const rows = (kind: Kind) =>
    kind === 'negative'
      ? content.negatives.map((r, index) => ({ index, title: r.item, lines: [`依据：${r.basis}`] }))
      : content.items
          .map((r, index) => ({ r, index }))
          .filter(({ r }) => r.section === kind)
          .map(({ r, index }) => ({
            index,
            title: r.power,
            lines: [`依据：${r.basis}`, `程序：${r.procedure}`],
          }))

  const form = (e: Editing) => (
    <View className="pw-form pw-row-form">
      <Text className="pw-form__title">{`${e.index === null ? '添加' : '修改'} · ${kindLabel(e.kind)}`}</Text>
      <Text className="pw-form__label">{e.kind === 'negative' ? '不得从事的事项' : '职权'}</Text>
      {e.kind === 'negative' ? (
        <TextAreaField
          rows={2}
          value={e.power}
          limit={LIMITS.item}
          placeholder="不得从事的事项"
          onChange={(power) => setEditing({ ...e, power })}
        />
      ) : (
        <TextField
          value={e.power}
          limit={LIMITS.power}
          placeholder="职权（按本企业章程、制度填写）"
          onChange={(power) => setEditing({ ...e, power })}
        />
      )}
      <Text className="pw-form__label">依据</Text>
      <TextAreaField
        rows={2}
        value={e.basis}
        limit={LIMITS.basis}
        placeholder="法律法规、公司章程或制度名称及条款"
        onChange={(basis) => setEditing({ ...e, basis })}
      />
      {e.kind !== 'negative' ? (
        <>
          <Text className="pw-form__label">程序</Text>
          <TextAreaField
            rows={3}
            value={e.procedure}
            limit={LIMITS.procedure}
            placeholder="履行该职权的程序"
            onChange={(procedure) => setEditing({ ...e, procedure })}
          />
        </>
      ) : null}
      {error ? <Text className="pw-form__error">{error}</Text> : null}
      <View className="pw-actions">
        <Button onClick={() => setEditing(null)}>取消</Button>
        <Button type="primary" loading={props.busy} onClick={() => void submit()}>
          保存到草稿
        </Button>
      </View>
    </View>
  )

  return (
    <View className="a-card pw-editor">
      <View className="pw-head">
        <Text className="a-card__title">{`草稿（修订 ${props.draft.revision}）`}</Text>
        <Text className={`pw-tag${props.draft.dirty ? ' pw-tag--draft' : ' pw-tag--ok'}`}>
          {props.draft.dirty ? '有未发布的修改' : '与已发布版本一致'}
        </Text>
      </View>
      {KINDS.map((kind) => (
        <View key={kind} className="pw-section">
          <Text className="pw-section__title">{kindLabel(kind)}</Text>
          {rows(kind).length === 0 ? <Text className="pw-none">尚未填写</Text> : null}
          {rows(kind).map((row, n) => (
            <View key={row.index} className="pw-item">
              <Text className="pw-item__power">{`${n + 1}. ${row.title}`}</Text>
              {row.lines.map((l) => (
                <Text key={l} className="pw-item__meta">
                  {l}
                </Text>
              ))}
              <View className="pw-item__actions">
                <Text className="pw-item__link" onClick={() => start(kind, row.index)}>
                  修改
                </Text>
                <Text className="pw-item__link" onClick={() => remove(kind, row.index)}>
                  删除
                </Text>
              </View>
            </View>
          ))}
          {editing?.kind === kind ? form(editing) : null}
          {editing?.kind !== kind ? (
            <Text className="pw-item__link" onClick={() => start(kind, null)}>
              {`＋ 添加${kindLabel(kind)}事项`}
            </Text>
          ) : null}
        </View>
      ))}
      <View className="pw-actions">
        <Button
          type="primary"
          className="pw-publish"
          disabled={!props.draft.dirty || props.busy}
          onClick={props.onPublish}
        >
          发布
        </Button>
      </View>
    </View>
  )
}
