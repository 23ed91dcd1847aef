import { useEffect, useState } from 'react'
import { showModal } from '@/services/platform/modal'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatDate, formatDateTime } from '@/models/format'
import {
  REPORT_SECTION_HEADINGS,
  REPORT_SECTIONS,
  REPORT_STATUS_LABELS,
  ZReportSections,
  type TReport,
  type TReportPeriodRow,
  type TReportRow,
  type TReportSections,
} from '@/models/supervisionReport'
import { maxLengthOf } from '@/models/textLimit'
import { InvalidLink, PageState } from '@/components/PageState'
import { TextAreaField } from '@/components/TextAreaField'
import { useUnsavedGuard } from '@/hooks/useUnsavedGuard'
import { ApiError } from '@/services/request'
import {
  fetchReport,
  finaliseReport,
  openReportDocx,
  refreshReport,
  saveReport,
} from '@/services/supervisionReports'
import '@/styles/page.scss'
import '@/packages/supervision/pages/campaigns/index.scss'
import './index.scss'
import { useRouteRecord } from '@/hooks/useRouteRecord'

const SECTION_LIMIT = maxLengthOf(ZReportSections.shape.scope)
const COLUMNS = ['部门', '企业', '未开始', '草稿', '已提交', '退回', '已通过', '逾期整改', '均分']
const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

const cells = (r: TReportRow) => [
  r.name,
  ...[r.enterprises, r.notStarted, r.draft, r.submitted, r.returned, r.accepted, r.overdueEnterprises].map(
    String,
  ),
  r.average === null ? '—' : r.average.toFixed(1),
]

const PERIOD_COLUMNS = ['部门', '提交自查', '退回自查', '下发整改', '整改销号', '新增逾期', '催办']
const periodCells = (r: TReportPeriodRow) => [
  r.name,
  ...[r.submitted, r.returned, r.issued, r.closed, r.becameOverdue, r.urged].map(String),
]

