import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ZIdParam } from '../../../src/models/common'
import {
  ZLeaderboard,
  ZLeaderboardQuery,
  ZPaper,
  ZPaperStart,
  ZPaperSubmission,
  ZPractice,
  ZPracticeQuery,
  ZQuestion,
  ZQuestionCreate,
  ZQuestionList,
  ZQuestionListQuery,
  ZQuestionUpdate,
  ZQuiz,
  ZQuizCreate,
  ZQuizList,
  ZQuizListQuery,
} from '../../../src/models/quiz'
import { OFFICE, SIGNED_IN } from '../../core/access'
import { requireAuth } from '../../core/auth'
import type { DbOrTrx } from '../../core/db/database'
import { featureRoutes } from '../../core/routes'
import { createQuestion, listQuestions, practice, updateQuestion, type QuizWrite } from './questions'
import { closeQuiz, createQuiz, listQuizzes, ownPaper, quizDetail, startPaper, submitPaper } from './service'
import { leaderboard } from './leaderboard'
import { quizExport, quizExportScope } from './export'
import { sendAttachment, XLSX_CONTENT_TYPE } from '../../core/http'
import { exportFileName } from '../../../src/models/exportName'
import { shanghaiDate } from '../../../src/models/shanghaiTime'

const ZQuizParams = z.object({ quizId: ZIdParam })
const ZQuestionParams = z.object({ questionId: ZIdParam })
const ZPaperParams = z.object({ paperId: ZIdParam })

function quizWrite(
  request: FastifyRequest,
  db: DbOrTrx,
): QuizWrite & { auth: ReturnType<typeof requireAuth> } {
  const auth = requireAuth(request)
  return { db, auth, userId: auth.user.id, now: request.server.clock() }
}

