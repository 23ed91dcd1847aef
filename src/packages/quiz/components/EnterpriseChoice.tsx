import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, SearchBar } from '@nutui/nutui-react-taro'
import { matchingByName, type NamedOption } from '@/models/manyChoice'
import { fetchVisibleEnterprises } from '@/services/events'
import { useRemote } from '@/hooks/useRemote'
import { PageState } from '@/components/PageState'

/** Rows shown at a time: a 监管员 may see 2,000 enterprises; the search narrows them. */
const SHOWN = 20

/**
 * The enterprise whose 本企业 board a 监管员 / the office reads: those they can see (GET /enterprises
 * answers just those), found by name, none chosen until they tap one; 更换 picks again.
 */
export function EnterpriseChoice({
  chosen,
  onChoose,
}: {
  chosen: NamedOption | null
  onChoose: (e: NamedOption | null) => void
}) {
  const [q, setQ] = useState('')
  const { state, reload } = useRemote('quiz-board-enterprises', fetchVisibleEnterprises)
  const all = state.status === 'ready' ? state.data : null
  const shown = useMemo(() => (all ? matchingByName(all, q) : []), [all, q])

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
      {/* The list is on the device: it narrows as the name is typed. */}
      <SearchBar value={q} placeholder="搜索企业名称" onChange={setQ} onClear={() => setQ('')} />
      <PageState
        state={state}
        reload={reload}
        isEmpty={() => shown.length === 0}
        empty={{ title: q.trim() ? `没有名称含“${q.trim()}”的企业` : '暂无可查看的企业' }}
      >
        {() => (
          <View className="a-card quiz-board">
            {shown.slice(0, SHOWN).map((e) => (
              <View key={e.id} className="quiz-rank quiz-pick__option" onClick={() => onChoose(e)}>
                <Text className="quiz-rank__name">{e.name}</Text>
              </View>
            ))}
            {shown.length > SHOWN ? (
              <Text className="quiz-hint quiz-pick__more">
                {`共 ${shown.length} 家，只列出前 ${SHOWN} 家，请输入名称查找`}
              </Text>
            ) : null}
          </View>
        )}
      </PageState>
    </View>
  )
}
