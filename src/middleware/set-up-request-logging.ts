import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pinoHttp } from 'pino-http'
import type { Logger } from '../logger.js'

export interface RequestLoggingOptions {
  /**
   * Leave out requests for static files (/public, /assets, the favicon). In development every page
   * pulls a dozen of them, which would bury the one line per page that says what happened.
   */
  skipStaticFiles?: boolean
}

/**
 * One log line per request with a request id (also sent back as X-Request-Id). Only method, path
 * (without the query string, which may hold an email or a token) and status are logged; the
 * message says the same in words ("GET /courses 200 12ms") for people reading the logs.
 */
export function setUpRequestLogging(logger: Logger, options: RequestLoggingOptions = {}) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = randomUUID()
      res.setHeader('X-Request-Id', id)
      return id
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: loggedPath(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customSuccessMessage: (req, res, responseTime) => requestLine(req, res.statusCode, responseTime),
    customErrorMessage: (req, res) => requestLine(req, res.statusCode),
    autoLogging: { ignore: (req) => !shouldLog(req.url ?? '', options) },
  })
}

/** Health probes never; static files only when asked for (production keeps them, development not). */
export function shouldLog(url: string, options: RequestLoggingOptions = {}): boolean {
  const path = url.split('?')[0] ?? ''
  if (path === '/healthz' || path.startsWith('/assets/')) return false
  if (options.skipStaticFiles && (path.startsWith('/public/') || path === '/favicon.ico')) return false
  return true
}

function requestLine(req: IncomingMessage, status: number, responseTime?: number): string {
  const time = responseTime === undefined ? '' : ` ${Math.round(responseTime)}ms`
  // Express rewrites req.url inside mounted routers; originalUrl is what the client asked for.
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? ''
  return `${req.method ?? ''} ${loggedPath(url)} ${status}${time}`
}

const loggedPath = (url: string): string => redactPath(url.split('?')[0] ?? '')

/** Manage-link and calendar-feed tokens travel in paths: keep them out of the logs. */
export function redactPath(path: string): string {
  return path.replace(/\/(manage|find-my-bookings|offer|reset|reset-password|calendar)\/[^/]+/g, '/$1/[token]')
}
