import type { ObjectStore } from '../../core/objectStore'
import type { Env } from '../../env'
import {
  checkpointLine,
  CheckpointIndex,
  FileCheckpointLog,
  type Checkpoint,
  type CheckpointLog,
} from './checkpoints'

const PREFIX = 'pledge-checkpoints/'

/** `pledge-checkpoints/000000000100.json`: zero-padded, so the keys list in the chain's order. */
export const checkpointKey = (count: number) => `${PREFIX}${String(count).padStart(12, '0')}.json`

/**
 * The checkpoints in the object store (when files are in an S3-compatible bucket, so that every API
 * process sees them without a shared volume): one object per checkpoint, holding the same signed line as
 * the file would. Each question lists only the keys after the last one read.
 */
export class ObjectCheckpointLog extends CheckpointIndex {
  private lastKey = ''
  private readonly refused = new Set<string>()

  constructor(
    private readonly objects: ObjectStore,
    chainKey: string,
  ) {
    super(chainKey)
  }

  /** Two processes anchoring the same count write the same entry: whichever stands verifies. */
  async append(cp: Checkpoint): Promise<void> {
    await this.objects
      .put(checkpointKey(cp.count), Buffer.from(checkpointLine(this.key, cp)), 'application/json')
      .catch((error: { code?: string }) => {
        if (error.code !== 'EEXIST') throw error
      })
  }

  /**
   * Lists after the last checkpoint that verified: a forged object with a high key must not hide the
   * genuine ones after it (it is skipped, and counted once). A checkpoint another process writes below
   * one already read is seen at the next start; until then verification walks from an earlier one.
   */
  protected async readNew(): Promise<void> {
    const keys = await this.objects.list(PREFIX, this.lastKey || undefined)
    let added = false
    for (const key of keys) {
      if (this.refused.has(key)) continue
      const content = await this.objects.read(key)
      if (!content) continue
      const before = this.rejected
      if (this.take(content.toString('utf8').trim())) added = true
      if (this.rejected > before) this.refused.add(key)
      else this.lastKey = key
    }
    if (added) this.sortCounts()
  }
}

/** The object store when files are in a bucket (S3_* set), else PLEDGE_CHECKPOINT_FILE. */
export function checkpointLogFor(env: Env, objects: ObjectStore): CheckpointLog {
  return env.S3_BUCKET
    ? new ObjectCheckpointLog(objects, env.PLEDGE_CHAIN_KEY)
    : new FileCheckpointLog(env.PLEDGE_CHECKPOINT_FILE, env.PLEDGE_CHAIN_KEY)
}
