import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, DatePicker, Empty } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { formatDate } from '@/models/format'
import { shanghaiDate, shanghaiYear } from '@/models/shanghaiTime'
import { REPORT_STATUS_LABELS, ZReportCreate, type TReportSummary } from '@/models/supervisionReport'
import { maxLengthOf } from '@/models/textLimit'
import { EmptyImage } from '@/components/EmptyImage'
import { ErrorState, LoadingState } from '@/components/PageState'
import { TextField } from '@/components/TextField'
import { usePages } from '@/hooks/usePages'
import { useRequireSession } from '@/hooks/useSession'
import { supervisionPages } from '@/services/routes'
import { createReport, fetchReports } from '@/services/supervisionReports'
import '@/styles/page.scss'
import '@/packages/supervision/pages/campaigns/index.scss'
import './index.scss'

const TITLE_LIMIT = maxLengthOf(ZReportCreate.shape.title)
const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })
const go = (url: string) => void Taro.navigateTo({ url })

function ReportRow({ report }: { report: TReportSummary }) {
  return (
    <View className="a-card reports__item" onClick={() => go(supervisionPages.report(report.id))}>
      <View className="campaigns__head">
        <Text className="a-card__title campaigns__title">{report.title}</Text>
        <Text className={`campaigns__tag reports__tag--${report.status}`}>
          {REPORT_STATUS_LABELS[report.status]}
        </Text>
      </View>
      <Text className="reports__meta">
        {report.issuer} · 第{report.number}期 · {formatDate(report.periodStart)} 至{' '}
        {formatDate(report.periodEnd)}
      </Text>
      <Text className="reports__meta">生成于 {formatDate(report.createdAt)}</Text>
    </View>
  )
}

/**
 * 督查专报 (工作要求（二）强化监督检查): the office's (all enterprises) or the department's (its own), newest
 * first and paged; 生成 takes the overview's figures as of now and opens the draft to edit.
 */
export default function ReportsPage() {
  const session = useRequireSession()
  const now = Date.now()
  const [title, setTitle] = useState(`${shanghaiYear(now)}年清廉企业建设督查专报`)
  const [period, setPeriod] = useState({ start: `${shanghaiYear(now)}-01-01`, end: shanghaiDate(now) })
  const [picking, setPicking] = useState<'start' | 'end' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const pages = usePages(session ? 'supervision:reports' : null, (page) => fetchReports(page))
  usePullDownRefresh(() => {
    pages
      .reload()
      .catch((err: unknown) => toast(err instanceof Error ? err.message : '刷新失败'))
      .finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void pages.loadMore().catch(() => undefined))
  // Back from a report: its status may have changed.
  useDidShow(() => void pages.reload().catch(() => undefined))

  if (!session) return <View className="page" />

  const generate = async () => {
    const body = { title, periodStart: period.start, periodEnd: period.end }
    const checked = ZReportCreate.safeParse(body)
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '请检查填写内容')
      return
    }
    setError(null)
    setBusy(true)
    try {
      const report = await createReport(checked.data)
      go(supervisionPages.report(report.id))
    } catch (err) {
      setError(err instanceof Error ? err.message : '生成失败')
    } finally {
      setBusy(false)
    }
  }

  const state = pages.state
  const list = () => {
    if (state.status === 'loading') return <LoadingState />
    if (state.status === 'error')
      return <ErrorState message={state.message} onRetry={() => void pages.reload().catch(() => undefined)} />
    if (state.items.length === 0)
      return (
        <View className="a-empty">
          <Empty image={<EmptyImage />} title="还没有督查专报" />
        </View>
      )
    return (
      <View>
        {state.items.map((r) => (
          <ReportRow key={r.id} report={r} />
        ))}
        {state.hasMore ? (
          <Button
            block
            fill="outline"
            loading={state.loadingMore}
            onClick={() => void pages.loadMore().catch(() => toast('加载失败'))}
          >
            加载更多（已显示 {state.items.length} / {state.last.total}）
          </Button>
        ) : (
          <Text className="reports__end">共 {state.last.total} 份</Text>
        )}
      </View>
    )
  }

  return (
    <View className="page campaigns reports">
      <View className="page__body">
        <View className="a-card">
          <Text className="a-card__title">生成督查专报</Text>
          <Text className="campaigns__hint">
            按监管总览当前的数字生成草稿（各部门进展表、发现的问题、通报企业），数字随专报留存；正文可修改，定稿后下载
            Word 文件打印报送。
          </Text>
          <Text className="campaigns__label">标题</Text>
          <TextField
            className="campaigns__name reports__title"
            value={title}
            limit={TITLE_LIMIT}
            onChange={setTitle}
          />
          <View className="campaigns__row" onClick={() => setPicking('start')}>
            <Text className="campaigns__label">督查期间自</Text>
            <Text className="campaigns__value">{formatDate(period.start)}</Text>
          </View>
          <View className="campaigns__row" onClick={() => setPicking('end')}>
            <Text className="campaigns__label">至</Text>
            <Text className="campaigns__value">{formatDate(period.end)}</Text>
          </View>
          {error ? <Text className="campaigns__error">{error}</Text> : null}
          <Button
            className="campaigns__submit reports__generate"
            type="primary"
            block
            loading={busy}
            onClick={() => void generate()}
          >
            生成草稿
          </Button>
        </View>
        {list()}
      </View>
      <DatePicker
        visible={picking !== null}
        title={picking === 'start' ? '督查期间自' : '督查期间至'}
        type="date"
        showChinese
        startDate={dayjs().subtract(5, 'year').startOf('year').toDate()}
        endDate={dayjs().add(1, 'year').toDate()}
        value={dayjs(picking === 'end' ? period.end : period.start).toDate()}
        onConfirm={(_, values) => {
          const [y, m, d] = values.map(Number)
          const day = dayjs(new Date(y, m - 1, d)).format('YYYY-MM-DD')
          setPeriod((p) => (picking === 'end' ? { ...p, end: day } : { ...p, start: day }))
        }}
        onClose={() => setPicking(null)}
      />
    </View>
  )
}