/** 廉政知识竞赛 (task 11): the bank, 练习, the office's 竞赛, papers and leaderboards. */
const quizRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'quiz')
  const userId = (request: FastifyRequest) => requireAuth(request).user.id

  route(
    'GET',
    '/api/v1/quiz/practice',
    {
      access: SIGNED_IN,
      summary: '练习：随机抽题（附答案和解析，不记录）',
      querystring: ZPracticeQuery,
      response: { 200: ZPractice },
    },
    async (request) => practice(app.db, request.query.task),
  )

  route(
    'GET',
    '/api/v1/quiz-questions',
    {
      access: OFFICE,
      summary: '题库（县清廉办）',
      querystring: ZQuestionListQuery,
      response: { 200: ZQuestionList },
    },
    async (request) => listQuestions(app.db, request.query),
  )

  write(
    'POST',
    '/api/v1/quiz-questions',
    {
      access: OFFICE,
      summary: '新增题目（编号 Q-C-0001…；题目有误 400 QUESTION_INVALID）',
      body: ZQuestionCreate,
      response: { 201: ZQuestion },
      action: 'quiz_question.create',
    },
    (request, trx) => createQuestion(quizWrite(request, trx), request.body),
  )

  write(
    'PUT',
    '/api/v1/quiz-questions/:questionId',
    {
      access: OFFICE,
      summary: '修改题目或启用/停用（内置题目只能启用/停用，否则 409 QUESTION_BUILT_IN）',
      params: ZQuestionParams,
      body: ZQuestionUpdate,
      response: { 200: ZQuestion },
      action: 'quiz_question.update',
    },
    (request, trx) => updateQuestion(quizWrite(request, trx), request.params.questionId, request.body),
  )

  route(
    'GET',
    '/api/v1/quizzes',
    {
      access: SIGNED_IN,
      summary: '竞赛列表（新的在前，附本人答题情况）',
      querystring: ZQuizListQuery,
      response: { 200: ZQuizList },
    },
    async (request) => listQuizzes(app.db, userId(request), request.query, app.clock()),
  )

  route(
    'GET',
    '/api/v1/quizzes/:quizId',
    { access: SIGNED_IN, summary: '竞赛详情', params: ZQuizParams, response: { 200: ZQuiz } },
    async (request) => quizDetail(app.db, userId(request), request.params.quizId, app.clock()),
  )

  write(
    'POST',
    '/api/v1/quizzes',
    {
      access: OFFICE,
      summary: '发起竞赛（日期 400 QUIZ_DATES；题库不够 409 QUIZ_TOO_FEW_QUESTIONS）',
      body: ZQuizCreate,
      response: { 201: ZQuiz },
      action: 'quiz.create',
    },
    (request, trx) => createQuiz(quizWrite(request, trx), request.body),
  )

  write(
    'POST',
    '/api/v1/quizzes/:quizId/close',
    {
      access: OFFICE,
      summary: '提前结束竞赛（再次结束答复已结束的竞赛）',
      params: ZQuizParams,
      response: { 200: ZQuiz },
      action: 'quiz.close',
    },
    (request, trx) => closeQuiz(quizWrite(request, trx), request.params.quizId),
  )

  write(
    'POST',
    '/api/v1/quizzes/:quizId/papers',
    {
      access: SIGNED_IN,
      summary:
        '开始答题：服务器抽题（有未交的试卷则继续答题；未开始/已结束 409 QUIZ_NOT_OPEN；次数用完 409 QUIZ_ATTEMPTS_USED_UP）',
      params: ZQuizParams,
      body: ZPaperStart,
      response: { 201: ZPaper, 200: ZPaper },
      action: 'quiz_paper.start',
    },
    (request, trx) => startPaper(quizWrite(request, trx), request.params.quizId, request.body.enterpriseId),
  )

  route(
    'GET',
    '/api/v1/quiz-papers/:paperId',
    {
      access: SIGNED_IN,
      summary: '本人的试卷（交卷后附成绩和解析）',
      params: ZPaperParams,
      response: { 200: ZPaper },
    },
    async (request) => ownPaper(app.db, userId(request), request.params.paperId),
  )

  write(
    'POST',
    '/api/v1/quiz-papers/:paperId/submission',
    {
      access: SIGNED_IN,
      summary: '交卷：服务器评分（重复交卷 409 PAPER_SUBMITTED；超时交卷记为超时，不计成绩）',
      params: ZPaperParams,
      body: ZPaperSubmission,
      response: { 200: ZPaper },
      action: 'quiz_paper.submit',
    },
    (request, trx) => submitPaper(quizWrite(request, trx), request.params.paperId, request.body),
  )

  route(
    'GET',
    '/api/v1/quizzes/:quizId/leaderboard',
    {
      access: SIGNED_IN,
      summary: '排行榜（scope=enterprise 本企业个人；scope=county 全县企业）',
      params: ZQuizParams,
      querystring: ZLeaderboardQuery,
      response: { 200: ZLeaderboard },
    },
    async (request) => leaderboard(app.db, requireAuth(request), request.params.quizId, request.query),
  )
  route(
    'GET',
    '/api/v1/quizzes/:quizId/export',
    {
      access: SIGNED_IN,
      summary: '导出竞赛成绩（Excel：企业排名、个人成绩；县清廉办全县，监管部门限所监管企业，其他人 404）',
      params: ZQuizParams,
    },
    async (request, reply) => {
      const { quiz, scope } = await quizExportScope(app.db, requireAuth(request), request.params.quizId)
      const now = app.clock()
      // In line with the other exports, in a worker thread (core/exports).
      const { content } = await app.exporter.run(quizExport, quiz.id, scope, now)
      return sendAttachment(reply, {
        name: exportFileName({
          organisation: scope.organisation,
          title: `${quiz.title}-成绩`,
          at: now,
          ext: 'xlsx',
        }),
        asciiName: `quiz-${quiz.id}-${shanghaiDate(now)}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        content,
      })
    },
  )
}
export default quizRoutes
