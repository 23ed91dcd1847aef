import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import { formatDate } from '@/models/format'
import { shanghaiDate, shanghaiYear } from '@/models/shanghaiTime'
import { REPORT_STATUS_LABELS, ZReportCreate, type TReportSummary } from '@/models/supervisionReport'
import { maxLengthOf } from '@/models/textLimit'
import { DayPicker } from '@/components/DayPicker'
import { EmptyBox } from '@/components/EmptyImage'
import { CountedLoadMore, PagesPending } from '@/components/PageState'
import { TextField } from '@/components/TextField'
import { FormSubmit } from '@/components/FormSubmit'
import { useFormSend } from '@/hooks/useFormSend'
import { usePagedList } from '@/hooks/usePagedList'
import { useRequireSession } from '@/hooks/useSession'
import { supervisionPages } from '@/services/routes'
import { createReport, fetchReports } from '@/services/supervisionReports'
import '@/styles/page.scss'
import '@/packages/supervision/pages/campaigns/index.scss'
import './index.scss'

const TITLE_LIMIT = maxLengthOf(ZReportCreate.shape.title)
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
  const { error, setError, busy, run } = useFormSend()
  // Back from a report: its status may have changed.
  const pages = usePagedList(session ? 'supervision:reports' : null, (page) => fetchReports(page), {
    reloadOnShow: true,
  })

  if (!session) return <View className="page" />

  const generate = () =>
    run(
      ZReportCreate.safeParse({ title, periodStart: period.start, periodEnd: period.end }),
      async (body) => {
        try {
          const report = await createReport(body)
          go(supervisionPages.report(report.id))
        } catch (err) {
          setError(err instanceof Error ? err.message : '生成失败')
        }
      },
    )

  const state = pages.state
  const list = () => {
    if (state.status !== 'ready') return <PagesPending pages={pages} />
    if (state.items.length === 0) return <EmptyBox title="还没有督查专报" />
    return (
      <View>
        {state.items.map((r) => (
          <ReportRow key={r.id} report={r} />
        ))}
        <CountedLoadMore pages={pages} unit="份" />
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
          <FormSubmit
            block="campaigns"
            className="reports__generate"
            error={error}
            busy={busy}
            onSubmit={generate}
          >
            生成草稿
          </FormSubmit>
        </View>
        {list()}
      </View>
      <DayPicker
        visible={picking !== null}
        title={picking === 'start' ? '督查期间自' : '督查期间至'}
        startDate={dayjs().subtract(5, 'year').startOf('year').toDate()}
        endDate={dayjs().add(1, 'year').toDate()}
        value={picking === 'end' ? period.end : period.start}
        onPick={(day) => setPeriod((p) => (picking === 'end' ? { ...p, end: day } : { ...p, start: day }))}
        onClose={() => setPicking(null)}
      />
    </View>
  )
}
