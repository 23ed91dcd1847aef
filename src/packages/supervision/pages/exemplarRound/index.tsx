import { useEffect, useRef, useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, SearchBar } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import {
  EXEMPLAR_CANDIDATE_LIMIT,
  EXEMPLAR_CLASS_LABELS,
  EXEMPLAR_ROUND_BASIS,
  EXEMPLAR_ROUND_LABELS,
  exemplarClassOf,
  type TExemplarCandidate,
  type TExemplarRoundDetail,
} from '@/models/exemplars'
import { formatDate } from '@/models/format'
import { isOffice } from '@/models/memberships'
import { shanghaiDate, shanghaiDateAfterDays } from '@/models/shanghaiTime'
import type { TEnterpriseListRow } from '@/models/supervisionOverview'
import { Heading } from '@/components/Heading'
import { DayPicker } from '@/components/DayPicker'
import { PageState } from '@/components/PageState'
import { useMe } from '@/hooks/useMe'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import {
  exemplarNoticeUrl,
  fetchExemplarRound,
  queueCancelRound,
  queueChoose,
  queueProposeCandidate,
  queuePublish,
  queueRemoveCandidate,
} from '@/services/exemplars'
import type { OutboxEntry } from '@/services/outbox'
import { idParam, supervisionPages } from '@/services/routes'
import { userOutbox } from '@/services/session'
import { fetchSupervisedEnterprises } from '@/services/supervisionOverview'
import { ExemplarComparison } from '../../components/ExemplarComparison'
import '@/styles/page.scss'
import '../../components/exemplars.scss'

type Period = { startsOn: string; endsOn: string }
const go = (url: string) => void Taro.navigateTo({ url })

/** 提名候选企业: search the county's enterprises by name or credit code, propose one. */
function Propose({
  nominated,
  onPropose,
}: {
  /** The round's candidates already: offered as 已提名, not again. */
  nominated: ReadonlySet<number>
  onPropose: (e: TEnterpriseListRow) => void
}) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<TEnterpriseListRow[] | null>(null)
  const latest = useRef('')
  const search = async (text: string) => {
    latest.current = text
    if (!text.trim()) return setFound(null)
    try {
      const rows = (await fetchSupervisedEnterprises({ q: text.trim(), pageSize: 10 })).items
      // Typing on: only the answer to the latest text is shown.
      if (latest.current === text) setFound(rows)
    } catch (err) {
      void Taro.showToast({ title: err instanceof Error ? err.message : '搜索失败', icon: 'none' })
    }
  }
  // Results as the name is typed (a pause of 300 ms), as well as on 搜索.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (q !== latest.current) void search(q)
    }, 300)
    return () => clearTimeout(timer)
  }, [q])
  return (
    <View className="a-card ex-propose">
      <Text className="a-card__title">提名候选企业</Text>
      <SearchBar
        className="ex-propose__search"
        placeholder="企业名称或统一社会信用代码"
        value={q}
        onChange={setQ}
        onSearch={(v) => void search(v)}
      />
      {found?.length === 0 ? <Text className="a-card__subtitle">没有找到企业</Text> : null}
      {found?.map((e) => (
        <View key={e.enterpriseId} className="ex-propose__row">
          <View className="ex-propose__text">
            <Text className="ex-propose__name">{e.enterpriseName}</Text>
            <Text className="a-card__subtitle">{EXEMPLAR_CLASS_LABELS[exemplarClassOf(e.ownership)]}</Text>
          </View>
          {nominated.has(e.enterpriseId) ? (
            <Button size="small" fill="outline" disabled>
              已提名
            </Button>
          ) : (
            <Button size="small" fill="outline" onClick={() => onPropose(e)}>
              提名
            </Button>
          )}
        </View>
      ))}
    </View>
  )
}

function NoticeCard({ data }: { data: TExemplarRoundDetail }) {
  const notice = data.round.notice!
  const link = exemplarNoticeUrl(notice.code)
  return (
    <View className="a-card ex-notice-card">
      <Text className="a-card__title">已发布公示</Text>
      <Text className="a-card__subtitle">
        公示期 {formatDate(notice.startsOn)} 至 {formatDate(notice.endsOn)}，任何人无需登录即可查看名单
      </Text>
      <Text className="ex-link">{link}</Text>
      <View className="ex-actions">
        <Button size="small" fill="outline" onClick={() => void Taro.setClipboardData({ data: link })}>
          复制链接
        </Button>
        <Button size="small" type="primary" onClick={() => go(supervisionPages.exemplarNotice(notice.code))}>
          查看公示页
        </Button>
      </View>
    </View>
  )
}

/**
 * One 示范 round (office): its candidates' figures side by side, 提名 / 移出 / 选定 (a 示范点 round: one
 * 国企 and one 民企, the server enforces it), then 发布公示 for a set period; after that it is fixed.
 */
