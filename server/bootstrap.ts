import Fastify, { type FastifyInstance } from 'fastify'
import type { Env } from './env'
import { migrateToLatest, openDatabase, type DatabaseHandle } from './core/db/database'
import { seedDemoData } from '../seeds/demo'
import { seedDemoWorklists } from '../seeds/worklistsDemo'
import { seedDemoPowers } from '../seeds/powersDemo'
import { seedDemoEarlierCampaign } from '../seeds/campaignsDemo'
import { seedDemoSpecials } from '../seeds/specialsDemo'
import { seedDemoRisks } from '../seeds/risksDemo'
import { seedDemoQuiz } from '../seeds/quizDemo'
import { CHECKLIST_V1, CHECKLIST_V1_VERSION } from '../seeds/checklist/v1'
import { CHECKLIST_V2, CHECKLIST_V2_VERSION } from '../seeds/checklist/v2'
import { checklistRepository } from './features/assessments/checklistRepository'
import { PLEDGE_TEMPLATES_V1, PLEDGE_TEMPLATES_V1_VERSION } from '../seeds/pledges/v1'
import { ensurePledgeTemplates } from './features/pledges/templates'
import { QUIZ_BANK } from '../seeds/quiz/bank'
import { loadQuestionBank } from './features/quiz/questions'
import app from './app'
import { frameworkErrors } from './core/errorHandler'
import { isoAt, systemClock, type Clock } from './core/clock'
import { loggerOptions } from './core/logging'

/** Opens the configured database, brings it to the latest migration and loads demo data when asked. */
export async function prepareDatabase(
  env: Env,
  pgSchema?: string,
  clock: Clock = systemClock,
): Promise<DatabaseHandle> {
  const database = openDatabase({
    databaseUrl: env.DATABASE_URL,
    sqliteFile: env.SQLITE_FILE,
    groupCommit: env.SQLITE_GROUP_COMMIT,
    sqliteSync: env.SQLITE_SYNC,
    pgSchema,
  })
  await migrateToLatest(database)
  // Programme content is part of the product in every mode, not demo data.
  // v2 after v1, so it is the latest: new campaigns use it, assessments answered on v1 keep v1.
  for (const [version, items, note] of [
    [CHECKLIST_V1_VERSION, CHECKLIST_V1, '依据《县清廉企业建设实施方案》编制'],
    [
      CHECKLIST_V2_VERSION,
      CHECKLIST_V2,
      '依据《县清廉企业建设实施方案》逐项复核：依据整句、作答规则、适用范围',
    ],
  ] as const)
    await database.db
      .transaction()
      .execute((trx) => checklistRepository.ensureVersion(trx, version, items, note, isoAt(clock())))
  await database.db
    .transaction()
    .execute((trx) =>
      ensurePledgeTemplates(
        trx,
        PLEDGE_TEMPLATES_V1_VERSION,
        PLEDGE_TEMPLATES_V1,
        '依据《县清廉企业建设实施方案》编制',
        clock(),
      ),
    )
  // The 廉政知识竞赛 bank: shipped questions missing by code are added; the county's edits are kept.
  await database.db.transaction().execute((trx) => loadQuestionBank(trx, QUIZ_BANK, clock()))
  const seed = env.SEED_DEMO ?? env.APP_MODE === 'demo'
  // The demo's showcase 整改 (工作清单) only on a demo server: the API tests build on the bare demo data.
  if (seed && (await seedDemoData(database.db)) && env.APP_MODE === 'demo') {
    await seedDemoWorklists(database.db, clock())
    await seedDemoPowers(database.db, clock())
    await seedDemoEarlierCampaign(database.db)
    await seedDemoSpecials(database.db, clock())
    await seedDemoRisks(database.db, clock())
    await seedDemoQuiz(database.db, clock())
  }
  return database
}

export async function buildServer(
  env: Env,
  database: DatabaseHandle,
  closeDatabaseWithApp = true,
  options: { clock?: Clock; logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const server = Fastify({
    logger: env.LOG_LEVEL === 'silent' ? false : loggerOptions(env.LOG_LEVEL, options.logStream),
    trustProxy: env.TRUST_PROXY,
    frameworkErrors,
  })
  await server.register(app, { env, database, closeDatabaseWithApp, clock: options.clock })
  await server.ready()
  return server
}
