import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZInvite, ZInviteCreate, ZInviteJoinBody, ZJoinResult, ZMemberList } from '../../../src/models/invite'
import { ZId, ZMember } from '../../../src/models/org'
import { SIGNED_IN, type Access } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { invitesRepository } from './invitesRepository'
import { membershipsRepository } from './membershipsRepository'
import { createInvite, decideJoinRequest, joinWithInvite } from './service'
import { performWrite } from '../../core/writes'
import { errorResponses } from '../../core/http'

const ZEnterpriseParams = z.object({ enterpriseId: ZId })
const ZMembershipParams = z.object({ enterpriseId: ZId, membershipId: ZId })
const liaison: Access = { kind: 'enterprise', param: 'enterpriseId', roles: ['liaison'] }
const liaisonOrOffice: Access = {
  kind: 'enterprise',
  param: 'enterpriseId',
  roles: ['liaison'],
  office: true,
}

const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/enterprises/:enterpriseId/members',
    {
      config: { access: liaisonOrOffice },
      schema: {
        tags: ['members'],
        summary: '企业成员与加入申请（手机号脱敏）',
        params: ZEnterpriseParams,
        response: { 200: ZMemberList, ...errorResponses },
      },
    },
    async (request) => ({
      members: await membershipsRepository.listMembersOfEnterprise(app.db, request.params.enterpriseId),
    }),
  )

  app.get(
    '/api/v1/enterprises/:enterpriseId/invites',
    {
      config: { access: liaison },
      schema: {
        tags: ['members'],
        summary: '有效的邀请码',
        params: ZEnterpriseParams,
        response: { 200: z.object({ invites: z.array(ZInvite) }), ...errorResponses },
      },
    },
    async (request) => ({
      invites: await invitesRepository.listForEnterprise(app.db, request.params.enterpriseId),
    }),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/invites',
    {
      config: { access: liaison },
      schema: {
        tags: ['members'],
        summary: '生成邀请码',
        params: ZEnterpriseParams,
        body: ZInviteCreate,
        response: { 201: ZInvite, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'invite.create',
        status: 201,
        run: (trx) =>
          createInvite(trx, requireAuth(request), request.params.enterpriseId, request.body, app.clock()),
      }),
  )

  app.post(
    '/api/v1/invites/join',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['members'],
        summary: '凭邀请码申请加入企业（待联络员审核）',
        body: ZInviteJoinBody,
        response: { 201: ZJoinResult, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'membership.request',
        status: 201,
        run: (trx) => joinWithInvite(trx, requireAuth(request), request.body.code, app.clock()),
      }),
  )

  for (const [verb, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/api/v1/enterprises/:enterpriseId/members/:membershipId/${verb}`,
      {
        config: { access: liaison },
        schema: {
          tags: ['members'],
          summary: decision === 'approved' ? '通过加入申请' : '拒绝加入申请',
          params: ZMembershipParams,
          response: { 200: ZMember, ...errorResponses },
        },
      },
      async (request, reply) =>
        performWrite(request, reply, {
          action: `membership.${verb}`,
          run: (trx) =>
            decideJoinRequest(
              trx,
              requireAuth(request),
              request.params.enterpriseId,
              request.params.membershipId,
              decision,
              app.clock(),
            ),
        }),
    )
  }
}
export default memberRoutes
