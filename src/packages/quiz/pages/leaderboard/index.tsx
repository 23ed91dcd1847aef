import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Tabs } from '@nutui/nutui-react-taro'
import type { TLeaderboard } from '@/models/quiz'
import { enterprisesOf, isOffice, supervisedDepartments } from '@/models/memberships'
import type { NamedOption } from '@/models/manyChoice'
import { idParam } from '@/services/routes'
import { usePagedList } from '@/hooks/usePagedList'
import { useRemote } from '@/hooks/useRemote'
import { useMe } from '@/hooks/useMe'
import { useRequireSession } from '@/hooks/useSession'
import { CountedLoadMore, InvalidLink, PagesPending } from '@/components/PageState'
import { EmptyBox } from '@/components/EmptyImage'
import { Chips } from '@/components/Chips'
import { fetchLeaderboard, fetchQuiz } from '../../take/api'
import { EnterpriseChoice } from '../../components/EnterpriseChoice'
import '@/styles/page.scss'
import '../../take/quiz.scss'

type Scope = 'enterprise' | 'county'
const SCOPE_LABELS: Record<Scope, string> = { enterprise: '本企业', county: '全县' }

/** A leaderboard's rows as one list (people of one enterprise, or the county's enterprises), for paging. */
interface Board {
  items: Row[]
  total: number
  page: number
  pageSize: number
}
interface Row {
  key: string
  rank: number
  name: string
  sub: string
  score: string
  mine: boolean
}

const minutes = (seconds: number) =>
  seconds < 60 ? `${seconds}秒` : `${Math.floor(seconds / 60)}分${seconds % 60 ? `${seconds % 60}秒` : ''}`

function rowsOf(board: TLeaderboard): Board {
  if (board.people)
    return {
      ...board.people,
      items: board.people.items.map((p) => ({
        key: `p${p.rank}-${p.name}`,
        rank: p.rank,
        name: p.isMe ? `${p.name}（我）` : p.name,
        sub: `用时 ${minutes(p.seconds)}`,
        score: `${p.best} 分`,
        mine: p.isMe,
      })),
    }
  const e = board.enterprises ?? { items: [], total: 0, page: 1, pageSize: 20 }
  return {
    ...e,
    items: e.items.map((x) => ({
      key: `e${x.enterpriseId}`,
      rank: x.rank,
      name: x.name,
      sub: `${x.participants} 人参加`,
      score: `平均 ${Math.round(x.average * 10) / 10} 分`,
      mine: x.isMine,
    })),
  }
}

/**
 * 排行榜 of a 竞赛: 本企业 (people by best counted score, then time) and 全县 (enterprises by their people's
 * average), the user's own row highlighted, paged.
 */
export default function LeaderboardPage() {
  const session = useRequireSession()
  const id = idParam(useRouter().params.id)
  const { state: me } = useMe(session?.user.id ?? null)
  const enterprises = me.status === 'ready' ? enterprisesOf(me.me.memberships) : []
  // A 监管员 / the office of no enterprise of their own picks one of those they may read.
  const picks =
    me.status === 'ready' &&
    enterprises.length === 0 &&
    (isOffice(me.me.memberships) || supervisedDepartments(me.me.memberships).length > 0)
  const [chosen, setChosen] = useState<number | null>(null)
  const [picked, setPicked] = useState<NamedOption | null>(null)
  const enterpriseId = picks ? (picked?.id ?? null) : (chosen ?? enterprises[0]?.id ?? null)
  const [tab, setTab] = useState<Scope | null>(null)
  // A user of no enterprise (a department's) has no 本企业 board: 全县 is theirs.
  const scope: Scope = tab ?? (me.status === 'ready' && enterprises.length === 0 ? 'county' : 'enterprise')
  const { state: quiz } = useRemote(session && id ? `quiz:${id}` : null, () => fetchQuiz(id ?? 0))
  const ready = me.status === 'ready' && (scope === 'county' || enterpriseId !== null)
  const pages = usePagedList<Board>(
    session && id && ready ? `board:${id}:${scope}:${enterpriseId ?? ''}` : null,
    async (page) => rowsOf(await fetchLeaderboard(id ?? 0, scope, enterpriseId, page)),
  )

  if (!session) return <View className="page" />
  if (!id) return <InvalidLink message="页面链接不完整" framed />
  const state = pages.state
  const noEnterprise = scope === 'enterprise' && me.status === 'ready' && enterprises.length === 0 && !picks

  return (
    <View className="page quiz-leaderboard">
      <View className="page__body">
        {quiz.status === 'ready' ? (
          <View className="quiz-bar">
            <Text className="quiz-bar__title">{quiz.data.title}</Text>
          </View>
        ) : null}
        <Tabs value={scope} duration={0} onChange={(v) => setTab(v as Scope)}>
          {(['enterprise', 'county'] as const).map((s) => (
            <Tabs.TabPane key={s} value={s} title={SCOPE_LABELS[s]} />
          ))}
        </Tabs>
        {scope === 'enterprise' && enterprises.length > 1 ? (
          <Chips
            block="quiz-chips"
            options={enterprises.map((e) => e.id)}
            value={enterpriseId}
            label={(eid) => enterprises.find((e) => e.id === eid)?.name ?? ''}
            onPick={setChosen}
          />
        ) : null}
        {scope === 'enterprise' && picks ? <EnterpriseChoice chosen={picked} onChoose={setPicked} /> : null}
        <Text className="quiz-hint quiz-leaderboard__hint">
          {scope === 'enterprise'
            ? '按每人最好成绩排名，同分用时短者在前；超时交卷不计。'
            : '按各企业参赛职工最好成绩的平均分排名，同分参加人数多者在前。'}
        </Text>
        {noEnterprise ? (
          <EmptyBox
            title="没有本企业排行"
            description="本企业排行按职工所在企业统计，您不属于任何企业，可查看全县排行。"
          />
        ) : scope === 'enterprise' && picks && !picked ? null : (
          <>
            <PagesPending pages={pages} />
            {state.status === 'ready' && state.items.length === 0 ? (
              <EmptyBox
                title="暂无排名"
                description={
                  scope === 'enterprise'
                    ? `${picked ? '该' : '本'}企业还没有人交卷计分。`
                    : '还没有企业的职工交卷计分。'
                }
              />
            ) : null}
            {state.status === 'ready' && state.items.length > 0 ? (
              <View className="a-card quiz-board">
                {state.items.map((r) => (
                  <View key={r.key} className={`quiz-rank${r.mine ? ' quiz-rank--me' : ''}`}>
                    <Text className="quiz-rank__no">{r.rank}</Text>
                    <View className="quiz-rank__name">
                      <Text>{r.name}</Text>
                      <Text className="quiz-rank__sub">{r.sub}</Text>
                    </View>
                    <Text className="quiz-rank__score">{r.score}</Text>
                  </View>
                ))}
              </View>
            ) : null}
            <CountedLoadMore pages={pages} unit={scope === 'enterprise' ? '人' : '家企业'} />
          </>
        )}
      </View>
    </View>
  )
}
