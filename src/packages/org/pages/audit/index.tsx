import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { AUDIT_ACTION_LABELS, ZAuditQuery, type TAuditEntry, type TAuditQuery } from '@/models/audit'
import { APP_DATES, auditDetailText } from '@/models/auditDetail'
import { auditEntityText, entryNames } from '@/models/auditEntity'
import type { TDepartment, TEnterprise } from '@/models/org'
import { chineseDateTime, formatShanghaiTime } from '@/models/shanghaiTime'
import { formatDate } from '@/models/format'
import { personLabel } from '@/models/userName'
import { DayPicker } from '@/components/DayPicker'
import dayjs from 'dayjs'
import { fetchAuditPage, openAuditExport } from '@/services/audit'
import { fetchDepartments } from '@/services/departments'
import { fetchVisibleEnterprises } from '@/services/events'
import { ErrorState, LoadingState } from '@/components/PageState'
import { EmptyImage } from '@/components/EmptyImage'
import { Empty } from '@nutui/nutui-react-taro'
import { useRemote } from '@/hooks/useRemote'
import { useRequireSession } from '@/hooks/useSession'
import '@/styles/page.scss'
import '../members/index.scss'
import './index.scss'

type Organisation = { kind: 'enterprise' | 'department'; id: number; name: string }
type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' }

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' })

