import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { OFFICE, PUBLIC } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { perAddress } from '../../core/rateLimit'
import { featureRoutes, sharedDeclaration } from '../../core/routes'
import { oneLine } from '../../../src/models/textLimit'
import {
  ZExemplarCandidateCreate,
  ZExemplarCandidateParams,
  ZExemplarPublicNotice,
  ZExemplarPublish,
  ZExemplarRoundCreate,
  ZExemplarRoundDetail,
  ZExemplarRoundList,
  ZExemplarRoundParams,
  ZExemplarRoundQuery,
  ZExemplarRoundResult,
} from '../../../src/models/exemplars'
import {
  addCandidate,
  createRound,
  listRounds,
  publicNotice,
  cancelRound,
  publish,
  removeCandidate,
  roundDetail,
  setChosen,
} from './service'

const ROUNDS = '/api/v1/exemplars/rounds'
const CANDIDATE = `${ROUNDS}/:roundId/candidates/:enterpriseId`

/** 示范点 / 示范企业 (实施步骤（二）2): the office's selection rounds, and the public 公示. */
const exemplarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'exemplars')

  route(
    'GET',
    ROUNDS,
    {
      access: OFFICE,
      summary: '示范选树轮次（示范点、示范企业），新的在前，分页',
      querystring: ZExemplarRoundQuery,
      response: { 200: ZExemplarRoundList },
    },
    async (request) => listRounds(app.db, request.query),
  )

  write(
    'POST',
    ROUNDS,
    {
      access: OFFICE,
      summary: '发起一轮示范选树：示范点（国有企业、民营企业各1家）或示范企业',
      body: ZExemplarRoundCreate,
      response: { 201: ZExemplarRoundResult },
      action: 'exemplar.round.create',
    },
    async (request, trx) => createRound(trx, requireAuth(request), request.body, app.clock()),
  )

  route(
    'GET',
    `${ROUNDS}/:roundId`,
    {
      access: OFFICE,
      summary:
        '一轮示范选树：候选企业的各项指标并列对比（历次得分、整改销号率、到会率、承诺覆盖、三会一课、里程碑）',
      params: ZExemplarRoundParams,
      response: { 200: ZExemplarRoundDetail },
    },
    async (request) => roundDetail(app.db, requireAuth(request), request.params.roundId, app.clock()),
  )

  /** The office's writes on one round, answered with the round as it now stands. */
  const roundWrite = sharedDeclaration({ access: OFFICE, response: { 200: ZExemplarRoundResult } })

  write(
    'POST',
    `${ROUNDS}/:roundId/candidates`,
    {
      access: OFFICE,
      summary: '提名候选企业（每轮最多8家；示范点只限国有企业、民营企业）',
      params: ZExemplarRoundParams,
      body: ZExemplarCandidateCreate,
      response: { 201: ZExemplarRoundResult },
      action: 'exemplar.candidate.add',
    },
    async (request, trx) =>
      addCandidate(trx, requireAuth(request), request.params.roundId, request.body.enterpriseId, app.clock()),
  )

  write(
    'DELETE',
    CANDIDATE,
    roundWrite({
      summary: '移出候选企业（公示发布前）',
      params: ZExemplarCandidateParams,
      action: 'exemplar.candidate.remove',
    }),
    async (request, trx) =>
      removeCandidate(trx, request.params.roundId, request.params.enterpriseId, app.clock()),
  )

  for (const [method, chosen] of [
    ['POST', true],
    ['DELETE', false],
  ] as const)
    write(
      method,
      `${CANDIDATE}/choose`,
      roundWrite({
        summary: chosen ? '选定候选企业（示范点：国有企业、民营企业各至多1家）' : '取消选定（公示发布前）',
        params: ZExemplarCandidateParams,
        action: chosen ? 'exemplar.choose' : 'exemplar.unchoose',
      }),
      async (request, trx) =>
        setChosen(
          trx,
          requireAuth(request),
          request.params.roundId,
          request.params.enterpriseId,
          chosen,
          app.clock(),
        ),
    )

  write(
    'POST',
    `${ROUNDS}/:roundId/publish`,
    roundWrite({
      summary: '发布公示：公示期内任何人可凭公开链接查看选定企业名单；发布后本轮不再更改',
      params: ZExemplarRoundParams,
      body: ZExemplarPublish,
      action: 'exemplar.publish',
    }),
    async (request, trx) =>
      publish(trx, requireAuth(request), request.params.roundId, request.body, request.ip, app.clock()),
  )

  write(
    'POST',
    `${ROUNDS}/:roundId/cancel`,
    roundWrite({
      summary: '取消本轮评选（公示发布前）：取消后可另行发起示范点评选',
      params: ZExemplarRoundParams,
      action: 'exemplar.round.cancel',
    }),
    async (request, trx) => cancelRound(trx, request.params.roundId, app.clock()),
  )

  route(
    'GET',
    '/api/v1/exemplars/notices/:code',
    {
      // The code is the 公示's public address: only names, kinds and the period, names only within it.
      access: PUBLIC,
      limits: [perAddress('exemplar-notice', 120)],
      summary: '公开的示范公示（无需登录）：名称、类别与公示期；公示期外不列名单',
      params: z.object({ code: oneLine(z.string().max(40)) }),
      response: { 200: ZExemplarPublicNotice },
    },
    async (request) => publicNotice(app.db, request.params.code, app.clock()),
  )
}
export default exemplarRoutes
