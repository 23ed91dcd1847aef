import { z } from 'zod'
import { personRef, rowIds, ZDay, ZIdParam, ZRowId } from './common'
import { line, oneLine, textOf } from './textLimit'
import { CREDIT_CODE_PROBLEM_MESSAGES, checkCreditCode } from './creditCode'
import { DEPARTMENT_ROLES, ENTERPRISE_ROLES, ROLES, type TRole } from './roles'
import { MEMBERSHIP_STATUSES, MEMBERSHIP_STATUS_LABELS, ROLE_LABELS } from './orgLabels'

// The role sets live in ./roles; re-exported here for the app's existing imports.
export { DEPARTMENT_ROLES, ENTERPRISE_ROLES, ROLES }
export { MEMBERSHIP_STATUSES, MEMBERSHIP_STATUS_LABELS, ROLE_LABELS }

/** A record id in a path (bounded to the 32-bit id columns). */
export const ZId = ZIdParam
export const ZRole = z.enum(ROLES)
export type { TRole }

export const ZEnterpriseRole = z.enum(ENTERPRISE_ROLES)
export type TEnterpriseRole = z.infer<typeof ZEnterpriseRole>

export const OWNERSHIPS = ['state_owned', 'state_controlled', 'mixed', 'private', 'other'] as const
export const ZOwnership = z.enum(OWNERSHIPS)
export type TOwnership = z.infer<typeof ZOwnership>
export const OWNERSHIP_LABELS: Record<TOwnership, string> = {
  state_owned: '国有独资',
  state_controlled: '国有控股',
  mixed: '混合所有制',
  private: '民营',
  other: '其他',
}

// Kept with the labels (no zod) so that 首页 can use it too.
export { SOE_LEADER_OWNERSHIPS } from './orgLabels'

export const PARTY_ORGS = ['party_committee', 'general_branch', 'branch', 'none'] as const
export const ZPartyOrg = z.enum(PARTY_ORGS)
export type TPartyOrg = z.infer<typeof ZPartyOrg>
export const PARTY_ORG_LABELS: Record<TPartyOrg, string> = {
  party_committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  none: '无党组织',
}

export const ORG_KINDS = ['department', 'enterprise'] as const
export const ZOrgKind = z.enum(ORG_KINDS)
export type TOrgKind = z.infer<typeof ZOrgKind>

export const ZCreditCode = oneLine(z.string().trim().max(40, '统一社会信用代码应为18位'), '统一社会信用代码')
  .transform((s) => s.toUpperCase())
  .superRefine((code, ctx) => {
    const problem = checkCreditCode(code)
    if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_PROBLEM_MESSAGES[problem] })
  })

export const ZDepartment = z
  .object({
    id: z.number().int(),
    name: z.string(),
    isOffice: z.boolean(),
    /** When the office retired it (it then supervises nothing); null while in service. */
    retiredAt: z.string().nullable(),
  })
  .meta({ id: 'Department' })
export type TDepartment = z.infer<typeof ZDepartment>

export const ZEnterprise = z
  .object({
    id: z.number().int(),
    name: z.string(),
    creditCode: z.string(),
    ownership: ZOwnership,
    partyOrg: ZPartyOrg,
    industry: z.string().nullable(),
    leadingGroupDate: ZDay.nullable(),
    planFiledDate: ZDay.nullable(),
    demonstration: z.boolean(),
    supervisingDepartmentIds: z.array(z.number().int()),
  })
  .meta({ id: 'Enterprise' })
export type TEnterprise = z.infer<typeof ZEnterprise>

/** What an enterprise's profile lets the office write (the credit code only at creation). */
const enterpriseProfile = z.object({
  name: oneLine(textOf(2, '企业名称至少2个字', 100, '企业名称不超过100个字'), '企业名称'),
  creditCode: ZCreditCode,
  ownership: ZOwnership,
  partyOrg: ZPartyOrg,
  industry: line(50, '行业').nullable(),
})

export const ZEnterpriseCreate = enterpriseProfile
  .extend({
    industry: enterpriseProfile.shape.industry.optional(),
    supervisingDepartmentIds: rowIds(20, '监管部门').default([]),
  })
  .meta({ id: 'EnterpriseCreate' })
export type TEnterpriseCreateInput = z.output<typeof ZEnterpriseCreate>

export const ZEnterpriseUpdate = enterpriseProfile
  .omit({ creditCode: true })
  .partial()
  .meta({ id: 'EnterpriseUpdate' })
export type TEnterpriseUpdate = z.infer<typeof ZEnterpriseUpdate>

export const ZPartyBranch = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    name: z.string(),
    secretaryUserId: z.number().int().nullable(),
  })
  .meta({ id: 'PartyBranch' })
export type TPartyBranch = z.infer<typeof ZPartyBranch>

export const ZPartyBranchCreate = z.object({
  name: oneLine(z.string().trim().min(2, '支部名称至少2个字').max(60), '支部名称'),
  secretaryUserId: ZRowId.nullable().optional(),
})

export const ZMembershipStatus = z.enum(MEMBERSHIP_STATUSES)

/** A membership as its holder sees it: which organisation, which role. */
export const ZMembership = z
  .object({
    id: z.number().int(),
    organisationKind: ZOrgKind,
    organisationId: z.number().int(),
    organisationName: z.string(),
    role: ZRole,
    status: ZMembershipStatus,
  })
  .meta({ id: 'Membership' })
export type TMembership = z.infer<typeof ZMembership>

/** A member as a liaison sees the roll: phone always masked. */
export const ZMember = z
  .object({
    membershipId: z.number().int(),
    ...personRef,
    role: ZRole,
    status: ZMembershipStatus,
    createdAt: z.string(),
    /** The person's account is disabled by the office (signs in no more). */
    disabled: z.boolean(),
    /**
     * A pending liaison's request: the liaison the office registered for the enterprise (Excel import),
     * to compare with who asks. The phones stay masked as in every list; the server compares them in
     * full and says whether they match (null: one of the two is missing).
     */
    registered: z
      .object({
        name: z.string().nullable(),
        phoneMasked: z.string().nullable(),
        nameMatches: z.boolean().nullable(),
        phoneMatches: z.boolean().nullable(),
      })
      .optional(),
  })
  .meta({ id: 'Member' })
export type TMember = z.infer<typeof ZMember>
