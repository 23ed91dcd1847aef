import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ZDemoUserList, ZDevLoginBody, ZLoginResponse, ZWechatLoginBody } from '../../../src/models/auth'
import { PUBLIC } from '../../core/access'
import { code2Session, type WechatConfig } from '../../core/wechat'
import { loginAsDemoUser, loginWithWechatSession, type TokenSettings } from './service'
import { usersRepository } from './repository'
import { performWrite } from '../../core/writes'
import { featureRoutes } from '../../core/routes'
import { perBodyField } from '../../core/rateLimit'
import { ZErrorResponse } from '../../../src/models/errors'
import { DEMO_USERS } from '../../../seeds/usersDemo'

export interface AuthRoutesOptions {
  tokens: TokenSettings
  wechat: WechatConfig
  /** Dev login and the demo-user list exist only in demo and test mode. */
  devLogin: boolean
}

const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, opts) => {
  const { route, write } = featureRoutes(app, 'auth')
  const refusedUpstream = { 429: ZErrorResponse, 502: ZErrorResponse, 503: ZErrorResponse }

  route(
    'POST',
    '/api/v1/auth/wechat',
    {
      access: PUBLIC,
      // Each login spends one code2Session call of the app's WeChat quota: limited before that call.
      limits: app.rateLimiter.loginLimits('wechat-login', (name, max) => perBodyField(name, 'code', max)),
      summary: '微信登录（code2Session）',
      body: ZWechatLoginBody,
      response: { 200: ZLoginResponse, ...refusedUpstream },
    },
    async (request, reply) => {
      // Called before the transaction: the code is single-use and the network call must not hold a lock.
      const session = await code2Session(opts.wechat, request.body.code)
      return performWrite(request, reply, {
        action: 'auth.login',
        status: 200,
        actorId: null,
        secretResult: true,
        run: (trx) => loginWithWechatSession(trx, session, opts.tokens, app.clock()),
      })
    },
  )

  if (!opts.devLogin) return

  write(
    'POST',
    '/api/v1/auth/dev',
    {
      access: PUBLIC,
      limits: app.rateLimiter.loginLimits('dev-login', (name, max) => perBodyField(name, 'openid', max)),
      summary: '演示登录（仅演示/测试模式）',
      body: ZDevLoginBody,
      response: { 200: ZLoginResponse },
      action: 'auth.login',
      anonymous: true,
      secretResult: true,
    },
    (request, trx) => loginAsDemoUser(trx, request.body.openid, opts.tokens),
  )

  route(
    'GET',
    '/api/v1/auth/dev/users',
    {
      access: PUBLIC,
      summary: '演示用户列表（仅演示/测试模式）',
      response: { 200: ZDemoUserList },
      errorAnswers: false,
    },
    async () => {
      const present = new Set(await usersRepository.demoOpenids(app.db))
      const users = DEMO_USERS.filter((u) => present.has(u.openid))
      return { users: users.map(({ openid, name, description }) => ({ openid, name, description })) }
    },
  )
}
export default authRoutes
