import type { Readable } from 'node:stream'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import type { Env } from '../env'
import { checkKey, DiskObjectStore, type ObjectStore } from './objectStore'

export interface S3Settings {
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
}

/** The SDK's answer for an object that is not there (GET gives NoSuchKey; some servers only the status). */
function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } }
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404
}

/**
 * Objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, the clouds' own), addressed path-style
 * (`<endpoint>/<bucket>/<key>`), which every such server accepts.
 */
export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client
  private readonly bucket: string

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: true,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // The SDK's default CRC checksums on every request are not understood by many S3-compatible
      // servers; the bytes' SHA-256 is recorded by the caller anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  }

  async put(key: string, content: Buffer, mime: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: checkKey(key), Body: content, ContentType: mime }),
    )
  }

  /** The object's answer, or null when there is no such object. */
  private async get(key: string) {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }))
      return object.Body ? object : null
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }

  async open(key: string): Promise<{ stream: Readable; size?: number } | null> {
    const object = await this.get(key)
    // In Node the body is the HTTP response itself: streamed on, never held whole in memory.
    return object ? { stream: object.Body as Readable, size: object.ContentLength } : null
  }

  async read(key: string): Promise<Buffer | null> {
    const object = await this.get(key)
    return object ? Buffer.from(await object.Body!.transformToByteArray()) : null
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }))
  }

  async list(prefix: string, after?: string): Promise<string[]> {
    const keys: string[] = []
    let token: string | undefined
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          StartAfter: after,
          ContinuationToken: token,
        }),
      )
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key)
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return keys.sort()
  }

  close(): void {
    this.client.destroy()
  }
}

/** The S3-compatible bucket when it is configured (all four settings, checked in env.ts), else UPLOAD_DIR. */
export function objectStoreFor(env: Env): ObjectStore {
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION } = env
  if (S3_ENDPOINT && S3_BUCKET && S3_ACCESS_KEY_ID && S3_SECRET_ACCESS_KEY)
    return new S3ObjectStore({
      endpoint: S3_ENDPOINT,
      bucket: S3_BUCKET,
      region: S3_REGION,
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
    })
  return new DiskObjectStore(env.UPLOAD_DIR)
}
