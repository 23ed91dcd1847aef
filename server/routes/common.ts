import { ZErrorResponse } from '../../src/models/errors'

/** Error answers documented on every route (the body is always the same shape). */
export const errorResponses = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
  422: ZErrorResponse,
}

export const idempotencyHeader = {
  'idempotency-key': {
    description: '幂等键：同一键的重复请求返回首次结果，不会重复创建',
  },
}
