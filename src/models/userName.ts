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