export default function ExemplarRoundPage() {
  const session = useRequireSession()
  const write = useWrite()
  const roundId = idParam(useRouter().params.roundId)
  const { state, reload } = useRemote(session && roundId ? `exemplar-round:${roundId}` : null, () =>
    fetchExemplarRound(roundId ?? 0),
  )
  const { state: me } = useMe(session?.user.id ?? null)
  // The server lets the 领导小组办公室 cancel; anyone else who reaches the page gets no button.
  const office = me.status === 'ready' && isOffice(me.me.memberships)
  usePullRefresh(reload)
  const [period, setPeriod] = useState<Period>(() => ({
    startsOn: shanghaiDate(Date.now()),
    endsOn: shanghaiDateAfterDays(Date.now(), 6),
  }))
  const [editing, setEditing] = useState<keyof Period | null>(null)

  const send = async (entry: OutboxEntry, done: string) => {
    // A refusal (e.g. that 示范点 class is already chosen) is shown once and leaves 任务.
    const outcome = await write(entry, {
      done,
      onRefused: (message) => void Taro.showToast({ title: message, icon: 'none', duration: 3000 }),
    })
    if (outcome.kind !== 'queued') await reload().catch(() => undefined)
  }
  if (!session) return <View className="page" />
  if (!roundId)
    return (
      <View className="page">
        <PageState state={{ status: 'error', message: '页面参数有误' }} reload={reload} />
      </View>
    )

  const publish = async (data: TExemplarRoundDetail) => {
    const names = data.candidates.filter((c) => c.chosen).map((c) => c.name)
    if (names.length === 0) return void Taro.showToast({ title: '请先选定企业', icon: 'none' })
    const { confirm } = await showModal({
      title: '发布公示',
      content: `公示 ${names.join('、')}，${formatDate(period.startsOn)} 至 ${formatDate(period.endsOn)}。发布后本轮不能再更改，确定发布？`,
      confirmText: '发布',
    })
    if (confirm && userOutbox()) await send(queuePublish(roundId, period), '已发布公示')
  }
  const cancel = async (data: TExemplarRoundDetail) => {
    const { confirm } = await showModal({
      title: '取消本轮评选',
      content: `取消「${data.round.name}」后，候选与选定不再有效，也不能再发布公示${
        data.round.kind === 'pilot' ? '；之后可另行发起示范点评选' : ''
      }。确定取消？`,
      confirmText: '取消评选',
      cancelText: '不取消',
    })
    if (confirm && userOutbox()) await send(queueCancelRound(roundId, data.round.name), '已取消本轮评选')
  }
  const choose = (c: TExemplarCandidate, chosen: boolean) =>
    void send(queueChoose(roundId, c.enterpriseId, c.name, chosen), chosen ? '已选定' : '已取消选定')

  return (
    <View className="page exemplar-round">
      <View className="page__body">
        <PageState state={state} reload={reload}>
          {(data) => {
            // Open to changes until its 公示 is published or the office cancels it.
            const open = data.round.notice === null && data.round.cancelledAt === null
            return (
              <>
                <View className="a-card">
                  <View className="ex-round__head">
                    <Text className="ex-tag">{EXEMPLAR_ROUND_LABELS[data.round.kind]}</Text>
                    <Text className="a-card__title ex-round__name">{data.round.name}</Text>
                  </View>
                  <Text className="ex-basis">{EXEMPLAR_ROUND_BASIS[data.round.kind]}</Text>
                  <Text className="a-card__subtitle">
                    候选 {data.round.candidateCount} 家（至多 {EXEMPLAR_CANDIDATE_LIMIT} 家）· 已选定{' '}
                    {data.round.chosenCount} 家
                  </Text>
                </View>
                {data.round.notice ? <NoticeCard data={data} /> : null}
                {data.round.cancelledAt ? (
                  <View className="a-card ex-cancelled">
                    <Text className="a-card__title">本轮评选已取消</Text>
                    <Text className="a-card__subtitle">
                      {formatDate(data.round.cancelledAt)} 取消，候选与选定不再有效
                    </Text>
                  </View>
                ) : null}
                {open && data.round.candidateCount < EXEMPLAR_CANDIDATE_LIMIT ? (
                  <Propose
                    nominated={new Set(data.candidates.map((c) => c.enterpriseId))}
                    onPropose={(e) =>
                      void send(queueProposeCandidate(roundId, e.enterpriseId, e.enterpriseName), '已提名')
                    }
                  />
                ) : null}
                <Heading text="候选企业对比" />
                {data.candidates.length ? (
                  <ExemplarComparison
                    candidates={data.candidates}
                    editable={open}
                    onChoose={choose}
                    onRemove={(c) =>
                      void send(queueRemoveCandidate(roundId, c.enterpriseId, c.name), '已移出')
                    }
                    onOpen={(c) => go(supervisionPages.enterprise(c.enterpriseId))}
                  />
                ) : (
                  <Text className="a-card__subtitle ex-none">
                    {open ? '尚无候选企业：在上方搜索并提名' : '本轮没有候选企业'}
                  </Text>
                )}
                {open ? (
                  <View className="a-card ex-publish">
                    <Text className="a-card__title">发布公示</Text>
                    {(['startsOn', 'endsOn'] as const).map((k) => (
                      <View key={k} className="ex-publish__row" onClick={() => setEditing(k)}>
                        <Text>{k === 'startsOn' ? '公示开始' : '公示结束'}</Text>
                        <Text className="ex-publish__date">{formatDate(period[k])}</Text>
                      </View>
                    ))}
                    <Button type="primary" block onClick={() => void publish(data)}>
                      发布公示
                    </Button>
                  </View>
                ) : null}
                {open && office ? (
                  <Button className="ex-cancel" fill="none" block onClick={() => void cancel(data)}>
                    取消本轮评选
                  </Button>
                ) : null}
              </>
            )
          }}
        </PageState>
      </View>
      <DayPicker
        visible={editing !== null}
        title={editing === 'startsOn' ? '公示开始' : '公示结束'}
        startDate={dayjs().toDate()}
        endDate={dayjs().add(1, 'year').toDate()}
        value={editing ? period[editing] : undefined}
        onPick={(day) => {
          if (editing) setPeriod((p) => ({ ...p, [editing]: day }))
        }}
        onClose={() => setEditing(null)}
      />
    </View>
  )
}
