import { execFileSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../../..')

/**
 * Runs `body` (TypeScript returning a JSON-able value, with the module's exports as `m`) in a Node process
 * whose zone is `zone`. Setting process.env.TZ inside a jest test changes nothing: jest hands the test a
 * copy of the environment, so the clock stays in the machine's zone. The child's own offset is returned
 * with the value, so a test can prove the zone took.
 */
export function inZone<T>(zone: string, modulePath: string, body: string): { offset: number; value: T } {
  const script = [
    `import * as m from ${JSON.stringify(path.join(ROOT, modulePath))}`,
    `const value = (() => { ${body} })()`,
    'console.log(JSON.stringify({ offset: new Date(Date.UTC(2026, 11, 1)).getTimezoneOffset(), value }))',
  ].join('\n')
  const out = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', script], {
    cwd: ROOT,
    env: { ...process.env, TZ: zone },
    encoding: 'utf8',
  })
  return JSON.parse(out.trim().split('\n').pop() ?? 'null')
}

/** The zones the date tests run in, with their offset on 2026-12-01 (getTimezoneOffset: minutes behind UTC). */
export const ZONES: [string, number][] = [
  ['UTC', 0],
  ['America/New_York', 300],
  ['Asia/Shanghai', -480],
  ['Asia/Tokyo', -540],
]
