import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useRef } from 'react'
import type { TDealingLists, TDealingVersion } from '@/models/dealings'
import { fetchDealingLists, fetchDealingVersion } from '@/services/dealings'
import { dealingsPages, idParam } from '@/services/routes'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { PageState } from '@/components/PageState'
import { VersionCard } from '../../components/VersionCard'
import '@/styles/page.scss'
import '../../components/dealings.scss'
import { formatDate } from '@/models/format'

const go = (url: string) => void Taro.navigateTo({ url })

/**
 * 政商交往清单 (主要任务10): the 正面清单, 负面清单 and 清廉民企建设引导清单 in force, each with its earlier
 * versions (a `versionId` shows that one). The office and 县委统战部 / 县工商联 also see drafts and 起草新版本.
 */
export default function DealingListsPage() {
  const session = useRequireSession()
  const versionId = idParam(useRouter().params.versionId)
  const remote = useRemote<{ lists: TDealingLists; version: TDealingVersion | null }>(
    session ? `dealings:${versionId ?? 'all'}` : null,
    async () => {
      const [lists, version] = await Promise.all([
        fetchDealingLists(),
        versionId ? fetchDealingVersion(versionId) : Promise.resolve(null),
      ])
      return { lists, version }
    },
  )
  usePullRefresh(remote.reload)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void remote.reload().catch(() => undefined)
    shown.current = true
  })

  if (!session) return <View className="page" />
  return (
    <View className="page dealings">
      <View className="page__body">
        <PageState state={remote.state} reload={remote.reload}>
          {({ lists, version }) => (
            <>
              <View className="a-card">
                <Text className="dealings__basis">依据：{lists.basis}</Text>
              </View>
              {version ? (
                <VersionCard version={version}>
                  <Text
                    className="dealings__link"
                    onClick={() => void Taro.redirectTo({ url: dealingsPages.lists() })}
                  >
                    查看现行清单
                  </Text>
                </VersionCard>
              ) : (
                lists.lists.map((l) => (
                  <View key={l.kind}>
                    {l.inForce ? (
                      <VersionCard version={l.inForce}>
                        {l.history.length > 1 ? (
                          <View className="dealings__links">
                            <Text className="dealings__basis">历次版本：</Text>
                            {l.history
                              .filter((h) => h.id !== l.inForce?.id)
                              .map((h) => (
                                <Text
                                  key={h.id}
                                  className="dealings__link"
                                  onClick={() => go(dealingsPages.lists(h.id))}
                                >
                                  第{h.version}版
                                </Text>
                              ))}
                          </View>
                        ) : null}
                      </VersionCard>
                    ) : (
                      <View className="a-card">
                        <Text className="dealings__title">{l.label}</Text>
                        <Text className="dealings__meta">尚未发布，由县委统战部、县工商联制定发布。</Text>
                      </View>
                    )}
                    {lists.canPublish ? (
                      <View className="a-card">
                        {l.drafts.map((d) => (
                          <Text
                            key={d.id}
                            className="dealings__link"
                            onClick={() => go(dealingsPages.edit({ versionId: d.id }))}
                          >
                            草稿（{d.items.length}条，{formatDate(d.updatedAt)}）编辑 / 发布
                          </Text>
                        ))}
                        <Button size="small" onClick={() => go(dealingsPages.edit({ kind: l.kind }))}>
                          起草新版本
                        </Button>
                      </View>
                    ) : null}
                  </View>
                ))
              )}
            </>
          )}
        </PageState>
      </View>
    </View>
  )
}
