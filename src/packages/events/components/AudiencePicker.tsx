import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, SearchBar } from '@nutui/nutui-react-taro'
import { allChosen, matchingByName, toggleAllShown, type NamedOption } from '@/models/manyChoice'
import './AudiencePicker.scss'

/** Rows drawn at a time: all of a county's ~2,000 enterprises at once would make the form slow to open. */
export const AUDIENCE_PAGE = 50
/** Up to this many the list is read at a glance: no search box, no 全部 / 已选 views. */
const AT_A_GLANCE = 10

export interface AudiencePickerProps {
  /** The enterprises on offer (the office: the whole county; a 监管员: those the department supervises). */
  options: readonly NamedOption[]
  value: readonly number[]
  onChange: (ids: number[]) => void
}

/**
 * 参加企业 of a county event: found by name, 全选 over what the search shows (全选筛选结果), the count
 * chosen always in the heading (which stays in view while the list scrolls), 已选 to review and remove,
 * and 50 rows at a time (再显示 50 家).
 */
export function AudiencePicker({ options, value, onChange }: AudiencePickerProps) {
  const tools = options.length > AT_A_GLANCE
  const [typed, setTyped] = useState('')
  const [chosenView, setChosenView] = useState(false)
  // A short list (another organiser's) leaves a long one's search behind.
  const query = tools ? typed : ''
  const onlyChosen = tools && chosenView
  const [limit, setLimit] = useState(AUDIENCE_PAGE)
  const chosen = useMemo(() => new Set(value), [value])
  const shown = useMemo(() => {
    const matching = matchingByName(options, query)
    return onlyChosen ? matching.filter((o) => chosen.has(o.id)) : matching
  }, [options, query, onlyChosen, chosen])
  const words = query.trim()

  const search = (q: string) => {
    setTyped(q)
    setLimit(AUDIENCE_PAGE)
  }
  const view = (chosenOnly: boolean) => {
    setChosenView(chosenOnly)
    setLimit(AUDIENCE_PAGE)
  }
  const toggle = (id: number, on: boolean) => onChange(on ? [...value, id] : value.filter((x) => x !== id))

  const everyShown = allChosen(chosen, shown)
  let allLabel: string
  if (onlyChosen) allLabel = words ? '移除筛选结果' : '全部移除'
  else if (words) allLabel = everyShown ? '取消全选筛选结果' : '全选筛选结果'
  else allLabel = everyShown ? '全不选' : '全选'

  let summary: string
  if (onlyChosen) summary = words ? `已选中符合的 ${shown.length} 家` : `已选 ${shown.length} 家`
  else summary = words ? `符合的 ${shown.length} 家` : `共 ${options.length} 家`

  let empty: string | null = null
  if (shown.length === 0)
    empty = onlyChosen
      ? words
        ? `已选的企业中没有名称含“${words}”的`
        : '尚未选择企业'
      : `没有名称含“${words}”的企业`
  const rest = shown.length - limit

  return (
    <View className="audience">
      <View className="audience__head">
        <Text className="ev-create__label">参加企业</Text>
        <Text className="audience__count">已选 {value.length} 家</Text>
      </View>
      {tools ? (
        <>
          <SearchBar
            className="audience__search"
            value={typed}
            placeholder="搜索企业名称"
            onChange={search}
            onClear={() => search('')}
          />
          <View className="audience__views">
            <Text
              className={`audience__view${onlyChosen ? '' : ' audience__view--active'}`}
              onClick={() => view(false)}
            >
              全部 {options.length}
            </Text>
            <Text
              className={`audience__view${onlyChosen ? ' audience__view--active' : ''}`}
              onClick={() => view(true)}
            >
              已选 {value.length}
            </Text>
          </View>
        </>
      ) : null}
      <View className="audience__bar">
        <Text className="audience__summary">{summary}</Text>
        {shown.length ? (
          <Text className="audience__all" onClick={() => onChange(toggleAllShown(value, shown))}>
            {allLabel}
          </Text>
        ) : null}
      </View>
      {empty ? <Text className="ev-create__hint">{empty}</Text> : null}
      {shown.slice(0, limit).map((e) => (
        <Checkbox
          key={e.id}
          className="ev-create__enterprise"
          label={e.name}
          checked={chosen.has(e.id)}
          onChange={(on) => toggle(e.id, on)}
        />
      ))}
      {rest > 0 ? (
        <Button
          className="audience__more"
          size="small"
          fill="outline"
          block
          onClick={() => setLimit(limit + AUDIENCE_PAGE)}
        >
          {`再显示 ${Math.min(rest, AUDIENCE_PAGE)} 家（还有 ${rest} 家）`}
        </Button>
      ) : null}
    </View>
  )
}
