import { z } from 'zod'
import { oneLine } from './textLimit'
import { ZMembership } from './org'
import { normalizeMobilePhone } from './phone'

export const ZWechatLoginBody = z
  .object({ code: oneLine(z.string().trim().min(1, '缺少微信登录凭证').max(128, '微信登录凭证格式不正确')) })
  .meta({ id: 'WechatLoginBody' })

export const ZDevLoginBody = z
  .object({ openid: oneLine(z.string().trim().min(1, '请选择演示用户').max(64)) })
  .meta({ id: 'DevLoginBody' })

export const ZUser = z
  .object({
    id: z.number().int(),
    name: z.string(),
    phoneMasked: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' })
export type TUser = z.infer<typeof ZUser>

export const ZLoginResponse = z
  .object({
    token: z.string(),
    expiresAt: z.string(),
    user: ZUser,
  })
  .meta({ id: 'LoginResponse' })
export type TLoginResponse = z.infer<typeof ZLoginResponse>

export const ZMe = z
  .object({
    user: ZUser,
    memberships: z.array(ZMembership),
  })
  .meta({ id: 'Me' })
export type TMe = z.infer<typeof ZMe>

export const ZProfileUpdate = z
  .object({
    name: oneLine(z.string().trim().min(1, '请填写姓名').max(30, '姓名不超过30个字'), '姓名'),
    // The one mobile rule (phone.ts), as the enterprise import's 联络员手机: spaces, dashes and +86 are
    // dropped, so the number kept compares with the one the office registered.
    phone: oneLine(z.string().trim(), '手机号')
      .transform((s) => normalizeMobilePhone(s) ?? s)
      .pipe(z.string().regex(/^1[3-9]\d{9}$/, '手机号应为11位数字'))
      .nullable(),
  })
  .partial()
  .meta({ id: 'ProfileUpdate' })
export type TProfileUpdate = z.infer<typeof ZProfileUpdate>

/** One entry of the demo-user picker (demo and test mode only). */
export const ZDemoUser = z
  .object({
    openid: z.string(),
    name: z.string(),
    description: z.string(),
  })
  .meta({ id: 'DemoUser' })
export type TDemoUser = z.infer<typeof ZDemoUser>
export const ZDemoUserList = z.object({ users: z.array(ZDemoUser) })