/** A choice among chips, folded until opened. */
function Chooser<T>(props: {
  label: string
  value: string
  options: T[]
  name: (o: T) => string
  active: (o: T) => boolean
  onPick: (o: T | null) => void
}) {
  const [open, setOpen] = useState(false)
  return (
    <View className="audit__chooser">
      <View className="org-member" onClick={() => setOpen(!open)}>
        <Text className="org-member__name">{props.label}</Text>
        <Text className="org-member__roles">{props.value || '全部'}</Text>
      </View>
      {open ? (
        <View className="org-roles org-roles--wrap">
          <Text className="org-roles__item" onClick={() => (props.onPick(null), setOpen(false))}>
            全部
          </Text>
          {props.options.map((o) => (
            <Text
              key={props.name(o)}
              className={`org-roles__item${props.active(o) ? ' org-roles__item--active' : ''}`}
              onClick={() => (props.onPick(o), setOpen(false))}
            >
              {props.name(o)}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** One write as the export prints it (dates as the app writes them): 操作, time, 操作人 · 单位, 对象, 内容. */
function Entry({ entry: e }: { entry: TAuditEntry }) {
  const names = entryNames(e.names)
  return (
    <View className="a-card audit__entry">
      <View className="audit__line">
        <Text className="audit__action">{e.actionLabel}</Text>
        <Text className="audit__time">{chineseDateTime(formatShanghaiTime(e.at))}</Text>
      </View>
      <Text className="org-member__meta">
        {personLabel({
          id: e.userId,
          name: e.userName,
          otherName: e.userOtherName,
          phoneMasked: e.userPhoneMasked,
        })}
        {e.organisationName ? ` · ${e.organisationName}` : ''}
      </Text>
      <Text className="audit__object">{auditEntityText(e.entityType, e.entityId, names)}</Text>
      {e.detail ? (
        <Text className="audit__detail">{auditDetailText(e.detail, e, names, APP_DATES)}</Text>
      ) : null}
    </View>
  )
}

/** 操作日志 for the office: filters, newest first, 加载更多, 导出 Excel with the same filters. */
export default function AuditPage() {
  const session = useRequireSession()
  const orgs = useRemote(session ? 'audit:organisations' : null, async () => {
    const [enterprises, departments] = await Promise.all([fetchVisibleEnterprises(), fetchDepartments()])
    return [
      ...enterprises.map((e: TEnterprise): Organisation => ({ kind: 'enterprise', id: e.id, name: e.name })),
      ...departments.map((d: TDepartment): Organisation => ({ kind: 'department', id: d.id, name: d.name })),
    ]
  })
  const [person, setPerson] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [picking, setPicking] = useState<'from' | 'to' | null>(null)
  const [organisation, setOrganisation] = useState<Organisation | null>(null)
  const [action, setAction] = useState<string | null>(null)
  const [filter, setFilter] = useState<TAuditQuery>({})
  const [entries, setEntries] = useState<TAuditEntry[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [more, setMore] = useState(false)
  const [exporting, setExporting] = useState(false)
  const seq = useRef(0)

  const first = useCallback(async (f: TAuditQuery) => {
    const mine = ++seq.current
    setLoad({ status: 'loading' })
    try {
      const page = await fetchAuditPage(f, null)
      if (mine !== seq.current) return
      setEntries(page.entries)
      setCursor(page.nextCursor)
      setLoad({ status: 'ready' })
    } catch (err) {
      if (mine !== seq.current) return
      setLoad({ status: 'error', message: err instanceof Error ? err.message : '加载失败' })
    }
  }, [])

  useEffect(() => {
    if (session) void first(filter)
  }, [session, filter, first])

  const loadMore = async () => {
    if (!cursor || more) return
    setMore(true)
    const mine = seq.current
    try {
      const page = await fetchAuditPage(filter, cursor)
      if (mine !== seq.current) return
      setEntries((list) => [...list, ...page.entries])
      setCursor(page.nextCursor)
    } catch (err) {
      toast(err instanceof Error ? err.message : '加载失败')
    } finally {
      setMore(false)
    }
  }
  useReachBottom(() => void loadMore())
  usePullDownRefresh(() => {
    void first(filter).finally(() => Taro.stopPullDownRefresh())
  })

  const apply = () => {
    const parsed = ZAuditQuery.safeParse({
      person: person.trim() || undefined,
      from: from.trim() || undefined,
      to: to.trim() || undefined,
      organisationKind: organisation?.kind,
      organisationId: organisation?.id,
      action: action ?? undefined,
    })
    if (!parsed.success) return toast(parsed.error.issues[0]?.message ?? '筛选条件有误')
    setFilter(parsed.data)
  }

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await openAuditExport(filter)
    } catch (err) {
      toast(err instanceof Error ? err.message : '导出失败')
    } finally {
      setExporting(false)
    }
  }

  if (!session) return <View className="page" />
  const actions = Object.entries(AUDIT_ACTION_LABELS)

  return (
    <View className="page org-audit">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">筛选</Text>
          <View className="org-invite">
            <View className="org-invite__who">
              <Input value={person} placeholder="操作人姓名" maxLength={30} onChange={setPerson} />
            </View>
          </View>
          {(['from', 'to'] as const).map((end) => {
            const day = end === 'from' ? from : to
            return (
              <View key={end} className="audit__chooser">
                <View className="org-member" onClick={() => setPicking(end)}>
                  <Text className="org-member__name">{end === 'from' ? '开始日期' : '结束日期'}</Text>
                  <Text className="org-member__roles">{day ? formatDate(day) : '不限'}</Text>
                  {day ? (
                    <Text
                      className="audit__clear"
                      onClick={(ev) => {
                        ev.stopPropagation()
                        if (end === 'from') setFrom('')
                        else setTo('')
                      }}
                    >
                      清除
                    </Text>
                  ) : null}
                </View>
              </View>
            )
          })}
          <Chooser
            label="单位"
            value={organisation?.name ?? ''}
            options={orgs.state.status === 'ready' ? orgs.state.data : []}
            name={(o) => o.name}
            active={(o) => organisation?.kind === o.kind && organisation.id === o.id}
            onPick={setOrganisation}
          />
          <Chooser
            label="操作"
            value={action ? (AUDIT_ACTION_LABELS[action] ?? action) : ''}
            options={actions}
            name={([, label]) => label}
            active={([a]) => a === action}
            onPick={(o) => setAction(o ? o[0] : null)}
          />
          <View className="audit__buttons">
            <Button size="small" type="primary" onClick={apply}>
              查询
            </Button>
            <Button size="small" fill="outline" loading={exporting} onClick={() => void exportXlsx()}>
              导出 Excel
            </Button>
          </View>
        </View>

        {load.status === 'loading' ? <LoadingState /> : null}
        {load.status === 'error' ? (
          <ErrorState message={load.message} onRetry={() => void first(filter)} />
        ) : null}
        {load.status === 'ready' && entries.length === 0 ? (
          <View className="a-empty">
            <Empty image={<EmptyImage />} title="没有符合条件的记录" />
          </View>
        ) : null}
        {load.status === 'ready' ? entries.map((e) => <Entry key={e.id} entry={e} />) : null}
        {load.status === 'ready' && cursor ? (
          <Button className="audit__more" block fill="outline" loading={more} onClick={() => void loadMore()}>
            加载更多
          </Button>
        ) : null}
        {load.status === 'ready' && !cursor && entries.length > 0 ? (
          <Text className="audit__end">已显示全部 {entries.length} 条</Text>
        ) : null}
      </View>
      <DayPicker
        visible={picking !== null}
        title={picking === 'to' ? '结束日期' : '开始日期'}
        startDate={dayjs().subtract(5, 'year').startOf('year').toDate()}
        endDate={dayjs().endOf('day').toDate()}
        value={(picking === 'to' ? to : from) || dayjs().format('YYYY-MM-DD')}
        onPick={(day) => (picking === 'to' ? setTo(day) : setFrom(day))}
        onClose={() => setPicking(null)}
      />
    </View>
  )
}
