import type { Dialect } from '../../core/db/database'
import type { Transaction } from 'kysely'
import type { Database } from '../../core/db/schema'
import { isoAt } from '../../core/clock'
import { AppError, notFound } from '../../core/errors'
import type { WriteOutcome } from '../../core/writes'
import {
  diffEnterprise,
  type TImportCommitResult,
  type TImportRowData,
} from '../../../src/models/enterpriseImport'
import { invitesRepository } from '../organisations/invitesRepository'
import { newInviteCode } from '../organisations/service'
import { joinOpenCampaigns } from '../organisations/openCampaigns'
import { importsRepository, type StoredCommit } from './repository'

/** A liaison invite from an import: one use (the liaison), long enough to be printed and sent out. */
export const IMPORT_INVITE_DAYS = 30
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

const COLUMN_OF = {
  name: 'name',
  ownership: 'ownership',
  partyOrg: 'party_org',
  industry: 'industry',
  liaisonName: 'liaison_name',
  liaisonPhone: 'liaison_phone',
} as const

/**
 * All accepted rows in the caller's one transaction, keyed by credit code: a new code is inserted (a
 * code another import registered meanwhile is skipped by the unique constraint and compared instead),
 * a registered one gets only the fields that differ and the department links it lacks. Each created
 * enterprise gets a liaison invite and a draft in each county-wide 自查 still open (joinOpenCampaigns).
 * The import is claimed first (ready → committed), so a second commit
 * of it, concurrent or later, answers what the first one did.
 */
export async function commitImport(
  trx: Transaction<Database>,
  importId: number,
  actorId: number,
  nowMs: number,
  dialect: Dialect,
): Promise<WriteOutcome<TImportCommitResult>> {
  const now = isoAt(nowMs)
  if (!(await importsRepository.claimCommit(trx, importId, now))) {
    const row = await importsRepository.find(trx, importId)
    if (!row) throw notFound()
    if (row.state === 'parsing') throw new AppError(409, 'IMPORT_NOT_READY')
    if (row.state === 'failed' || !row.commit_result) throw new AppError(409, 'IMPORT_FAILED')
    const stored = JSON.parse(row.commit_result) as StoredCommit
    return {
      result: {
        created: stored.created,
        updated: stored.updated,
        unchanged: stored.unchanged,
        invites: stored.invites,
      },
      entityType: 'enterprise_import',
      entityId: importId,
      detail: { replay: true },
      status: 200,
    }
  }

  const rows = await importsRepository.acceptedRows(trx, importId)
  const departments = await importsRepository.lockDepartmentsInService(trx)
  for (const row of rows) row.departmentIds = row.departmentIds.filter((id) => departments.has(id))
  const result: StoredCommit = { created: 0, updated: 0, unchanged: 0, invites: 0, createdInvites: [] }
  const createdIds: number[] = []
  const updatedIds: number[] = []

  for (let start = 0; start < rows.length; start += 500) {
    const part = rows.slice(start, start + 500)
    const before = await importsRepository.existing(
      trx,
      part.map((r) => r.creditCode),
    )
    const created = await importsRepository.insertEnterprises(
      trx,
      part.filter((r) => !before.has(r.creditCode)),
      now,
    )
    // Codes registered by a concurrent import between our read and our insert.
    const raced = part.filter((r) => !before.has(r.creditCode) && !created.has(r.creditCode))
    const registered = raced.length
      ? new Map([
          ...before,
          ...(await importsRepository.existing(
            trx,
            raced.map((r) => r.creditCode),
          )),
        ])
      : before
    const links: [number, number][] = []
    for (const row of part) {
      const newId = created.get(row.creditCode)
      if (newId !== undefined) {
        for (const d of row.departmentIds) links.push([d, newId])
        const invite = await invitesRepository.insert(
          trx,
          {
            code: newInviteCode(),
            enterpriseId: newId,
            role: 'liaison',
            createdBy: actorId,
            expiresAt: isoAt(nowMs + IMPORT_INVITE_DAYS * 86_400_000),
            maxUses: 1,
          },
          now,
        )
        result.created++
        result.invites++
        result.createdInvites.push([newId, invite.id])
        createdIds.push(newId)
        continue
      }
      const existing = registered.get(row.creditCode)!
      const change = diffEnterprise(existing, row)
      if (change.fields.length === 0 && change.newDepartmentIds.length === 0) {
        result.unchanged++
        continue
      }
      if (change.fields.length) {
        const values = Object.fromEntries(
          change.fields.map((f) => [COLUMN_OF[f], (row as TImportRowData)[f] ?? null]),
        ) as Record<string, string | null>
        await importsRepository.updateEnterprise(trx, existing.id, values, now)
      }
      for (const d of change.newDepartmentIds) links.push([d, existing.id])
      result.updated++
      updatedIds.push(existing.id)
    }
    await importsRepository.link(trx, links, now)
    // Lets other requests in between chunks (the statements still run in this one transaction).
    await yieldToLoop()
  }
  await joinOpenCampaigns(trx, dialect, createdIds, actorId, now)
  await importsRepository.saveCommit(trx, importId, result)
  const { createdInvites: _pairs, ...counts } = result
  return {
    result: counts,
    entityType: 'enterprise_import',
    entityId: importId,
    detail: { ...counts, createdEnterpriseIds: createdIds, updatedEnterpriseIds: updatedIds },
  }
}
