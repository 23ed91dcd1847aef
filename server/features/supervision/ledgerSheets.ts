import type { Cell, SheetSpec } from '../../core/exports/spec'
import type { Column } from '../../core/workbook'
import { RECTIFICATION_SOURCE_LABELS, RECTIFICATION_STATUS_LABELS } from '../../../src/models/rectification'
import { ledgerOverdueCell, rectificationTimeliness } from '../../../src/models/rectificationTimeliness'
import { chineseDay, chineseMinute, shanghaiDate } from '../../../src/models/shanghaiTime'
import type { supervisionRepository } from './repository'
import {
  RISK_LEVEL_LABELS,
  RISK_STATUS_LABELS,
  reviewOverdue,
  riskAreaLabel,
  type TRiskArea,
} from '../../../src/models/risk'

type Facts = Awaited<ReturnType<typeof supervisionRepository.ledgerFacts>>
type RectificationRow = Awaited<ReturnType<typeof supervisionRepository.rectifications>>[number]
type RiskRow = Awaited<ReturnType<typeof supervisionRepository.risks>>[number]

/**
 * Per enterprise: its credit code, its supervising departments, and its 联络员 — those who joined in the app
 * as liaison, else the one registered with the enterprise (marked 未加入).
 */
export function ledgerFactsByEnterprise(facts: Facts) {
  const enterprise = new Map(facts.enterprises.map((e) => [e.id, e]))
  const group = <T extends { name: string }>(rows: T[], key: (r: T) => number) => {
    const map = new Map<number, T[]>()
    for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r])
    return map
  }
  const liaisons = group(facts.liaisons, (r) => r.organisation_id)
  const departments = group(facts.departments, (r) => r.enterprise_id)
  return (id: number) => {
    const e = enterprise.get(id)
    const joined = liaisons.get(id) ?? []
    const registered = e?.liaison_name ? `${e.liaison_name}（未加入）` : ''
    return {
      creditCode: e?.credit_code ?? '',
      departments: (departments.get(id) ?? []).map((d) => d.name).join('、'),
      liaison: joined.length ? joined.map((l) => l.name).join('、') : registered,
      // In full, unlike the app's lists: only the office and the enterprise's supervising departments
      // download the 台账 (their own enterprises), and they need the number to call the liaison.
      liaisonPhone: joined.length ? joined.map((l) => l.phone ?? '').join('、') : (e?.liaison_phone ?? ''),
    }
  }
}

/** The rows of a sheet, or one 无记录 row under the header (in the second, the name column): a printed
 * sheet with headers only reads as if a page were lost. */
export function orNone(rows: Cell[][], width: number): Cell[][] {
  if (rows.length > 0) return rows
  return [['', '无记录', ...Array<Cell>(width - 2).fill('')]]
}

/**
 * A sheet of records of the ledger's enterprises, one a row: numbered, the enterprise's name beside each
 * (both kept in view while scrolling), then the record's own columns.
 */
function enterpriseSheet<R extends { enterprise_id: number }>(
  name: string,
  heading: { title: string; subtitle: string },
  columns: Column[],
  rows: R[],
  enterpriseNames: Map<number, string>,
  cells: (r: R) => Cell[],
): SheetSpec {
  return {
    name,
    options: {
      ...heading,
      columns: [{ header: '序号', width: 5, center: true }, { header: '企业名称', width: 22 }, ...columns],
      xSplit: 2,
    },
    rows: orNone(
      rows.map((r, i) => [i + 1, enterpriseNames.get(r.enterprise_id) ?? '', ...cells(r)]),
      columns.length + 2,
    ),
  }
}

/**
 * 整改事项: every 整改 of the ledger's enterprises, one a row, with whether it is overdue today or was
 * handed in late (北京时间; `submittedAt` by 整改 id, see rectificationTimeliness).
 */
export function rectificationSheet(
  title: string,
  subtitle: string,
  rows: RectificationRow[],
  submittedAt: Map<number, string>,
  enterpriseNames: Map<number, string>,
  now: number,
): SheetSpec {
  const today = shanghaiDate(now)
  const columns = [
    { header: '来源', width: 9, center: true },
    { header: '自查项', width: 8, center: true },
    { header: '整改事项', width: 26 },
    { header: '问题描述', width: 30 },
    { header: '整改期限', width: 14, center: true },
    { header: '状态', width: 9, center: true },
    { header: '是否逾期', width: 9, center: true }, // 逾期完成: four characters
    { header: '整改情况', width: 30 },
    { header: '下达时间', width: 20 },
    { header: '最近更新', width: 20 },
  ]
  return enterpriseSheet('整改事项', { title, subtitle }, columns, rows, enterpriseNames, (r) => [
    RECTIFICATION_SOURCE_LABELS[r.source],
    r.item_code ?? '',
    r.title,
    r.detail ?? '',
    chineseDay(r.deadline),
    RECTIFICATION_STATUS_LABELS[r.status],
    ledgerOverdueCell(rectificationTimeliness({ ...r, submittedAt: submittedAt.get(r.id) ?? null }, today)),
    r.response ?? '',
    chineseMinute(r.created_at),
    chineseMinute(r.updated_at),
  ])
}

/** 廉洁风险点: every risk point of the ledger's enterprises, one a row, with whether its review is overdue (北京时间). */
export function riskSheet(
  title: string,
  subtitle: string,
  rows: RiskRow[],
  enterpriseNames: Map<number, string>,
  now: number,
): SheetSpec {
  const today = shanghaiDate(now)
  const columns = [
    { header: '风险领域', width: 14 },
    { header: '岗位/环节', width: 18 },
    { header: '风险等级', width: 7, center: true },
    { header: '防控措施', width: 32 },
    { header: '责任人', width: 9 },
    { header: '下次复核', width: 14, center: true },
    { header: '状态', width: 8, center: true },
    { header: '复核逾期', width: 7, center: true },
  ]
  return enterpriseSheet('廉洁风险点', { title, subtitle }, columns, rows, enterpriseNames, (r) => [
    riskAreaLabel(r.area as TRiskArea, r.area_name),
    r.post,
    RISK_LEVEL_LABELS[r.level],
    r.measures,
    r.owner,
    chineseDay(r.next_review_date),
    RISK_STATUS_LABELS[r.status],
    reviewOverdue(r.status, r.next_review_date, today) ? '逾期' : '',
  ])
}
