import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EXEMPLAR_CLASS_LABELS, EXEMPLAR_ROUND_LABELS } from '@/models/exemplars'
import { formatDate } from '@/models/format'
import { PageState } from '@/components/PageState'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { fetchExemplarNotice } from '@/services/exemplars'
import '@/styles/page.scss'
import '../../components/exemplars.scss'

/**
 * 示范公示 (public, no login: the request goes without a token, so no login redirect either): during its
 * period the chosen enterprises' names and kinds; before it, when it starts; after it, that it has ended.
 */
export default function ExemplarNoticePage() {
  const code = decodeURIComponent(useRouter().params.code ?? '')
  const { state, reload } = useRemote(code ? `exemplar-notice:${code}` : null, () =>
    fetchExemplarNotice(code),
  )
  usePullRefresh(reload)
  if (!code)
    return (
      <View className="page">
        <PageState state={{ status: 'error', message: '公示链接不完整' }} reload={reload} />
      </View>
    )
  return (
    <View className="page exemplar-notice">
      <View className="page__body">
        <PageState state={state} reload={reload}>
          {(n) => (
            <>
              <View className="a-card ex-public">
                <Text className="ex-public__kicker">{EXEMPLAR_ROUND_LABELS[n.kind]}公示</Text>
                <Text className="ex-public__title">{n.title}</Text>
                <Text className="ex-public__period">
                  公示期：{formatDate(n.startsOn)} 至 {formatDate(n.endsOn)}
                </Text>
                <Text className="ex-basis">依据：{n.basis}</Text>
              </View>
              {n.state === 'ended' ? (
                <View className="a-card ex-public__state">
                  <Text className="ex-public__ended">公示期已结束</Text>
                  <Text className="a-card__subtitle">
                    本次公示已于 {formatDate(n.endsOn)} 结束，名单不再公开。
                  </Text>
                </View>
              ) : null}
              {n.state === 'upcoming' ? (
                <View className="a-card ex-public__state">
                  <Text className="ex-public__ended">公示尚未开始</Text>
                  <Text className="a-card__subtitle">名单将于 {formatDate(n.startsOn)} 起公开。</Text>
                </View>
              ) : null}
              {n.state === 'open' ? (
                <View className="a-card ex-public__list">
                  {n.items.map((item) => (
                    <View key={item.name} className="ex-public__item">
                      <Text className="ex-public__name">{item.name}</Text>
                      <Text className="ex-tag">{EXEMPLAR_CLASS_LABELS[item.class]}</Text>
                    </View>
                  ))}
                </View>
              ) : null}
            </>
          )}
        </PageState>
      </View>
    </View>
  )
}
