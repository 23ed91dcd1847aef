import { z } from 'zod'
import { severalLines } from './textLimit'
import { ZRowId } from './common'
import { DEPARTMENT_ROLES, ZEnterpriseRole, ZMember, ZOrgKind, ZRole } from './org'

export const ZDepartmentRole = z.enum(DEPARTMENT_ROLES)
export type TDepartmentRole = z.infer<typeof ZDepartmentRole>

/**
 * Making an invite, to an enterprise or a department: the role it grants, how long it is valid, and how many
 * may use it (left out: 1 for a role one person holds, SINGLE_USE_INVITE_ROLES; else 50 for an enterprise's,
 * 20 for a department's).
 */
const inviteCreate = <R extends z.ZodType>(role: R) =>
  z.object({
    role,
    expiresInDays: z.number().int().min(1, '有效期至少1天').max(90, '有效期不超过90天').default(7),
    maxUses: z.number().int().min(1).max(1000).optional(),
  })

/** An invite as its organisation's managers list it: `org` names the organisation (its id) and the role. */
const invite = <S extends z.ZodRawShape>(org: S) =>
  z.object({
    id: z.number().int(),
    code: z.string(),
    ...org,
    expiresAt: z.string(),
    maxUses: z.number().int(),
    uses: z.number().int(),
  })

export const ZInviteCreate = inviteCreate(ZEnterpriseRole.default('employee')).meta({ id: 'InviteCreate' })
export type TInviteCreate = z.input<typeof ZInviteCreate>

export const ZInvite = invite({ enterpriseId: z.number().int(), role: ZEnterpriseRole }).meta({
  id: 'Invite',
})
export type TInvite = z.infer<typeof ZInvite>

export const ZInviteJoinBody = z
  .object({
    // A code pasted from a chat often carries spaces (ABCD 2345) or a line break: they are not part of it.
    code: severalLines(z.string().max(40, '邀请码应为8位字母或数字'), '邀请码')
      .transform((s) => s.replace(/\s+/g, '').toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9]{8}$/, '邀请码应为8位字母或数字')),
  })
  .meta({ id: 'InviteJoinBody' })

/** Whom the request goes to: an enterprise (its liaison decides) or a department (the office decides). */
export const ZJoinResult = z
  .object({
    membershipId: z.number().int(),
    organisationKind: ZOrgKind,
    organisationId: z.number().int(),
    organisationName: z.string(),
    /** Set when the invite is an enterprise's. */
    enterpriseId: z.number().int().optional(),
    enterpriseName: z.string().optional(),
    role: ZRole,
    status: z.literal('pending'),
  })
  .meta({ id: 'JoinResult' })
export type TJoinResult = z.infer<typeof ZJoinResult>

/**
 * What an invite code opens, shown before the request is sent (加入 page): the organisation, the role, until
 * when it is valid, and whether the caller already holds that role there.
 */
export const ZInvitePreview = z
  .object({
    organisationKind: ZOrgKind,
    organisationName: z.string(),
    role: ZRole,
    expiresAt: z.string(),
    alreadyMember: z.boolean(),
  })
  .meta({ id: 'InvitePreview' })
export type TInvitePreview = z.infer<typeof ZInvitePreview>

export const ZMemberList = z.object({ members: z.array(ZMember) })

/** An invite to a department (监管员, 党员干部, or 办公室人员 of the office), made by the office. */
export const ZDepartmentInviteCreate = inviteCreate(ZDepartmentRole).meta({ id: 'DepartmentInviteCreate' })
export type TDepartmentInviteCreate = z.input<typeof ZDepartmentInviteCreate>

export const ZDepartmentInvite = invite({ departmentId: z.number().int(), role: ZDepartmentRole }).meta({
  id: 'DepartmentInvite',
})
export type TDepartmentInvite = z.infer<typeof ZDepartmentInvite>

/** 调整角色: the membership takes this role instead of its current one. */
export const ZEnterpriseRoleChange = z.object({ role: ZEnterpriseRole }).meta({ id: 'EnterpriseRoleChange' })
export const ZDepartmentRoleChange = z.object({ role: ZDepartmentRole }).meta({ id: 'DepartmentRoleChange' })

/** 移交联络员: the member (any approved membership of that person here) becomes the liaison instead of the caller. */
export const ZLiaisonHandover = z.object({ membershipId: ZRowId }).meta({ id: 'LiaisonHandover' })

/** A person's account as the office sees it after 停用 / 启用. */
export const ZUserStatus = z
  .object({ userId: z.number().int(), name: z.string(), disabled: z.boolean() })
  .meta({ id: 'UserStatus' })
export type TUserStatus = z.infer<typeof ZUserStatus>
