/**
 * `npm run pledges:verify`: checks the whole pledge chain of the configured database (DATABASE_URL or
 * SQLITE_FILE) with the configured PLEDGE_CHAIN_KEY: every link, every entry against its record, every
 * text and signature image hashed again, every signature and withdrawal on the chain, every checkpoint of
 * PLEDGE_CHECKPOINT_FILE (or the bucket's pledge-checkpoints/, when S3_* is set) met and none of the entries they vouch for missing. Prints the first broken record
 * and exits 1, or exits 0 when everything holds. With `--checkpoint`, a chain that holds is then anchored:
 * every PLEDGE_CHECKPOINT_EVERYth entry not anchored yet, and its head (`npm run pledges:verify -- --checkpoint`,
 * once after upgrading a database whose chain was written before checkpoints existed).
 */
import { loadEnv } from '../server/env'
import { openDatabase } from '../server/core/db/database'
import { verifyWholeChain } from '../server/features/pledges/verify'
import { checkpointLogFor } from '../server/features/pledges/checkpointObjects'
import { objectStoreFor } from '../server/core/s3ObjectStore'
import { anchorChain } from '../server/features/pledges/anchoring'

async function main(): Promise<number> {
  const env = loadEnv()
  const database = openDatabase({ databaseUrl: env.DATABASE_URL, sqliteFile: env.SQLITE_FILE })
  const objects = objectStoreFor(env)
  try {
    const started = Date.now()
    const log = checkpointLogFor(env, objects)
    const anchorsAt = env.S3_BUCKET
      ? `${env.S3_ENDPOINT} ${env.S3_BUCKET}/pledge-checkpoints/`
      : env.PLEDGE_CHECKPOINT_FILE
    const result = await verifyWholeChain(database.db, env.PLEDGE_CHAIN_KEY, log)
    const where = env.DATABASE_URL ? 'PostgreSQL' : env.SQLITE_FILE
    console.log(
      `廉洁承诺哈希链核验（${where}）：${result.pledges} 份承诺，检查链记录 ${result.checked} 条，用时 ${Date.now() - started} ms`,
    )
    const anchor = result.anchor
    console.log(
      anchor
        ? `  链外锚点（${anchorsAt}）：共 ${anchor.count} 条，MAC ${anchor.mac}，写于 ${anchor.at}`
        : `  链外锚点（${anchorsAt}）：尚无`,
    )
    if (log.rejected > 0) console.log(`  ! 锚点文件中有 ${log.rejected} 行未通过签名核验，已忽略`)
    if (result.firstBroken) {
      const b = result.firstBroken
      console.log(`✗ 第一处断点：${b.message}`)
      console.log(`  seq=${b.seq ?? '-'} code=${b.pledgeCode ?? '-'} reason=${b.reason}`)
      return 1
    }
    console.log('✓ 哈希链完整：所有记录与签署时一致')
    if (process.argv.includes('--checkpoint')) {
      const every = env.PLEDGE_CHECKPOINT_EVERY
      const written = await anchorChain(database.db, env.PLEDGE_CHAIN_KEY, log, Date.now(), every)
      const cp = written.checkpoint
      console.log(
        cp
          ? `✓ 链外锚点：共 ${cp.count} 条，MAC ${cp.mac}（本次写入 ${written.added} 个锚点）`
          : '链为空，无需锚点',
      )
    }
    return 0
  } finally {
    objects.close?.()
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
