import type { Generated, Selectable } from 'kysely'
import type { SchemaColumns } from './columns'

export interface EventTable {
  id: Generated<number>
  kind: string
  title: string
  description: string | null
  organiser_kind: 'enterprise' | 'department'
  organiser_id: number
  starts_at: string
  ends_at: string
  sign_in_opens_at: string
  sign_in_closes_at: string
  place_name: string | null
  place_lat: number | null
  place_lng: number | null
  place_radius_m: number | null
  /** base64url of 32 random bytes: signs the rotating QR; never leaves the server. */
  qr_secret: string
  created_by: number
  created_at: string
  updated_at: string
  /** Set when the organiser cancels the event (已取消): kept, but out of every list of upcoming events and rate. */
  cancelled_at: string | null
}

export interface EventAudienceTable {
  event_id: number
  enterprise_id: number
}

export interface EventDisplayTokenTable {
  id: Generated<number>
  event_id: number
  /** SHA-256 (hex) of the token: the token itself is shown once, to its creator. */
  token_hash: string
  created_by: number
  created_at: string
  expires_at: string
  revoked_at: string | null
  revoked_by: number | null
}

export interface SignInTable {
  id: Generated<number>
  event_id: number
  user_id: number
  /** The audience enterprise the attendee counts for. */
  enterprise_id: number
  method: 'scan' | 'offline' | 'proxy'
  signed_in_at: string
  received_at: string
  scanned_at: string | null
  slot: number | null
  lat: number | null
  lng: number | null
  accuracy: number | null
  distance_m: number | null
  /** JSON array of flags */
  flags: string
  proxy_by: number | null
  proxy_reason: string | null
  created_at: string
}

export type EventRow = Selectable<EventTable>
export type SignInRow = Selectable<SignInTable>

/** The tables of `server/features/events/`. */
export interface EventsTables {
  events: EventTable
  event_audience: EventAudienceTable
  event_display_tokens: EventDisplayTokenTable
  sign_ins: SignInTable
}

export const eventsColumns = {
  events: {
    id: true,
    kind: true,
    title: true,
    description: true,
    organiser_kind: true,
    organiser_id: true,
    starts_at: true,
    ends_at: true,
    sign_in_opens_at: true,
    sign_in_closes_at: true,
    place_name: true,
    place_lat: true,
    place_lng: true,
    place_radius_m: true,
    qr_secret: true,
    created_by: true,
    created_at: true,
    updated_at: true,
    cancelled_at: true,
  },
  event_audience: { event_id: true, enterprise_id: true },
  event_display_tokens: {
    id: true,
    event_id: true,
    token_hash: true,
    created_by: true,
    created_at: true,
    expires_at: true,
    revoked_at: true,
    revoked_by: true,
  },
  sign_ins: {
    id: true,
    event_id: true,
    user_id: true,
    enterprise_id: true,
    method: true,
    signed_in_at: true,
    received_at: true,
    scanned_at: true,
    slot: true,
    lat: true,
    lng: true,
    accuracy: true,
    distance_m: true,
    flags: true,
    proxy_by: true,
    proxy_reason: true,
    created_at: true,
  },
} as const satisfies SchemaColumns<EventsTables>
