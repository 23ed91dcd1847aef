import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { TMember } from '@/models/org'
import { fetchEnterpriseBranches, queueCreateBranch } from '@/services/members'
import { Chips } from '@/components/Chips'
import { PageState } from '@/components/PageState'
import { useRemote } from '@/hooks/useRemote'
import { useWrite } from '@/hooks/useWrite'
import { useBusy } from '@/hooks/useBusy'

/**
 * 党支部 on 成员管理: the enterprise's branches and 新增党支部 (name, and its 书记 among the approved
 * 支部书记 members). 三会一课 is kept per branch by its 书记 and 支委, so a new county registers its
 * branches here first; the server refuses an enterprise without a party organisation, with its reason.
 */
export function BranchesCard({ eid, members }: { eid: number; members: TMember[] }) {
  const branches = useRemote(`branches:${eid}`, () => fetchEnterpriseBranches(eid))
  const write = useWrite()
  const [adding, setAdding] = useState(false)
  const [name, setName] = useState('')
  const [secretary, setSecretary] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, whileBusy] = useBusy()
  // The form opens at the card's foot, under the members list and often below the screen: show it.
  useEffect(() => {
    if (!adding) return
    const timer = setTimeout(() => {
      void Taro.pageScrollTo({ selector: '.org-branches__form', offsetTop: -12, duration: 200 }).catch(
        () => undefined,
      )
    }, 0)
    return () => clearTimeout(timer)
  }, [adding])
  const secretaries = members.filter((m) => m.status === 'approved' && m.role === 'branch_secretary')
  const nameOf = (userId: number | null) => members.find((m) => m.userId === userId)?.name ?? null

  async function submit() {
    const trimmed = name.trim()
    if (trimmed.length < 2) return setError('支部名称至少2个字')
    setError(null)
    await whileBusy(async () => {
      const outcome = await write(queueCreateBranch(eid, trimmed, secretary), {
        done: '已新增党支部',
        onRefused: (message) => setError(message),
      })
      if (outcome.kind !== 'refused') {
        setAdding(false)
        setName('')
        setSecretary(null)
        await branches.reload().catch(() => undefined)
      }
    })
  }

  return (
    <View className="a-card org-branches">
      <Text className="a-card__title">党支部</Text>
      <PageState state={branches.state} reload={branches.reload}>
        {(list) =>
          list.length === 0 ? (
            <Text className="a-card__subtitle">尚未登记党支部。登记后，支部书记和支委即可记录三会一课。</Text>
          ) : (
            list.map((b) => (
              <View key={b.id} className="org-member org-branches__row">
                <Text className="org-member__name">{b.name}</Text>
                <Text className="org-member__roles">
                  {b.secretaryUserId ? `书记 ${nameOf(b.secretaryUserId) ?? ''}` : '未指定书记'}
                </Text>
              </View>
            ))
          )
        }
      </PageState>
      {adding ? (
        <View className="org-branches__form">
          <Text className="a-card__subtitle">支部名称</Text>
          <Input
            className="org-branches__name"
            value={name}
            placeholder="如：××有限公司党支部"
            maxLength={60}
            onChange={setName}
          />
          <Text className="a-card__subtitle">支部书记</Text>
          {secretaries.length ? (
            <Chips
              block="org-roles"
              className="org-roles--wrap"
              options={secretaries.map((m) => m.userId)}
              value={secretary}
              label={(id) => nameOf(id) ?? String(id)}
              all="暂不指定"
              onPick={setSecretary}
            />
          ) : (
            <Text className="a-card__subtitle">
              本企业还没有支部书记：请先在上方邀请成员时选择“支部书记”，其加入并通过审核后即可指定。
            </Text>
          )}
          {error ? <Text className="org-branches__error">{error}</Text> : null}
          <View className="org-branches__buttons">
            <Button size="small" fill="outline" disabled={busy} onClick={() => setAdding(false)}>
              取消
            </Button>
            <Button size="small" type="primary" loading={busy} onClick={() => void submit()}>
              保存
            </Button>
          </View>
        </View>
      ) : (
        <Button className="org-branches__add" size="small" fill="outline" onClick={() => setAdding(true)}>
          新增党支部
        </Button>
      )}
    </View>
  )
}
