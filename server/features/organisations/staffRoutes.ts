import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { featureRoutes, ZDepartmentParams } from '../../core/routes'
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
import { invitesRepository } from './invitesRepository'
import { membershipsRepository } from './membershipsRepository'
import { departmentsRepository } from './repository'
import { assertIdsInRange, createDepartmentInvite, setUserDisabled } from './people'
import { registerMembershipRoutes } from './membershipRoutes'
import { JOIN_DECIDERS } from './joinDeciders'

/**
 * 部门人员 (the office): a department's 监管员 / 党员干部 (and the office's own 办公室人员), their join
 * requests and invite codes, role changes, and 停用 / 启用 of a person's account.
 */
const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'departments')
  async function assertDepartment(id: number) {
    assertIdsInRange(id)
    if (!(await departmentsRepository.findById(app.db, id))) throw notFound()
  }

  route(
    'GET',
    '/api/v1/departments/:departmentId/members',
    {
      access: OFFICE,
      summary: '部门人员与加入申请（手机号脱敏）',
      params: ZDepartmentParams,
      response: { 200: ZMemberList },
    },
    async (request) => {
      await assertDepartment(request.params.departmentId)
      return {
        members: await membershipsRepository.listMembers(app.db, 'department', request.params.departmentId),
      }
    },
  )

  route(
    'GET',
    '/api/v1/departments/:departmentId/invites',
    {
      access: OFFICE,
      summary: '部门的有效邀请码',
      params: ZDepartmentParams,
      response: { 200: z.object({ invites: z.array(ZDepartmentInvite) }) },
    },
    async (request) => {
      await assertDepartment(request.params.departmentId)
      return { invites: await invitesRepository.listForDepartment(app.db, request.params.departmentId) }
    },
  )

  write(
    'POST',
    '/api/v1/departments/:departmentId/invites',
    {
      access: OFFICE,
      summary: '生成部门邀请码（监管员、党员干部；办公室人员仅限领导小组办公室）',
      params: ZDepartmentParams,
      body: ZDepartmentInviteCreate,
      response: { 201: ZDepartmentInvite },
      action: 'invite.create',
    },
    (request, trx) =>
      createDepartmentInvite(
        trx,
        requireAuth(request),
        request.params.departmentId,
        request.body,
        app.clock(),
      ),
  )

  registerMembershipRoutes(app, {
    kind: 'department',
    decide: JOIN_DECIDERS.department,
    changeRole: OFFICE,
    tag: 'departments',
  })

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    write(
      'POST',
      `/api/v1/users/:userId/${verb}`,
      {
        access: OFFICE,
        summary: disabled ? '停用账号（下一次请求起失效）' : '重新启用账号',
        params: z.object({ userId: ZId }),
        response: { 200: ZUserStatus },
        action: `user.${verb}`,
      },
      (request, trx) =>
        setUserDisabled(trx, requireAuth(request), request.params.userId, disabled, app.clock()),
    )
  }
}
export default staffRoutes
