import ExcelJS from 'exceljs'
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
import { formatShanghaiMinute, shanghaiYearRange } from '../../../src/models/shanghaiTime'
import { meetingsRepository } from './meetingsRepository'
import { addInfoSheet, percent } from '../../core/workbook'

/** A branch's year as an .xlsx workbook. */

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

export async function yearWorkbook(
  db: DbOrTrx,
  branch: PartyBranchRow,
  year: number,
  now: number,
): Promise<Buffer> {
  const rows = await meetingsRepository.ofYear(db, branch.id, shanghaiYearRange(year))
  const absences = await meetingsRepository.absences(
    db,
    rows.map((r) => r.id),
  )
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '清廉企业'
  workbook.created = new Date(now)
  const sheet = workbook.addWorksheet(`${year}年会议记录`, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = YEAR_SHEET_COLUMNS.map((header, i) => ({
    header,
    key: `c${i}`,
    width: [6, 14, 12, 18, 16, 36, 10, 10, 6, 6, 30, 20, 36, 8, 8][i],
  }))
  sheet.getRow(1).font = { bold: true }
  rows.forEach((r, i) => {
    sheet.addRow([
      i + 1,
      MEETING_TYPE_LABELS[r.type as TMeetingType] ?? r.type,
      r.group_name ?? '',
      formatShanghaiMinute(r.starts_at),
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
    ])
  })
  const compliance = await branchCompliance(db, branch, year, now)
  const calendar = workbook.addWorksheet('完成情况')
  const monthHeaders = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
  calendar.columns = [
    { header: '类型', key: 'type', width: 16 },
    { header: '要求', key: 'rule', width: 20 },
    ...monthHeaders.map((h, i) => ({ header: h, key: `m${i}`, width: 8 })),
    { header: '完成率', key: 'rate', width: 10 },
  ]
  calendar.getRow(1).font = { bold: true }
  for (const row of compliance.rows) {
    // A quarter's status is shown under its three months.
    const cells = monthHeaders.map((_, i) => {
      const cell = row.period === 'month' ? row.cells[i] : row.cells[Math.floor(i / 3)]
      return CELL_STATUS_LABELS[cell.status]
    })
    calendar.addRow([
      `${MEETING_TYPE_LABELS[row.type]}${row.groupName ? `（${row.groupName}）` : ''}`,
      row.rule,
      ...cells,
      percent(row.rate),
    ])
  }
  addInfoSheet(workbook, '支部信息', [
    ['支部', branch.name],
    ['年度', year],
    ['会议记录', rows.length],
    ['总体完成率', percent(compliance.overall.rate)],
    ['规则', MEETING_RULES.map((r) => `${MEETING_TYPE_LABELS[r.type]}${r.text}`).join('；')],
  ])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
