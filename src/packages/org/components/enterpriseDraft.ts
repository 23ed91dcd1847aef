import {
  ZCreditCode,
  ZEnterpriseCreate,
  type TEnterpriseCreateInput,
  type TOwnership,
  type TPartyOrg,
} from '@/models/org'
import { CREDIT_CODE_PROBLEM_MESSAGES, hasCreditCodeBadChar } from '@/models/creditCode'

/** What the clerk has filled in so far (所有制 and 党组织 not picked yet: null). */
export interface EnterpriseDraft {
  name: string
  creditCode: string
  ownership: TOwnership | null
  partyOrg: TPartyOrg | null
  industry: string
  supervisingDepartmentIds: number[]
}

export const EMPTY_DRAFT: EnterpriseDraft = {
  name: '',
  creditCode: '',
  ownership: null,
  partyOrg: null,
  industry: '',
  supervisingDepartmentIds: [],
}

export type EnterpriseField = keyof EnterpriseDraft
/** Each field's message (the first problem found), shown under it. */
export type FieldErrors = Partial<Record<EnterpriseField, string>>

const CODE_LENGTH = 18

/** The credit code as the clerk types it: nothing yet, a problem, how many are still to come, or checked. */
export type CodeState =
  | { tone: 'none' }
  | { tone: 'error'; text: string }
  | { tone: 'pending'; text: string }
  | { tone: 'ok'; text: string }

/**
 * The shared rule (ZCreditCode, GB 32100) applied as the code is typed: a character no code holds is said
 * at once; short of 18 only what is left is said (`done`: the field was left, so short is a problem).
 */
export function creditCodeState(raw: string, done = false): CodeState {
  const code = raw.trim().toUpperCase()
  if (!code) return { tone: 'none' }
  if (code.length < CODE_LENGTH) {
    if (hasCreditCodeBadChar(code)) return { tone: 'error', text: CREDIT_CODE_PROBLEM_MESSAGES.charset }
    if (done) return { tone: 'error', text: CREDIT_CODE_PROBLEM_MESSAGES.length }
    return { tone: 'pending', text: `还差 ${CODE_LENGTH - code.length} 位` }
  }
  const checked = ZCreditCode.safeParse(code)
  if (checked.success) return { tone: 'ok', text: '校验位正确' }
  return { tone: 'error', text: checked.error.issues[0]?.message ?? CREDIT_CODE_PROBLEM_MESSAGES.checksum }
}

/** Messages of what was left empty, before the schema's own (which speak of lengths and kinds). */
const MISSING: Partial<Record<EnterpriseField, string>> = {
  name: '请填写企业名称',
  creditCode: '请填写统一社会信用代码',
  ownership: '请选择所有制',
  partyOrg: '请选择党组织情况',
}

function isEmpty(value: EnterpriseDraft[EnterpriseField]): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '')
}

/** The draft checked by the schema the server checks it with: the body to send, or each field's message. */
export function checkEnterprise(
  draft: EnterpriseDraft,
): { ok: true; body: TEnterpriseCreateInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  for (const [field, message] of Object.entries(MISSING) as [EnterpriseField, string][])
    if (isEmpty(draft[field])) errors[field] = message
  const parsed = ZEnterpriseCreate.safeParse({ ...draft, industry: draft.industry.trim() || null })
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, body: parsed.data }
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] as EnterpriseField
    errors[field] ??= issue.message
  }
  return { ok: false, errors }
}

/**
 * Where the server's refusal goes: a credit code already registered under its field, a department
 * retired meanwhile under 监管部门; anything else (no longer the office …) under the form.
 */
export function refusalField(code: string): EnterpriseField | null {
  if (code === 'CREDIT_CODE_TAKEN') return 'creditCode'
  if (code === 'DEPARTMENT_RETIRED') return 'supervisingDepartmentIds'
  return null
}
