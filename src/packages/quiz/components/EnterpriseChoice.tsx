import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, SearchBar } from '@nutui/nutui-react-taro'
import type { NamedOption } from '@/models/manyChoice'
import { fetchSupervisedEnterprises } from '@/services/supervisionOverview'
import { usePages } from '@/hooks/usePages'
import { CountedLoadMore, PagesPending } from '@/components/PageState'
import { EmptyBox } from '@/components/EmptyImage'

/** Rows of a page: a 监管员 may see 2,000 enterprises; the search narrows them on the server. */
const SHOWN = 20

/**
 * The enterprise whose 本企业 board a 监管员 / the office reads: those they supervise (监管总览's list, which
 * answers just those, searched by name or credit code and paged on the server, so a county's 2,000 are
 * never sent to the phone), none chosen until they tap one; 更换 picks again.
 */
export function EnterpriseChoice({
  chosen,
  onChoose,
}: {
  chosen: NamedOption | null
  onChoose: (e: NamedOption | null) => void
}) {
  const [q, setQ] = useState('')
  const search = q.trim()
  const pages = usePages(chosen ? null : `quiz-board-enterprises:${search}`, (page) =>
    fetchSupervisedEnterprises({ q: search || undefined, page, pageSize: SHOWN }),
  )
  const { state } = pages

  if (chosen)
    return (
      <View className="a-card quiz-pick quiz-pick--chosen">
        <Text className="quiz-pick__name">{chosen.name}</Text>
        <Button size="small" fill="outline" onClick={() => onChoose(null)}>
          更换企业
        </Button>
      </View>
    )
  return (
    <View className="quiz-pick">
      <Text className="quiz-hint quiz-pick__prompt">请选择要查看的企业（您所监管的企业）</Text>
      <SearchBar
        value={q}
        maxLength={60}
        placeholder="搜索企业名称"
        onChange={setQ}
        onClear={() => setQ('')}
      />
      <PagesPending pages={pages} />
      {state.status === 'ready' && state.items.length === 0 ? (
        <EmptyBox title={search ? `没有名称含“${search}”的企业` : '暂无可查看的企业'} />
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <>
          <View className="a-card quiz-board">
            {state.items.map((e) => (
              <View
                key={e.enterpriseId}
                className="quiz-rank quiz-pick__option"
                onClick={() => onChoose({ id: e.enterpriseId, name: e.enterpriseName })}
              >
                <Text className="quiz-rank__name">{e.enterpriseName}</Text>
              </View>
            ))}
          </View>
          <CountedLoadMore pages={pages} unit="家企业" className="quiz-pick__more" />
        </>
      ) : null}
    </View>
  )
}
