import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { call } from './testApp'

/** Helpers of the 操作日志 tests (api and unit). */

/** What a county clerk could not read in a 内容: a stored key or code, a bare number under 编号, a UTC instant. */
export function unreadableParts(text: string): string[] {
  return text
    .split(/[；，、]/)
    .filter(
      (part) =>
        /^\s*[A-Za-z_][\w]*[：\s]/.test(part) ||
        /编号：/.test(part) ||
        /[：\s→]\s*[a-z][a-z_]*(\s|$)/.test(part) ||
        /\d{4}-\d{2}-\d{2}T/.test(part),
    )
}

/** Every action code the server writes (`action: 'x.y'` in server/, and `x.${verb}` over its verbs). */
export function actionsWritten(): string[] {
  const found = new Set<string>()
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (file.endsWith('.ts')) {
        const source = fs.readFileSync(file, 'utf8')
        for (const m of source.matchAll(/\baction['"]?: *'([a-z_]+(?:\.[a-z_]+)+)'/g)) found.add(m[1])
        // `membership.${verb}` over a list of [verb, …] pairs: each verb.
        for (const m of source.matchAll(/\baction: `([a-z_.]+)\.\$\{verb\}`/g))
          for (const v of source.matchAll(/\[\s*'([a-z_]+)',/g)) found.add(`${m[1]}.${v[1]}`)
      }
    }
  }
  walk(path.resolve(__dirname, '../../../server'))
  return [...found].sort()
}

/**
 * A supervisor's 组织者代签 of `userId` at the first event a department organises, a minute after its
 * sign-in opens (`setNow` moves the test's clock there).
 */
export async function proxySignIn(
  app: FastifyInstance,
  supervisor: string,
  userId: number,
  setNow: (at: number) => void,
): Promise<void> {
  const event = await app.db
    .selectFrom('events')
    .select(['id', 'sign_in_opens_at'])
    .where('organiser_kind', '=', 'department')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  setNow(Date.parse(event.sign_in_opens_at) + 60_000)
  const proxy = await call(app, supervisor, {
    method: 'POST',
    url: `/api/v1/events/${event.id}/sign-ins/proxy`,
    payload: { userId, reason: '手机没电，现场登记' },
  })
  if (proxy.statusCode !== 201) throw new Error(`代签 failed: ${proxy.statusCode} ${proxy.body}`)
}

export interface AuditSheetRow {
  person: string
  unit: string
  action: string
  object: string
  detail: string
}

/** The rows of the office's 操作日志 export (`query`: its filter), under the title, the filter and the header. */
export async function exportedAuditRows(
  app: FastifyInstance,
  office: string,
  query = '',
): Promise<AuditSheetRow[]> {
  const res = await call(app, office, { method: 'GET', url: `/api/v1/audit-log.xlsx${query}` })
  if (res.statusCode !== 200) throw new Error(`export failed: ${res.statusCode} ${res.body}`)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  const rows: AuditSheetRow[] = []
  book.getWorksheet('操作日志')!.eachRow((row, n) => {
    if (n > 3)
      rows.push({
        person: row.getCell(3).text,
        unit: row.getCell(4).text,
        action: row.getCell(5).text,
        object: row.getCell(6).text,
        detail: row.getCell(7).text,
      })
  })
  return rows
}
