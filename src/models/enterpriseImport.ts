import { z } from 'zod'
import { CREDIT_CODE_PROBLEM_MESSAGES, checkCreditCode } from './creditCode'
import {
  OWNERSHIPS,
  OWNERSHIP_LABELS,
  PARTY_ORGS,
  PARTY_ORG_LABELS,
  type TOwnership,
  type TPartyOrg,
} from './org'
import { normalizeMobilePhone } from './phone'
import { pageOf, pagingFields } from './common'

/**
 * Enterprises in bulk from Excel (企业批量导入): the template's columns, how one row is checked, and how a
 * checked row compares with the enterprise already registered under its credit code. Pure: the server's
 * worker thread and the app share it.
 */
export const IMPORT_COLUMNS = [
  { key: 'name', header: '企业名称', required: true, width: 32 },
  { key: 'creditCode', header: '统一社会信用代码', required: true, width: 24 },
  { key: 'ownership', header: '所有制', required: true, width: 14 },
  { key: 'partyOrg', header: '党组织', required: true, width: 12 },
  { key: 'industry', header: '行业', required: false, width: 16 },
  { key: 'departments', header: '监管部门', required: true, width: 30 },
  { key: 'liaisonName', header: '联络员姓名', required: true, width: 12 },
  { key: 'liaisonPhone', header: '联络员手机', required: true, width: 16 },
] as const
export type TImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key']
export type TImportCells = Record<TImportColumnKey, string>

export const IMPORT_MAX_ROWS = 20_000
/** The liaison invites of a large import print in parts of this many enterprises (pages) per document. */
export const INVITES_PER_DOCUMENT = 1000
/** Rows whose 企业名称 starts with this are the template's example and are not imported. */
export const IMPORT_EXAMPLE_PREFIX = '（示例）'
/** Several departments in one cell: separated by 、，, ; ； / or a line break. */
export const DEPARTMENT_SEPARATORS = /[、，,;；/\n]+/

export const IMPORT_STATUSES = ['create', 'update', 'unchanged', 'refuse'] as const
export const ZImportStatus = z.enum(IMPORT_STATUSES)
export type TImportStatus = z.infer<typeof ZImportStatus>
export const IMPORT_STATUS_LABELS: Record<TImportStatus, string> = {
  create: '新增',
  update: '更新',
  unchanged: '无变化',
  refuse: '拒绝',
}

export const OWNERSHIP_BY_LABEL = new Map<string, TOwnership>(
  OWNERSHIPS.map((o) => [OWNERSHIP_LABELS[o], o] as const),
)
export const PARTY_ORG_BY_LABEL = new Map<string, TPartyOrg>([
  ...PARTY_ORGS.map((p) => [PARTY_ORG_LABELS[p], p] as const),
  ['无', 'none'],
])

/** A row as checked: what the commit writes. */
export interface TImportRowData {
  name: string
  creditCode: string
  ownership: TOwnership
  partyOrg: TPartyOrg
  industry: string | null
  departmentIds: number[]
  liaisonName: string
  liaisonPhone: string
}

export interface TExistingEnterprise {
  id: number
  name: string
  ownership: string
  partyOrg: string
  industry: string | null
  liaisonName: string | null
  liaisonPhone: string | null
  departmentIds: number[]
}

/** Excel's cells as text: trimmed, full-width spaces and invisible characters gone. */
export function cleanCell(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000B-\u001F\u200B-\u200D\uFEFF]/g, '')
      .replace(/\u3000/g, ' ')
      .trim()
  )
}

export type TRowCheck = { ok: true; data: TImportRowData } | { ok: false; reasons: string[] }

/** One row on its own (the file and the database are checked by the caller). */
export function checkImportRow(cells: TImportCells, departmentIdsByName: Map<string, number>): TRowCheck {
  const reasons: string[] = []
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !cells[c.key]).map((c) => c.header)
  if (missing.length) reasons.push(`缺少${missing.join('、')}`)

  const name = cells.name
  if (name && (name.length < 2 || name.length > 100)) reasons.push('企业名称应为2至100个字')
  const creditCode = cells.creditCode.toUpperCase().replace(/\s/g, '')
  if (creditCode) {
    const problem = checkCreditCode(creditCode)
    if (problem) reasons.push(CREDIT_CODE_PROBLEM_MESSAGES[problem])
  }
  const ownership = OWNERSHIP_BY_LABEL.get(cells.ownership)
  if (cells.ownership && !ownership)
    reasons.push(`所有制“${cells.ownership}”无效，应为${[...OWNERSHIP_BY_LABEL.keys()].join('/')}`)
  const partyOrg = PARTY_ORG_BY_LABEL.get(cells.partyOrg)
  if (cells.partyOrg && !partyOrg)
    reasons.push(`党组织“${cells.partyOrg}”无效，应为${PARTY_ORGS.map((p) => PARTY_ORG_LABELS[p]).join('/')}`)
  if (cells.industry.length > 50) reasons.push('行业不超过50个字')
  const departmentIds: number[] = []
  const unknown: string[] = []
  for (const part of cells.departments.split(DEPARTMENT_SEPARATORS)) {
    const departmentName = cleanCell(part)
    if (!departmentName) continue
    const id = departmentIdsByName.get(departmentName)
    if (id === undefined) unknown.push(departmentName)
    else if (!departmentIds.includes(id)) departmentIds.push(id)
  }
  if (unknown.length)
    reasons.push(`监管部门“${unknown.join('、')}”不存在或已撤销，请填写系统中已有的部门名称`)
  if (departmentIds.length > 20) reasons.push('监管部门不超过20个')
  if (cells.liaisonName.length > 30) reasons.push('联络员姓名不超过30个字')
  const liaisonPhone = cells.liaisonPhone ? normalizeMobilePhone(cells.liaisonPhone) : null
  if (cells.liaisonPhone && !liaisonPhone) reasons.push(`联络员手机“${cells.liaisonPhone}”不是有效的手机号`)

  if (reasons.length || !ownership || !partyOrg || !liaisonPhone) return { ok: false, reasons }
  return {
    ok: true,
    data: {
      name,
      creditCode,
      ownership,
      partyOrg,
      industry: cells.industry || null,
      departmentIds,
      liaisonName: cells.liaisonName,
      liaisonPhone,
    },
  }
}

