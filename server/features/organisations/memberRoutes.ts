import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { featureRoutes, ZEnterpriseParams } from '../../core/routes'
import { perUser } from '../../core/rateLimit'
import { z } from 'zod'
import {
  ZInvite,
  ZInviteCreate,
  ZInviteJoinBody,
  ZInvitePreview,
  ZJoinResult,
  ZLiaisonHandover,
  ZMemberList,
} from '../../../src/models/invite'
import { ZId, ZMember } from '../../../src/models/org'
import { ENTERPRISE_LIAISON, ENTERPRISE_LIAISON_OR_OFFICE, SIGNED_IN } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { invitesRepository } from './invitesRepository'
import { membershipsRepository } from './membershipsRepository'
import { createInvite } from './service'
import { handOverLiaison, joinWithInvite, removeMember } from './people'
import { registerMembershipRoutes } from './membershipRoutes'
import { JOIN_DECIDERS } from './joinDeciders'
import { previewInvite } from './invitePreview'

const ZMembershipParams = z.object({ enterpriseId: ZId, membershipId: ZId })

/** An enterprise's people: members, join requests, invite codes, roles, removal, the liaison's handover. */
const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'members')
  route(
    'GET',
    '/api/v1/enterprises/:enterpriseId/members',
    {
      access: ENTERPRISE_LIAISON_OR_OFFICE,
      summary: '企业成员与加入申请（手机号脱敏）',
      params: ZEnterpriseParams,
      response: { 200: ZMemberList },
    },
    async (request) => ({
      members: await membershipsRepository.listMembers(app.db, 'enterprise', request.params.enterpriseId),
    }),
  )

  route(
    'GET',
    '/api/v1/enterprises/:enterpriseId/invites',
    {
      access: ENTERPRISE_LIAISON_OR_OFFICE,
      summary: '有效的邀请码',
      params: ZEnterpriseParams,
      response: { 200: z.object({ invites: z.array(ZInvite) }) },
    },
    async (request) => ({
      invites: await invitesRepository.listForEnterprise(app.db, request.params.enterpriseId),
    }),
  )

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/invites',
    {
      access: ENTERPRISE_LIAISON_OR_OFFICE,
      summary: '生成邀请码（联络员：职工/负责人/支部书记；办公室：也可生成联络员邀请码）',
      params: ZEnterpriseParams,
      body: ZInviteCreate,
      response: { 201: ZInvite },
      action: 'invite.create',
    },
    (request, trx) =>
      createInvite(trx, requireAuth(request), request.params.enterpriseId, request.body, app.clock()),
  )

  write(
    'POST',
    '/api/v1/invites/join',
    {
      access: SIGNED_IN,
      // Per user, not per invite code: a whole staff may join with one code at a meeting.
      limits: app.rateLimiter.loginLimits('invite-join', perUser),
      summary: '凭邀请码申请加入企业或部门（待联络员或领导小组办公室审核）',
      body: ZInviteJoinBody,
      response: { 201: ZJoinResult },
      action: 'membership.request',
    },
    (request, trx) => joinWithInvite(trx, requireAuth(request), request.body.code, app.clock()),
  )

  // A read, sent as POST so that the code stays out of the URL (and so out of access logs); counted like a join
  // so that it cannot be used to try codes faster than joining could.
  route(
    'POST',
    '/api/v1/invites/preview',
    {
      access: SIGNED_IN,
      limits: app.rateLimiter.loginLimits('invite-preview', perUser),
      summary: '邀请码对应的企业或部门、角色与有效期（申请加入前显示）',
      body: ZInviteJoinBody,
      response: { 200: ZInvitePreview },
    },
    (request) => previewInvite(app.db, requireAuth(request), request.body.code, app.clock()),
  )

  registerMembershipRoutes(app, {
    kind: 'enterprise',
    decide: JOIN_DECIDERS.enterprise,
    changeRole: ENTERPRISE_LIAISON,
    tag: 'members',
  })

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/members/:membershipId/remove',
    {
      access: ENTERPRISE_LIAISON,
      summary: '移出已离开的成员（其签署的记录保留）',
      params: ZMembershipParams,
      response: { 200: ZMember },
      action: 'membership.remove',
    },
    (request, trx) =>
      removeMember(
        trx,
        requireAuth(request),
        request.params.enterpriseId,
        request.params.membershipId,
        app.clock(),
      ),
  )

  write(
    'POST',
    '/api/v1/enterprises/:enterpriseId/liaison/handover',
    {
      access: ENTERPRISE_LIAISON,
      summary: '把联络员移交给本企业另一名成员',
      params: ZEnterpriseParams,
      body: ZLiaisonHandover,
      response: { 200: ZMember },
      action: 'membership.liaison_handover',
    },
    (request, trx) =>
      handOverLiaison(
        trx,
        requireAuth(request),
        request.params.enterpriseId,
        request.body.membershipId,
        app.clock(),
      ),
  )
}
export default memberRoutes
