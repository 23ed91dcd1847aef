import { ERROR_MESSAGES, type TErrorCode, type TErrorField } from '../../src/models/errors'

/** The one error type services throw; the error handler turns it into `{ error: { code, message, fields } }`. */
export class AppError extends Error {
  readonly statusCode: number
  readonly code: TErrorCode
  readonly fields: TErrorField[]

  constructor(statusCode: number, code: TErrorCode, message?: string, fields: TErrorField[] = []) {
    super(message ?? ERROR_MESSAGES[code])
    this.statusCode = statusCode
    this.code = code
    this.fields = fields
  }
}

export const notFound = () => new AppError(404, 'NOT_FOUND')
export const unauthenticated = (
  code: 'UNAUTHENTICATED' | 'TOKEN_EXPIRED' | 'TOKEN_INVALID' = 'UNAUTHENTICATED',
) => new AppError(401, code)
export const invalid = (path: string, message: string, code: TErrorCode = 'VALIDATION_FAILED') =>
  new AppError(400, code, ERROR_MESSAGES[code], [{ path, message }])

/** What a lookup found; a missing record answers the 404 every route gives for one. */
export async function found<T>(lookup: Promise<T | null | undefined>): Promise<T> {
  const value = await lookup
  if (!value) throw notFound()
  return value
}
