/**
 * One "API process" for the checkpoint log's concurrency test: says `ready`, waits for a line on stdin
 * (so that two such processes start together), then appends `count` checkpoints to `file` as fast as it can.
 * Usage: tsx appendCheckpoints.ts <file> <key> <first count> <count>
 */
import { FileCheckpointLog } from '../../../../server/features/pledges/checkpoints'

const [file, key, first, count] = process.argv.slice(2)
const log = new FileCheckpointLog(file, key)
process.stdin.once('data', async () => {
  for (let i = 0; i < Number(count); i++) {
    const n = Number(first) + i
    await log.append({ count: n, mac: n.toString(16).padStart(64, '0'), at: new Date().toISOString() })
  }
  process.exit(0)
})
process.stdout.write('ready\n')
