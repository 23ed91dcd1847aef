import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  EXEMPLAR_ROUND_BASIS,
  EXEMPLAR_ROUND_KINDS,
  EXEMPLAR_ROUND_LABELS,
  ZExemplarRoundCreate,
  type TExemplarRound,
  type TExemplarRoundKind,
} from '@/models/exemplars'
import { formatDate } from '@/models/format'
import { shanghaiYear } from '@/models/shanghaiTime'
import { maxLengthOf } from '@/models/textLimit'
import { EmptyBox } from '@/components/EmptyImage'
import { Heading } from '@/components/Heading'
import { LoadMore, PagesPending } from '@/components/PageState'
import { TextField } from '@/components/TextField'
import { useFormSend } from '@/hooks/useFormSend'
import { usePagedList } from '@/hooks/usePagedList'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { fetchExemplarRounds, queueCreateRound } from '@/services/exemplars'
import { supervisionPages } from '@/services/routes'
import { userOutbox } from '@/services/session'
import '@/styles/page.scss'
import { ChipRow } from '../../components/ChipRow'
import '../../components/supervision.scss'
import '../../components/exemplars.scss'

const NAME_LIMIT = maxLengthOf(ZExemplarRoundCreate.shape.name)
const defaultName = (kind: TExemplarRoundKind) =>
  `${shanghaiYear(Date.now())}年清廉企业建设${EXEMPLAR_ROUND_LABELS[kind]}选树`

function RoundRow({ r }: { r: TExemplarRound }) {
  const state = r.cancelledAt
    ? `已取消（${formatDate(r.cancelledAt)}）`
    : r.notice
      ? `公示 ${formatDate(r.notice.startsOn)} 至 ${formatDate(r.notice.endsOn)}`
      : `候选 ${r.candidateCount} 家 · 已选定 ${r.chosenCount} 家`
  return (
    <View
      className="a-card ex-round"
      onClick={() => void Taro.navigateTo({ url: supervisionPages.exemplarRound(r.id) })}
    >
      <View className="ex-round__head">
        <Text className="ex-tag">{EXEMPLAR_ROUND_LABELS[r.kind]}</Text>
        <Text className="a-card__title ex-round__name">{r.name}</Text>
      </View>
      <Text className="a-card__subtitle">{state}</Text>
    </View>
  )
}

/**
 * 示范选树 (领导小组办公室): the rounds so far and 发起 a new one — 示范点 (one 国企 and one 民企, 实施步骤
 * （二）2) or, later, 示范企业.
 */
export default function ExemplarRoundsPage() {
  const session = useRequireSession()
  const write = useWrite()
  // Back from a round: its candidates, choices, 公示 or cancellation may have changed.
  const pages = usePagedList(session ? 'exemplar-rounds' : null, fetchExemplarRounds, { reloadOnShow: true })
  const [kind, setKind] = useState<TExemplarRoundKind>('pilot')
  const [name, setName] = useState(() => defaultName('pilot'))
  const { error, setError, busy, run } = useFormSend()

  const pick = (k: TExemplarRoundKind) => {
    setKind(k)
    setName(defaultName(k))
  }
  const submit = () =>
    run(ZExemplarRoundCreate.safeParse({ kind, name }), async (body) => {
      if (!userOutbox()) return
      const outcome = await write(queueCreateRound(body), { done: '已发起', onRefused: setError })
      if (outcome.kind === 'delivered') await pages.reload().catch(() => undefined)
    })

  if (!session) return <View className="page" />
  const state = pages.state
  return (
    <View className="page exemplars">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">发起示范选树</Text>
          <ChipRow
            options={EXEMPLAR_ROUND_KINDS}
            name={(k) => EXEMPLAR_ROUND_LABELS[k]}
            value={kind}
            onPick={pick}
          />
          <Text className="ex-basis">{EXEMPLAR_ROUND_BASIS[kind]}</Text>
          <TextField value={name} limit={NAME_LIMIT} placeholder="名称" onChange={setName} />
          {error ? <Text className="ex-error">{error}</Text> : null}
          <Button className="ex-create" type="primary" block loading={busy} onClick={() => void submit()}>
            发起
          </Button>
        </View>
        <Heading text="选树轮次" />
        <PagesPending pages={pages} />
        {state.status === 'ready' && state.items.length === 0 ? (
          <EmptyBox title="暂无选树轮次" description="发起后提名候选企业并对比各项指标" />
        ) : null}
        {state.status === 'ready' ? state.items.map((r) => <RoundRow key={r.id} r={r} />) : null}
        <LoadMore pages={pages} />
      </View>
    </View>
  )
}
