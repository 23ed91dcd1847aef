import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { goBack } from '@/services/navigation'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  DEALING_LIST_KINDS,
  DEALING_LIST_LABELS,
  DEALING_LIST_MAX_ITEMS,
  DEALING_LIST_STARTER,
  ZDealingDraftCreate,
  ZDealingItem,
  type TDealingListKind,
  type TDealingVersion,
} from '@/models/dealings'
import { maxLengthOf } from '@/models/textLimit'
import {
  fetchDealingLists,
  fetchDealingVersion,
  queueDealingDraft,
  queueDealingPublish,
  queueDealingUpdate,
} from '@/services/dealings'
import { dealingsPages, idParam } from '@/services/routes'
import { TextAreaField } from '@/components/TextAreaField'
import { TextField } from '@/components/TextField'
import { ErrorState, InvalidLink, LoadingState } from '@/components/PageState'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { useFormSend } from '@/hooks/useFormSend'
import '@/styles/page.scss'
import '../../components/dealings.scss'

type Item = { text: string; basis: string }
const LIMITS = {
  text: maxLengthOf(ZDealingItem.shape.text),
  basis: maxLengthOf(ZDealingItem.shape.basis.unwrap().unwrap()),
}
const toItems = (items: { text: string; basis: string | null }[]): Item[] =>
  items.map((i) => ({ text: i.text, basis: i.basis ?? '' }))

/**
 * 起草 / 修改 a version of one list (the office, 县委统战部, 县工商联): a new draft starts from the version in
 * force (or the programme's own words); a saved draft is edited at its revision and published from here.
 */
export default function DealingEditPage() {
  const session = useRequireSession()
  const write = useWrite()
  const params = useRouter().params
  const versionId = idParam(params.versionId)
  const newKind = DEALING_LIST_KINDS.find((k) => k === params.kind) ?? null
  const [draft, setDraft] = useState<TDealingVersion | null>(null)
  const [kind, setKind] = useState<TDealingListKind | null>(newKind)
  const [items, setItems] = useState<Item[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const { error, setError, busy, run } = useFormSend()
  // A problem of one item is shown under that item: with a dozen items, a line at the foot names none.
  const [itemError, setItemError] = useState<{
    index: number
    field: unknown
    message: string
  } | null>(null)

  useEffect(() => {
    if (!session) return
    const load = versionId
      ? fetchDealingVersion(versionId).then((v) => {
          setDraft(v)
          setKind(v.kind)
          setItems(toItems(v.items))
        })
      : fetchDealingLists().then((lists) => {
          const current = lists.lists.find((l) => l.kind === newKind)?.inForce
          setItems(toItems(current ? current.items : newKind ? DEALING_LIST_STARTER[newKind] : []))
        })
    load.catch((err: unknown) => setLoadError(err instanceof Error ? err.message : '加载失败'))
  }, [session, versionId, newKind])

  if (!session) return <View className="page" />
  if (!versionId && !newKind) return <InvalidLink message="页面链接不完整" />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void goBack()} />
  if (!items || !kind) return <LoadingState />
  const published = draft !== null && draft.status !== 'draft'

  const set = (i: number, patch: Partial<Item>) =>
    setItems(items.map((it, j) => (j === i ? { ...it, ...patch } : it)))
  const body = () => items.map((i) => ({ text: i.text, basis: i.basis.trim() ? i.basis : null }))

  /** Saves (creates or updates the draft); then, when asked, publishes it at the revision just written. */
  const save = (andPublish: boolean) => {
    const checked = ZDealingDraftCreate.safeParse({ kind, items: body() })
    const issue = checked.success ? undefined : checked.error.issues.find((i) => i.path[0] === 'items')
    const index = issue?.path[1]
    setItemError(
      issue && typeof index === 'number' ? { index, field: issue.path[2], message: issue.message } : null,
    )
    if (issue && typeof index === 'number') {
      setError(null)
      return
    }
    return run(checked, async (data) => {
      const entry = draft
        ? queueDealingUpdate(draft.id, kind, { items: data.items, revision: draft.revision })
        : queueDealingDraft(data)
      const saved = await write(entry, { done: andPublish ? null : '已保存草稿', onRefused: setError })
      if (saved.kind !== 'delivered') return
      const version = saved.response?.data as TDealingVersion
      setDraft(version)
      if (!andPublish) {
        if (!draft) void Taro.redirectTo({ url: dealingsPages.edit({ versionId: version.id }) })
        return
      }
      const outcome = await write(queueDealingPublish(version.id, kind, version.revision), {
        done: '已发布',
        onRefused: setError,
      })
      if (outcome.kind === 'delivered') void goBack()
    })
  }

  return (
    <View className="page dealings">
      <View className="page__body">
        <View className="a-card">
          <Text className="dealings__title">{DEALING_LIST_LABELS[kind]}</Text>
          <Text className="dealings__meta">
            {draft ? `草稿 · 第${draft.revision + 1}次修订` : '新版本草稿'}
            （发布后成为现行版本，此前版本保留可查）
          </Text>
          {items.map((item, i) => (
            <View key={i} className="dealings__item">
              <Text className="dealings__label">第{i + 1}条</Text>
              <TextAreaField
                rows={2}
                value={item.text}
                limit={LIMITS.text}
                onChange={(text) => set(i, { text })}
              />
              {itemError?.index === i && itemError.field !== 'basis' ? (
                <Text className="dealings__error">{itemError.message}</Text>
              ) : null}
              <TextField
                value={item.basis}
                limit={LIMITS.basis}
                placeholder="依据（可不填），如：主要任务10"
                onChange={(basis) => set(i, { basis })}
              />
              {itemError?.index === i && itemError.field === 'basis' ? (
                <Text className="dealings__error">{itemError.message}</Text>
              ) : null}
              <Text
                className="dealings__link"
                onClick={() => {
                  setItemError(null)
                  setItems(items.filter((_, j) => j !== i))
                }}
              >
                删除此条
              </Text>
            </View>
          ))}
          {items.length < DEALING_LIST_MAX_ITEMS ? (
            <Button size="small" onClick={() => setItems([...items, { text: '', basis: '' }])}>
              添加一条
            </Button>
          ) : null}
          {error ? <Text className="dealings__error">{error}</Text> : null}
          {published ? (
            <Text className="dealings__error">该版本已发布，不能再修改</Text>
          ) : (
            <View className="dealings__links">
              <Button loading={busy} onClick={() => void save(false)}>
                保存草稿
              </Button>
              <Button type="primary" loading={busy} onClick={() => void save(true)}>
                保存并发布
              </Button>
            </View>
          )}
        </View>
      </View>
    </View>
  )
}
