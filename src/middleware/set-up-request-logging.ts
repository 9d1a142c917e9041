import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pinoHttp } from 'pino-http'
import type { Logger } from '../logger.js'

/**
 * One log line per request with a request id (also sent back as X-Request-Id). Only method, path
 * (without the query string, which may hold an email or a token) and status are logged.
 */
export function setUpRequestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = randomUUID()
      res.setHeader('X-Request-Id', id)
      return id
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: redactPath(req.url.split('?')[0] ?? '') }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || (req.url ?? '').startsWith('/assets/') },
  })
}

/** Manage-link tokens travel in paths: keep them out of the logs. */
export function redactPath(path: string): string {
  return path.replace(/\/(manage|find-my-bookings|offer|reset|reset-password)\/[^/]+/g, '/$1/[token]')
}
