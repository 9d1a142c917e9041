import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Logger } from '../logger.js'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export const notFound = (): RequestHandler => (_req, res) => {
  res.status(404).render('pages/errors/not-found')
}

/**
 * The one error path. Client errors (4xx, including body-parser's and CSRF's) get their status and
 * a plain page; anything else is logged with the request id and shown as "Sorry, there is a
 * problem" with no stack trace.
 */
export const errorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (error: unknown, req, res, _next) => {
    const err = error as { status?: number; statusCode?: number; code?: string; message?: string }
    const status = err.status ?? err.statusCode ?? 500
    if (res.headersSent) return
    if (status >= 400 && status < 500) {
      res.status(status)
      if (status === 404) return res.render('pages/errors/not-found')
      return res.render('pages/errors/client-error', {
        status,
        message:
          err.code === 'EBADCSRFTOKEN'
            ? 'The form has expired. Go back, reload the page and try again.'
            : (err.message ?? 'The request could not be understood.'),
      })
    }
    ;(req.log ?? logger).error({ err: error }, 'unhandled error')
    res.status(500).render('pages/errors/server-error')
  }
