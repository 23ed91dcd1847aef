import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ZReminderGrants, ZReminderOffer, ZReminderRun } from '../../../src/models/reminder'
import { OFFICE, SIGNED_IN } from '../../core/access'
import { requireAuth } from '../../core/auth'
import { featureRoutes } from '../../core/routes'
import { recordGrants, reminderOffer } from './service'

/** 微信提醒 (mini-program): which templates to ask for, the user's answers, and a run of the sender now. */
const reminderRoutes: FastifyPluginAsyncZod = async (app) => {
  const { route, write } = featureRoutes(app, 'reminders')

  route(
    'GET',
    '/api/v1/reminders',
    {
      access: SIGNED_IN,
      summary: '微信提醒：各类待办的订阅消息模板，与本人尚未使用的同意次数',
      response: { 200: ZReminderOffer },
    },
    async (request) => reminderOffer(app.db, requireAuth(request), app.reminders.templates),
  )

  write(
    'POST',
    '/api/v1/reminders/grants',
    {
      access: SIGNED_IN,
      summary: '记录用户在小程序中对订阅消息的选择（每次同意可发送一条提醒）',
      body: ZReminderGrants,
      response: { 201: ZReminderOffer.extend({ recorded: z.number().int() }) },
      action: 'subscribe.consent',
    },
    (request, trx) =>
      recordGrants(trx, requireAuth(request), app.reminders.templates, request.body, app.clock()),
  )

  route(
    'POST',
    '/api/v1/reminders/send',
    {
      access: OFFICE,
      summary: '立即发送待办提醒（订阅消息；平时由服务器定时发送）',
      response: { 200: ZReminderRun },
    },
    async () => app.reminders.run(app.clock()),
  )
}
export default reminderRoutes
