import type { NextFunction, Request, Response } from 'express'

/**
 * Control characters (C0 but tab, line feed and carriage return; DEL; C1) have no place in anything
 * a person types or a link carries, and PostgreSQL refuses U+0000 outright: one in a form field or
 * an address used to fail deep inside a query or a session save, as a 500. Refused here, for every
 * route at once, with a 400 and words a person can act on.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

const UNREADABLE =
  'The information you sent has characters we cannot accept, such as invisible control characters. Go back, retype it and try again.'
const NOT_A_FORM = 'This address only accepts a form sent from its page. Go back to the page and try again.'

export function refuseUnreadableInput(req: Request, res: Response, next: NextFunction): void {
  if (hasControlCharacter(decoded(req.path)) || hasControlCharacter(req.query)) return refuse(res, 400, UNREADABLE)
  if (req.method === 'POST' && !formOrEmpty(req)) return refuse(res, 415, NOT_A_FORM)
  // A POST with no body at all still gets an object, so every form reader can look fields up.
  req.body ??= {}
  if (hasControlCharacter(req.body)) return refuse(res, 400, UNREADABLE)
  next()
}

function formOrEmpty(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? 0)
  const chunked = req.headers['transfer-encoding'] !== undefined
  if (length === 0 && !chunked) return true
  return req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded'
}

/** The path as the router will see it: an address whose %-escapes don't decode is itself unreadable. */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return '\u0000'
  }
}

function hasControlCharacter(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value)
  if (depth > 5 || value === null || typeof value !== 'object') return false
  return Object.entries(value).some(([key, item]) => CONTROL_CHARACTER.test(key) || hasControlCharacter(item, depth + 1))
}

function refuse(res: Response, status: number, message: string): void {
  res.status(status).render('pages/errors/client-error', { status, message })
}
