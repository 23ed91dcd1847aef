import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/events/`. */
export const eventsColumns = {
  events: {
    id: autoId,
    kind: text,
    title: text,
    description: textOrNull,
    organiser_kind: column<'enterprise' | 'department'>(),
    organiser_id: num,
    starts_at: text,
    ends_at: text,
    sign_in_opens_at: text,
    sign_in_closes_at: text,
    place_name: textOrNull,
    place_lat: numOrNull,
    place_lng: numOrNull,
    place_radius_m: numOrNull,
    /** base64url of 32 random bytes: signs the rotating QR; never leaves the server. */
    qr_secret: text,
    created_by: num,
    created_at: text,
    updated_at: text,
    /** Set when the organiser cancels the event (已取消): kept, but out of every list of upcoming events and rate. */
    cancelled_at: textOrNull,
  },
  event_audience: {
    event_id: num,
    enterprise_id: num,
  },
  event_display_tokens: {
    id: autoId,
    event_id: num,
    /** SHA-256 (hex) of the token: the token itself is shown once, to its creator. */
    token_hash: text,
    created_by: num,
    created_at: text,
    expires_at: text,
    revoked_at: textOrNull,
    revoked_by: numOrNull,
  },
  sign_ins: {
    id: autoId,
    event_id: num,
    user_id: num,
    /** The audience enterprise the attendee counts for. */
    enterprise_id: num,
    method: column<'scan' | 'offline' | 'proxy'>(),
    signed_in_at: text,
    received_at: text,
    scanned_at: textOrNull,
    slot: numOrNull,
    lat: numOrNull,
    lng: numOrNull,
    accuracy: numOrNull,
    distance_m: numOrNull,
    /** JSON array of flags */
    flags: text,
    proxy_by: numOrNull,
    proxy_reason: textOrNull,
    created_at: text,
  },
}
