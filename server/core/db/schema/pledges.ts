import type { Generated, Selectable } from 'kysely'
import type { SchemaColumns } from './columns'

export interface PledgeTemplateTable {
  id: Generated<number>
  kind: string
  version: number
  /** JSON of TPledgeTemplateContent */
  content: string
  note: string | null
  created_by: number | null
  created_at: string
}

export interface PledgeTable {
  id: Generated<number>
  /** The public verify code (12 chars Crockford base32). */
  code: string
  kind: string
  template_id: number
  enterprise_id: number
  department_id: number | null
  /** The exact text signed, and its SHA-256 (hex). */
  text: string
  text_sha256: string
  status: 'pending' | 'effective' | 'withdrawn'
  started_by: number
  started_side: 'enterprise' | 'department'
  created_at: string
  effective_at: string | null
  withdrawn_at: string | null
  withdrawn_by: number | null
  withdraw_reason: string | null
  /** 政商 pledges from 0029: the 政商交往清单 versions in force when started (JSON array of ids); else null. */
  dealing_version_ids: string | null
}

export interface PledgeSignatureTable {
  id: Generated<number>
  pledge_id: number
  side: 'enterprise' | 'department'
  signer_user_id: number
  signer_name: string
  organisation_kind: 'enterprise' | 'department'
  organisation_id: number
  text_sha256: string
  /** base64 of the PNG as received */
  signature_png: string
  signature_sha256: string
  signed_at: string
  ip: string | null
  user_agent: string | null
  chain_seq: number
}

export interface PledgeChainTable {
  seq: number
  pledge_id: number
  signature_id: number | null
  action: 'sign' | 'withdraw'
  payload: string
  prev_mac: string
  mac: string
  created_at: string
  /** 1: the payload alone is keyed (entries written before 0020); 2: the row's columns too. */
  mac_version: number
}

export interface PledgeReminderTable {
  id: Generated<number>
  enterprise_id: number
  user_id: number
  year: number
  sent_by: number
  created_at: string
}

export type PledgeRow = Selectable<PledgeTable>
export type PledgeSignatureRow = Selectable<PledgeSignatureTable>
export type PledgeChainRow = Selectable<PledgeChainTable>

/** The tables of `server/features/pledges/`. */
export interface PledgesTables {
  pledge_templates: PledgeTemplateTable
  pledges: PledgeTable
  pledge_signatures: PledgeSignatureTable
  pledge_chain: PledgeChainTable
  pledge_reminders: PledgeReminderTable
}

export const pledgesColumns = {
  pledge_templates: {
    id: true,
    kind: true,
    version: true,
    content: true,
    note: true,
    created_by: true,
    created_at: true,
  },
  pledges: {
    id: true,
    code: true,
    kind: true,
    template_id: true,
    enterprise_id: true,
    department_id: true,
    text: true,
    text_sha256: true,
    status: true,
    started_by: true,
    started_side: true,
    created_at: true,
    effective_at: true,
    withdrawn_at: true,
    withdrawn_by: true,
    withdraw_reason: true,
    dealing_version_ids: true,
  },
  pledge_signatures: {
    id: true,
    pledge_id: true,
    side: true,
    signer_user_id: true,
    signer_name: true,
    organisation_kind: true,
    organisation_id: true,
    text_sha256: true,
    signature_png: true,
    signature_sha256: true,
    signed_at: true,
    ip: true,
    user_agent: true,
    chain_seq: true,
  },
  pledge_chain: {
    seq: true,
    pledge_id: true,
    signature_id: true,
    action: true,
    payload: true,
    prev_mac: true,
    mac: true,
    created_at: true,
    mac_version: true,
  },
  pledge_reminders: {
    id: true,
    enterprise_id: true,
    user_id: true,
    year: true,
    sent_by: true,
    created_at: true,
  },
} as const satisfies SchemaColumns<PledgesTables>
