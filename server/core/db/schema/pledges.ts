import { autoId, column, num, numOrNull, text, textOrNull } from './columns'

/** The tables of `server/features/pledges/`. */
export const pledgesColumns = {
  pledge_templates: {
    id: autoId,
    kind: text,
    version: num,
    /** JSON of TPledgeTemplateContent */
    content: text,
    note: textOrNull,
    created_by: numOrNull,
    created_at: text,
  },
  pledges: {
    id: autoId,
    /** The public verify code (12 chars Crockford base32). */
    code: text,
    kind: text,
    template_id: num,
    enterprise_id: num,
    department_id: numOrNull,
    /** The exact text signed, and its SHA-256 (hex). */
    text: text,
    text_sha256: text,
    status: column<'pending' | 'effective' | 'withdrawn'>(),
    started_by: num,
    started_side: column<'enterprise' | 'department'>(),
    created_at: text,
    effective_at: textOrNull,
    withdrawn_at: textOrNull,
    withdrawn_by: numOrNull,
    withdraw_reason: textOrNull,
    /** 政商 pledges from 0029: the 政商交往清单 versions in force when started (JSON array of ids); else null. */
    dealing_version_ids: textOrNull,
  },
  pledge_signatures: {
    id: autoId,
    pledge_id: num,
    side: column<'enterprise' | 'department'>(),
    signer_user_id: num,
    signer_name: text,
    organisation_kind: column<'enterprise' | 'department'>(),
    organisation_id: num,
    text_sha256: text,
    /** base64 of the PNG as received */
    signature_png: text,
    signature_sha256: text,
    signed_at: text,
    ip: textOrNull,
    user_agent: textOrNull,
    chain_seq: num,
  },
  pledge_chain: {
    seq: num,
    pledge_id: num,
    signature_id: numOrNull,
    action: column<'sign' | 'withdraw'>(),
    payload: text,
    prev_mac: text,
    mac: text,
    created_at: text,
    /** 1: the payload alone is keyed (entries written before 0020); 2: the row's columns too. */
    mac_version: num,
  },
  pledge_reminders: {
    id: autoId,
    enterprise_id: num,
    user_id: num,
    year: num,
    sent_by: num,
    created_at: text,
  },
}
