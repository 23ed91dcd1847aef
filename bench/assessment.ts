/**
 * bench/assessment: how long a full self-assessment takes to submit and score, and how long the query
 * behind a supervisor's list of 2,000 enterprises' latest scores takes — on SQLite and on PostgreSQL.
 * A trivial route (GET /api/health) is measured in the same run as the baseline, and ratios are printed.
 *
 *   npx tsx bench/assessment.ts            (SQLite, and PostgreSQL if TEST_DATABASE_URL / the local server answers)
 */
import crypto from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { applicableItems, type TAssessment } from '../src/models/assessment'
import { demoCreditCode } from '../seeds/organisationsDemo'
import { PG_URL, postgresReachable, startBenchServer, type BenchDb } from './support'

const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 2000)
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 15)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 30)
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return { median: at(0.5), p95: at(0.95), n: samples.length }
}
const ms = (v: number) => `${v.toFixed(2)} ms`

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint()
  const value = await fn()
  return [Number(process.hrtime.bigint() - start) / 1e6, value]
}

async function login(app: FastifyInstance, openid: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: { openid } })
  return { authorization: `Bearer ${res.json().token}` }
}

function multipart(content: Buffer) {
  const boundary = '----bench' + crypto.randomBytes(6).toString('hex')
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  }
}

