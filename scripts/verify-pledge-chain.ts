/**
 * `npm run pledges:verify`: checks the whole pledge chain of the configured database (DATABASE_URL or
 * SQLITE_FILE) with the configured PLEDGE_CHAIN_KEY: every link, every entry against its record, every
 * text and signature image hashed again, every signature and withdrawal on the chain. Prints the first
 * broken record and exits 1, or exits 0 when everything holds.
 */
import { loadEnv } from '../server/env'
import { openDatabase } from '../server/core/db/database'
import { verifyWholeChain } from '../server/features/pledges/verify'

async function main(): Promise<number> {
  const env = loadEnv()
  const database = openDatabase({ databaseUrl: env.DATABASE_URL, sqliteFile: env.SQLITE_FILE })
  try {
    const started = Date.now()
    const result = await verifyWholeChain(database.db, env.PLEDGE_CHAIN_KEY)
    const where = env.DATABASE_URL ? 'PostgreSQL' : env.SQLITE_FILE
    console.log(
      `廉洁承诺哈希链核验（${where}）：${result.pledges} 份承诺，检查链记录 ${result.checked} 条，用时 ${Date.now() - started} ms`,
    )
    if (result.firstBroken) {
      const b = result.firstBroken
      console.log(`✗ 第一处断点：${b.message}`)
      console.log(`  seq=${b.seq ?? '-'} code=${b.pledgeCode ?? '-'} reason=${b.reason}`)
      return 1
    }
    console.log('✓ 哈希链完整：所有记录与签署时一致')
    return 0
  } finally {
    await database.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    const message = error instanceof Error ? error.message : String(error)
    console.error(
      /no such table|does not exist/.test(message)
        ? `数据库中还没有承诺表（${message}）：请先启动一次服务器，完成数据库迁移`
        : message,
    )
    process.exit(2)
  },
)
