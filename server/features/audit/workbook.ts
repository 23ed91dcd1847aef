import { exportedAt } from '../../core/workbook'
import { exportJob } from '../../core/exports/exporter'
import type { WorkbookSpec } from '../../core/exports/spec'
import type { DbOrTrx } from '../../core/db/database'
import { auditActionLabel, type TAuditQuery } from '../../../src/models/audit'
import { auditDetailText } from '../../../src/models/auditDetail'
import { auditEntityText } from '../../../src/models/auditEntity'
import { chineseDateTime, formatShanghaiTime } from '../../../src/models/shanghaiTime'
import { personLabel } from '../../../src/models/userName'
import { auditRepository } from './repository'
import { recordNames } from './names'
import { rowPerson } from './service'
import { fillUnits } from './units'

/** At most this many rows go into one export (newest first); the title says when the filter matched more. */
export const AUDIT_EXPORT_MAX_ROWS = 20_000

export const AUDIT_COLUMNS = [
  { header: '序号', width: 7 },
  { header: '时间（北京时间）', width: 24 },
  { header: '操作人', width: 12 },
  { header: '单位', width: 30 },
  { header: '操作', width: 20 },
  { header: '对象', width: 20 },
  { header: '内容', width: 48 },
  { header: 'IP', width: 16 },
] as const

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
 * 操作日志 as .xlsx for the office: the one export layout (title with the office and the period, the filter
 * and export time, header repeated on every printed page, borders, A4 landscape one page wide); 北京时间.
 * Laid out (and, where it can, queried) in an export worker: `auditExport`.
 */
export async function auditWorkbook(
  db: DbOrTrx,
  query: TAuditQuery,
  now: number,
  office: string,
): Promise<{ spec: WorkbookSpec }> {
  const rows = await auditRepository.list(db, query, { limit: AUDIT_EXPORT_MAX_ROWS + 1 })
  const truncated = rows.length > AUDIT_EXPORT_MAX_ROWS
  const shown = await fillUnits(db, truncated ? rows.slice(0, AUDIT_EXPORT_MAX_ROWS) : rows)
  const first = shown[0]
  const objects = await recordNames(db, shown)
  const named = (type: string, id: number) => objects.get(`${type}:${id}`)
  const names = {
    person:
      query.userId !== undefined
        ? first
          ? personLabel(rowPerson(first))
          : `用户（编号 ${query.userId}）`
        : undefined,
    organisation:
      query.organisationId !== undefined
        ? (first?.organisation_name ??
          `${query.organisationKind === 'department' ? '部门' : '企业'} ${query.organisationId}`)
        : undefined,
  }
  const period = query.from || query.to ? `（${query.from ?? '…'} 至 ${query.to ?? '…'}）` : ''

  const options = {
    title: `${office}清廉企业建设操作日志${period}`,
    subtitle: `${describeFilter(query, names)}    共 ${shown.length} 条${
      truncated ? `（仅导出最新 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小日期范围）` : ''
    }    ${exportedAt(now)}`,
    columns: AUDIT_COLUMNS.map((c, i) => ({ ...c, center: i === 0 })),
    empty: '暂无操作记录',
  }
  const cells = shown.map((r, i) => [
    i + 1,
    chineseDateTime(formatShanghaiTime(r.created_at)),
    personLabel(rowPerson(r)),
    r.organisation_name ?? '',
    auditActionLabel(r.action),
    auditEntityText(r.entity_type, r.entity_id, named),
    r.detail
      ? auditDetailText(
          r.detail,
          {
            action: r.action,
            organisationKind: r.organisation_kind,
            organisationId: r.organisation_id,
            organisationName: r.organisation_name,
          },
          named,
        ).slice(0, 300)
      : '',
    r.ip ?? '',
  ])
  return { spec: { now, sheets: [{ name: '操作日志', options, rows: cells }] } }
}

export const auditExport = exportJob(__filename, 'auditWorkbook', auditWorkbook)
