import { z } from 'zod'

/**
 * One file model for everything uploaded: 自查佐证, 整改佐证, 会议附件 (签到表, 现场照片) and anything later.
 * The server decides the type from the file's bytes; `url` is a link signed for a limited time (images
 * cannot send the bearer token).
 */
export const ZStoredFile = z.object({
  id: z.number().int(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** A link signed for a limited time (images cannot send the bearer token). */
  url: z.string(),
  createdAt: z.string(),
})
export type TStoredFile = z.infer<typeof ZStoredFile>

/**
 * A stored file as one owner sends it: `id`, then the owner's own field (an item code, a meeting
 * attachment's kind), then the stored-file fields, in the order the API has always sent them.
 */
export function storedFileWith<K extends string, T extends z.ZodType>(key: K, schema: T) {
  const { id, ...rest } = ZStoredFile.shape
  return z.object({ id, ...({ [key]: schema } as { [P in K]: T }), ...rest })
}

/** A file as evidence: of a self-assessment item (`itemCode`) or of a 整改 (empty `itemCode`). */
export const ZEvidenceFile = storedFileWith('itemCode', z.string()).meta({ id: 'EvidenceFile' })
export type TEvidenceFile = z.infer<typeof ZEvidenceFile>
