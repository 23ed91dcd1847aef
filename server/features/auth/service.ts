import type { Transaction } from 'kysely'
import type { Database, UserRow } from '../../core/db/schema'
import { AppError } from '../../core/errors'
import { issueToken } from '../../core/token'
import { tokenClock } from '../../core/auth'
import type { WechatSession } from '../../core/wechat'
import type { TLoginResponse } from '../../../src/models/auth'
import { toUser, usersRepository } from './repository'
import type { WriteOutcome } from '../../core/writes'
import { isoAt } from '../../core/clock'
import { DEFAULT_USER_NAME } from '../../../src/models/userName'

export interface TokenSettings {
  secret: string
  ttlSeconds: number
}

function loginResponse(user: UserRow, tokens: TokenSettings): TLoginResponse {
  const { token, expiresAt } = issueToken(user.id, tokens.secret, tokens.ttlSeconds, tokenClock())
  return { token, expiresAt, user: toUser(user) }
}

/** First login creates the user (no memberships yet: they join by invite); later logins refresh the session_key. */
export async function loginWithWechatSession(
  trx: Transaction<Database>,
  session: WechatSession,
  tokens: TokenSettings,
  now: number,
): Promise<WriteOutcome<TLoginResponse>> {
  const at = isoAt(now)
  let existing = await usersRepository.findByOpenid(trx, session.openid)
  let created: UserRow | undefined
  if (!existing) {
    created = await usersRepository.insertIfNew(
      trx,
      {
        openid: session.openid,
        unionid: session.unionid,
        name: DEFAULT_USER_NAME,
        sessionKey: session.sessionKey,
      },
      at,
    )
    // A first login of the same person committed meanwhile (PostgreSQL waited for it): sign in as that user.
    if (!created) existing = await usersRepository.findByOpenid(trx, session.openid)
  }
  if (existing?.disabled_at) throw new AppError(403, 'ACCOUNT_DISABLED')
  const user =
    created ??
    (await usersRepository.update(
      trx,
      existing!.id,
      { sessionKey: session.sessionKey, unionid: session.unionid ?? existing!.unionid },
      at,
    ))
  return {
    result: loginResponse(user, tokens),
    entityType: 'user',
    entityId: user.id,
    detail: { method: 'wechat', created: Boolean(created) },
  }
}

/** Demo and test mode only: log in as a seeded user by openid. */
export async function loginAsDemoUser(
  trx: Transaction<Database>,
  openid: string,
  tokens: TokenSettings,
): Promise<WriteOutcome<TLoginResponse>> {
  const user = await usersRepository.findByOpenid(trx, openid)
  if (!user) throw new AppError(404, 'NOT_FOUND', '演示用户不存在')
  if (user.disabled_at) throw new AppError(403, 'ACCOUNT_DISABLED')
  return {
    result: loginResponse(user, tokens),
    entityType: 'user',
    entityId: user.id,
    detail: { method: 'dev' },
  }
}
