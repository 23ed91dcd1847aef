import type { DbOrTrx } from '../../core/db/database'
import { namesById, organisationTable } from '../../core/db/names'
import {
  ENTERPRISE_LIAISON_OR_OFFICE,
  OFFICE,
  heldOrganisationIds,
  isOffice,
  type Access,
  type AuthContext,
} from '../../core/access'
import { membershipsRepository } from './membershipsRepository'

/**
 * Who decides a join request, in one place: the routes' access (who MAY decide) and 任务 (whose task it
 * IS) both read it.
 *
 * - An enterprise's request: its liaison, and the office, which must for the first liaison (its
 *   liaison invite) and wherever the enterprise has no liaison in use; elsewhere the request is the
 *   liaison's task only, so the office is not told of every 职工 of the county.
 * - A department's request: the office (departments have no administrator of their own).
 */
export const JOIN_DECIDERS: Record<'enterprise' | 'department', Access> = {
  enterprise: ENTERPRISE_LIAISON_OR_OFFICE,
  department: OFFICE,
}

export interface JoinsToDecide {
  kind: 'enterprise' | 'department'
  organisationId: number
  name: string
  count: number
  /** The newest request: a further request is a new occasion (a new to-do key, reminded again). */
  latestId: number
  /** The office decides it (the page opens as the office's). */
  asOffice: boolean
}

/** The join requests waiting for the caller's decision, per organisation. */
export async function joinsToDecide(db: DbOrTrx, auth: AuthContext): Promise<JoinsToDecide[]> {
  const me = auth.user.id
  const liaisonOf = heldOrganisationIds(auth, 'enterprise', 'liaison')
  const office = isOffice(auth)
  const [asLiaison, officeEnterprises, departments] = await Promise.all([
    membershipsRepository.pendingJoins(db, 'enterprise', { organisationIds: liaisonOf }, me),
    office ? membershipsRepository.pendingJoins(db, 'enterprise', { noLiaisonInUse: true }, me) : [],
    office ? membershipsRepository.pendingJoins(db, 'department', { all: true }, me) : [],
  ])
  const mine = new Set(liaisonOf)
  const groups = [
    ...asLiaison.map((j) => ({ ...j, kind: 'enterprise' as const, asOffice: false })),
    // An enterprise the caller is also the liaison of is listed once, as theirs.
    ...officeEnterprises
      .filter((j) => !mine.has(j.organisationId))
      .map((j) => ({ ...j, kind: 'enterprise' as const, asOffice: true })),
    ...departments.map((j) => ({ ...j, kind: 'department' as const, asOffice: true })),
  ]
  const [enterprises, departmentNames] = await Promise.all(
    (['enterprise', 'department'] as const).map((kind) =>
      namesById(
        db,
        organisationTable(kind),
        groups.filter((g) => g.kind === kind).map((g) => g.organisationId),
      ),
    ),
  )
  return groups.map((g) => ({
    ...g,
    name: (g.kind === 'enterprise' ? enterprises : departmentNames).get(g.organisationId) ?? '',
  }))
}
