import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { DEALING_LIST_KINDS, DEALING_LIST_STARTER } from '../src/models/dealings'

/**
 * 政商交往清单: the first version of each of the three lists, in force, holding only the programme's own words
 * (DEALING_LIST_STARTER, each citing its task). The document lists no items of its own: the page says the
 * 牵头单位 publish the rest.
 */
export async function seedDemoDealings(
  db: Kysely<Database> | Transaction<Database>,
  publishedBy: number,
  at: string,
): Promise<void> {
  await db
    .insertInto('dealing_list_versions')
    .values(
      DEALING_LIST_KINDS.map((kind) => ({
        kind,
        version: 1,
        items: JSON.stringify(DEALING_LIST_STARTER[kind]),
        revision: 0,
        in_force_kind: kind,
        created_by: publishedBy,
        created_at: at,
        updated_at: at,
        published_at: at,
        published_by: publishedBy,
      })),
    )
    .execute()
}
