import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { SOE_LEADER_OWNERSHIPS, type TOwnership } from '@/models/org'
import { fetchPowers } from '@/services/powers'
import { powerPages } from '@/services/routes'
import { formatDateTime } from '@/models/format'
import { useRemote } from '@/hooks/useRemote'

const go = (url: string) => () => void Taro.navigateTo({ url })

/**
 * A 国企's “一把手”权力清单 (task 12): its current version and who has read it, leading to the list and to
 * the “三重一大” log. Nothing for other enterprises (they keep none).
 */
export function PowersCard(props: { enterpriseId: number; ownership: TOwnership; loads: number }) {
  const soe = (SOE_LEADER_OWNERSHIPS as readonly string[]).includes(props.ownership)
  const { state } = useRemote(soe ? `supervision-powers:${props.enterpriseId}:${props.loads}` : null, () =>
    fetchPowers(props.enterpriseId),
  )
  if (!soe) return null
  const current = state.status === 'ready' ? state.data.versions[0] : undefined
  return (
    <View className="a-card ent-card ent-powers">
      <View className="ent-card__head">
        <Text className="a-card__title">权力清单与“三重一大”</Text>
        <Text className="ent-link" onClick={go(powerPages.decisions(props.enterpriseId))}>
          决策台账
        </Text>
      </View>
      <View className="ent-row" onClick={go(powerPages.list(props.enterpriseId))}>
        <View className="ent-row__main">
          <Text className="ent-row__title">“一把手”权力清单和负面清单</Text>
          <Text className="ent-row__meta">
            {state.status !== 'ready'
              ? state.status === 'error'
                ? state.message
                : '加载中…'
              : current
                ? `现行第${current.version}版 · ${formatDateTime(current.publishedAt)}发布`
                : '尚未发布'}
          </Text>
        </View>
        <View className="ent-row__side">
          <Text
            className={`ent-row__meta${current && current.acks.length === 0 ? ' ent-row__meta--bad' : ''}`}
          >
            {current ? (current.acks.length ? '已阅' : '待阅') : ''}
          </Text>
        </View>
      </View>
    </View>
  )
}
