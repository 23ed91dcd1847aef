import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ZDemoUserList, ZDevLoginBody, ZLoginResponse, ZWechatLoginBody } from '../../../src/models/auth'
import { PUBLIC } from '../../core/access'
import { code2Session, type WechatConfig } from '../../core/wechat'
import { loginAsDemoUser, loginWithWechatSession, type TokenSettings } from './service'
import { usersRepository } from './repository'
import { performWrite } from '../../core/writes'
import { errorResponses } from '../../core/http'
import { DEMO_USERS } from '../../../seeds/demo'

export interface AuthRoutesOptions {
  tokens: TokenSettings
  wechat: WechatConfig
  /** Dev login and the demo-user list exist only in demo and test mode. */
  devLogin: boolean
}

const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, opts) => {
  app.post(
    '/api/v1/auth/wechat',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: '微信登录（code2Session）',
        body: ZWechatLoginBody,
        response: {
          200: ZLoginResponse,
          ...errorResponses,
          429: errorResponses[400],
          502: errorResponses[400],
          503: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      // Called before the transaction: the code is single-use and the network call must not hold a lock.
      const session = await code2Session(opts.wechat, request.body.code)
      return performWrite(request, reply, {
        action: 'auth.login',
        status: 200,
        actorId: null,
        run: (trx) => loginWithWechatSession(trx, session, opts.tokens, app.clock()),
      })
    },
  )

  if (!opts.devLogin) return

  app.post(
    '/api/v1/auth/dev',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: '演示登录（仅演示/测试模式）',
        body: ZDevLoginBody,
        response: { 200: ZLoginResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'auth.login',
        status: 200,
        actorId: null,
        run: (trx) => loginAsDemoUser(trx, request.body.openid, opts.tokens),
      }),
  )

  app.get(
    '/api/v1/auth/dev/users',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: '演示用户列表（仅演示/测试模式）',
        response: { 200: ZDemoUserList },
      },
    },
    async () => {
      const present = new Set(await usersRepository.demoOpenids(app.db))
      return {
        users: DEMO_USERS.filter((u) => present.has(u.openid)).map((u) => ({
          openid: u.openid,
          name: u.name,
          description: u.description,
        })),
      }
    },
  )
}
export default authRoutes
