import { z } from 'zod'
import { severalLines } from './textLimit'

/** The one-time administrator code printed by `npm run setup` (12 characters, dashes optional). */
export const ZAdminCodeRedeem = z
  .object({
    code: severalLines(z.string().trim().max(40, '管理员码格式不正确'), '管理员码')
      .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^[A-Z0-9]{12}$/, '管理员码为12位字母或数字')),
  })
  .meta({ id: 'AdminCodeRedeem' })
export type TAdminCodeRedeem = z.input<typeof ZAdminCodeRedeem>

export const ZAdminCodeRedeemed = z
  .object({
    departmentId: z.number().int(),
    departmentName: z.string(),
    role: z.literal('office'),
  })
  .meta({ id: 'AdminCodeRedeemed' })
export type TAdminCodeRedeemed = z.infer<typeof ZAdminCodeRedeemed>
