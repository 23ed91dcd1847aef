import type { DbOrTrx } from './database'

/** The tables whose rows people know by a name. */
type Named = 'enterprises' | 'departments' | 'users' | 'party_members'

/** The names of these rows by id; an id that finds no row is missing from the map. */
export async function namesById(
  db: DbOrTrx,
  table: Named,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', unique).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

export type OrganisationKind = 'enterprise' | 'department'

/** The names of organisations of either kind (an event's organiser, a signer's organisation), by kind and id. */
export async function organisationNames(
  db: DbOrTrx,
  organisations: readonly { kind: OrganisationKind; id: number }[],
): Promise<Record<OrganisationKind, Map<number, string>>> {
  const ids = (kind: OrganisationKind) => organisations.filter((o) => o.kind === kind).map((o) => o.id)
  const [enterprise, department] = await Promise.all([
    namesById(db, 'enterprises', ids('enterprise')),
    namesById(db, 'departments', ids('department')),
  ])
  return { enterprise, department }
}

/** The table holding organisations of that kind. */
export const organisationTable = (kind: OrganisationKind) =>
  kind === 'enterprise' ? 'enterprises' : 'departments'
