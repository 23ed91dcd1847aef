import crypto from 'node:crypto'
import { createClient } from '@redis/client'

/**
 * The Redis the shared rate limits are tested against: TEST_REDIS_URL (.ci/run starts one on 127.0.0.1:6379).
 * `npm test` sets it empty when no Redis answers outside CI: the suites that need one are then skipped.
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
export const describeWithRedis = TEST_REDIS_URL ? describe : describe.skip

/** Keys of one test run only (files run in parallel on one Redis, and on both databases at once). */
export function testKeyPrefix(): string {
  return `qlqy-test:${process.pid}:${crypto.randomBytes(4).toString('hex')}:`
}

/** A plain connection to look at and clean up what a run wrote. */
export async function redisInspector() {
  const client = createClient({ url: TEST_REDIS_URL })
  await client.connect()
  return {
    client,
    async keys(prefix: string): Promise<string[]> {
      const found: string[] = []
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) found.push(...batch)
      return found.sort()
    },
    /** Deletes the run's keys and disconnects. */
    async cleanUp(prefix: string): Promise<void> {
      const keys = await this.keys(prefix)
      if (keys.length > 0) await client.unlink(keys)
      await client.close()
    },
  }
}
