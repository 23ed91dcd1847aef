import { useState } from 'react'
import Taro, { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { SearchBar } from '@nutui/nutui-react-taro'
import { OWNERSHIPS, OWNERSHIP_LABELS, PARTY_ORGS, PARTY_ORG_LABELS } from '@/models/org'
import {
  COMPLETION_LABELS,
  COMPLETION_STATUSES,
  type TEnterpriseListPage,
  type TEnterpriseListQuery,
} from '@/models/supervisionOverview'
import { fetchSupervisedEnterprises } from '@/services/supervisionOverview'
import { orgPages } from '@/services/routes'
import { usePages } from '@/hooks/usePages'
import { EmptyBox } from '@/components/EmptyImage'
import { ErrorState, LoadingState } from '@/components/PageState'
import { ChipRow } from './ChipRow'
import { SupervisedCard } from './SupervisedCard'
import './supervision.scss'

export type ListFilter = Omit<TEnterpriseListQuery, 'page' | 'pageSize'>

const PAGE_SIZE = 20

/** A filter's chips: tap the chosen one again for all. */
function FilterChips<T extends string | number>(props: {
  label: string
  options: readonly T[]
  name: (o: T) => string
  value: T | undefined
  onPick: (o: T | undefined) => void
}) {
  return (
    <ChipRow
      label={props.label}
      options={props.options}
      name={props.name}
      value={props.value ?? null}
      onPick={(o) => props.onPick(props.value === o ? undefined : o)}
    />
  )
}

/**
 * The supervised enterprises under `filter`: search (name or credit code), filter chips (status,
 * ownership, party organisation, department), 加载更多 as the page scrolls. `fixed` names the filter the
 * list was opened with (a figure's): shown as a chip the user can clear.
 */
export function SupervisedList(props: {
  filter: ListFilter
  fixed?: { label: string; clear: () => void } | null
  departments?: { id: number; name: string }[]
  office: boolean
  reloadKey: number
  onFilter: (filter: ListFilter) => void
}) {
  const { filter } = props
  const [q, setQ] = useState(filter.q ?? '')
  const key = `${JSON.stringify(filter)}#${props.reloadKey}`
  const { state, loadMore } = usePages<TEnterpriseListPage>(key, (page) =>
    fetchSupervisedEnterprises({ ...filter, page, pageSize: PAGE_SIZE }),
  )
  useReachBottom(() => {
    loadMore().catch((err: unknown) => {
      void Taro.showToast({ title: err instanceof Error ? err.message : '加载失败', icon: 'none' })
    })
  })
  const set = (patch: Partial<ListFilter>) => props.onFilter({ ...filter, ...patch })

  return (
    <View className="sv-list">
      <SearchBar
        className="sv-list__search"
        value={q}
        placeholder="企业名称或统一社会信用代码"
        maxLength={60}
        onChange={(v) => setQ(v)}
        onSearch={(v) => set({ q: v.trim() || undefined })}
        onClear={() => set({ q: undefined })}
      />
      {props.fixed ? (
        <View className="sv-chips">
          <Text className="sv-chips__label">筛选</Text>
          <Text className="sv-chip sv-chip--active sv-chip--fixed" onClick={props.fixed.clear}>
            {props.fixed.label} ✕
          </Text>
        </View>
      ) : null}
      <FilterChips
        label="自查"
        options={COMPLETION_STATUSES}
        name={(s) => COMPLETION_LABELS[s]}
        value={filter.status}
        onPick={(status) => set({ status })}
      />
      <FilterChips
        label="所有制"
        options={OWNERSHIPS}
        name={(s) => OWNERSHIP_LABELS[s]}
        value={filter.ownership}
        onPick={(ownership) => set({ ownership })}
      />
      <FilterChips
        label="党组织"
        options={PARTY_ORGS}
        name={(s) => PARTY_ORG_LABELS[s]}
        value={filter.partyOrg}
        onPick={(partyOrg) => set({ partyOrg })}
      />
      {props.departments && props.departments.length > 1 ? (
        <FilterChips
          label="部门"
          options={props.departments.map((d) => d.id)}
          name={(id) => props.departments!.find((d) => d.id === id)?.name ?? ''}
          value={filter.departmentId === undefined ? undefined : Number(filter.departmentId)}
          onPick={(departmentId) => set({ departmentId })}
        />
      ) : null}
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorState message={state.message} onRetry={() => set({})} /> : null}
      {state.status === 'ready' ? (
        <>
          <View className="a-heading">
            <Text className="a-heading__text sv-list__total">企业（{state.last.total}）</Text>
            {state.last.compareCampaign ? (
              <Text className="a-heading__extra">对比 {state.last.compareCampaign.name}</Text>
            ) : null}
            {props.office ? (
              // The office's way to add one enterprise learnt of mid-year (the import: 监管部门).
              <Text
                className="a-heading__extra sv-list__register"
                onClick={() => void Taro.navigateTo({ url: orgPages.register() })}
              >
                ＋ 逐家登记
              </Text>
            ) : null}
          </View>
          {state.items.length === 0 ? (
            <EmptyBox title="没有符合条件的企业" description="换个条件试试" />
          ) : null}
          {state.items.map((e) => (
            <SupervisedCard key={e.enterpriseId} e={e} office={props.office} />
          ))}
          {state.hasMore ? (
            <Text className="sv-list__more" onClick={() => void loadMore()}>
              {state.loadingMore ? '加载中…' : '加载更多'}
            </Text>
          ) : state.items.length ? (
            <Text className="sv-list__end">已全部显示</Text>
          ) : null}
        </>
      ) : null}
    </View>
  )
}
