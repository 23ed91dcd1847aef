import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZDepartmentInvite,
  ZDepartmentInviteCreate,
  ZMemberList,
  ZUserStatus,
} from '../../../src/models/invite'
import { ZId } from '../../../src/models/org'
import { OFFICE } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { notFound } from '../../core/errors'
import { errorResponses } from '../../core/http'
import { performWrite } from '../../core/writes'
import { invitesRepository } from './invitesRepository'
import { membershipsRepository } from './membershipsRepository'
import { departmentsRepository } from './repository'
import { assertIdsInRange, createDepartmentInvite, setUserDisabled } from './people'
import { registerMembershipRoutes } from './membershipRoutes'

const ZDepartmentParams = z.object({ departmentId: ZId })

/**
 * 部门人员 (the office): a department's 监管员 / 党员干部 (and the office's own 办公室人员), their join
 * requests and invite codes, role changes, and 停用 / 启用 of a person's account.
 */
const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  async function assertDepartment(id: number) {
    assertIdsInRange(id)
    if (!(await departmentsRepository.findById(app.db, id))) throw notFound()
  }

  app.get(
    '/api/v1/departments/:departmentId/members',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['departments'],
        summary: '部门人员与加入申请（手机号脱敏）',
        params: ZDepartmentParams,
        response: { 200: ZMemberList, ...errorResponses },
      },
    },
    async (request) => {
      await assertDepartment(request.params.departmentId)
      return {
        members: await membershipsRepository.listMembers(app.db, 'department', request.params.departmentId),
      }
    },
  )

  app.get(
    '/api/v1/departments/:departmentId/invites',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['departments'],
        summary: '部门的有效邀请码',
        params: ZDepartmentParams,
        response: { 200: z.object({ invites: z.array(ZDepartmentInvite) }), ...errorResponses },
      },
    },
    async (request) => {
      await assertDepartment(request.params.departmentId)
      return { invites: await invitesRepository.listForDepartment(app.db, request.params.departmentId) }
    },
  )

  app.post(
    '/api/v1/departments/:departmentId/invites',
    {
      config: { access: OFFICE },
      schema: {
        tags: ['departments'],
        summary: '生成部门邀请码（监管员、党员干部；办公室人员仅限领导小组办公室）',
        params: ZDepartmentParams,
        body: ZDepartmentInviteCreate,
        response: { 201: ZDepartmentInvite, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'invite.create',
        status: 201,
        run: (trx) =>
          createDepartmentInvite(
            trx,
            requireAuth(request),
            request.params.departmentId,
            request.body,
            app.clock(),
          ),
      }),
  )

  registerMembershipRoutes(app, {
    kind: 'department',
    decide: OFFICE,
    changeRole: OFFICE,
    tag: 'departments',
  })

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/v1/users/:userId/${verb}`,
      {
        config: { access: OFFICE },
        schema: {
          tags: ['departments'],
          summary: disabled ? '停用账号（下一次请求起失效）' : '重新启用账号',
          params: z.object({ userId: ZId }),
          response: { 200: ZUserStatus, ...errorResponses },
        },
      },
      async (request, reply) =>
        performWrite(request, reply, {
          action: `user.${verb}`,
          run: (trx) =>
            setUserDisabled(trx, requireAuth(request), request.params.userId, disabled, app.clock()),
        }),
    )
  }
}
export default staffRoutes
