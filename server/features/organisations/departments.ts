import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import { MAX_ID } from '../../core/access'
import { AppError, notFound } from '../../core/errors'
import { isoAt } from '../../core/clock'
import type { WriteOutcome } from '../../core/writes'
import type { TDepartment } from '../../../src/models/org'
import type { TSupervisionRuleResult } from '../../../src/models/department'
import { departmentsRepository, enterprisesRepository, toDepartment } from './repository'

type Trx = Transaction<Database>

const nameTaken = () =>
  new AppError(409, 'DEPARTMENT_NAME_TAKEN', undefined, [{ path: 'name', message: '已有同名部门' }])

/** An id beyond the 32-bit column names no department (PostgreSQL would refuse to compare it). */
const findDepartment = (trx: Trx, id: number) =>
  id > MAX_ID ? Promise.resolve(undefined) : departmentsRepository.findById(trx, id)

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
  if (!(await findDepartment(trx, id))) throw notFound()
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
  if (!(await findDepartment(trx, departmentId))) throw notFound()
  const result = await enterprisesRepository.linkByOwnership(trx, departmentId, ownerships, isoAt(now))
  return { result, entityType: 'department', entityId: departmentId, detail: { ownerships, ...result } }
}
