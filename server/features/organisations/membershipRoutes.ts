import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZDepartmentRoleChange, ZEnterpriseRoleChange } from '../../../src/models/invite'
import { ZId, ZMember, type TRole } from '../../../src/models/org'
import type { Access } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { errorResponses } from '../../core/http'
import { performWrite } from '../../core/writes'
import { changeMemberRole, decideJoinRequest } from './people'

/** Where an organisation's memberships live: `/api/v1/enterprises/:enterpriseId` or `/api/v1/departments/:departmentId`. */
export interface MembershipRouteOptions {
  kind: 'enterprise' | 'department'
  /** Who decides a join request, and who changes a role. */
  decide: Access
  changeRole: Access
  tag: string
}

const PARAMS = {
  enterprise: {
    prefix: '/api/v1/enterprises/:enterpriseId',
    param: 'enterpriseId',
    roles: ZEnterpriseRoleChange,
  },
  department: {
    prefix: '/api/v1/departments/:departmentId',
    param: 'departmentId',
    roles: ZDepartmentRoleChange,
  },
} as const

/** 通过 / 拒绝 a join request and 调整角色, the same for an enterprise's members and a department's staff. */
export function registerMembershipRoutes(app: FastifyInstance, options: MembershipRouteOptions): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const { prefix, param, roles } = PARAMS[options.kind]
  const params = z.object({ [param]: ZId, membershipId: ZId }) as z.ZodType<Record<string, number>>
  const where = options.kind === 'enterprise' ? '' : '部门'
  for (const [verb, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    typed.post(
      `${prefix}/members/:membershipId/${verb}`,
      {
        config: { access: options.decide },
        schema: {
          tags: [options.tag],
          summary: decision === 'approved' ? `通过${where}加入申请` : `拒绝${where}加入申请`,
          params,
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
              options.kind,
              request.params[param],
              request.params.membershipId,
              decision,
              app.clock(),
            ),
        }),
    )
  }

  typed.patch(
    `${prefix}/members/:membershipId`,
    {
      config: { access: options.changeRole },
      schema: {
        tags: [options.tag],
        summary:
          options.kind === 'enterprise'
            ? '调整成员角色（企业至少保留一名联络员）'
            : '调整部门人员角色（办公室至少保留一名在用的办公室人员）',
        params,
        body: roles as z.ZodType<{ role: TRole }>,
        response: { 200: ZMember, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'membership.role',
        run: (trx) =>
          changeMemberRole(
            trx,
            requireAuth(request),
            options.kind,
            request.params[param],
            request.params.membershipId,
            request.body.role,
            app.clock(),
          ),
      }),
  )
}
