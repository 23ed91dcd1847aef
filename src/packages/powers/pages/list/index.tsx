import { useEffect, useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  POWERS_SOURCE,
  ZPowerOverview,
  type TPowerListContent,
  type TPowerOverview,
  type TPowerVersion,
} from '@/models/powers'
import { formatDateTime } from '@/models/format'
import { parseBody } from '@/services/request'
import {
  fetchPowers,
  fetchPowerVersion,
  queuePowerAcknowledge,
  queuePowerDraft,
  queuePowerPublish,
} from '@/services/powers'
import { idParam, powerPages } from '@/services/routes'
import { OutboxNotice } from '@/components/OutboxNotice'
import { ErrorState, InvalidLink, LoadingState } from '@/components/PageState'
import { usePullRefresh, useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import { useWrite } from '@/hooks/useWrite'
import { useBusy } from '@/hooks/useBusy'
import { AckList, PowerContent } from '../../components/PowerContent'
import { PowerEditor } from '../../components/PowerEditor'
import { Chips } from '@/components/Chips'
import '@/styles/page.scss'
import '../../components/powers.scss'

/**
 * “一把手”权力清单和负面清单 (task 12): the published version (any of them, with who has read it and a 已阅
 * button for a supervising department), and for the liaison and head the draft, edited row by row, and 发布.
 */
export default function PowerListPage() {
  const session = useRequireSession()
  const write = useWrite()
  const eid = idParam(useRouter().params.eid)
  const { state, reload, setData } = useRemote<TPowerOverview>(session && eid ? `powers:${eid}` : null, () =>
    fetchPowers(eid ?? 0),
  )
  const [chosen, setChosen] = useState<number | null>(null)
  const [version, setVersion] = useState<TPowerVersion | null>(null)
  const [versionError, setVersionError] = useState<string | null>(null)
  const [busy, whileBusy] = useBusy()
  const [loads, setLoads] = useState(0)
  usePullRefresh(async () => {
    await reload()
    setLoads((n) => n + 1)
  })
  const overview = state.status === 'ready' ? state.data : null
  const shown = chosen ?? overview?.versions[0]?.version ?? null
  // A new version (published here or elsewhere) reloads the one shown.
  const versionCount = overview?.versions.length
  useEffect(() => {
    if (!eid || !shown) return setVersion(null)
    setVersionError(null)
    fetchPowerVersion(eid, shown)
      .then(setVersion)
      .catch((err: unknown) => setVersionError(err instanceof Error ? err.message : '加载失败'))
  }, [eid, shown, loads, versionCount])

  if (!session) return <View className="page" />
  if (!eid) return <InvalidLink message="页面链接不完整" />
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error')
    return <ErrorState message={state.message} onRetry={() => void reload().catch(() => undefined)} />
  const data = state.data

  const saveDraft = async (content: TPowerListContent): Promise<boolean> => {
    const draft = data.draft
    if (!draft || busy) return false
    return whileBusy(async () => {
      const outcome = await write(queuePowerDraft(eid, { revision: draft.revision, content }), {
        done: '已保存到草稿',
      })
      if (outcome.kind !== 'delivered') {
        if (outcome.kind === 'refused') await reload().catch(() => undefined)
        return false
      }
      const next = ZPowerOverview.safeParse(parseBody(outcome.response?.data))
      if (next.success) setData(next.data)
      else await reload().catch(() => undefined)
      return true
    })
  }

  const publish = async () => {
    const draft = data.draft
    if (!draft || busy) return
    const { confirm } = await showModal({
      title: '发布权力清单',
      content: '发布后生成新版本，不能再修改；监管部门将看到并阅看这一版本。',
      confirmText: '发布',
    })
    if (!confirm) return
    await whileBusy(async () => {
      const outcome = await write(queuePowerPublish(eid, draft.revision), { done: '已发布' })
      if (outcome.kind !== 'queued') {
        setChosen(null)
        await reload().catch(() => undefined)
      }
    })
  }

  const acknowledge = async (v: number) => {
    if (busy) return
    await whileBusy(async () => {
      const outcome = await write(queuePowerAcknowledge(eid, v), { done: '已阅' })
      if (outcome.kind !== 'queued') {
        setLoads((n) => n + 1)
        await reload().catch(() => undefined)
      }
    })
  }

  return (
    <View className="page powers">
      <View className="page__body">
        <OutboxNotice />
        <View className="a-card">
          <Text className="a-card__title">{data.enterpriseName}</Text>
          <Text className="pw-item__meta">{`实施方案 · 任务${POWERS_SOURCE.task}`}</Text>
          <Text className="pw-quote">{POWERS_SOURCE.instruction}</Text>
          <Text
            className="pw-item__link pw-to-decisions"
            onClick={() => void Taro.navigateTo({ url: powerPages.decisions(eid) })}
          >
            “三重一大”决策台账 ›
          </Text>
        </View>
        {data.versions.length === 0 ? (
          <View className="a-card">
            <Text className="a-card__title">已发布版本</Text>
            <Text className="pw-none">尚未发布权力清单</Text>
          </View>
        ) : (
          <View className="a-card pw-published">
            <View className="pw-head">
              <Text className="a-card__title">{`已发布 · 第${shown}版`}</Text>
              {shown === data.versions[0]?.version ? <Text className="pw-tag pw-tag--ok">现行</Text> : null}
            </View>
            {data.versions.length > 1 ? (
              <Chips
                block="pw-chips"
                options={data.versions.map((v) => v.version)}
                value={shown}
                label={(v) => `第${v}版`}
                onPick={(v) => setChosen(v)}
              />
            ) : null}
            {versionError ? <Text className="pw-form__error">{versionError}</Text> : null}
            {version && version.version === shown ? (
              <>
                <Text className="pw-item__meta">
                  {`${formatDateTime(version.publishedAt)} 由${version.publishedByName ?? '—'}发布`}
                </Text>
                <PowerContent content={version.content} />
                <AckList version={version} />
                {version.canAcknowledge ? (
                  <View className="pw-actions">
                    <Button type="primary" loading={busy} onClick={() => void acknowledge(version.version)}>
                      已阅
                    </Button>
                  </View>
                ) : null}
              </>
            ) : versionError ? null : (
              <Text className="pw-none">加载中…</Text>
            )}
          </View>
        )}
        {data.canEdit && data.draft ? (
          <PowerEditor draft={data.draft} busy={busy} onSave={saveDraft} onPublish={() => void publish()} />
        ) : null}
        {data.versions.length > 0 ? (
          <View className="a-card pw-versions">
            <Text className="a-card__title">版本记录</Text>
            {data.versions.map((v) => (
              <View key={v.version} className="pw-item" onClick={() => setChosen(v.version)}>
                <Text className="pw-item__power">
                  {`第${v.version}版 · ${formatDateTime(v.publishedAt)}`}
                </Text>
                <Text className="pw-item__meta">
                  {`${v.publishedByName ?? '—'}发布 · ${v.acks.length ? `已阅：${v.acks.map((a) => a.departmentName).join('、')}` : '监管部门未阅'}`}
                </Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  )
}
