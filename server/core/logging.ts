import type { FastifyRequest, FastifyServerOptions } from 'fastify'

const REDACTED = '[redacted]'

/**
 * A URL as the log may keep it: the capabilities some URLs carry are cut out (a display token in the
 * path, a file link's signature, invite / administrator / sign-in codes in the query).
 */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/display\/)[^/?#]+/, `$1${REDACTED}`)
    .replace(/([?&](?:sig|token|code|c)=)[^&#]*/g, `$1${REDACTED}`)
}

/**
 * The server's logger: bearer and display tokens never reach it. Fastify logs no headers by default;
 * the redact paths are a guard for any object a route or plugin logs (`{ headers }`, a login answer).
 */
export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'token',
        '*.token',
        '*.*.token',
        'displayToken',
        '*.displayToken',
        'qrPath',
        '*.qrPath',
      ],
      censor: REDACTED,
    },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  }
}