async function runOn(kind: BenchDb) {
  const bench = await startBenchServer(kind)
  const { app } = bench
  const db = bench.database.db
  try {
    // 2,000 enterprises supervised by 县委统战部, each with a submitted assessment and a few 整改 items.
    const department = await db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', '县委统战部')
      .executeTakeFirstOrThrow()
    const now = new Date().toISOString()
    const existing = await db.selectFrom('enterprises').select('id').execute()
    const toMake = ENTERPRISES - existing.length
    for (let i = 0; i < toMake; i += 500) {
      const batch = Array.from({ length: Math.min(500, toMake - i) }, (_, j) => i + j + 100)
      const ids = await db
        .insertInto('enterprises')
        .values(
          batch.map((n) => ({
            name: `基准测试企业${n}有限公司`,
            credit_code: demoCreditCode(n),
            ownership: n % 3 === 0 ? 'state_owned' : 'private',
            party_org: n % 2 === 0 ? 'branch' : 'none',
            industry: null,
            leading_group_date: null,
            plan_filed_date: null,
            demonstration: 0,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning('id')
        .execute()
      await db
        .insertInto('supervision_links')
        .values(ids.map((e) => ({ department_id: department.id, enterprise_id: e.id, created_at: now })))
        .execute()
    }
    const office = await login(app, 'demo-office')
    const campaign = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        headers: office,
        payload: {
          name: '基准测试期次',
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
          dueDate: '2026-12-31',
        },
      })
    ).json()
    const sections = JSON.stringify([
      { section: 'politics', score: 80, applicable: 10, answered: 10, weightCounted: 30 },
    ])
    await db
      .updateTable('assessments')
      .set({ status: 'submitted', overall_score: 82.5, section_scores: sections, submitted_at: now })
      .where('campaign_id', '=', campaign.id)
      .execute()
    const assessments = await db
      .selectFrom('assessments')
      .select(['id', 'enterprise_id'])
      .where('campaign_id', '=', campaign.id)
      .execute()
    for (let i = 0; i < assessments.length; i += 500) {
      await db
        .insertInto('rectifications')
        .values(
          assessments.slice(i, i + 500).flatMap((a) =>
            [0, 1, 2].map((k) => ({
              enterprise_id: a.enterprise_id,
              source: 'finding' as const,
              assessment_id: a.id,
              item_code: `T0${k + 1}-01`,
              title: '基准测试整改项',
              detail: null,
              deadline: k === 0 ? '2020-01-01' : '2030-01-01',
              status: 'open' as const,
              response: null,
              created_by: null,
              created_at: now,
              updated_at: now,
            })),
          ),
        )
        .execute()
    }
    const rowCounts = {
      enterprises: Number(
        (
          await db
            .selectFrom('enterprises')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      assessments: Number(
        (
          await db
            .selectFrom('assessments')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      rectifications: Number(
        (
          await db
            .selectFrom('rectifications')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    }

    // Baseline: the trivial route, same server, same run.
    const health: number[] = []
    for (let i = 0; i < 200; i++)
      health.push((await time(() => app.inject({ method: 'GET', url: '/api/health' })))[0])

    // The supervisor's list (县委统战部 supervises all 2,000): the route and the query behind it.
    const supervisor = await login(app, 'demo-supervisor-united')
    const overview: number[] = []
    let listed = 0
    for (let i = 0; i < QUERIES; i++) {
      const [t, res] = await time(() =>
        app.inject({
          method: 'GET',
          url: `/api/v1/supervision/overview?campaignId=${campaign.id}`,
          headers: supervisor,
        }),
      )
      overview.push(t)
      listed = res.json().enterprises.length
    }

    // Submit and score a full assessment: re-open the demo enterprises' assessments one after another.
    const liaison = await login(app, 'demo-liaison-private')
    const enterprise = await db
      .selectFrom('enterprises')
      .select(['id', 'ownership', 'party_org'])
      .where('name', '=', '县恒达食品有限公司')
      .executeTakeFirstOrThrow()
    const own = await db
      .selectFrom('assessments')
      .select('id')
      .where('enterprise_id', '=', enterprise.id)
      .where('campaign_id', '=', campaign.id)
      .executeTakeFirstOrThrow()
    const url = `/api/v1/enterprises/${enterprise.id}/assessments/${own.id}`
    const view: TAssessment = (await app.inject({ method: 'GET', url, headers: liaison })).json()
    const items = applicableItems(view.items, { ownership: 'private', partyOrg: 'branch' })
    const answers = items.map((item, i) => ({
      itemCode: item.code,
      value: i % 7 === 0 ? 'partial' : i % 11 === 0 ? 'no' : 'yes',
      note: null,
    }))
    const save: number[] = []
    const submit: number[] = []
    await db.updateTable('assessments').set({ status: 'draft' }).where('id', '=', own.id).execute()
    for (const item of items.filter((i) => i.evidence.required)) {
      const body = multipart(TINY_PNG)
      await app.inject({
        method: 'POST',
        url: `${url}/evidence?itemCode=${item.code}`,
        headers: { ...liaison, 'content-type': body.contentType },
        payload: body.payload,
      })
    }
    for (let i = 0; i < SUBMITS; i++) {
      await db.updateTable('assessments').set({ status: 'draft' }).where('id', '=', own.id).execute()
      save.push(
        (
          await time(() =>
            app.inject({ method: 'PUT', url: `${url}/answers`, headers: liaison, payload: { answers } }),
          )
        )[0],
      )
      const [t, res] = await time(() =>
        app.inject({ method: 'POST', url: `${url}/submit`, headers: liaison }),
      )
      if (res.statusCode !== 200) throw new Error(`submit failed: ${res.body}`)
      submit.push(t)
    }

    const h = stats(health)
    const o = stats(overview)
    const s = stats(submit)
    const a = stats(save)
    console.log(
      `\n[${kind}] rows: ${rowCounts.enterprises} enterprises, ${rowCounts.assessments} assessments, ${rowCounts.rectifications} 整改; ${items.length} applicable items per assessment`,
    )
    console.log(`  baseline GET /api/health          median ${ms(h.median)}  p95 ${ms(h.p95)}  (n=${h.n})`)
    console.log(
      `  supervisor overview (${listed} rows)   median ${ms(o.median)}  p95 ${ms(o.p95)}  (n=${o.n})  = ${(o.median / h.median).toFixed(1)}× baseline`,
    )
    console.log(
      `  save all ${answers.length} answers            median ${ms(a.median)}  p95 ${ms(a.p95)}  (n=${a.n})  = ${(a.median / h.median).toFixed(1)}× baseline`,
    )
    console.log(
      `  submit + score + findings         median ${ms(s.median)}  p95 ${ms(s.p95)}  (n=${s.n})  = ${(s.median / h.median).toFixed(1)}× baseline`,
    )
  } finally {
    await bench.close()
  }
}

async function main() {
  await runOn('sqlite')
  if (!(await postgresReachable())) {
    console.log(`\n[postgres] skipped: no server at ${PG_URL}`)
    return
  }
  await runOn('postgres')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
