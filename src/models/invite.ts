import { z } from 'zod'
import { ZEnterpriseRole, ZMember } from './org'

export const ZInviteCreate = z
  .object({
    role: ZEnterpriseRole.default('employee'),
    expiresInDays: z.number().int().min(1, '有效期至少1天').max(90, '有效期不超过90天').default(7),
    maxUses: z.number().int().min(1).max(1000).default(50),
  })
  .meta({ id: 'InviteCreate' })
export type TInviteCreate = z.input<typeof ZInviteCreate>

export const ZInvite = z
  .object({
    id: z.number().int(),
    code: z.string(),
    enterpriseId: z.number().int(),
    role: ZEnterpriseRole,
    expiresAt: z.string(),
    maxUses: z.number().int(),
    uses: z.number().int(),
  })
  .meta({ id: 'Invite' })
export type TInvite = z.infer<typeof ZInvite>

export const ZInviteJoinBody = z
  .object({
    code: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9]{8}$/, '邀请码应为8位字母或数字')),
  })
  .meta({ id: 'InviteJoinBody' })

export const ZJoinResult = z
  .object({
    membershipId: z.number().int(),
    enterpriseId: z.number().int(),
    enterpriseName: z.string(),
    role: ZEnterpriseRole,
    status: z.literal('pending'),
  })
  .meta({ id: 'JoinResult' })
export type TJoinResult = z.infer<typeof ZJoinResult>

export const ZMemberList = z.object({ members: z.array(ZMember) })
