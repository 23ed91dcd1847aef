import type { FastifyRequest } from 'fastify'
import { EVENT_ORGANISER_ROLES, hasRole } from '../../../src/models/roles'
import { accessContextSlot, recordIdParam, type AccessChecker, type AuthContext } from '../../core/access'
import type { DbOrTrx } from '../../core/db/database'
import type { EventRow, MembershipRow } from '../../core/db/schema'
import { AppError, found, notFound } from '../../core/errors'
import { eventsRepository } from './repository'

/** What an `event` access check found, kept for the handler so it does not load the event again. */
export interface EventAccessContext {
  event: EventRow
  organiser: boolean
  /** The audience enterprises the caller is an approved member of, lowest id first. */
  audienceEnterpriseIds: number[]
}

const slot = accessContextSlot<EventAccessContext>('event')

/** What the event access check loaded (it always ran before the handler on these routes). */
export const eventOf = (request: FastifyRequest): EventAccessContext => slot.recall(request)

/** The organising enterprise's liaisons and branch secretaries, or the organising department's supervisors and office. */
export function organisesEvent(
  auth: AuthContext,
  event: Pick<EventRow, 'organiser_kind' | 'organiser_id'>,
): boolean {
  const roles = EVENT_ORGANISER_ROLES[event.organiser_kind]
  return auth.memberships.some(
    (m) =>
      m.organisation_kind === event.organiser_kind &&
      m.organisation_id === event.organiser_id &&
      hasRole(roles, m.role),
  )
}

/** The audience enterprises of an event that the user is an approved member of, lowest id first. */
export async function audienceEnterprisesOf(
  db: DbOrTrx,
  memberships: Pick<MembershipRow, 'organisation_kind' | 'organisation_id'>[],
  eventId: number,
): Promise<number[]> {
  const mine = [
    ...new Set(memberships.filter((m) => m.organisation_kind === 'enterprise').map((m) => m.organisation_id)),
  ]
  if (mine.length === 0) return []
  return eventsRepository.audienceAmong(db, eventId, mine)
}

/** The `event` access kind: organisers, and with `audience` the audience; others the 404 of a missing event. */
export const checkEventAccess: AccessChecker<{ kind: 'event'; param: string; audience?: boolean }> = async (
  request,
  auth,
  access,
) => {
  const eventId = recordIdParam(request, access.param)
  const db = request.server.db
  const event = await found(eventsRepository.byId(db, eventId))
  const organiser = organisesEvent(auth, event)
  const audienceEnterpriseIds = await audienceEnterprisesOf(db, auth.memberships, event.id)
  slot.remember(request, { event, organiser, audienceEnterpriseIds })
  if (organiser) return
  if (audienceEnterpriseIds.length > 0) {
    if (access.audience) return
    throw new AppError(403, 'FORBIDDEN')
  }
  // Not organiser, not audience: exactly what a missing event answers.
  throw notFound()
}
