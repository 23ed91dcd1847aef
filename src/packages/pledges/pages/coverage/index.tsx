import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { fetchPledgeCoverage, queueRemind } from '@/services/pledges'
import { formatDateTime } from '@/models/format'
import { RemotePage } from '@/components/RemotePage'
import { ShareBar } from '@/components/ShareBar'
import { InvalidLink } from '@/components/PageState'
import '@/styles/page.scss'
import '@/packages/pledges/components/pledges.scss'
import { useWrite } from '@/hooks/useWrite'
import { ActionBar } from '@/components/ActionBar'
import { useRouteRecord } from '@/hooks/useRouteRecord'
import { useBusy } from '@/hooks/useBusy'

/** 联络员: who has signed this year's 个人廉洁从业承诺书, and a reminder for the rest. */
export default function PledgeCoveragePage() {
  const { session, id: eid, state, reload } = useRouteRecord('eid', 'coverage', fetchPledgeCoverage)
  const [busy, whileBusy] = useBusy()
  const write = useWrite()

  if (!session) return <View className="page" />
  if (!eid) return <InvalidLink />

  async function remind() {
    await whileBusy(async () => {
      await write(queueRemind(eid!), {
        done: (data) => {
          const reminded = (data as { reminded?: number } | undefined)?.reminded
          return reminded ? `已提醒 ${reminded} 人` : '12小时内已提醒过，未重复提醒'
        },
      })
      await reload().catch(() => undefined)
    })
  }

  const coverage = state.status === 'ready' ? state.data : null
  const unsigned = coverage ? coverage.total - coverage.signed : 0
  return (
    <RemotePage
      className="page--actions pledge-coverage"
      state={state}
      reload={reload}
      actions={
        coverage && unsigned > 0 ? (
          <ActionBar>
            <Button type="primary" loading={busy} onClick={() => void remind()}>
              提醒未签署的 {unsigned} 人
            </Button>
          </ActionBar>
        ) : null
      }
    >
      {coverage ? (
        <>
          <View className="a-card">
            <Text className="a-card__title">{coverage.enterpriseName}</Text>
            <Text className="a-card__subtitle">
              {coverage.year}年个人廉洁从业承诺：已签 {coverage.signed} / {coverage.total} 人
            </Text>
            <ShareBar done={coverage.signed} total={coverage.total} track="pl-bar" fill="pl-bar__fill" />
          </View>
          <View className="a-card">
            {coverage.members.map((m) => (
              <View key={m.userId} className="pl-member">
                <View>
                  <Text className="pl-member__name">{m.name}</Text>
                  <Text className="pl-member__meta"> {m.phoneMasked ?? ''}</Text>
                </View>
                {m.signedAt ? (
                  <Text className="pl-member__state pl-member__state--done">
                    已签 {formatDateTime(m.signedAt)}
                  </Text>
                ) : (
                  <Text className="pl-member__state pl-member__state--todo">
                    未签{m.remindedAt ? ` · 已提醒 ${formatDateTime(m.remindedAt)}` : ''}
                  </Text>
                )}
              </View>
            ))}
          </View>
        </>
      ) : null}
    </RemotePage>
  )
}
