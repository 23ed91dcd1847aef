import type { Transaction } from 'kysely'
import type { DbOrTrx } from '../../core/db/database'
import type { Database, DepartmentRow } from '../../core/db/schema'
import { MAX_ID } from '../../core/access'
import { AppError, notFound } from '../../core/errors'
import { isoAt } from '../../core/clock'
import type { WriteOutcome } from '../../core/writes'
import type { TDepartment, TEnterprise } from '../../../src/models/org'
import {
  DEPARTMENT_ENTERPRISE_PAGE_SIZE,
  type TDepartmentEnterprisePage,
  type TDepartmentRetireResult,
  type TSupervisionRuleResult,
} from '../../../src/models/department'
import {
  departmentsRepository,
  enterprisesRepository,
  supervisionLinksRepository,
  toDepartment,
} from './repository'

type Trx = Transaction<Database>

const nameTaken = () =>
  new AppError(409, 'DEPARTMENT_NAME_TAKEN', undefined, [{ path: 'name', message: '已有同名部门' }])

/** An id beyond the 32-bit column names no department (PostgreSQL would refuse to compare it). */
const findDepartment = (db: DbOrTrx, id: number) =>
  id > MAX_ID ? Promise.resolve(undefined) : departmentsRepository.findById(db, id)

/**
 * A department that is to change: in service, its row locked for the transaction (so a retirement and a
 * link cannot interleave). A retired one answers 409: the office sees why nothing happens.
 */
export async function departmentInService(trx: Trx, id: number): Promise<DepartmentRow> {
  const before = await findDepartment(trx, id)
  if (!before) throw notFound()
  const row = await departmentsRepository.lockInService(trx, id)
  if (!row) throw new AppError(409, 'DEPARTMENT_RETIRED')
  return row
}

/** 新建监管部门 (office). */
export async function createDepartment(
  trx: Trx,
  name: string,
  now: number,
): Promise<WriteOutcome<TDepartment>> {
  const row = await departmentsRepository.insertIfNameFree(trx, name, isoAt(now))
  if (!row) throw nameTaken()
  return {
    result: toDepartment(row),
    entityType: 'department',
    entityId: row.id,
    detail: { name },
    organisation: { kind: 'department', id: row.id },
  }
}

/** 重命名 (office); the office itself keeps its flag. */
export async function renameDepartment(
  trx: Trx,
  id: number,
  name: string,
): Promise<WriteOutcome<TDepartment>> {
  await departmentInService(trx, id)
  const row = await departmentsRepository.renameIfNameFree(trx, id, name)
  if (!row) throw nameTaken()
  return { result: toDepartment(row), entityType: 'department', entityId: id, detail: { name } }
}

/** 按规则批量建立监管关系: e.g. every 民营 enterprise → 县委统战部. Existing links stay as they are. */
export async function linkByRule(
  trx: Trx,
  departmentId: number,
  ownerships: readonly string[],
  now: number,
): Promise<WriteOutcome<TSupervisionRuleResult>> {
  await departmentInService(trx, departmentId)
  const result = await enterprisesRepository.linkByOwnership(trx, departmentId, ownerships, isoAt(now))
  return { result, entityType: 'department', entityId: departmentId, detail: { ownerships, ...result } }
}

/**
 * 撤销部门 (office): it keeps its name and history, supervises nothing from the next request on (its
 * links are removed) and its people's department roles grant nothing (core/auth.ts skips them).
 */
export async function retireDepartment(
  trx: Trx,
  id: number,
  now: number,
): Promise<WriteOutcome<TDepartmentRetireResult>> {
  const before = await findDepartment(trx, id)
  if (!before) throw notFound()
  if (before.is_office) throw new AppError(409, 'DEPARTMENT_IS_OFFICE')
  const row = await departmentsRepository.retire(trx, id, isoAt(now))
  // Retired already (perhaps a moment ago by another request): the same answer, nothing more to do.
  if (!row) return retired(before, [])
  return retired(row, await supervisionLinksRepository.removeAllOf(trx, id))
}

function retired(row: DepartmentRow, unlinked: number[]): WriteOutcome<TDepartmentRetireResult> {
  return {
    result: { department: toDepartment(row), unlinked: unlinked.length },
    entityType: 'department',
    entityId: row.id,
    detail: { unlinked },
  }
}

/** 取消监管关系 (office): takes effect on the next request, since every check reads the links. */
export async function unlinkSupervisor(
  trx: Trx,
  enterpriseId: number,
  departmentId: number,
): Promise<WriteOutcome<TEnterprise>> {
  const enterprise = enterpriseId > MAX_ID ? undefined : await enterprisesRepository.get(trx, enterpriseId)
  if (!enterprise || !(await findDepartment(trx, departmentId))) throw notFound()
  const removed = await supervisionLinksRepository.remove(trx, departmentId, enterpriseId)
  const after = removed ? (await enterprisesRepository.get(trx, enterpriseId))! : enterprise
  return {
    result: after,
    entityType: 'supervision_link',
    entityId: `${departmentId}:${enterpriseId}`,
    detail: { removed },
  }
}

/** Which enterprises the department supervises (or not): one page, for the office's picker. */
export async function departmentEnterprises(
  db: DbOrTrx,
  departmentId: number,
  query: { linked: boolean; q?: string; page: number },
): Promise<TDepartmentEnterprisePage> {
  if (!(await findDepartment(db, departmentId))) throw notFound()
  const pageSize = DEPARTMENT_ENTERPRISE_PAGE_SIZE
  const { items, total } = await supervisionLinksRepository.page(db, departmentId, { ...query, pageSize })
  return { items, total, page: query.page, pageSize }
}
