import type { FastifyInstance } from 'fastify'
import type { TImportCounts, TImportList, TImportSummary } from '../../../src/models/enterpriseImport'
import { importsRepository } from './repository'

/**
 * The office's recent imports, newest first, a page at a time: a clerk who left the import page finds a
 * batch again (its result, its 邀请函). Each committed one carries its 批次 (see `importBatch`).
 */
export async function importList(
  app: FastifyInstance,
  page: { page: number; pageSize: number },
): Promise<TImportList> {
  const [{ rows, total }, order] = await Promise.all([
    importsRepository.recent(app.db, page),
    importsRepository.committedOrder(app.db),
  ])
  const items = rows.map((r): TImportSummary => ({
    id: r.id,
    filename: r.filename,
    state: r.state as TImportSummary['state'],
    total: r.total,
    counts: r.counts ? (JSON.parse(r.counts) as TImportCounts) : null,
    createdAt: r.created_at,
    committedAt: r.committed_at,
    batch: batchIn(order, r.id),
  }))
  return { items, total, page: page.page, pageSize: page.pageSize }
}

/**
 * 第几批: the committed imports counted in the order they were committed, so a county's first batch is
 * 第1批 whatever checks were uploaded and dropped before it (an import's id counts those too).
 */
export async function importBatch(app: FastifyInstance, id: number): Promise<number | null> {
  return batchIn(await importsRepository.committedOrder(app.db), id)
}

function batchIn(order: number[], id: number): number | null {
  const at = order.indexOf(id)
  return at < 0 ? null : at + 1
}
