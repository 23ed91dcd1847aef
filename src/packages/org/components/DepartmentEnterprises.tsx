import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { OWNERSHIP_LABELS } from '@/models/org'
import type { TDepartmentEnterprise, TDepartmentEnterprisePage } from '@/models/department'
import { fetchDepartmentEnterprises, queueSupervisionLink } from '@/services/departments'
import type { OutboxEntry } from '@/services/outbox'
import type { WriteOptions } from '@/hooks/useWrite'
import type { WriteOutcome } from '@/services/settleWrite'
import { PageState } from '@/components/PageState'
import { useRemote } from '@/hooks/useRemote'
import { ListSearch } from '@/components/ListSearch'
import { Pager } from './Pager'

export interface DepartmentEnterprisesProps {
  departmentId: number
  busy: boolean
  write: (entry: () => OutboxEntry, options: WriteOptions) => Promise<WriteOutcome>
}

/**
 * 监管企业 of one department, for the office: those it supervises (移除) or not yet (关联), found by
 * name or credit code, 20 at a time, so a county of 2,000 enterprises stays one short list.
 */
export function DepartmentEnterprises({ departmentId, busy, write }: DepartmentEnterprisesProps) {
  const [linked, setLinked] = useState(true)
  const [q, setQ] = useState('')
  const [page, setPage] = useState(1)
  const { state, reload } = useRemote(`department-enterprises:${departmentId}:${linked}:${q}:${page}`, () =>
    fetchDepartmentEnterprises(departmentId, { linked, q, page }),
  )

  const show = (next: boolean) => {
    setLinked(next)
    setPage(1)
  }
  async function toggle(e: TDepartmentEnterprise) {
    const outcome = await write(() => queueSupervisionLink(departmentId, e, !e.linked), {
      done: e.linked ? `已取消关联「${e.name}」` : `已关联「${e.name}」`,
    })
    if (outcome.kind === 'delivered') await reload().catch(() => undefined)
  }

  return (
    <View className="org-links">
      <View className="org-roles">
        <Text
          className={`org-roles__item${linked ? ' org-roles__item--active' : ''}`}
          onClick={() => show(true)}
        >
          已监管
        </Text>
        <Text
          className={`org-roles__item${linked ? '' : ' org-roles__item--active'}`}
          onClick={() => show(false)}
        >
          未监管
        </Text>
      </View>
      <ListSearch
        placeholder="企业名称或统一社会信用代码"
        onSearch={(words) => {
          setQ(words)
          setPage(1)
        }}
      />
      <PageState
        state={state}
        reload={reload}
        isEmpty={(p: TDepartmentEnterprisePage) => p.total === 0}
        empty={{ title: q ? '没有找到相符的企业' : linked ? '尚未监管任何企业' : '全部企业均已由该部门监管' }}
      >
        {(p: TDepartmentEnterprisePage) => {
          const pages = Math.max(1, Math.ceil(p.total / p.pageSize))
          return (
            <>
              <Text className="a-card__subtitle">{`${linked ? '已监管' : '未监管'} ${p.total} 家`}</Text>
              {p.items.map((e) => (
                <View key={e.id} className="org-member">
                  <View className="org-member__who">
                    <Text className="org-member__name">{e.name}</Text>
                    <Text className="org-member__meta">
                      {OWNERSHIP_LABELS[e.ownership]} · {e.creditCode}
                    </Text>
                  </View>
                  <Button
                    size="small"
                    type={e.linked ? 'default' : 'primary'}
                    fill="outline"
                    disabled={busy}
                    onClick={() => void toggle(e)}
                  >
                    {e.linked ? '移除' : '关联'}
                  </Button>
                </View>
              ))}
              <Pager page={page} pages={pages} setPage={setPage} />
            </>
          )
        }}
      </PageState>
    </View>
  )
}
