// `npm run fuzz`: the long run of tests/api/fuzz.test.ts (FUZZ_REQUESTS, default 20000, per database).
// TEST_DB=sqlite or TEST_DB=postgres runs one database; unset, both. Prints requests sent and failures.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const databases = process.env.TEST_DB ? [process.env.TEST_DB] : ['sqlite', 'postgres']
let failed = false
for (const db of databases) {
  const result = spawnSync(
    path.join(root, 'node_modules/.bin/jest'),
    ['--selectProjects', 'api', '--testPathPatterns', 'tests/api/fuzz.test.ts'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TEST_DB: db, FUZZ_REQUESTS: process.env.FUZZ_REQUESTS ?? '20000' },
    },
  )
  failed ||= result.status !== 0
}
process.exit(failed ? 1 : 0)
