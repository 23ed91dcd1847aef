import { showModal } from '@/services/platform/modal'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { SPECIAL_PROBLEM_STATUS_LABELS } from '@/models/special'
import { fetchSheet, queueSheetReport } from '@/services/specials'
import { idParam, specialPages } from '@/services/routes'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useMe } from '@/hooks/useMe'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { ErrorState, InvalidLink, LoadingState } from '@/components/PageState'
import { OutboxNotice } from '@/components/OutboxNotice'
import { ProgressTag, SpecialHead } from '../../components/SpecialBits'
import { keepsRegistersOf } from '@/models/memberships'
import '@/styles/page.scss'
import '../../components/specials.scss'
import { formatDate } from '@/models/format'
import { useBusy } from '@/hooks/useBusy'

const go = (url: string) => void Taro.navigateTo({ url })

/**
 * One enterprise's 突出问题清单 in one 专项整治: each problem, its measure, owner, planned date, state and
 * last progress note. Its liaison and head add problems, or report 无突出问题; the issuer (`issuer`) reads.
 */
export default function SpecialSheetPage() {
  const session = useRequireSession()
  const write = useWrite()
  const params = useRouter().params
  const eid = idParam(params.eid)
  const sid = idParam(params.sid)
  const issuer = params.issuer === '1'
  const { state: me } = useMe(session?.user.id ?? null)
  const [busy, whileBusy] = useBusy()
  const { state, reload } = useRemote(session && eid && sid ? `sheet:${eid}:${sid}:${issuer}` : null, () =>
    fetchSheet(eid ?? 0, sid ?? 0, issuer),
  )
  usePullRefresh(reload)

  if (!session) return <View className="page" />
  if (!eid || !sid) return <InvalidLink message="页面链接不完整" />
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const sheet = state.data
  const open = sheet.special.status === 'open'
  const keeper = !issuer && open && me.status === 'ready' && keepsRegistersOf(me.me.memberships, eid)

  const reportNone = async () => {
    const ok = await showModal({ title: '报送清单', content: '确认本企业在本次专项整治中无突出问题？' })
    if (!ok.confirm || busy) return
    await whileBusy(async () => {
      const outcome = await write(queueSheetReport(eid, sid), { done: '已报送' })
      if (outcome.kind !== 'refused') await reload()
    })
  }

  return (
    <View className="page">
      <View className="page__body">
        <OutboxNotice />
        <SpecialHead special={sheet.special} quote />
        <View className="sp-tags">
          <Text className="sp-card__title">{sheet.enterpriseName}</Text>
          <ProgressTag progress={sheet.progress} />
        </View>
        {keeper ? (
          <View className="sp-actions">
            <Button type="primary" onClick={() => go(specialPages.problem(eid, sid))}>
              填报问题
            </Button>
            {sheet.progress === 'unreported' ? (
              <Button loading={busy} onClick={() => void reportNone()}>
                无突出问题，报送
              </Button>
            ) : null}
          </View>
        ) : null}
        {sheet.problems.length === 0 ? (
          <View className="a-card">
            <Text className="sp-form__hint">
              {sheet.progress === 'unreported' ? '尚未填报问题清单。' : '已报送：无突出问题。'}
            </Text>
          </View>
        ) : null}
        {sheet.problems.map((p) => {
          const last = [...p.history].reverse().find((h) => h.note)
          return (
            <View
              key={p.id}
              className="a-card sp-card"
              onClick={() => go(specialPages.problem(eid, sid, p.id) + (issuer ? '&issuer=1' : ''))}
            >
              <View className="sp-tags">
                <Text className={`sp-tag sp-tag--${p.status}`}>
                  {SPECIAL_PROBLEM_STATUS_LABELS[p.status]}
                </Text>
                <Text className="sp-card__meta">
                  责任人 {p.owner} · 计划 {formatDate(p.plannedDate)}
                </Text>
              </View>
              <Text className="sp-card__title">{p.problem}</Text>
              <Text className="sp-card__meta">措施：{p.measure}</Text>
              {last ? <Text className="sp-card__meta">最新进展：{last.note}</Text> : null}
            </View>
          )
        })}
      </View>
    </View>
  )
}
