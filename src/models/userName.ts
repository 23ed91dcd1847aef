// No zod here: the server's login and the app's join step share it.

/** The name a first WeChat login gets: WeChat no longer hands the app a nickname. */
export const DEFAULT_USER_NAME = '微信用户'

/**
 * Whether the person has told us their name: a join request (and the office's 管理员码) goes to an
 * approver who must see who asks, so the join step asks first while it is still the default.
 */
export function hasRealName(name: string): boolean {
  const trimmed = name.trim()
  return trimmed !== '' && trimmed !== DEFAULT_USER_NAME
}

/** Who did something, as the records know them: their own name, a name the branch keeps for them, their phone. */
export interface KnownPerson {
  /** null: nobody signed in (a login refused …). */
  id: number | null
  /** Their own name (users.name: 微信用户 until they fill it in). */
  name: string | null
  /** A name their 党支部 keeps for them (party_members), when their own is not filled in. */
  otherName?: string | null
  /** Masked, as in every list (maskPhone). */
  phoneMasked: string | null
}

/**
 * 操作人 as a clerk can tell them apart (操作日志 on the page and in its workbook): their name; else one the
 * branch keeps for them; else that no name was filled in, with the masked phone to reach them by; else with
 * with their number (the only handle left), never a bare 「用户 123」 that says nothing to a clerk.
 */
export function personLabel(p: KnownPerson): string {
  if (p.id === null) return '（未登录）'
  const named = [p.name, p.otherName].find((n): n is string => typeof n === 'string' && hasRealName(n))
  if (named) return named.trim()
  if (p.phoneMasked) return `未填写姓名（手机 ${p.phoneMasked}）`
  return `未填写姓名的用户（编号 ${p.id}）`
}
