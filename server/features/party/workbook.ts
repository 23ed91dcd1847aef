import type { PartyBranchRow } from '../../core/db/schema'
import type { DbOrTrx } from '../../core/db/database'
import { MEETING_STATUS_LABELS } from '../../../src/models/meeting'
import {
  CELL_STATUS_LABELS,
  MEETING_RULES,
  MEETING_TYPE_LABELS,
  type TMeetingType,
} from '../../../src/models/meetingCompliance'
import { branchCompliance } from './compliance'
import { chineseMinute, shanghaiYearRange } from '../../../src/models/shanghaiTime'
import { meetingsRepository } from './meetingsRepository'
import { exportedAt, percent } from '../../core/workbook'
import { infoSheet, type WorkbookSpec } from '../../core/exports/spec'
import { exportJob } from '../../core/exports/exporter'

/** A branch's year as an .xlsx workbook: gathered here, laid out in an export worker (core/exports). */

export const YEAR_SHEET_COLUMNS = [
  '序号',
  '会议类型',
  '党小组',
  '时间（北京时间）',
  '地点',
  '议题',
  '主持人',
  '记录人',
  '应到',
  '实到',
  '缺席人员及原因',
  '列席',
  '决议',
  '状态',
  '更正次数',
] as const

/** Each column's usual width; 党小组 and 决议 widen to their longest text (up to a limit). */
const YEAR_SHEET_WIDTHS = [5, 12, 12, 19, 14, 30, 8, 8, 5, 5, 20, 10, 30, 7, 10]
/** The widest a text column grows to (the sheet is printed one A4 page wide, so every column shrinks with it). */
const MAX_FITTED_WIDTH = 44

/** How wide a text prints in Excel's width units: a CJK or full-width character about 1.7, others about one. */
export function printedWidth(text: string): number {
  let width = 0
  for (const ch of text) width += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1.7 : 1
  return width
}

/**
 * A column wide enough for its header on one line and for its texts' longest line (to MAX_FITTED_WIDTH), so
 * a 决议 one character longer than the column does not leave its last 。 alone on a second line.
 */
function columnWidth(header: string, usual: number, texts: (string | null)[]): number {
  const longest = Math.max(0, ...texts.flatMap((t) => (t ?? '').split('\n')).map(printedWidth))
  const fitted = longest > usual ? Math.min(MAX_FITTED_WIDTH, longest + 2) : usual
  return Math.ceil(Math.max(fitted, printedWidth(header) + 2))
}

export async function yearWorkbook(
  db: DbOrTrx,
  branch: PartyBranchRow,
  year: number,
  now: number,
): Promise<{ spec: WorkbookSpec }> {
  const rows = await meetingsRepository.ofYear(db, branch.id, shanghaiYearRange(year))
  const absences = await meetingsRepository.absences(
    db,
    rows.map((r) => r.id),
  )
  const compliance = await branchCompliance(db, branch, year, now)
  const title = `${branch.name} ${year}年三会一课台账`
  const subtitle = `年度：${year}年（北京时间）    会议记录 ${rows.length} 份    总体完成率 ${percent(compliance.overall.rate)}    ${exportedAt(now)}`
  const meetings = {
    name: `${year}年会议记录`,
    options: {
      title,
      subtitle,
      columns: YEAR_SHEET_COLUMNS.map((header, i) => ({
        header,
        width: columnWidth(
          header,
          YEAR_SHEET_WIDTHS[i],
          rows.map((r) => (i === 2 ? (r.group_name ?? '') : i === 12 ? r.decisions : '')),
        ),
        center: [0, 8, 9, 13, 14].includes(i),
      })),
      xSplit: 2,
      empty: `${year}年暂无会议记录`,
    },
    rows: rows.map((r, i) => [
      i + 1,
      MEETING_TYPE_LABELS[r.type as TMeetingType] ?? r.type,
      r.group_name ?? '',
      chineseMinute(r.starts_at),
      r.place,
      r.topic,
      r.host,
      r.recorder,
      r.expected_count,
      r.present_count,
      absences
        .filter((a) => a.meeting_id === r.id)
        .map((a) => `${a.name}（${a.reason ?? '未填原因'}）`)
        .join('；'),
      r.non_member_attendees,
      r.decisions,
      MEETING_STATUS_LABELS[r.status],
      r.revision,
    ]),
  }
  const monthHeaders = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
  const calendar = {
    name: '完成情况',
    options: {
      title: `${branch.name} ${year}年三会一课完成情况`,
      subtitle,
      columns: [
        { header: '类型', width: 16 },
        { header: '要求', width: 20 },
        ...monthHeaders.map((header) => ({ header, width: 7, center: true })),
        // A real percentage (a number the clerk can sum or sort), printed 85.0%.
        { header: '完成率', width: 9, center: true, numFmt: '0.0%' },
      ],
    },
    rows: compliance.rows.map((row) => [
      `${MEETING_TYPE_LABELS[row.type]}${row.groupName ? `（${row.groupName}）` : ''}`,
      row.rule,
      // A quarter's status is shown under its three months.
      ...monthHeaders.map((_, i) => {
        const cell = row.period === 'month' ? row.cells[i] : row.cells[Math.floor(i / 3)]
        return CELL_STATUS_LABELS[cell.status]
      }),
      row.rate ?? '—',
    ]),
  }
  const about = infoSheet('支部信息', `${branch.name} 支部信息`, [
    ['支部', branch.name],
    ['年度', year],
    ['会议记录', rows.length],
    ['总体完成率', percent(compliance.overall.rate)],
    ['规则', MEETING_RULES.map((r) => `${MEETING_TYPE_LABELS[r.type]}${r.text}`).join('；')],
  ])
  return { spec: { now, sheets: [meetings, calendar, about] } }
}

/** The year workbook as an export job: a worker thread loads this module and runs `yearWorkbook`. */
export const yearExport = exportJob(__filename, 'yearWorkbook', yearWorkbook)
