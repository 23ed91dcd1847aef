import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ZRectification,
  ZRectificationNotice,
  ZRectificationRespond,
  ZRectificationVerify,
} from '../../../src/models/assessment'
import { ZEvidenceFile } from '../../../src/models/file'
import { ZId } from '../../../src/models/org'
import { ENTERPRISE_LIAISON, ENTERPRISE_REVIEWERS, ENTERPRISE_VIEWERS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { errorResponses } from '../../core/http'
import { performWrite } from '../../core/writes'
import { toEvidenceFile } from '../files/repository'
import { uploadFile } from '../files/service'
import {
  issueRectificationNotice,
  listRectifications,
  rectificationView,
  respondToRectification,
  verifyRectification,
} from './service'

const ZEnterpriseParams = z.object({ enterpriseId: ZId })
const ZRectificationParams = z.object({ enterpriseId: ZId, rectificationId: ZId })
const viewers = ENTERPRISE_VIEWERS
const liaison = ENTERPRISE_LIAISON
const reviewers = ENTERPRISE_REVIEWERS

/** 整改: listed to the enterprise and its supervisors, answered by the liaison, verified by the reviewers. */
const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = app.fileLinks

  app.get(
    '/api/v1/enterprises/:enterpriseId/rectifications',
    {
      config: { access: viewers },
      schema: {
        tags: ['rectifications'],
        summary: '整改事项',
        params: ZEnterpriseParams,
        response: { 200: z.object({ rectifications: z.array(ZRectification) }), ...errorResponses },
      },
    },
    async (request) => ({
      rectifications: await listRectifications(app.db, links, request.params.enterpriseId, app.clock()),
    }),
  )

  app.get(
    '/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId',
    {
      config: { access: viewers },
      schema: {
        tags: ['rectifications'],
        summary: '整改事项详情',
        params: ZRectificationParams,
        response: { 200: ZRectification, ...errorResponses },
      },
    },
    async (request) =>
      rectificationView(
        app.db,
        links,
        request.params.enterpriseId,
        request.params.rectificationId,
        app.clock(),
      ),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/rectifications',
    {
      config: { access: reviewers },
      schema: {
        tags: ['rectifications'],
        summary: '下发整改通知（监管部门或办公室）',
        params: ZEnterpriseParams,
        body: ZRectificationNotice,
        response: { 201: ZRectification, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'rectification.notice',
        status: 201,
        run: (trx) =>
          issueRectificationNotice(
            trx,
            links,
            requireAuth(request),
            request.params.enterpriseId,
            request.body,
            app.clock(),
          ),
      }),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId/evidence',
    {
      config: { access: liaison },
      schema: {
        tags: ['rectifications'],
        summary: '上传整改佐证（multipart 字段 file）',
        params: ZRectificationParams,
        response: {
          201: ZEvidenceFile,
          ...errorResponses,
          413: errorResponses[400],
          415: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const { enterpriseId, rectificationId } = request.params
      await rectificationView(app.db, links, enterpriseId, rectificationId, app.clock())
      return uploadFile(request, reply, {
        action: 'evidence.upload',
        owner: { kind: 'rectification', enterpriseId, rectificationId },
        target: { enterpriseId, assessmentId: null, itemCode: null, rectificationId },
        view: (row) => toEvidenceFile(row, links),
      })
    },
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId/respond',
    {
      config: { access: liaison },
      schema: {
        tags: ['rectifications'],
        summary: '报送整改情况（→ 待核验）',
        params: ZRectificationParams,
        body: ZRectificationRespond,
        response: { 200: ZRectification, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'rectification.respond',
        run: (trx) =>
          respondToRectification(
            trx,
            links,
            requireAuth(request),
            request.params.enterpriseId,
            request.params.rectificationId,
            request.body,
            app.clock(),
          ),
      }),
  )

  app.post(
    '/api/v1/enterprises/:enterpriseId/rectifications/:rectificationId/verify',
    {
      config: { access: reviewers },
      schema: {
        tags: ['rectifications'],
        summary: '核验整改（销号或退回）',
        params: ZRectificationParams,
        body: ZRectificationVerify,
        response: { 200: ZRectification, ...errorResponses },
      },
    },
    async (request, reply) =>
      performWrite(request, reply, {
        action: 'rectification.verify',
        run: (trx) =>
          verifyRectification(
            trx,
            links,
            requireAuth(request),
            request.params.enterpriseId,
            request.params.rectificationId,
            request.body,
            app.clock(),
          ),
      }),
  )
}
export default rectificationRoutes
