import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'

export interface LocalS3 {
  endpoint: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
  /** The settings that point an app at it (createTestApp overrides, or a child process's environment). */
  env: Record<string, string>
  stop(): Promise<void>
}

/**
 * An S3-compatible server in this process (s3rver: requests signed and checked like S3's), on a random
 * port over a temporary folder, with one empty bucket. s3rver knows one account, S3RVER/S3RVER.
 */
export async function startS3(bucket = 'qinglian-test'): Promise<LocalS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
  return {
    endpoint,
    bucket,
    ...credentials,
    env: {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    async stop() {
      await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
