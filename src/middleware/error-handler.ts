import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Logger } from '../logger.js'
import { defaultLanguage } from '../i18n/languages.js'
import type { Translate } from '../i18n/translator.js'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * What a 4xx page says. An expired form is worded in the visitor's language; other messages are
 * English (our HttpErrors come from staff pages and forms that word their own errors; a library's,
 * such as body-parser's, is shown as it is in English and as a plain sentence in other languages).
 */
function clientErrorMessage(error: unknown, t: Translate, english: boolean): string {
  const err = error as { code?: string; message?: string }
  if (err.code === 'EBADCSRFTOKEN') return t('errors:clientError.formExpired')
  if (error instanceof HttpError || (english && err.message)) return err.message!
  return t('errors:clientError.notUnderstood')
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
        message: clientErrorMessage(error, res.locals.t as Translate, res.locals.lang === defaultLanguage),
      })
    }
    ;(req.log ?? logger).error({ err: error }, 'unhandled error')
    res.status(500).render('pages/errors/server-error')
  }
