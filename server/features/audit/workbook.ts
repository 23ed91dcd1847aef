import ExcelJS from 'exceljs'
import { addPrintedSheet, THIN_BORDER } from '../../core/xlsx'
import type { DbOrTrx } from '../../core/db/database'
import { auditActionLabel, type TAuditQuery } from '../../../src/models/audit'
import { formatShanghaiTime } from '../../../src/models/shanghaiTime'
import { auditRepository } from './repository'

/** At most this many rows go into one export (newest first); the title says when the filter matched more. */
export const AUDIT_EXPORT_MAX_ROWS = 20_000

export const AUDIT_COLUMNS = [
  { header: '序号', width: 7 },
  { header: '时间（北京时间）', width: 20 },
  { header: '操作人', width: 12 },
  { header: '单位', width: 30 },
  { header: '操作', width: 20 },
  { header: '对象', width: 20 },
  { header: '内容', width: 48 },
  { header: 'IP', width: 16 },
] as const

const ENTITY_LABELS: Record<string, string> = {
  enterprise: '企业',
  department: '部门',
  user: '用户',
  membership: '成员',
  invite: '邀请码',
  assessment: '自查表',
  campaign: '自查期次',
  evidence_file: '文件',
  rectification: '整改',
  event: '活动',
  sign_in: '签到',
  meeting: '会议记录',
  pledge: '承诺书',
  plan_filing: '实施方案报送',
  party_branch: '党支部',
  supervision_link: '监管关系',
}

/** What the filter was, in words, for the title block. */
function describeFilter(query: TAuditQuery, names: { person?: string; organisation?: string }): string {
  const parts: string[] = []
  if (query.from || query.to) parts.push(`日期：${query.from ?? '…'} 至 ${query.to ?? '…'}`)
  if (names.person) parts.push(`操作人：${names.person}`)
  if (query.person) parts.push(`姓名含“${query.person}”`)
  if (names.organisation) parts.push(`单位：${names.organisation}`)
  if (query.action) parts.push(`操作：${auditActionLabel(query.action)}`)
  return parts.length ? parts.join('；') : '全部记录'
}

/**
 * 操作日志 as .xlsx for the office: a title row, the filter and export time, headers repeated on every
 * printed page, thin borders, widths for A4 landscape fitted to one page wide; times in 北京时间.
 */
export async function auditWorkbook(db: DbOrTrx, query: TAuditQuery, now: number): Promise<Buffer> {
  const rows = await auditRepository.list(db, query, { limit: AUDIT_EXPORT_MAX_ROWS + 1 })
  const truncated = rows.length > AUDIT_EXPORT_MAX_ROWS
  const shown = truncated ? rows.slice(0, AUDIT_EXPORT_MAX_ROWS) : rows
  const first = shown[0]
  const names = {
    person: query.userId !== undefined ? (first?.user_name ?? `用户 ${query.userId}`) : undefined,
    organisation:
      query.organisationId !== undefined
        ? (first?.organisation_name ??
          `${query.organisationKind === 'department' ? '部门' : '企业'} ${query.organisationId}`)
        : undefined,
  }

  const workbook = new ExcelJS.Workbook()
  workbook.creator = '清廉企业'
  workbook.created = new Date(now)
  const sheet = addPrintedSheet(workbook, '操作日志', { headerRow: 3 })
  sheet.columns = AUDIT_COLUMNS.map((c, i) => ({ key: `c${i}`, width: c.width }))
  const lastCol = String.fromCharCode(64 + AUDIT_COLUMNS.length)

  sheet.mergeCells(`A1:${lastCol}1`)
  const title = sheet.getCell('A1')
  title.value = '清廉企业建设操作日志'
  title.font = { bold: true, size: 16 }
  title.alignment = { horizontal: 'center', vertical: 'middle' }
  sheet.getRow(1).height = 28

  sheet.mergeCells(`A2:${lastCol}2`)
  const sub = sheet.getCell('A2')
  sub.value = `${describeFilter(query, names)}  共 ${shown.length} 条${
    truncated ? `（仅导出最新 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小日期范围）` : ''
  }  导出时间：${formatShanghaiTime(new Date(now).toISOString())}`
  sub.font = { size: 10, color: { argb: 'FF555555' } }
  sub.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true }
  sheet.getRow(2).height = 20

  const header = sheet.getRow(3)
  header.values = AUDIT_COLUMNS.map((c) => c.header)
  header.font = { bold: true }
  header.height = 20
  header.eachCell((cell) => {
    cell.border = THIN_BORDER
    cell.alignment = { horizontal: 'center', vertical: 'middle' }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }
  })

  shown.forEach((r, i) => {
    const row = sheet.addRow([
      i + 1,
      formatShanghaiTime(r.created_at),
      r.user_name ?? (r.user_id === null ? '（未登录）' : `用户 ${r.user_id}`),
      r.organisation_name ?? '',
      auditActionLabel(r.action),
      `${ENTITY_LABELS[r.entity_type] ?? r.entity_type}${r.entity_id ? ` ${r.entity_id}` : ''}`,
      r.detail ? r.detail.slice(0, 300) : '',
      r.ip ?? '',
    ])
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = THIN_BORDER
      cell.alignment = { vertical: 'top', wrapText: col >= 4, horizontal: col === 1 ? 'center' : 'left' }
    })
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