const CHANGE_LABELS = {
  name: '企业名称',
  ownership: '所有制',
  partyOrg: '党组织',
  industry: '行业',
  liaisonName: '联络员姓名',
  liaisonPhone: '联络员手机',
} as const
export type TChangedField = keyof typeof CHANGE_LABELS

/** What an import row would change on the registered enterprise: fields that differ, links it lacks. */
export function diffEnterprise(
  existing: TExistingEnterprise,
  row: TImportRowData,
): { fields: TChangedField[]; newDepartmentIds: number[] } {
  const fields = (Object.keys(CHANGE_LABELS) as TChangedField[]).filter(
    (key) => (existing[key] ?? null) !== (row[key] ?? null),
  )
  const newDepartmentIds = row.departmentIds.filter((id) => !existing.departmentIds.includes(id))
  return { fields, newDepartmentIds }
}

export function describeChanges(change: { fields: TChangedField[]; newDepartmentIds: number[] }): string {
  const parts: string[] = change.fields.map((f) => CHANGE_LABELS[f])
  if (change.newDepartmentIds.length) parts.push('监管部门')
  return parts.length ? `将更新：${parts.join('、')}` : '与已登记信息一致'
}

export const ZImportCounts = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  refuse: z.number().int(),
})
export type TImportCounts = z.infer<typeof ZImportCounts>

export const IMPORT_STATES = ['parsing', 'ready', 'committed', 'failed'] as const
export const ZImportState = z.enum(IMPORT_STATES)
export const IMPORT_STATE_LABELS: Record<(typeof IMPORT_STATES)[number], string> = {
  parsing: '检查中',
  ready: '待确认导入',
  committed: '已导入',
  failed: '检查失败',
}
export type TImportState = z.infer<typeof ZImportState>

export const ZImportRow = z
  .object({
    rowNo: z.number().int(),
    status: ZImportStatus,
    reason: z.string().nullable(),
    name: z.string().nullable(),
    creditCode: z.string().nullable(),
  })
  .meta({ id: 'ImportRow' })
export type TImportRow = z.infer<typeof ZImportRow>

export const ZImportCommitResult = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    invites: z.number().int(),
  })
  .meta({ id: 'ImportCommitResult' })
export type TImportCommitResult = z.infer<typeof ZImportCommitResult>

export const ZImport = z
  .object({
    id: z.number().int(),
    filename: z.string(),
    state: ZImportState,
    processed: z.number().int(),
    total: z.number().int(),
    counts: ZImportCounts.nullable(),
    errorMessage: z.string().nullable(),
    createdAt: z.string(),
    committedAt: z.string().nullable(),
    commitResult: ZImportCommitResult.nullable(),
    rows: z.array(ZImportRow),
    rowsTotal: z.number().int(),
  })
  .meta({ id: 'Import' })
export type TImport = z.infer<typeof ZImport>

/**
 * One import in the office's list of recent ones (newest first): enough to find it again and open it.
 * `batch` numbers the committed imports in the order they were committed (第1批 …); null before commit.
 * Picked from a plain copy of ZImport's fields, which carries no OpenAPI name of its own.
 */
export const ZImportSummary = z
  .object(ZImport.shape)
  .pick({
    id: true,
    filename: true,
    state: true,
    total: true,
    counts: true,
    createdAt: true,
    committedAt: true,
  })
  .extend({ batch: z.number().int().nullable() })
  .meta({ id: 'ImportSummary' })
export type TImportSummary = z.infer<typeof ZImportSummary>
export const ZImportList = z.object(pageOf(ZImportSummary)).meta({ id: 'ImportList' })
export type TImportList = z.infer<typeof ZImportList>
export const ZImportListQuery = z.object(pagingFields)

export const ZImportRowsQuery = z.object({
  status: ZImportStatus.optional(),
  ...pagingFields,
})
export type TImportRowsQuery = z.input<typeof ZImportRowsQuery>
