import { z } from 'zod'

import { ERROR_MESSAGES, type TErrorCode } from './errorMessages'

export { ERROR_MESSAGES, type TErrorCode }

export const ZErrorField = z.object({
  path: z.string(),
  message: z.string(),
  /** A stable reason for this field where the app acts on it (e.g. 'na_not_allowed'); the message is for people. */
  kind: z.string().optional(),
})
export type TErrorField = z.infer<typeof ZErrorField>

export const ZErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(ZErrorField),
    }),
  })
  .meta({ id: 'ErrorResponse' })
export type TErrorResponse = z.infer<typeof ZErrorResponse>
