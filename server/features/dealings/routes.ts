import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { SIGNED_IN, SUPERVISORS } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { featureRoutes, sharedDeclaration } from '../../core/routes'
import {
  ZDealingDraftCreate,
  ZDealingDraftUpdate,
  ZDealingLists,
  ZDealingPublish,
  ZDealingVersion,
  ZDealingVersionParams,
} from '../../../src/models/dealings'
import { createDraft, lists, publish, updateDraft, version } from './service'

const BASE = '/api/v1/dealings'

/**
 * 政商交往清单 (主要任务10): everyone signed in reads the lists; the office and the 监管员 of 县委统战部 /
 * 县工商联 (the service checks which departments) draft and publish versions.
 */
const dealingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'dealings')

  route(
    'GET',
    BASE,
    {
      access: SIGNED_IN,
      summary: '政商交往正面清单、负面清单和清廉民企建设引导清单：现行版本与历次版本（可发布者另见草稿）',
      response: { 200: ZDealingLists },
    },
    async (request) => lists(app.db, requireAuth(request)),
  )

  route(
    'GET',
    `${BASE}/versions/:versionId`,
    {
      access: SIGNED_IN,
      summary: '清单的某一版本（已发布的任何人可读，草稿仅发布单位可读）',
      params: ZDealingVersionParams,
      response: { 200: ZDealingVersion },
    },
    async (request) => version(app.db, requireAuth(request), request.params.versionId),
  )

  write(
    'POST',
    `${BASE}/versions`,
    {
      access: SUPERVISORS,
      summary: '新建清单草稿（县委统战部、县工商联、领导小组办公室）',
      body: ZDealingDraftCreate,
      response: { 201: ZDealingVersion },
      action: 'dealings.draft.create',
    },
    async (request, trx) => createDraft(trx, requireAuth(request), request.body, app.clock()),
  )

  /** The publishers' writes on one version, answered with it as it now stands. */
  const draftWrite = sharedDeclaration({
    access: SUPERVISORS,
    params: ZDealingVersionParams,
    response: { 200: ZDealingVersion },
  })

  write(
    'PUT',
    `${BASE}/versions/:versionId`,
    draftWrite({
      summary: '修改清单草稿（须基于最新修订；已发布的版本不能修改）',
      body: ZDealingDraftUpdate,
      action: 'dealings.draft.update',
    }),
    async (request, trx) =>
      updateDraft(trx, requireAuth(request), request.params.versionId, request.body, app.clock()),
  )

  write(
    'POST',
    `${BASE}/versions/:versionId/publish`,
    draftWrite({
      summary: '发布清单草稿：成为该清单的现行版本（第N版），此前的版本保留可查',
      body: ZDealingPublish,
      action: 'dealings.publish',
    }),
    async (request, trx) =>
      publish(trx, requireAuth(request), request.params.versionId, request.body.revision, app.clock()),
  )
}
export default dealingRoutes