/** A table as the .docx prints it: heading row, rows, 合计. */
function Table({ head, rows, total }: { head: string[]; rows: string[][]; total: string[] }) {
  return (
    <View className="report-table">
      {[head, ...rows, total].map((line, i) => (
        <View
          key={i}
          className={`report-table__row${i === 0 || i === rows.length + 1 ? ' report-table__row--head' : ''}`}
        >
          {line.map((c, j) => (
            <Text key={j} className={`report-table__cell${j === 0 ? ' report-table__cell--name' : ''}`}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}

/** The status table as generated, and (when kept) what happened in the period. */
function ProgressTable({ report }: { report: TReport }) {
  const { rows, total, period } = report.snapshot
  return (
    <View>
      <Text className="campaigns__label">进展情况（截至 {formatDate(report.snapshot.generatedAt)}）</Text>
      <Table head={COLUMNS} rows={rows.map(cells)} total={cells(total)} />
      {period ? (
        <View className="report__period">
          <Text className="campaigns__label">
            本期工作情况（{formatDate(period.start)} 至 {formatDate(period.end)}）
          </Text>
          <Table
            head={PERIOD_COLUMNS}
            rows={period.rows.map(periodCells)}
            total={periodCells(period.total)}
          />
        </View>
      ) : null}
    </View>
  )
}

/**
 * One 督查专报: its figures as generated (kept, whatever changes later), its five sections editable while
 * it is a draft (each save names the version it was read at: someone else's save in between is reported
 * and the latest text shown), 定稿, and the .docx to print.
 */
export default function ReportPage() {
  const { session, id, state, reload, setData: set } = useRouteRecord('id', 'supervision:report', fetchReport)
  const report = state.status === 'ready' ? state.data : null
  const [text, setText] = useState<TReportSections | null>(null)
  const [busy, setBusy] = useState<'save' | 'final' | 'docx' | 'refresh' | null>(null)
  useEffect(() => setText(report ? report.sections : null), [report])
  const dirty = Boolean(report && text && REPORT_SECTIONS.some((k) => text[k] !== report.sections[k]))
  useUnsavedGuard(dirty)

  if (!session) return <View className="page" />
  if (!id) return <InvalidLink message="页面链接不完整，请从督查专报列表进入" />

  const run = async (
    kind: 'save' | 'final' | 'docx' | 'refresh',
    work: () => Promise<TReport | void>,
    done: string,
  ) => {
    setBusy(kind)
    try {
      const next = await work()
      if (next) set(next)
      toast(done)
    } catch (err) {
      toast(err instanceof Error ? err.message : '操作失败')
      // Someone else saved (or finalised) it: show what is there now.
      if (err instanceof ApiError && err.status === 409) await reload().catch(() => undefined)
    } finally {
      setBusy(null)
    }
  }
  const draft = report?.status === 'draft'

  return (
    <View className="page campaigns report">
      <View className="page__body">
        <PageState state={state} reload={reload} />
        {report && text ? (
          <View>
            <View className="a-card">
              <View className="campaigns__head">
                <Text className="a-card__title campaigns__title">{report.title}</Text>
                <Text className="campaigns__tag">{REPORT_STATUS_LABELS[report.status]}</Text>
              </View>
              <Text className="campaigns__hint">
                {report.issuer} · 第{report.number}期 · 督查期间 {formatDate(report.periodStart)} 至{' '}
                {formatDate(report.periodEnd)}
                {report.snapshot.campaign ? ` · ${report.snapshot.campaign.name}` : ''}
              </Text>
              <Text className="campaigns__hint">
                数字截至 {formatDateTime(report.snapshot.generatedAt)}，随专报留存
                {report.finalisedAt ? `；${formatDateTime(report.finalisedAt)} 定稿` : ''}
              </Text>
              <ProgressTable report={report} />
            </View>
            {REPORT_SECTIONS.map((key) => (
              <View className="a-card report__section" key={key}>
                <Text className="campaigns__label">{REPORT_SECTION_HEADINGS[key]}</Text>
                {draft ? (
                  <TextAreaField
                    rows={4}
                    className={`campaigns__name report__text report__text--${key}`}
                    value={text[key]}
                    limit={SECTION_LIMIT}
                    onChange={(v) => setText({ ...text, [key]: v })}
                  />
                ) : (
                  <Text className="report__fixed">{text[key]}</Text>
                )}
              </View>
            ))}
            <View className="a-card campaigns__actions report__actions">
              {draft ? (
                <Button
                  className="report__save"
                  type="primary"
                  fill="outline"
                  disabled={!dirty}
                  loading={busy === 'save'}
                  onClick={() =>
                    void run(
                      'save',
                      () => saveReport(report.id, report.version, { sections: text }),
                      '已保存',
                    )
                  }
                >
                  保存
                </Button>
              ) : null}
              {draft ? (
                <Button
                  className="report__refresh"
                  type="primary"
                  fill="outline"
                  disabled={dirty}
                  loading={busy === 'refresh'}
                  onClick={() =>
                    void showModal({
                      title: '更新数据',
                      content:
                        '按当前数字重新生成表格；已修改过的正文保留，未修改的随新数字重拟。确定更新吗？',
                    }).then((r) => {
                      if (r.confirm)
                        void run('refresh', () => refreshReport(report.id, report.version), '已更新数据')
                    })
                  }
                >
                  更新数据
                </Button>
              ) : null}
              {draft ? (
                <Button
                  className="report__finalise"
                  type="primary"
                  disabled={dirty}
                  loading={busy === 'final'}
                  onClick={() =>
                    void showModal({
                      title: '定稿',
                      content: '定稿后不能再修改正文，确定定稿吗？',
                    }).then((r) => {
                      if (r.confirm)
                        void run('final', () => finaliseReport(report.id, report.version), '已定稿')
                    })
                  }
                >
                  定稿
                </Button>
              ) : null}
              <Button
                className="report__download"
                type={draft ? 'default' : 'primary'}
                loading={busy === 'docx'}
                onClick={() => void run('docx', () => openReportDocx(report), '已生成 Word 文件')}
              >
                {draft ? '下载草稿' : '下载 Word'}
              </Button>
            </View>
            {dirty ? (
              <Text className="campaigns__hint report__dirty">
                有未保存的修改，保存后才能更新数据或定稿。
              </Text>
            ) : null}
          </View>
        ) : null}
      </View>
    </View>
  )
}
